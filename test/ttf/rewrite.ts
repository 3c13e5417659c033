// Binary rewriting of binaryen's translate-to-fuzz modules into modules our compiler can take,
// written independently of src/wasm (its own section and instruction walker), so a decoder bug
// of ours cannot hide behind a matching bug here.
//
// Two modes:
//  - 'defloat': every f32 becomes an i32 and every f64 an i64, consistently (types, locals,
//    globals, block types, typed selects, constants by their bit patterns, loads and stores of
//    the same width) and every float instruction becomes an integer instruction of the same
//    type (or nothing, for a conversion between two types that are now the same). The result is
//    a valid integer-only module with binaryen's code shapes and a meaning of its own, which V8
//    defines: that is what is compared.
//  - 'keep': the module as generated (floats and all), only its logging imports rebound (seed.ts
//    then has wasm-opt --denan turn NaNs into 0). It must agree with V8.
//
// In both modes binaryen's `fuzzing-support` logging imports become our ABI's public outputs:
// log-i32 → env.output_i32, log-i64 → env.output_i64; log-f32 / log-f64 take the bit pattern
// (after de-floating they are i32 / i64 already; in 'keep' mode the calls get an
// i32.reinterpret_f32 / i64.reinterpret_f64 in front and the import a new integer type).
// Any other import is left alone (our compiler refuses it: a host import we do not provide).
//
// Both modes also add, for every integer global, an exported getter `__w2z_global<i>` (a new
// function at the end: no existing index moves), so the globals' final values can be compared
// without reading either side's internals.

export type RewriteMode = 'defloat' | 'keep';

/** Prefix of the getters' export names. */
export const GETTER_PREFIX = '__w2z_global';

const I32 = 0x7f, I64 = 0x7e, F32 = 0x7d, F64 = 0x7c;

