// The NEAR linker: contracts + the NEAR host (templates/near/host.wasm) → one WebAssembly module,
// which the compiler then compiles like any other (docs/near.md "The program").
//
//   function index space   [4 imports][contract 0 …][contract 1 …]…[host][generated glue]
//   imports                env.input_i64, env.output_i64, w2z.__w2z_guard_begin, w2z.__w2z_guard_end
//   memory 0               the contracts' linear memory, as they declare it (growth capped below
//                          the host's memory)
//   memory 1               the host's memory, at HOST_MEMORY_BASE; its accesses become host
//                          accesses in the IR (relocated, no bounds check)
//
// A contract's imports bind to the host's exports of the same name. The host's imports of module
// `w2z_guest` become the contract's own memory instructions (load_u8 → i32.load8_u of memory 0 …)
// or calls of the glue: `methods(c)` and `call(c, m)`, which runs method m of contract c between
// the guard pair (so a trap below it returns its code instead of ending the run).

import { importSignature, programTooLarge, unknownImport, unsupportedFeature } from '../diagnostics.js';
import { MACHINE_MAX_PAGES } from '../ir/module.js';
import { DIRTY_BLOCK_BYTES } from '../backend/context.js';
import type { DataSegment, ElemSegment, FuncBody, FuncType, Import, Instr, Module } from '../wasm/module.js';
import { importedFuncCount, printable } from '../wasm/names.js';

const PAGE = 65536;
/** A contract's memory may grow to this many pages; the host's memory starts there. */
export const HOST_BASE_PAGES = 768;
export const HOST_MEMORY_BASE = HOST_BASE_PAGES * PAGE;

export interface NearContract {
  fileName: string;
  module: Module;
  /**
   * the callable methods (indices into callableMethods) the program can call; default: all. A
   * method left out is not compiled, nor what only it reaches: a program for a batch is its calls'
   */
  calls?: ReadonlySet<number>;
}

export interface LinkedNear {
  module: Module;
  /** per contract: its callable methods (exported `[] -> []` functions) in export order */
  methods: string[][];
  /** the entry function's export name */
  entry: string;
}

const ENTRY = 'near_main';

/** A contract's callable methods: its exported functions of type `[] -> []`, in export order. */
export function callableMethods(m: Module): string[] {
  const imported = importedFuncCount(m);
  return m.exports
    .filter((e) => e.kind === 'func' && e.index >= imported)
    .filter((e) => {
      const t = m.types[m.funcs[e.index - imported]!]!;
      return t.params.length === 0 && t.results.length === 0;
    })
    .map((e) => e.name);
}

/** The host's imports of module `w2z_guest` and what each becomes. */
type GuestIntrinsic = { sig: FuncType; instr: (k: number) => Instr[] } | { sig: FuncType; glue: 'methods' | 'call' };
const load = (op: string): Instr => ({ op, offset: -1, memarg: { align: 0, offset: 0 } });
const GUEST: Record<string, GuestIntrinsic> = {
  load_u8: { sig: { params: ['i32'], results: ['i32'] }, instr: () => [load('i32.load8_u')] },
  store_u8: { sig: { params: ['i32', 'i32'], results: [] }, instr: () => [load('i32.store8')] },
  load_u32: { sig: { params: ['i32'], results: ['i32'] }, instr: () => [load('i32.load')] },
  store_u32: { sig: { params: ['i32', 'i32'], results: [] }, instr: () => [load('i32.store')] },
  load_u64: { sig: { params: ['i32'], results: ['i64'] }, instr: () => [load('i64.load')] },
  store_u64: { sig: { params: ['i32', 'i64'], results: [] }, instr: () => [load('i64.store')] },
  memory_size: { sig: { params: [], results: ['i32'] }, instr: () => [{ op: 'memory.size', index: 0, offset: -1 }] },
  contracts: { sig: { params: [], results: ['i32'] }, instr: (k) => [{ op: 'i32.const', value: BigInt(k), offset: -1 }] },
  methods: { sig: { params: ['i32'], results: ['i32'] }, glue: 'methods' },
  call: { sig: { params: ['i32', 'i32'], results: ['i32'] }, glue: 'call' },
};

/** The merged module's imports, in order (function indices 0–3). */
const IMPORTS: { module: string; name: string; sig: FuncType }[] = [
  { module: 'env', name: 'input_i64', sig: { params: [], results: ['i64'] } },
  { module: 'env', name: 'output_i64', sig: { params: ['i64'], results: [] } },
  { module: 'w2z', name: '__w2z_guard_begin', sig: { params: [], results: [] } },
  { module: 'w2z', name: '__w2z_guard_end', sig: { params: [], results: ['i32'] } },
  { module: 'w2z', name: '__w2z_instance_reset', sig: { params: ['i32'], results: [] } },
];
const [INPUT, OUTPUT, GUARD_BEGIN, GUARD_END, INSTANCE_RESET] = [0, 1, 2, 3, 4];

