// Imports a program may have, bound to what the machine provides: host functions of module
// `env` (assert_eq*), and — for running the WebAssembly spec tests — the harness module
// `spectest` (print functions that do nothing, constant globals, a memory, a table).

import type { Module } from '../wasm/module.js';
import { printable } from '../wasm/names.js';
import { importSignature, unknownImport, unsupportedFeature } from '../diagnostics.js';
import { HOST_FUNCS, type HostFuncName } from './ops.js';
import type { IrGlobal } from './ir.js';

export type HostBinding = HostFuncName | 'ignore' | 'stub';

export interface HostEnvironment {
  /** accept the spec-test harness module `spectest` */
  spectest?: boolean;
  /** immutable globals other modules export, by `module.name` (spec scripts' `register`) */
  globals?: ReadonlyMap<string, IrGlobal>;
  /**
   * bind every function import this compiler does not provide to a trap ('stubbed import'):
   * compiles programs whose host (NEAR's, say) is not implemented yet, to measure or check them
   */
  stubImports?: boolean;
  /** accept the internal host functions of module `w2z` (`__w2z_*`: programs the NEAR linker makes) */
  internal?: boolean;
}

export interface BoundImports {
  /** imported function index → host function ('ignore': a call that does nothing; 'stub': a call that traps) */
  funcs: Map<number, HostBinding>;
  /** imported globals, in index order */
  globals: IrGlobal[];
  memory?: { minPages: number; maxPages?: number };
  tableSize?: number;
}

const SPECTEST_GLOBALS: Record<string, IrGlobal> = {
  global_i32: { type: 'i32', mutable: false, init: 666n },
  global_i64: { type: 'i64', mutable: false, init: 666n },
};

export function bindImports(module: Module, fileName: string, env: HostEnvironment = {}): BoundImports {
  const out: BoundImports = { funcs: new Map(), globals: [] };
  let funcIndex = 0;
  const at = (offset: number) => `@0x${offset.toString(16)}`;
  for (const imp of module.imports) {
    const spectest = env.spectest === true && imp.module === 'spectest';
    switch (imp.desc.kind) {
      case 'func': {
        const t = module.types[imp.desc.typeIndex]!;
        if (spectest && imp.name.startsWith('print') && t.results.length === 0) {
          out.funcs.set(funcIndex++, 'ignore');
          break;
        }
        const name = imp.name as HostFuncName;
        // `__w2z_*` functions come only from module `w2z`, and only in programs that ask for them
        const internal = name.startsWith('__w2z_');
        const provided = Object.hasOwn(HOST_FUNCS, name)
          && (internal ? imp.module === 'w2z' && env.internal === true : imp.module === 'env');
        if (!provided && env.stubImports === true) {
          out.funcs.set(funcIndex++, 'stub');
          break;
        }
        if (!provided) throw unknownImport(fileName, printable(imp.module), printable(imp.name), imp.offset);
        const want = HOST_FUNCS[name];
        const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
        if (!same(t.params, want.params) || !same(t.results, want.results)) {
          throw importSignature(fileName, printable(imp.module), printable(imp.name), imp.offset, `(${want.params.join(', ')}) -> (${want.results.join(', ')})`);
        }
        out.funcs.set(funcIndex++, name);
        break;
      }
      case 'global': {
        const g = env.globals?.get(`${imp.module}.${imp.name}`) ?? (spectest ? SPECTEST_GLOBALS[imp.name] : undefined);
        if (!g || g.type !== imp.desc.global.type) {
          throw unsupportedFeature(fileName, `global import ${printable(imp.module)}.${printable(imp.name)}`, at(imp.offset));
        }
        out.globals.push(g);
        break;
      }
      case 'memory':
        if (!spectest || imp.name !== 'memory') throw unsupportedFeature(fileName, `memory import ${printable(imp.module)}.${printable(imp.name)}`, at(imp.offset));
        out.memory = { minPages: 1, maxPages: 2 };
        break;
      case 'table':
        if (!spectest || imp.name !== 'table') throw unsupportedFeature(fileName, `table import ${printable(imp.module)}.${printable(imp.name)}`, at(imp.offset));
        out.tableSize = 10;
        break;
    }
  }
  return out;
}
