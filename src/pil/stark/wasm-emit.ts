// A minimal WebAssembly binary writer: just what our Goldilocks kernels and the compiled
// expression code need (i32/i64 functions, one memory, exports). We emit bytes directly rather
// than assembling text with wabt: a worker builds its module in a few milliseconds, while
// loading wabt costs ~0.1 s per worker thread and pil-stark creates new workers at every stage.

export const I32 = 0x7f;
export const I64 = 0x7e;
type ValType = typeof I32 | typeof I64;

/** Opcodes we use (names as in the text format). */
export const op = {
  block: 0x02, loop: 0x03, if: 0x04, else: 0x05, end: 0x0b, br: 0x0c, brIf: 0x0d, return: 0x0f, call: 0x10,
  select: 0x1b, localGet: 0x20, localSet: 0x21, localTee: 0x22,
  i64Load: 0x29, i64Store: 0x37, i32Const: 0x41, i64Const: 0x42,
  i32Eqz: 0x45, i32LtU: 0x49, i32GeU: 0x4f, i64Eqz: 0x50, i64Ne: 0x52, i64LtU: 0x54, i64GtU: 0x56, i64GeU: 0x5a,
  i32Add: 0x6a, i32Sub: 0x6b, i32Mul: 0x6c, i32RemU: 0x70, i32And: 0x71, i32Or: 0x72, i32Shl: 0x74, i32ShrU: 0x76,
  i64Add: 0x7c, i64Sub: 0x7d, i64Mul: 0x7e, i64And: 0x83, i64Or: 0x84, i64Shl: 0x86, i64ShrU: 0x88,
  i32WrapI64: 0xa7, i64ExtendI32S: 0xac, i64ExtendI32U: 0xad,
} as const;

export function uleb(n: number | bigint, out: number[] = []): number[] {
  if (typeof n === 'number' && n >= 0 && n < 2 ** 31) {
    do { const b = n & 0x7f; n >>>= 7; out.push(n !== 0 ? b | 0x80 : b); } while (n !== 0);
    return out;
  }
  let v = BigInt(n);
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) b |= 0x80;
    out.push(b);
  } while (v !== 0n);
  return out;
}

export function sleb(n: number | bigint, out: number[] = []): number[] {
  let v = BigInt(n);
  for (;;) {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    if ((v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0)) { out.push(b); return out; }
    out.push(b | 0x80);
  }
}

/** A function body under construction: `locals` beyond the parameters, and its code. */
export class FuncBody {
  readonly code: number[] = [];
  private readonly localTypes: ValType[] = [];
  constructor(readonly params: ValType[], readonly results: ValType[]) {}

  /** A new local of type `t`; returns its index. */
  local(t: ValType): number {
    this.localTypes.push(t);
    return this.params.length + this.localTypes.length - 1;
  }
  emit(...bytes: number[]): this { for (const b of bytes) this.code.push(b); return this; }
  get(i: number): this { this.code.push(op.localGet); uleb(i, this.code); return this; }
  set(i: number): this { this.code.push(op.localSet); uleb(i, this.code); return this; }
  tee(i: number): this { this.code.push(op.localTee); uleb(i, this.code); return this; }
  i32(v: number): this { this.code.push(op.i32Const); sleb(v | 0, this.code); return this; }
  /** i64.const of an unsigned 64-bit value. */
  i64(v: bigint): this { this.code.push(op.i64Const); sleb(BigInt.asIntN(64, v), this.code); return this; }
  call(f: number): this { this.code.push(op.call); uleb(f, this.code); return this; }
  load(offset: number): this { this.code.push(op.i64Load, 3); uleb(offset, this.code); return this; }
  store(offset: number): this { this.code.push(op.i64Store, 3); uleb(offset, this.code); return this; }

  encode(): number[] {
    const body: number[] = [];
    // run-length groups of equal local types
    const groups: [number, ValType][] = [];
    for (const t of this.localTypes) {
      const last = groups.at(-1);
      if (last && last[1] === t) last[0]++;
      else groups.push([1, t]);
    }
    uleb(groups.length, body);
    for (const [n, t] of groups) { uleb(n, body); body.push(t); }
    for (const b of this.code) body.push(b);
    body.push(op.end);
    const out = uleb(body.length);
    for (const b of body) out.push(b);
    return out;
  }
}

function section(id: number, content: number[]): number[] {
  const out = [id, ...uleb(content.length)];
  for (const b of content) out.push(b);
  return out;
}

function vec(items: number[][]): number[] {
  const out = uleb(items.length);
  for (const it of items) for (const b of it) out.push(b);
  return out;
}

function name(s: string): number[] {
  const b = [...Buffer.from(s, 'utf8')];
  return [...uleb(b.length), ...b];
}

/** A module: functions (exported by name when given one) and one memory, imported as env.mem. */
export class ModuleBuilder {
  private readonly funcs: { body: FuncBody; exportName?: string }[] = [];

  /** Reserves a function index (its body is filled later, so functions can call each other). */
  add(body: FuncBody, exportName?: string): number {
    this.funcs.push({ body, exportName });
    return this.funcs.length - 1;
  }

  bytes(): Uint8Array<ArrayBuffer> {
    const push = (dst: number[], src: number[]) => { for (const b of src) dst.push(b); };
    const types: string[] = [];
    const typeIdx = this.funcs.map(({ body }) => {
      const key = [0x60, ...uleb(body.params.length), ...body.params, ...uleb(body.results.length), ...body.results].join(',');
      let k = types.indexOf(key);
      if (k < 0) { types.push(key); k = types.length - 1; }
      return k;
    });
    const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
    push(out, section(1, vec(types.map((t) => t.split(',').map(Number)))));
    // import env.mem: memory with min 1 page, no max
    push(out, section(2, vec([[...name('env'), ...name('mem'), 0x02, 0x00, 0x01]])));
    push(out, section(3, vec(typeIdx.map((k) => uleb(k)))));
    const exps = this.funcs.flatMap((f, i) => (f.exportName ? [[...name(f.exportName), 0x00, ...uleb(i)]] : []));
    push(out, section(7, vec(exps)));
    push(out, section(10, vec(this.funcs.map((f) => f.body.encode()))));
    return Uint8Array.from(out);
  }
}