const sameSig = (a: FuncType, b: FuncType) =>
  a.params.length === b.params.length && a.params.every((p, i) => p === b.params[i])
  && a.results.length === b.results.length && a.results.every((r, i) => r === b.results[i]);
const sigText = (t: FuncType) => `(${t.params.join(', ')}) -> (${t.results.join(', ')})`;

/** Index shifts of one input module's index spaces in the merged module. */
interface Bases {
  type: number;
  global: number;
  table: number;
  elem: number;
  data: number;
  /** function index in the input → function index in the merged module (or intrinsic code) */
  func: (f: number) => number;
}

function relocate(i: Instr, b: Bases): Instr {
  const out: Instr = { ...i };
  if (i.blockType?.kind === 'func') out.blockType = { kind: 'func', typeIndex: b.type + i.blockType.typeIndex };
  switch (i.op) {
    case 'call': case 'ref.func': case 'return_call': out.index = b.func(i.index!); break;
    case 'call_indirect': case 'return_call_indirect': out.index = b.type + i.index!; out.index2 = b.table + (i.index2 ?? 0); break;
    case 'global.get': case 'global.set': out.index = b.global + i.index!; break;
    case 'table.get': case 'table.set': case 'table.size': case 'table.grow': case 'table.fill': out.index = b.table + (i.index ?? 0); break;
    case 'table.copy': out.index = b.table + (i.index ?? 0); out.index2 = b.table + (i.index2 ?? 0); break;
    case 'table.init': out.index = b.elem + i.index!; out.index2 = b.table + (i.index2 ?? 0); break;
    case 'elem.drop': out.index = b.elem + i.index!; break;
    case 'memory.init': case 'data.drop': out.index = b.data + i.index!; break;
  }
  return out;
}

const relocateElem = (e: ElemSegment, b: Bases): ElemSegment => ({
  ...e,
  table: b.table + e.table,
  init: e.init.map((expr) => expr.map((i) => relocate(i, b))),
});

/**
 * Link `contracts` (in order: contract index c) with the NEAR host into one module whose entry
 * is the host's `near_main`. A contract import the host does not export, or with another
 * signature, is an error naming the contract, the import and its offset.
 */