class Reader {
  pos = 0;
  constructor(readonly b: Uint8Array, pos = 0, readonly end = b.length) { this.pos = pos; }
  byte(): number {
    if (this.pos >= this.end) throw new Error(`rewrite: unexpected end at ${this.pos}`);
    return this.b[this.pos++]!;
  }
  u32(): number {
    let result = 0, shift = 0, b: number;
    do {
      b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    return result;
  }
  /** a signed LEB128 of up to `bits` bits */
  sleb(bits: number): bigint {
    let result = 0n, shift = 0n, b: number;
    do {
      b = this.byte();
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
    } while (b & 0x80);
    if (b & 0x40) result -= 1n << shift;
    return BigInt.asIntN(bits, result);
  }
  bytes(n: number): Uint8Array {
    if (this.pos + n > this.end) throw new Error(`rewrite: unexpected end at ${this.pos}`);
    const out = this.b.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  name(): string { return new TextDecoder().decode(this.bytes(this.u32())); }
  get done(): boolean { return this.pos >= this.end; }
}

class Writer {
  private buf = new Uint8Array(1024);
  len = 0;
  private grow(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const b = new Uint8Array(cap);
    b.set(this.buf.subarray(0, this.len));
    this.buf = b;
  }
  byte(v: number): void { this.grow(1); this.buf[this.len++] = v; }
  raw(bytes: Uint8Array): void { this.grow(bytes.length); this.buf.set(bytes, this.len); this.len += bytes.length; }
  u32(v: number): void {
    do {
      let b = v % 128;
      v = Math.floor(v / 128);
      if (v !== 0) b |= 0x80;
      this.byte(b);
    } while (v !== 0);
  }
  sleb(v: bigint): void {
    for (;;) {
      const b = Number(v & 0x7fn);
      v >>= 7n;
      if ((v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0)) { this.byte(b); return; }
      this.byte(b | 0x80);
    }
  }
  name(s: string): void { const b = new TextEncoder().encode(s); this.u32(b.length); this.raw(b); }
  bytes(): Uint8Array { return this.buf.slice(0, this.len); }
}

// ------------------------------------------------------------------ the instruction mapping

/** Replacement bytes for a float instruction without immediates, in 'defloat' mode ([] = drop it). */
const NUMERIC_MAP = new Map<number, number[]>([
  // f32 comparisons → i32 comparisons, f64 → i64 (a mix of signed and unsigned)
  [0x5b, [0x46]], [0x5c, [0x47]], [0x5d, [0x48]], [0x5e, [0x4b]], [0x5f, [0x4d]], [0x60, [0x4e]],
  [0x61, [0x51]], [0x62, [0x52]], [0x63, [0x54]], [0x64, [0x55]], [0x65, [0x57]], [0x66, [0x5a]],
  // f32 abs neg ceil floor trunc nearest sqrt → i32 unary
  [0x8b, [0xc1]], [0x8c, [0x67]], [0x8d, [0x69]], [0x8e, [0x68]], [0x8f, [0xc0]], [0x90, [0x69]], [0x91, [0x67]],
  // f32 add sub mul div min max copysign → i32 add sub mul rotr and shr_s xor
  [0x92, [0x6a]], [0x93, [0x6b]], [0x94, [0x6c]], [0x95, [0x78]], [0x96, [0x71]], [0x97, [0x75]], [0x98, [0x73]],
  // f64 unary → i64 unary
  [0x99, [0xc3]], [0x9a, [0x79]], [0x9b, [0x7b]], [0x9c, [0x7a]], [0x9d, [0xc4]], [0x9e, [0xc2]], [0x9f, [0x79]],
  // f64 binary → i64 add sub mul rotr and shr_s xor
  [0xa0, [0x7c]], [0xa1, [0x7d]], [0xa2, [0x7e]], [0xa3, [0x8a]], [0xa4, [0x83]], [0xa5, [0x87]], [0xa6, [0x85]],
  // conversions: between two types that are now equal → nothing; i64→i32 wrap; i32→i64 extend
  [0xa8, []], [0xa9, []], [0xaa, [0xa7]], [0xab, [0xa7]],
  [0xae, [0xac]], [0xaf, [0xad]], [0xb0, []], [0xb1, []],
  [0xb2, []], [0xb3, []], [0xb4, [0xa7]], [0xb5, [0xa7]], [0xb6, [0xa7]],
  [0xb7, [0xac]], [0xb8, [0xad]], [0xb9, []], [0xba, []], [0xbb, [0xad]],
  [0xbc, []], [0xbd, []], [0xbe, []], [0xbf, []],
]);
/** 0xFC 0–7 (non-trapping float-to-int) in 'defloat' mode */
const SAT_MAP: number[][] = [[], [], [0xa7], [0xa7], [0xac], [0xad], [], []];

const mapType = (t: number, mode: RewriteMode): number => (mode === 'defloat' ? (t === F32 ? I32 : t === F64 ? I64 : t) : t);

export interface RewriteResult {
  bytes: Uint8Array;
  /** float instructions and float-typed entities rewritten (0 in 'keep' mode, or for a float-free module) */
  floats: number;
  /** imports other than binaryen's four logging functions, as module.name */
  otherImports: string[];
}

const LOG_IMPORTS: Record<string, { name: string; float?: 'f32' | 'f64' }> = {
  'log-i32': { name: 'output_i32' },
  'log-i64': { name: 'output_i64' },
  'log-f32': { name: 'output_i32', float: 'f32' },
  'log-f64': { name: 'output_i64', float: 'f64' },
};

/** Rewrite a ttf module (see the header). Throws on anything it does not understand. */
export function rewriteTtf(input: Uint8Array, mode: RewriteMode): RewriteResult {
  const r = new Reader(input);
  const magic = r.bytes(8);
  if (magic[0] !== 0 || magic[1] !== 0x61 || magic[2] !== 0x73 || magic[3] !== 0x6d || magic[4] !== 1) throw new Error('rewrite: not a wasm module');
  const out = new Writer();
  out.raw(magic);
  let floats = 0;
  const otherImports: string[] = [];
  let typeCount = 0;
  /** 'keep' mode: the type index appended for (param i32) and for (param i64) */
  const extraTypes: number[][] = [];
  /** results of the appended types (none for the logging ones) */
  const extraResults: number[][] = [];
  /** 'keep' mode: imported function index → the reinterpret opcode its calls need first */
  const reinterpretBefore = new Map<number, number>();
  // 'keep' mode needs the import section before it can finish the type section: find it first
  const sections: { id: number; body: Uint8Array }[] = [];
  while (!r.done) {
    const id = r.byte();
    const size = r.u32();
    sections.push({ id, body: r.bytes(size) });
  }
  let importsNeedTypes: { i32?: number; i64?: number } = {};
  const typeSection = sections.find((s) => s.id === 1);
  if (typeSection) typeCount = new Reader(typeSection.body).u32();
  if (mode === 'keep') {
    const imp = sections.find((s) => s.id === 2);
    if (imp) {
      const ir = new Reader(imp.body);
      for (let n = ir.u32(); n > 0; n--) {
        const mod = ir.name(), name = ir.name(), kind = ir.byte();
        if (kind === 0) {
          ir.u32();
          const log = mod === 'fuzzing-support' ? LOG_IMPORTS[name] : undefined;
          if (log?.float === 'f32') importsNeedTypes.i32 = 0;
          if (log?.float === 'f64') importsNeedTypes.i64 = 0;
        } else skipImportDesc(ir, kind);
      }
    }
    if (importsNeedTypes.i32 !== undefined) { importsNeedTypes.i32 = typeCount + extraTypes.length; extraTypes.push([I32]); extraResults.push([]); }
    if (importsNeedTypes.i64 !== undefined) { importsNeedTypes.i64 = typeCount + extraTypes.length; extraTypes.push([I64]); extraResults.push([]); }
  }
  // the getters: one per integer global (after de-floating), typed () -> i32 / () -> i64
  const globalTypes: number[] = [];
  let importedFuncs = 0;
  let definedFuncs = 0;
  for (const { id, body } of sections) {
    const gr = new Reader(body);
    if (id === 2) {
      for (let n = gr.u32(); n > 0; n--) {
        gr.name(); gr.name();
        const kind = gr.byte();
        if (kind === 3) { globalTypes.push(mapType(gr.byte(), mode)); gr.byte(); } else if (kind === 0) { gr.u32(); importedFuncs++; } else skipImportDesc(gr, kind);
      }
    } else if (id === 3) {
      definedFuncs = gr.u32();
    } else if (id === 6) {
      for (let n = gr.u32(); n > 0; n--) {
        globalTypes.push(mapType(gr.byte(), mode));
        gr.byte();
        rewriteExpr(gr, new Writer(), 'keep', new Map());
      }
    }
  }
  const getters = globalTypes.map((t, i) => ({ global: i, type: t })).filter((g) => g.type === I32 || g.type === I64);
  const getterType = new Map<number, number>();
  for (const t of new Set(getters.map((g) => g.type))) {
    getterType.set(t, typeCount + extraTypes.length);
    extraTypes.push([]);
    extraResults.push([t]);
  }
  if (getters.length > 0) {
    for (const id of [1, 3, 7, 10]) {
      if (!sections.some((x) => x.id === id)) throw new Error(`rewrite: getters need section ${id}`);
    }
  }
  if (extraTypes.length > 0 && !typeSection) throw new Error('rewrite: imports without a type section');

  const emitSection = (id: number, body: Uint8Array): void => {
    out.byte(id);
    out.u32(body.length);
    out.raw(body);
  };

  for (const { id, body } of sections) {
    const s = new Reader(body);
    const w = new Writer();
    switch (id) {
      case 1: { // types
        const n = s.u32();
        w.u32(n + extraTypes.length);
        for (let k = 0; k < n; k++) {
          const form = s.byte();
          if (form !== 0x60) throw new Error(`rewrite: type form 0x${form.toString(16)}`);
          w.byte(form);
          for (let part = 0; part < 2; part++) {
            const m = s.u32();
            w.u32(m);
            for (let j = 0; j < m; j++) {
              const t = s.byte();
              if (mapType(t, mode) !== t) floats++;
              w.byte(mapType(t, mode));
            }
          }
        }
        extraTypes.forEach((params, k) => {
          w.byte(0x60);
          w.u32(params.length);
          for (const t of params) w.byte(t);
          w.u32(extraResults[k]!.length);
          for (const t of extraResults[k]!) w.byte(t);
        });
        break;
      }
      case 2: { // imports
        const n = s.u32();
        w.u32(n);
        let funcIndex = 0;
        for (let k = 0; k < n; k++) {
          const mod = s.name(), name = s.name(), kind = s.byte();
          const log = mod === 'fuzzing-support' && kind === 0 ? LOG_IMPORTS[name] : undefined;
          if (log) {
            w.name('env');
            w.name(log.name);
          } else {
            w.name(mod);
            w.name(name);
            otherImports.push(`${mod}.${name}`);
          }
          w.byte(kind);
          if (kind === 0) {
            let t = s.u32();
            if (mode === 'keep' && log?.float) {
              t = log.float === 'f32' ? importsNeedTypes.i32! : importsNeedTypes.i64!;
              reinterpretBefore.set(funcIndex, log.float === 'f32' ? 0xbc : 0xbd);
            }
            w.u32(t);
            funcIndex++;
          } else if (kind === 3) {
            const t = s.byte();
            if (mapType(t, mode) !== t) floats++;
            w.byte(mapType(t, mode));
            w.byte(s.byte());
          } else {
            const start = s.pos;
            skipImportDesc(s, kind);
            w.raw(body.subarray(start, s.pos));
          }
        }
        break;
      }
      case 6: { // globals
        const n = s.u32();
        w.u32(n);
        for (let k = 0; k < n; k++) {
          const t = s.byte();
          if (mapType(t, mode) !== t) floats++;
          w.byte(mapType(t, mode));
          w.byte(s.byte());
          floats += rewriteExpr(s, w, mode, reinterpretBefore);
        }
        break;
      }
      case 10: { // code
        const n = s.u32();
        w.u32(n + getters.length);
        for (let k = 0; k < n; k++) {
          const size = s.u32();
          const fr = new Reader(body, s.pos, s.pos + size);
          s.pos += size;
          const fw = new Writer();
          const groups = fr.u32();
          fw.u32(groups);
          for (let g = 0; g < groups; g++) {
            fw.u32(fr.u32());
            const t = fr.byte();
            if (mapType(t, mode) !== t) floats++;
            fw.byte(mapType(t, mode));
          }
          floats += rewriteExpr(fr, fw, mode, reinterpretBefore);
          if (!fr.done) throw new Error(`rewrite: function ${k} has bytes after its end`);
          const fb = fw.bytes();
          w.u32(fb.length);
          w.raw(fb);
        }
        for (const g of getters) { // no locals; global.get g; end
          const fw = new Writer();
          fw.u32(0);
          fw.byte(0x23);
          fw.u32(g.global);
          fw.byte(0x0b);
          const fb = fw.bytes();
          w.u32(fb.length);
          w.raw(fb);
        }
        break;
      }
      case 3: { // functions: the getters' types at the end
        const n = s.u32();
        w.u32(n + getters.length);
        for (let k = 0; k < n; k++) w.u32(s.u32());
        for (const g of getters) w.u32(getterType.get(g.type)!);
        break;
      }
      case 7: { // exports: the getters'
        const n = s.u32();
        w.u32(n + getters.length);
        w.raw(body.subarray(s.pos));
        s.pos = body.length;
        getters.forEach((g, k) => {
          w.name(`${GETTER_PREFIX}${g.global}`);
          w.byte(0);
          w.u32(importedFuncs + definedFuncs + k);
        });
        break;
      }
      default:
        w.raw(body);
    }
    if (!s.done && id !== 0 && ![3, 4, 5, 7, 8, 9, 11, 12].includes(id)) throw new Error(`rewrite: section ${id} has trailing bytes`);
    emitSection(id, w.bytes());
  }
  return { bytes: out.bytes(), floats, otherImports };
}

function skipImportDesc(r: Reader, kind: number): void {
  switch (kind) {
    case 0: r.u32(); return;
    case 1: r.byte(); skipLimits(r); return;
    case 2: skipLimits(r); return;
    case 3: r.byte(); r.byte(); return;
    default: throw new Error(`rewrite: import kind ${kind}`);
  }
}

function skipLimits(r: Reader): void {
  const flags = r.byte();
  r.u32();
  if (flags & 1) r.u32();
}

/**
 * Copy (and in 'defloat' mode rewrite) one expression up to and including its final `end`.
 * Returns the number of float instructions rewritten.
 */
function rewriteExpr(r: Reader, w: Writer, mode: RewriteMode, reinterpretBefore: Map<number, number>): number {
  let depth = 1;
  let floats = 0;
  const defloat = mode === 'defloat';
  while (depth > 0) {
    const op = r.byte();
    switch (op) {
      case 0x02: case 0x03: case 0x04: { // block loop if
        depth++;
        w.byte(op);
        const bt = r.b[r.pos]!;
        if (bt === 0x40 || bt === I32 || bt === I64 || bt === F32 || bt === F64 || bt === 0x7b || bt === 0x70 || bt === 0x6f) {
          r.pos++;
          if (mapType(bt, mode) !== bt) floats++;
          w.byte(mapType(bt, mode));
        } else {
          w.sleb(r.sleb(33));
        }
        break;
      }
      case 0x0b: depth--; w.byte(op); break;
      case 0x0c: case 0x0d: w.byte(op); w.u32(r.u32()); break;
      case 0x0e: {
        w.byte(op);
        const n = r.u32();
        w.u32(n);
        for (let k = 0; k <= n; k++) w.u32(r.u32());
        break;
      }
      case 0x10: {
        const f = r.u32();
        const before = reinterpretBefore.get(f);
        if (before !== undefined) w.byte(before);
        w.byte(op);
        w.u32(f);
        break;
      }
      case 0x11: w.byte(op); w.u32(r.u32()); w.u32(r.u32()); break;
      case 0x1c: {
        w.byte(op);
        const n = r.u32();
        w.u32(n);
        for (let k = 0; k < n; k++) {
          const t = r.byte();
          if (mapType(t, mode) !== t) floats++;
          w.byte(mapType(t, mode));
        }
        break;
      }
      case 0x20: case 0x21: case 0x22: case 0x23: case 0x24: case 0x25: case 0x26:
        w.byte(op); w.u32(r.u32()); break;
      case 0x3f: case 0x40: w.byte(op); w.u32(r.u32()); break;
      case 0x41: w.byte(op); w.sleb(r.sleb(32)); break;
      case 0x42: w.byte(op); w.sleb(r.sleb(64)); break;
      case 0x43: {
        const b = r.bytes(4);
        if (!defloat) { w.byte(op); w.raw(b); break; }
        floats++;
        w.byte(0x41);
        w.sleb(BigInt(new DataView(b.buffer, b.byteOffset, 4).getInt32(0, true)));
        break;
      }
      case 0x44: {
        const b = r.bytes(8);
        if (!defloat) { w.byte(op); w.raw(b); break; }
        floats++;
        w.byte(0x42);
        w.sleb(new DataView(b.buffer, b.byteOffset, 8).getBigInt64(0, true));
        break;
      }
      case 0xd0: w.byte(op); w.byte(r.byte()); break;
      case 0xd2: w.byte(op); w.u32(r.u32()); break;
      case 0xfc: {
        const sub = r.u32();
        if (sub <= 7 && defloat) {
          floats++;
          for (const b of SAT_MAP[sub]!) w.byte(b);
          break;
        }
        w.byte(op);
        w.u32(sub);
        switch (sub) {
          case 0: case 1: case 2: case 3: case 4: case 5: case 6: case 7: break;
          case 8: w.u32(r.u32()); w.u32(r.u32()); break; // memory.init data, memory
          case 9: w.u32(r.u32()); break; // data.drop
          case 10: w.u32(r.u32()); w.u32(r.u32()); break; // memory.copy
          case 11: w.u32(r.u32()); break; // memory.fill
          case 12: w.u32(r.u32()); w.u32(r.u32()); break; // table.init
          case 13: w.u32(r.u32()); break; // elem.drop
          case 14: w.u32(r.u32()); w.u32(r.u32()); break; // table.copy
          case 15: case 16: case 17: w.u32(r.u32()); break; // table.grow/size/fill
          default: throw new Error(`rewrite: unknown 0xFC ${sub}`);
        }
        break;
      }
      default:
        if (op >= 0x28 && op <= 0x3e) { // loads and stores: memarg
          let code = op;
          if (defloat && (op === 0x2a || op === 0x2b || op === 0x38 || op === 0x39)) {
            floats++;
            code = op === 0x2a ? 0x28 : op === 0x2b ? 0x29 : op === 0x38 ? 0x36 : 0x37;
          }
          w.byte(code);
          w.u32(r.u32());
          w.u32(r.u32());
        } else if (op === 0x00 || op === 0x01 || op === 0x05 || op === 0x0f || op === 0x1a || op === 0x1b || op === 0xd1
          || (op >= 0x45 && op <= 0xc4)) {
          const mapped = defloat ? NUMERIC_MAP.get(op) : undefined;
          if (mapped) { floats++; for (const b of mapped) w.byte(b); } else w.byte(op);
        } else {
          throw new Error(`rewrite: unknown opcode 0x${op.toString(16)} at ${r.pos - 1}`);
        }
    }
  }
  return floats;
}

// ------------------------------------------------------------------ exports and signatures

export type ValType = 'i32' | 'i64' | 'f32' | 'f64' | 'v128' | 'funcref' | 'externref';

const VALTYPES: Record<number, ValType> = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128', 0x70: 'funcref', 0x6f: 'externref' };

export interface FuncSig { params: ValType[]; results: ValType[] }

export interface ModuleInfo {
  /** exports in the order of the export section */
  exports: { name: string; kind: 'func' | 'table' | 'memory' | 'global'; index: number }[];
  /** signature of every function, imported ones first */
  funcs: FuncSig[];
  /** type of every global, imported ones first */
  globals: ValType[];
}

/** The exports and function signatures of a module (read here, not by our decoder). */
export function moduleInfo(bytes: Uint8Array): ModuleInfo {
  const r = new Reader(bytes, 8);
  const types: FuncSig[] = [];
  const funcs: FuncSig[] = [];
  const exports: ModuleInfo['exports'] = [];
  const globals: ValType[] = [];
  const valtype = (b: number): ValType => {
    const t = VALTYPES[b];
    if (!t) throw new Error(`moduleInfo: value type 0x${b.toString(16)}`);
    return t;
  };
  while (!r.done) {
    const id = r.byte();
    const size = r.u32();
    const s = new Reader(bytes, r.pos, r.pos + size);
    r.pos += size;
    if (id === 1) {
      for (let n = s.u32(); n > 0; n--) {
        s.byte();
        const params = Array.from({ length: s.u32() }, () => valtype(s.byte()));
        const results = Array.from({ length: s.u32() }, () => valtype(s.byte()));
        types.push({ params, results });
      }
    } else if (id === 2) {
      for (let n = s.u32(); n > 0; n--) {
        s.name(); s.name();
        const kind = s.byte();
        if (kind === 0) funcs.push(types[s.u32()]!);
        else if (kind === 3) { globals.push(valtype(s.byte())); s.byte(); } else skipImportDesc(s, kind);
      }
    } else if (id === 3) {
      for (let n = s.u32(); n > 0; n--) funcs.push(types[s.u32()]!);
    } else if (id === 6) {
      for (let n = s.u32(); n > 0; n--) {
        globals.push(valtype(s.byte()));
        s.byte();
        rewriteExpr(s, new Writer(), 'keep', new Map());
      }
    } else if (id === 7) {
      for (let n = s.u32(); n > 0; n--) {
        const name = s.name();
        const kind = (['func', 'table', 'memory', 'global'] as const)[s.byte()];
        if (!kind) throw new Error('moduleInfo: export kind');
        exports.push({ name, kind, index: s.u32() });
      }
    }
  }
  return { exports, funcs, globals };
}
