// Module-level IR construction: bind host imports, pick the entry, evaluate the constant parts
// of the module (globals, segments, tables), build every function the entry can reach.

import type { ConstExpr, Module } from '../wasm/module.js';
import { funcName, funcType, importedFuncCount } from '../wasm/names.js';
import { entrySignature, noEntry, programTooLarge, unsupportedFeature } from '../diagnostics.js';
import { buildFunction } from './build.js';
import { linkSoftFloat } from '../wasm/softfloat.js';
import { irTypeOf } from './ops.js';
import { bindImports, type HostEnvironment } from './imports.js';
import type { IrFunction, IrModule, IrTable, IrType, TrapKind } from './ir.js';

export interface BuildOptions {
  /**
   * entry function, called after the start function: export name or `$name`; default export
   * `main`, else `_start`, else none when the module has a start function
   */
  entry?: string;
  /**
   * Build for invocations of these functions instead of one entry (the spec runner): the start
   * function, if any, and every root are compiled.
   */
  roots?: number[];
  host?: HostEnvironment;
  /**
   * Spec runs only: functions to build as a bare trap (code we cannot compile, reachable only
   * through a table by invocations that do not call it).
   */
  stubs?: Set<number>;
}

const PAGE = 65536;
/** Table entries the IR holds (each a slot of an array; a table a program calls through needs 2 words of variables an entry) */
const MAX_TABLE_ENTRIES = 1 << 20;
/**
 * Pages of linear memory this machine provides: it addresses 2^24 words of 4 bytes (1024
 * pages), and an access at a memory's last bytes reads the word after them (the narrow and
 * unaligned helpers take two words), so the last page stays unused. A memory that could grow
 * further fails to (memory.grow returns -1), as the spec allows.
 */
export const MACHINE_MAX_PAGES = 1023;

export function buildModule(input: Module, fileName: string, opts: BuildOptions = {}): IrModule {
  const module = linkSoftFloat(input);
  const bound = bindImports(module, fileName, opts.host);
  const hosts = bound.funcs;
  const start = module.start;
  if (start !== undefined && start < importedFuncCount(module)) throw noEntry(fileName, 'the start function is an import');
  const entry = opts.roots ? undefined : findEntry(module, fileName, opts.entry);
  const entryArgs = entry === undefined ? 0 : entryArgCount(module, fileName, entry);

  // f32 / f64 globals hold their bit patterns; any other type (v128, references) is only an
  // error where code uses it (globalTypes: null)
  const globals = [...bound.globals, ...module.globals.map((g) => {
    const type: IrType = irTypeOf(g.type.type) ?? 'i64';
    return { type, mutable: g.type.mutable, init: 0n };
  })];
  const globalTypes = [...bound.globals.map((g) => g.type), ...module.globals.map((g) => irTypeOf(g.type.type))];
  module.globals.forEach((g, i) => {
    if (globalTypes[bound.globals.length + i] !== null) globals[bound.globals.length + i]!.init = evalConst(g.init, globals, fileName);
  });

  const imported = importedFuncCount(module);
  const funcTypes: number[] = [];
  for (const imp of module.imports) if (imp.desc.kind === 'func') funcTypes.push(imp.desc.typeIndex);
  funcTypes.push(...module.funcs);

  let startTrap: TrapKind | undefined;
  const memory = module.memories[0] ? { minPages: module.memories[0].min, ...(module.memories[0].max !== undefined ? { maxPages: module.memories[0].max } : {}) } : bound.memory;
  const data = module.datas.map((d) => {
    const active = d.mode === 'active';
    const offset = active ? Number(evalConst(d.offset!, globals, fileName)) : 0;
    // the NEAR host's data (memory 1, src/near/link.ts) sits at its base, beyond any program memory
    if (d.memory === 1 && module.hostMemoryBase !== undefined && active) return { active, offset: offset + module.hostMemoryBase, bytes: d.bytes };
    if (d.owner !== undefined) return { active, offset, bytes: d.bytes, contract: d.owner };
    if (active && offset + d.bytes.length > (memory ? memory.minPages * PAGE : 0)) startTrap ??= 'out of bounds memory access';
    return { active, offset, bytes: d.bytes };
  });
  for (const t of module.tables) {
    if (t.limits.min > MAX_TABLE_ENTRIES) throw programTooLarge(fileName, `a table of ${t.limits.min} entries (this compiler takes up to ${MAX_TABLE_ENTRIES})`);
  }
  if (memory && memory.minPages > MACHINE_MAX_PAGES) {
    throw programTooLarge(fileName, `an initial memory of ${memory.minPages} pages; this machine has ${MACHINE_MAX_PAGES} (64 MiB)`);
  }
  const tables: IrTable[] = [
    ...(bound.tableSize !== undefined ? [{ elems: new Array<number | null>(bound.tableSize).fill(null) }] : []),
    ...module.tables.map((t) => ({ elems: new Array<number | null>(t.limits.min).fill(null) })),
  ];
  for (const e of module.elems) {
    if (e.mode !== 'active') continue;
    const table = tables[e.table];
    const offset = Number(evalConst(e.offset!, globals, fileName));
    if (!table || offset + e.init.length > table.elems.length) { startTrap ??= 'out of bounds table access' as TrapKind; continue; }
    e.init.forEach((expr, k) => {
      const ins = expr[0];
      table.elems[offset + k] = ins?.op === 'ref.func' ? ins.index! : null;
    });
  }

  const types = module.types.map((t) => ({ params: [...t.params], results: [...t.results] }));
  const roots = [...(start !== undefined ? [start] : []), ...(entry !== undefined ? [entry] : []), ...(opts.roots ?? [])];
  const order = reachableFunctions(module, roots, tables).sort((a, b) => a - b);
  const ctx = { module, fileName, hosts, globalTypes };
  const funcs: IrFunction[] = order.filter((f) => f >= imported).map((f) => (opts.stubs?.has(f) ? trapFunction(module, f) : buildFunction(ctx, f)));
  return {
    fileName, funcs, globals, data, tables, funcTypes,
    start: start === undefined ? -1 : funcs.findIndex((f) => f.index === start),
    entry: entry === undefined ? -1 : funcs.findIndex((f) => f.index === entry), entryArgs,
    types,
    ...(memory ? { memory } : {}),
    ...(module.contractPages ? { contractPages: module.contractPages } : {}),
    ...(module.dirtyFlagsBase !== undefined ? { dirtyFlags: module.dirtyFlagsBase / 4 } : {}),
    ...(startTrap ? { startTrap } : {}),
  };
}

