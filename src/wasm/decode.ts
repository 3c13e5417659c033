// The WebAssembly binary decoder: bytes → plain `Module` (module.ts). Our own, not wabt's, so every
// instruction keeps its byte offset for diagnostics. It checks the binary format only (structure,
// encodings, section order and sizes); type checking is wabt's job (validateWasm in wat.ts).
//
// Offsets recorded: `Import.offset` = the entry's first byte (its module name length);
// `DataSegment.fileOffset` = the segment's first byte (its flags); `FuncBody.offset` = its size
// field; `Instr.offset` = the opcode's first byte (for the `ref.func` entries synthesized from an
// element segment's function index vector: the index's first byte). `DataSegment.bytes` is a view
// into `bytes`, not a copy.

import { isW2zError, notWasm } from '../diagnostics.js';
import { decodeExpr, type ExprContext } from './expr.js';
import type {
  ConstExpr, DataSegment, ElemSegment, Export, FuncBody, FuncType, Global, Import, Limits, Module,
  NameSection, TableType, ValType,
} from './module.js';
import { hexByte, Reader } from './reader.js';

const MAGIC = [0x00, 0x61, 0x73, 0x6d];

export const SECTION_NAMES = [
  'custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element',
  'code', 'data', 'data count',
] as const;

/** Position of each known section id in the required order (custom sections may go anywhere). */
const SECTION_ORDER = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10];

/** Implementation limit on declared locals per function (the same as V8's) */
const MAX_LOCALS = 50000;

export function decodeModule(bytes: Uint8Array, fileName: string): Module {
  const r = new Reader(bytes, fileName);
  readHeader(r);
  const m: Module = {
    types: [], imports: [], funcs: [], tables: [], memories: [], globals: [], exports: [],
    elems: [], datas: [], codes: [], names: { funcs: new Map(), locals: new Map() },
  };
  const ctx: ExprContext = { dataInstrAt: -1 };
  let lastOrder = 0;
  let codeAt = -1;
  let dataAt = -1;
  while (r.pos < bytes.length) {
    const sectionAt = r.pos;
    const id = r.u8();
    if (id >= SECTION_NAMES.length) r.fail(`unknown section id ${id}`, sectionAt);
    const size = r.u32();
    const start = r.pos;
    if (size > bytes.length - start) {
      r.fail(`unexpected end of file in the ${SECTION_NAMES[id]} section`, bytes.length);
    }
    if (id !== 0) {
      const order = SECTION_ORDER[id];
      if (order === lastOrder) r.fail(`duplicate ${SECTION_NAMES[id]} section`, sectionAt);
      if (order < lastOrder) r.fail(`unexpected ${SECTION_NAMES[id]} section (out of order)`, sectionAt);
      lastOrder = order;
    }
    if (id === 10) codeAt = sectionAt;
    if (id === 11) dataAt = sectionAt;
    r.limit(start + size, 'unexpected end of section', () => {
      readSection(r, id, m, ctx);
      if (r.pos !== r.end) r.fail('section size mismatch', sectionAt);
    });
  }
  if (m.funcs.length !== m.codes.length) {
    r.fail('function and code section have inconsistent lengths', codeAt >= 0 ? codeAt : bytes.length);
  }
  if (m.dataCount !== undefined && m.dataCount !== m.datas.length) {
    r.fail('data count and data section have inconsistent lengths', dataAt >= 0 ? dataAt : bytes.length);
  }
  if (ctx.dataInstrAt >= 0 && m.dataCount === undefined) {
    r.fail('data count section required', ctx.dataInstrAt);
  }
  return m;
}

function readHeader(r: Reader): void {
  const b = r.buf;
  for (let i = 0; i < 4; i++) {
    if (i >= b.length) {
      if (i === 0) throw notWasm(r.file, 'empty file');
      r.fail('unexpected end of file', i);
    }
    if (b[i] !== MAGIC[i]) throw notWasm(r.file, 'bad magic number');
  }
  r.pos = 4;
  if (b.length < 8) r.fail('unexpected end of file', b.length);
  const version = r.u32le();
  if (version !== 1) r.fail(`unknown binary version 0x${version.toString(16)}`, 4);
}

