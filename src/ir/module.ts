// Module-level IR construction: bind host imports, pick the entry, build every function the
// entry can reach.

import type { Module } from '../wasm/module.js';
import { funcName, funcType, importedFuncCount } from '../wasm/names.js';
import { entrySignature, importSignature, noEntry, unknownImport } from '../diagnostics.js';
import { bindHostImports, buildFunction } from './build.js';
import type { IrFunction, IrModule } from './ir.js';

export interface BuildOptions {
  /** entry function: export name or `$name`; default start, else export `main`, else `_start` */
  entry?: string;
}

export function buildModule(module: Module, fileName: string, opts: BuildOptions = {}): IrModule {
  const hosts = bindHostImports(module, fileName,
    (mod, name, offset) => { throw unknownImport(fileName, mod, name, offset); },
    (mod, name, offset, want) => { throw importSignature(fileName, mod, name, offset, want); });
  const entry = findEntry(module, fileName, opts.entry);
  if (funcType(module, entry).params.length > 0) throw entrySignature(fileName, funcName(module, entry));

  const imported = importedFuncCount(module);
  const order = reachableFunctions(module, entry).sort((a, b) => a - b);
  const ctx = { module, fileName, hosts };
  const funcs: IrFunction[] = order.filter((f) => f >= imported).map((f) => buildFunction(ctx, f));
  return { fileName, funcs, entry: funcs.findIndex((f) => f.index === entry) };
}

function findEntry(m: Module, fileName: string, wanted: string | undefined): number {
  const imported = importedFuncCount(m);
  const isDefined = (f: number) => f >= imported;
  if (wanted !== undefined) {
    const bare = wanted.replace(/^\$/, '');
    const exp = m.exports.find((e) => e.kind === 'func' && e.name === bare);
    if (exp && isDefined(exp.index)) return exp.index;
    for (const [idx, name] of m.names.funcs) if (name === bare && isDefined(idx)) return idx;
    throw noEntry(fileName, `no defined function named ${wanted}`);
  }
  if (m.start !== undefined) {
    if (!isDefined(m.start)) throw noEntry(fileName, 'the start function is an import');
    return m.start;
  }
  for (const name of ['main', '_start']) {
    const exp = m.exports.find((e) => e.kind === 'func' && e.name === name);
    if (exp && isDefined(exp.index)) return exp.index;
  }
  throw noEntry(fileName, 'no start function and no exported main or _start (use --entry NAME)');
}

/** The entry and every function a `call` chain from it reaches. */
function reachableFunctions(m: Module, entry: number): number[] {
  const imported = importedFuncCount(m);
  const seen = new Set<number>([entry]);
  const work = [entry];
  while (work.length > 0) {
    const f = work.pop()!;
    if (f < imported) continue;
    for (const ins of m.codes[f - imported]!.body) {
      if (ins.op === 'call' && !seen.has(ins.index!)) {
        seen.add(ins.index!);
        work.push(ins.index!);
      }
    }
  }
  return [...seen];
}