function trapFunction(m: Module, f: number): IrFunction {
  const t = funcType(m, f);
  // a stub's signature may hold only numbers: anything else was refused before a stub is asked for
  const bits = (v: string): IrType => irTypeOf(v) ?? 'i32';
  const types = t.params.map(bits);
  return {
    name: funcName(m, f), index: f, params: types, results: t.results.map(bits),
    // the trap names the function's body: a run that reaches it says where
    blocks: [{ id: 0, params: types.map((_, i) => i), insts: [], term: { kind: 'trap', trap: 'unreachable', offset: m.codes[f - importedFuncCount(m)]?.offset ?? -1 } }],
    types,
  };
}

/** Constant expressions: `t.const`, `global.get` of an earlier global. */
function evalConst(expr: ConstExpr, globals: { init: bigint }[], fileName: string): bigint {
  const ins = expr[0];
  if (expr.length === 1 && ins && /^[if](32|64)\.const$/.test(ins.op)) return ins.value!;
  if (expr.length === 1 && ins?.op === 'global.get' && globals[ins.index!]) return globals[ins.index!]!.init;
  throw unsupportedFeature(fileName, `constant expression ${expr.map((i) => i.op).join(' ')}`);
}

/** The function the host calls after instantiation; undefined when the start function is the program. */
function findEntry(m: Module, fileName: string, wanted: string | undefined): number | undefined {
  const imported = importedFuncCount(m);
  const isDefined = (f: number) => f >= imported;
  if (wanted !== undefined) {
    const bare = wanted.replace(/^\$/, '');
    const exp = m.exports.find((e) => e.kind === 'func' && e.name === bare);
    if (exp && isDefined(exp.index)) return exp.index;
    for (const [idx, name] of m.names.funcs) if (name === bare && isDefined(idx)) return idx;
    throw noEntry(fileName, `no defined function named ${wanted}`);
  }
  for (const name of ['main', '_start']) {
    const exp = m.exports.find((e) => e.kind === 'func' && e.name === name);
    // a start function exported as main is the program run by instantiation (NEAR's
    // benchmarks): calling it again would run the whole program twice
    if (exp && exp.index === m.start) return undefined;
    if (exp && isDefined(exp.index)) return exp.index;
  }
  if (m.start !== undefined) return undefined;
  throw noEntry(fileName, 'no start function and no exported main or _start (use --entry NAME)');
}

/**
 * The entry takes no parameters — except clang's `int main(int argc, char **argv)`, which a C
 * `main(void)` also becomes (an exported `main` of two i32): it is called with (0, 0).
 */
function entryArgCount(m: Module, fileName: string, entry: number): number {
  const params = funcType(m, entry).params;
  if (params.length === 0) return 0;
  const isMain = m.exports.some((e) => e.kind === 'func' && e.name === 'main' && e.index === entry);
  if (isMain && params.length === 2 && params.every((p) => p === 'i32')) return 2;
  throw entrySignature(fileName, funcName(m, entry));
}

/** The roots, every function a `call` chain reaches, and the table's functions once any reached function calls indirectly. */
export function reachableFunctions(m: Module, roots: number[], tables: IrTable[]): number[] {
  const imported = importedFuncCount(m);
  const seen = new Set<number>(roots);
  const work = [...roots];
  let tablesAdded = false;
  const add = (f: number) => {
    if (!seen.has(f)) { seen.add(f); work.push(f); }
  };
  while (work.length > 0) {
    const f = work.pop()!;
    if (f < imported) continue;
    for (const ins of m.codes[f - imported]!.body) {
      if (ins.op === 'call') add(ins.index!);
      if (ins.op === 'call_indirect' && !tablesAdded) {
        tablesAdded = true;
        for (const t of tables) for (const e of t.elems) if (e !== null) add(e);
      }
    }
  }
  return [...seen];
}