export function linkNear(contracts: NearContract[], host: Module, hostName: string): LinkedNear {
  if (contracts.length === 0) throw new Error('linkNear: no contract');
  const types: FuncType[] = [];
  const funcs: number[] = [];
  const codes: FuncBody[] = [];
  const globals: Module['globals'] = [];
  const tables: Module['tables'] = [];
  const elems: ElemSegment[] = [];
  const datas: DataSegment[] = [];
  const names = new Map<number, string>();
  /** per contract: the instructions that set its mutable globals to their initial values */
  const globalResets: Instr[][] = [];
  const contractPages: number[] = [];
  const addType = (t: FuncType): number => { types.push(t); return types.length - 1; };

  const imports: Import[] = IMPORTS.map((x) => ({ module: x.module, name: x.name, desc: { kind: 'func', typeIndex: addType(x.sig) }, offset: 0 }));
  let nextFunc = IMPORTS.length;

  // the host's exported functions, by name, with their host-local index
  const hostImported = importedFuncCount(host);
  const hostExports = new Map(host.exports.filter((e) => e.kind === 'func').map((e) => [e.name, e.index]));
  const hostFuncBase = nextFunc + contracts.reduce((n, c) => n + c.module.funcs.length, 0);
  const hostFuncType = (f: number): FuncType => host.types[host.funcs[f - hostImported]!]!;

  // ---- contracts
  let memory: Module['memories'][number] | undefined;
  contracts.forEach((c, ci) => {
    const m = c.module;
    if (m.start !== undefined) throw unsupportedFeature(c.fileName, 'a start function in a NEAR contract');
    if (m.memories.length > 1) throw unsupportedFeature(c.fileName, 'more than one memory');
    const imported = importedFuncCount(m);
    const targets: number[] = [];
    for (const imp of m.imports) {
      if (imp.desc.kind !== 'func') throw unsupportedFeature(c.fileName, `${imp.desc.kind} import ${printable(imp.module)}.${printable(imp.name)}`, `@0x${imp.offset.toString(16)}`);
      const hf = imp.module === 'env' ? hostExports.get(imp.name) : undefined;
      if (hf === undefined || hf < hostImported) throw unknownImport(c.fileName, printable(imp.module), printable(imp.name), imp.offset);
      const want = hostFuncType(hf);
      if (!sameSig(m.types[imp.desc.typeIndex]!, want)) throw importSignature(c.fileName, printable(imp.module), printable(imp.name), imp.offset, sigText(want));
      targets.push(hostFuncBase + hf - hostImported);
    }
    const b: Bases = {
      type: types.length, global: globals.length, table: tables.length, elem: elems.length, data: datas.length,
      func: (f) => (f < imported ? targets[f]! : nextFunc + f - imported),
    };
    types.push(...m.types);
    globals.push(...m.globals.map((g) => ({ ...g, init: g.init.map((i) => relocate(i, b)) })));
    tables.push(...m.tables);
    elems.push(...m.elems.map((e) => relocateElem(e, b)));
    // a contract's data is written by its instance reset before each of its calls
    datas.push(...m.datas.map((d) => ({ ...d, owner: ci, ...(d.offset ? { offset: d.offset.map((i) => relocate(i, b)) } : {}) })));
    globalResets.push(m.globals.flatMap((g, k) => (g.type.mutable ? [...g.init.map((i) => relocate(i, b)), { op: 'global.set', index: b.global + k, offset: -1 }] : [])));
    contractPages.push(m.memories[0]?.min ?? 0);
    const mem = m.memories[0];
    if (mem) {
      if (mem.min > HOST_BASE_PAGES) throw programTooLarge(c.fileName, `an initial memory of ${mem.min} pages; a NEAR contract has up to ${HOST_BASE_PAGES} here`);
      const max = Math.min(mem.max ?? HOST_BASE_PAGES, HOST_BASE_PAGES);
      memory = memory ? { min: Math.max(memory.min, mem.min), max: Math.max(memory.max!, max) } : { min: mem.min, max };
    }
    m.funcs.forEach((t, k) => {
      funcs.push(b.type + t);
      const f = imported + k;
      const body = m.codes[k]!;
      codes.push({ ...body, body: body.body.map((i) => relocate(i, b)) });
      const name = m.names.funcs.get(f) ?? m.exports.find((e) => e.kind === 'func' && e.index === f)?.name;
      if (name !== undefined) names.set(nextFunc + k, contracts.length > 1 ? `c${ci}::${name}` : name);
    });
    nextFunc += m.funcs.length;
  });

  // ---- the host
  if (host.memories.length !== 1) throw new Error(`${hostName}: the NEAR host must have one memory`);
  const hostPages = host.memories[0]!.min;
  // above the host's memory: the contract memory's dirty-block flags (a word a block)
  const flagPages = Math.ceil((HOST_MEMORY_BASE / DIRTY_BLOCK_BYTES) * 4 / PAGE);
  if (HOST_BASE_PAGES + hostPages + flagPages > MACHINE_MAX_PAGES) throw new Error(`${hostName}: a memory of ${hostPages} pages does not fit above ${HOST_BASE_PAGES} pages`);
  const glueBase = hostFuncBase + host.funcs.length;
  const glue = { methods: glueBase, call: glueBase + 1, dispatch: glueBase + 2 };
  const intrinsics: (Instr[] | number)[] = host.imports.filter((imp) => imp.desc.kind === 'func').map((imp) => {
    const sig = host.types[(imp.desc as { typeIndex: number }).typeIndex]!;
    const what = `${printable(imp.module)}.${printable(imp.name)}`;
    if (imp.module === 'env' && (imp.name === 'input_i64' || imp.name === 'output_i64')) {
      const k = imp.name === 'input_i64' ? INPUT : OUTPUT;
      if (!sameSig(sig, IMPORTS[k]!.sig)) throw new Error(`${hostName}: import ${what} has signature ${sigText(sig)}`);
      return k;
    }
    const g = imp.module === 'w2z_guest' ? GUEST[imp.name] : undefined;
    if (!g) throw new Error(`${hostName}: unknown import ${what}`);
    if (!sameSig(sig, g.sig)) throw new Error(`${hostName}: import ${what} has signature ${sigText(sig)}, expected ${sigText(g.sig)}`);
    return 'glue' in g ? glue[g.glue] : g.instr(contracts.length);
  });
  if (host.imports.some((imp) => imp.desc.kind !== 'func')) throw new Error(`${hostName}: the NEAR host imports only functions`);
  const hb: Bases = {
    type: types.length, global: globals.length, table: tables.length, elem: elems.length, data: datas.length,
    func: (f) => (f < hostImported ? -1 - f : hostFuncBase + f - hostImported),
  };
  types.push(...host.types);
  globals.push(...host.globals.map((g) => ({ ...g, init: g.init.map((i) => relocate(i, hb)) })));
  tables.push(...host.tables);
  elems.push(...host.elems.map((e) => relocateElem(e, hb)));
  datas.push(...host.datas.map((d) => ({ ...d, memory: 1, ...(d.offset ? { offset: d.offset.map((i) => relocate(i, hb)) } : {}) })));
  const hostInstr = (i: Instr): Instr[] => {
    if (i.op === 'call' && i.index! < hostImported) {
      const x = intrinsics[i.index!]!;
      return typeof x === 'number' ? [{ op: 'call', index: x, offset: -1 }] : x;
    }
    if (/^memory\./.test(i.op)) throw new Error(`${hostName}: the NEAR host uses ${i.op}`);
    const r = relocate(i, hb);
    if (i.memarg) r.index = 1; // the host's own memory
    r.offset = -1;
    return [r];
  };
  host.funcs.forEach((t, k) => {
    funcs.push(hb.type + t);
    codes.push({ ...host.codes[k]!, body: host.codes[k]!.body.flatMap(hostInstr), offset: -1 });
  });
  for (const e of host.exports) if (e.kind === 'func' && e.index >= hostImported) names.set(hb.func(e.index), `near::${e.name}`);

  // ---- glue: methods(c), call(c, m), dispatch(c, m)
  const methods = contracts.map((c) => callableMethods(c.module));
  const methodIndex = contracts.map((c) => {
    const imported = importedFuncCount(c.module);
    return methods[contracts.indexOf(c)]!.map((name) => c.module.exports.find((e) => e.kind === 'func' && e.name === name)!.index - imported);
  });
  const contractFuncBase: number[] = [];
  contracts.reduce((base, c) => { contractFuncBase.push(base); return base + c.module.funcs.length; }, IMPORTS.length);
  const I = (op: string, extra: Partial<Instr> = {}): Instr => ({ op, offset: -1, ...extra });
  const konst = (v: number) => I('i32.const', { value: BigInt(v) });
  const isPair = (c: number, m: number): Instr[] => [I('local.get', { index: 0 }), konst(c), I('i32.eq'), I('local.get', { index: 1 }), konst(m), I('i32.eq'), I('i32.and')];
  const then = (body: Instr[]): Instr[] => [I('if', { blockType: { kind: 'empty' } }), ...body, I('end')];
  const methodsBody: Instr[] = [
    ...contracts.flatMap((_, c) => [I('local.get', { index: 0 }), konst(c), I('i32.eq'), ...then([konst(methods[c]!.length), I('return')])]),
    konst(0), I('end'),
  ];
  const callBody: Instr[] = [
    I('call', { index: GUARD_BEGIN }), I('local.get', { index: 0 }), I('local.get', { index: 1 }),
    I('call', { index: glue.dispatch }), I('call', { index: GUARD_END }), I('end'),
  ];
  const dispatchBody: Instr[] = [
    // a fresh instance: memory (runtime helper), then globals, then the method
    ...contracts.flatMap((contract, c) => methodIndex[c]!.flatMap((f, m) => (contract.calls && !contract.calls.has(m) ? [] : [...isPair(c, m), ...then([
      konst(c), I('call', { index: INSTANCE_RESET }), ...globalResets[c]!, I('call', { index: contractFuncBase[c]! + f }), I('return'),
    ])]))),
    I('unreachable'), I('end'),
  ];
  const addGlue = (sig: FuncType, body: Instr[], name: string) => {
    names.set(IMPORTS.length + funcs.length, name);
    funcs.push(addType(sig));
    codes.push({ locals: [], body, offset: -1 });
  };
  addGlue({ params: ['i32'], results: ['i32'] }, methodsBody, '__w2z_near_methods');
  addGlue({ params: ['i32', 'i32'], results: ['i32'] }, callBody, '__w2z_near_call');
  addGlue({ params: ['i32', 'i32'], results: [] }, dispatchBody, '__w2z_near_dispatch');

  const entry = hostExports.get(ENTRY);
  if (entry === undefined || entry < hostImported) throw new Error(`${hostName}: the NEAR host exports no ${ENTRY}`);
  const module: Module = {
    types, imports, funcs, tables, globals, elems, datas, codes,
    memories: [memory ?? { min: 0, max: 0 }, { min: hostPages, max: hostPages }],
    exports: [{ name: ENTRY, kind: 'func', index: hb.func(entry) }],
    names: { funcs: names, locals: new Map() },
    hostMemoryBase: HOST_MEMORY_BASE,
    contractPages,
    // the flags sit just above the host's memory (checked to fit when the host was placed)
    dirtyFlagsBase: (HOST_BASE_PAGES + hostPages) * PAGE,
  };
  return { module, methods, entry: ENTRY };
}