function readSection(r: Reader, id: number, m: Module, ctx: ExprContext): void {
  switch (id) {
    case 0: return readCustom(r, m);
    case 1: return readVec(r, () => m.types.push(readFuncType(r)));
    case 2: return readVec(r, () => m.imports.push(readImport(r)));
    case 3: return readVec(r, () => m.funcs.push(r.u32()));
    case 4: return readVec(r, () => m.tables.push(readTableType(r)));
    case 5: return readVec(r, () => m.memories.push(readLimits(r)));
    case 6: return readVec(r, () => m.globals.push(readGlobal(r, ctx)));
    case 7: return readVec(r, () => m.exports.push(readExport(r)));
    case 8: m.start = r.u32(); return;
    case 9: return readVec(r, () => m.elems.push(readElem(r, ctx)));
    case 10: return readCode(r, m, ctx);
    case 11: return readVec(r, () => m.datas.push(readData(r, ctx)));
    case 12: m.dataCount = r.u32(); return;
  }
}

function readVec(r: Reader, item: () => void): void {
  const n = r.vecLen();
  for (let i = 0; i < n; i++) item();
}

function readFuncType(r: Reader): FuncType {
  const at = r.pos;
  const form = r.u8();
  if (form !== 0x60) r.fail(`unknown type form ${hexByte(form)}`, at);
  return { params: readValTypes(r), results: readValTypes(r) };
}

function readValTypes(r: Reader): ValType[] {
  const n = r.vecLen();
  const types = new Array<ValType>(n);
  for (let i = 0; i < n; i++) types[i] = r.valType();
  return types;
}

function readLimits(r: Reader): Limits {
  const at = r.pos;
  const flags = r.u8();
  if (flags === 0) return { min: r.u32() };
  if (flags === 1) {
    const min = r.u32();
    return { min, max: r.u32() };
  }
  return r.fail(`unknown limits flags ${hexByte(flags)}`, at);
}

function readTableType(r: Reader): TableType {
  const elemType = r.refType();
  return { elemType, limits: readLimits(r) };
}

function readGlobalType(r: Reader): { type: ValType; mutable: boolean } {
  const type = r.valType();
  const at = r.pos;
  const mut = r.u8();
  if (mut > 1) r.fail(`unknown mutability ${hexByte(mut)}`, at);
  return { type, mutable: mut === 1 };
}

function readImport(r: Reader): Import {
  const offset = r.pos;
  const module = r.name();
  const name = r.name();
  const at = r.pos;
  const kind = r.u8();
  switch (kind) {
    case 0: return { module, name, offset, desc: { kind: 'func', typeIndex: r.u32() } };
    case 1: return { module, name, offset, desc: { kind: 'table', table: readTableType(r) } };
    case 2: return { module, name, offset, desc: { kind: 'memory', memory: readLimits(r) } };
    case 3: return { module, name, offset, desc: { kind: 'global', global: readGlobalType(r) } };
    default: return r.fail(`unknown import kind ${hexByte(kind)}`, at);
  }
}

function readConstExpr(r: Reader, ctx: ExprContext): ConstExpr {
  const out: ConstExpr = [];
  decodeExpr(r, out, false, ctx);
  return out;
}

function readGlobal(r: Reader, ctx: ExprContext): Global {
  const type = readGlobalType(r);
  return { type, init: readConstExpr(r, ctx) };
}

const EXPORT_KINDS = ['func', 'table', 'memory', 'global'] as const;

function readExport(r: Reader): Export {
  const name = r.name();
  const at = r.pos;
  const kind = EXPORT_KINDS[r.u8()] ?? r.fail(`unknown export kind ${hexByte(r.buf[at])}`, at);
  return { name, kind, index: r.u32() };
}

/**
 * The 8 element segment encodings: flags bit 0 = passive or declarative (else active),
 * bit 1 = explicit table index (active) or declarative (otherwise), bit 2 = init given as
 * expressions (else as function indices, with an element kind byte instead of a reference type).
 */
function readElem(r: Reader, ctx: ExprContext): ElemSegment {
  const at = r.pos;
  const flags = r.u32();
  if (flags > 7) r.fail(`unknown element segment kind ${flags}`, at);
  const mode = flags & 1 ? (flags & 2 ? 'declarative' : 'passive') : 'active';
  let table = 0;
  let offset: ConstExpr | undefined;
  if (mode === 'active') {
    if (flags & 2) table = r.u32();
    offset = readConstExpr(r, ctx);
  }
  const exprs = (flags & 4) !== 0;
  let elemType: 'funcref' | 'externref' = 'funcref';
  if (flags & 3) {
    if (exprs) {
      elemType = r.refType();
    } else {
      const kindAt = r.pos;
      const kind = r.u8();
      if (kind !== 0) r.fail(`unknown element kind ${hexByte(kind)}`, kindAt);
    }
  }
  const n = r.vecLen();
  const init: ConstExpr[] = new Array<ConstExpr>(n);
  for (let i = 0; i < n; i++) {
    if (exprs) {
      init[i] = readConstExpr(r, ctx);
    } else {
      const indexAt = r.pos;
      init[i] = [{ op: 'ref.func', offset: indexAt, index: r.u32() }];
    }
  }
  const seg: ElemSegment = { mode, table, elemType, init };
  if (offset) seg.offset = offset;
  return seg;
}

