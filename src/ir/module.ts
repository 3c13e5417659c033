// Module-level IR construction: bind host imports, pick the entry, evaluate the constant parts
// of the module (globals, segments, tables), build every function the entry can reach.

import type { ConstExpr, Module, ValType } from '../wasm/module.js';
import { funcName, funcType, importedFuncCount } from '../wasm/names.js';
import { entrySignature, importSignature, noEntry, unknownImport, unsupportedFeature } from '../diagnostics.js';
import { bindHostImports, buildFunction } from './build.js';
import type { IrFunction, IrModule, IrTable, IrType, TrapKind } from './ir.js';

export interface BuildOptions {
  /** entry function: export name or `$name`; default start, else export `main`, else `_start` */
  entry?: string;
}

const PAGE = 65536;

export function buildModule(module: Module, fileName: string, opts: BuildOptions = {}): IrModule {
  const hosts = bindHostImports(module, fileName,
    (mod, name, offset) => { throw unknownImport(fileName, mod, name, offset); },
    (mod, name, offset, want) => { throw importSignature(fileName, mod, name, offset, want); });
  const entry = findEntry(module, fileName, opts.entry);
  if (funcType(module, entry).params.length > 0) throw entrySignature(fileName, funcName(module, entry));

  const numType = (t: ValType, what: string): IrType => {
    if (t === 'i32' || t === 'i64') return t;
    throw unsupportedFeature(fileName, `${t} ${what}`);
  };
  const globals = module.globals.map((g, i) => {
    const type = numType(g.type.type, `global #${i}`);
    return { type, mutable: g.type.mutable, init: 0n };
  });
  globals.forEach((g, i) => { g.init = evalConst(module.globals[i]!.init, globals, fileName); });

  const imported = importedFuncCount(module);
  const funcTypes: number[] = [];
  for (const imp of module.imports) if (imp.desc.kind === 'func') funcTypes.push(imp.desc.typeIndex);
  funcTypes.push(...module.funcs);

  let startTrap: TrapKind | undefined;
  const memory = module.memories[0] ? { minPages: module.memories[0].min, ...(module.memories[0].max !== undefined ? { maxPages: module.memories[0].max } : {}) } : undefined;
  const data = module.datas.map((d) => {
    const active = d.mode === 'active';
    const offset = active ? Number(evalConst(d.offset!, globals, fileName)) : 0;
    if (active && offset + d.bytes.length > (memory ? memory.minPages * PAGE : 0)) startTrap ??= 'out of bounds memory access';
    return { active, offset, bytes: d.bytes };
  });
  const tables: IrTable[] = module.tables.map((t) => ({ elems: new Array<number | null>(t.limits.min).fill(null) }));
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

  const types = module.types.map((t, i) => ({
    params: t.params.map((v) => numType(v, `parameter in type #${i}`)),
    results: t.results.map((v) => numType(v, `result in type #${i}`)),
  }));
  const order = reachableFunctions(module, entry, tables).sort((a, b) => a - b);
  const ctx = { module, fileName, hosts };
  const funcs: IrFunction[] = order.filter((f) => f >= imported).map((f) => buildFunction(ctx, f));
  return {
    fileName, funcs, entry: funcs.findIndex((f) => f.index === entry), globals, data, tables, funcTypes,
    types: types.map((t) => ({ params: [...t.params], results: [...t.results] })),
    ...(memory ? { memory } : {}),
    ...(startTrap ? { startTrap } : {}),
  };
}

/** Constant expressions: `t.const`, `global.get` of an earlier global. */
function evalConst(expr: ConstExpr, globals: { init: bigint }[], fileName: string): bigint {
  const ins = expr[0];
  if (expr.length === 1 && ins && (ins.op === 'i32.const' || ins.op === 'i64.const')) return ins.value!;
  if (expr.length === 1 && ins?.op === 'global.get' && globals[ins.index!]) return globals[ins.index!]!.init;
  throw unsupportedFeature(fileName, `constant expression ${expr.map((i) => i.op).join(' ')}`);
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

/** The entry, every function a `call` chain reaches, and the table's functions once any reached function calls indirectly. */
function reachableFunctions(m: Module, entry: number, tables: IrTable[]): number[] {
  const imported = importedFuncCount(m);
  const seen = new Set<number>([entry]);
  const work = [entry];
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