function readData(r: Reader, ctx: ExprContext): DataSegment {
  const fileOffset = r.pos;
  const flags = r.u32();
  let seg: DataSegment;
  if (flags === 1) {
    seg = { mode: 'passive', memory: 0, bytes: new Uint8Array(0), fileOffset };
  } else if (flags === 0 || flags === 2) {
    const memory = flags === 2 ? r.u32() : 0;
    seg = { mode: 'active', memory, offset: readConstExpr(r, ctx), bytes: new Uint8Array(0), fileOffset };
  } else {
    return r.fail(`unknown data segment kind ${flags}`, fileOffset);
  }
  seg.bytes = r.bytes(r.u32());
  return seg;
}

function readCode(r: Reader, m: Module, ctx: ExprContext): void {
  const count = r.vecLen();
  for (let i = 0; i < count; i++) {
    const offset = r.pos;
    const size = r.u32();
    const start = r.pos;
    if (size > r.end - start) r.fail('unexpected end of section', r.end);
    const end = start + size;
    const body: FuncBody = { locals: [], body: [], offset };
    r.limit(end, 'unexpected end of function body', () => {
      readLocals(r, body.locals);
      decodeExpr(r, body.body, true, ctx);
      if (r.pos !== end) r.fail('function body size mismatch', r.pos);
    });
    m.codes.push(body);
  }
}

function readLocals(r: Reader, locals: ValType[]): void {
  const groups = r.vecLen(2);
  let total = 0;
  for (let g = 0; g < groups; g++) {
    const at = r.pos;
    const n = r.u32();
    total += n;
    if (total > MAX_LOCALS) r.fail(`too many locals (more than ${MAX_LOCALS})`, at);
    const type = r.valType();
    for (let i = 0; i < n; i++) locals.push(type);
  }
}

/** The `name` section (function and local names); other custom sections are skipped. */
function readCustom(r: Reader, m: Module): void {
  const name = r.name();
  if (name === 'name') {
    try {
      readNames(r, m.names);
    } catch (e) {
      if (!isW2zError(e)) throw e;
      // A malformed name section does not make the module malformed (spec, custom sections):
      // keep the names read so far.
    }
  }
  r.pos = r.end;
}

function readNames(r: Reader, names: NameSection): void {
  while (!r.atEnd()) {
    const id = r.u8();
    const size = r.u32();
    const end = r.pos + size;
    if (end > r.end) return;
    r.limit(end, 'unexpected end of section', () => {
      if (id === 0) names.module = r.name();
      else if (id === 1) readNameMap(r, names.funcs);
      else if (id === 2) {
        const n = r.vecLen();
        for (let i = 0; i < n; i++) {
          const func = r.u32();
          const map = names.locals.get(func) ?? new Map<number, string>();
          readNameMap(r, map);
          names.locals.set(func, map);
        }
      }
    });
    r.pos = end;
  }
}

function readNameMap(r: Reader, map: Map<number, string>): void {
  const n = r.vecLen(2);
  for (let i = 0; i < n; i++) {
    const index = r.u32();
    map.set(index, r.name());
  }
}

/** Where each section lies (tolerant: stops at the first malformed header). For diagnostics. */
export interface SectionSpan {
  id: number;
  name: string;
  /** offset of the section id byte */
  start: number;
  /** one past the section's last byte */
  end: number;
}

export function sectionSpans(bytes: Uint8Array): SectionSpan[] {
  const spans: SectionSpan[] = [];
  const r = new Reader(bytes, '');
  r.pos = 8;
  try {
    while (r.pos < bytes.length) {
      const start = r.pos;
      const id = r.u8();
      const size = r.u32();
      const end = Math.min(r.pos + size, bytes.length);
      spans.push({ id, name: SECTION_NAMES[id] ?? `unknown (${id})`, start, end });
      r.pos = end;
    }
  } catch {
    // keep what was found
  }
  return spans;
}
