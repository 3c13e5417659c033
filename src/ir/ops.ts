// The IR's operations, in WASM spelling, each with its one semantic function. Constant folding,
// the IR interpreter and the tests all use these functions (values are unsigned bit patterns).

export type IrType = 'i32' | 'i64';

/** The IR type holding a WASM value type: floats are their bit patterns (f32 an i32, f64 an i64); null for v128 and references. */
export function irTypeOf(t: string): IrType | null {
  return t === 'i32' || t === 'f32' ? 'i32' : t === 'i64' || t === 'f64' ? 'i64' : null;
}

const M32 = 0xffffffffn;
const M64 = 0xffffffffffffffffn;
const mask = (t: IrType): bigint => (t === 'i32' ? M32 : M64);
const bits = (t: IrType): bigint => (t === 'i32' ? 32n : 64n);
const signed = (t: IrType, v: bigint): bigint => (v >> (bits(t) - 1n) ? v - (1n << bits(t)) : v);
const b = (x: boolean): bigint => (x ? 1n : 0n);

export type TrapKind =
  | 'unreachable' | 'integer divide by zero' | 'integer overflow' | 'out of bounds memory access'
  | 'undefined element' | 'uninitialized element' | 'indirect call type mismatch' | 'call stack exhausted'
  | 'out of bounds table access' | 'too many outputs' | 'abort' | 'invalid conversion to integer' | 'stubbed import';

/** Trap codes, as the program stores them in its status word (0 = no trap). */
export const TRAP_CODES: Readonly<Record<TrapKind, number>> = {
  'unreachable': 1,
  'integer divide by zero': 2,
  'integer overflow': 3,
  'out of bounds memory access': 4,
  'undefined element': 5,
  'uninitialized element': 6,
  'indirect call type mismatch': 7,
  'call stack exhausted': 8,
  'out of bounds table access': 9,
  'too many outputs': 10,
  /** env.abort (AssemblyScript's assertion failures and runtime errors) */
  'abort': 11,
  /** a trapping float-to-integer truncation of a NaN (out of range is 'integer overflow') */
  'invalid conversion to integer': 12,
  /** a call of an import compiled with --stub-imports */
  'stubbed import': 13,
};

/** A semantic function either returns the result or the trap it raises. */
export type Semantics = (...args: bigint[]) => bigint | { trap: TrapKind };

export interface OpInfo {
  args: IrType[];
  result: IrType;
  sem: Semantics;
}

function binaryFamily(t: IrType): Record<string, OpInfo> {
  const m = mask(t);
  const n = bits(t);
  const s = (v: bigint) => signed(t, v);
  const bin = (sem: (x: bigint, y: bigint) => bigint | { trap: TrapKind }, result: IrType = t): OpInfo =>
    ({ args: [t, t], result, sem: sem as Semantics });
  const cmp = (f: (x: bigint, y: bigint) => boolean): OpInfo => bin((x, y) => b(f(x, y)), 'i32');
  const rot = (x: bigint, k: bigint) => ((x << k) | (x >> ((n - k) % n))) & m;
  return {
    add: bin((x, y) => (x + y) & m),
    sub: bin((x, y) => (x - y) & m),
    mul: bin((x, y) => (x * y) & m),
    div_s: bin((x, y) => {
      if (y === 0n) return { trap: 'integer divide by zero' };
      const q = s(x) / s(y);
      if (q === 1n << (n - 1n)) return { trap: 'integer overflow' };
      return q & m;
    }),
    div_u: bin((x, y) => (y === 0n ? { trap: 'integer divide by zero' } : x / y)),
    rem_s: bin((x, y) => (y === 0n ? { trap: 'integer divide by zero' } : (s(x) % s(y)) & m)),
    rem_u: bin((x, y) => (y === 0n ? { trap: 'integer divide by zero' } : x % y)),
    and: bin((x, y) => x & y),
    or: bin((x, y) => x | y),
    xor: bin((x, y) => x ^ y),
    shl: bin((x, y) => (x << (y % n)) & m),
    shr_s: bin((x, y) => (s(x) >> (y % n)) & m),
    shr_u: bin((x, y) => x >> (y % n)),
    rotl: bin((x, y) => rot(x, y % n)),
    rotr: bin((x, y) => rot(x, (n - (y % n)) % n)),
    eq: cmp((x, y) => x === y),
    ne: cmp((x, y) => x !== y),
    lt_s: cmp((x, y) => s(x) < s(y)),
    lt_u: cmp((x, y) => x < y),
    gt_s: cmp((x, y) => s(x) > s(y)),
    gt_u: cmp((x, y) => x > y),
    le_s: cmp((x, y) => s(x) <= s(y)),
    le_u: cmp((x, y) => x <= y),
    ge_s: cmp((x, y) => s(x) >= s(y)),
    ge_u: cmp((x, y) => x >= y),
  };
}

function unaryFamily(t: IrType): Record<string, OpInfo> {
  const n = bits(t);
  const un = (sem: (x: bigint) => bigint, result: IrType = t): OpInfo => ({ args: [t], result, sem: sem as Semantics });
  const ext = (from: bigint) => un((x) => {
    const v = x & ((1n << from) - 1n);
    return (v >> (from - 1n) ? v - (1n << from) : v) & mask(t);
  });
  const ops: Record<string, OpInfo> = {
    eqz: un((x) => b(x === 0n), 'i32'),
    clz: un((x) => { let k = 0n; while (k < n && !((x >> (n - 1n - k)) & 1n)) k++; return k; }),
    ctz: un((x) => { let k = 0n; while (k < n && !((x >> k) & 1n)) k++; return k; }),
    popcnt: un((x) => { let c = 0n; for (let v = x; v; v >>= 1n) c += v & 1n; return c; }),
    extend8_s: ext(8n),
    extend16_s: ext(16n),
  };
  if (t === 'i64') ops['extend32_s'] = ext(32n);
  return ops;
}

const prefixed = (p: string, r: Record<string, OpInfo>) =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [`${p}.${k}`, v]));

export const BINARY_OPS = {
  ...prefixed('i32', binaryFamily('i32')),
  ...prefixed('i64', binaryFamily('i64')),
} as Record<BinaryOpName, OpInfo>;

export const UNARY_OPS = {
  ...prefixed('i32', unaryFamily('i32')),
  ...prefixed('i64', unaryFamily('i64')),
  'i32.wrap_i64': { args: ['i64'], result: 'i32', sem: ((x: bigint) => x & M32) as Semantics },
  'i64.extend_i32_s': { args: ['i32'], result: 'i64', sem: ((x: bigint) => signed('i32', x) & M64) as Semantics },
  'i64.extend_i32_u': { args: ['i32'], result: 'i64', sem: ((x: bigint) => x) as Semantics },
} as Record<UnaryOpName, OpInfo>;

type BinaryStem =
  | 'add' | 'sub' | 'mul' | 'div_s' | 'div_u' | 'rem_s' | 'rem_u' | 'and' | 'or' | 'xor'
  | 'shl' | 'shr_s' | 'shr_u' | 'rotl' | 'rotr'
  | 'eq' | 'ne' | 'lt_s' | 'lt_u' | 'gt_s' | 'gt_u' | 'le_s' | 'le_u' | 'ge_s' | 'ge_u';
export type BinaryOpName = `i32.${BinaryStem}` | `i64.${BinaryStem}`;
type UnaryStem = 'eqz' | 'clz' | 'ctz' | 'popcnt' | 'extend8_s' | 'extend16_s';
export type UnaryOpName =
  | `i32.${UnaryStem}` | `i64.${UnaryStem}` | 'i64.extend32_s'
  | 'i32.wrap_i64' | 'i64.extend_i32_s' | 'i64.extend_i32_u';

export const isBinaryOp = (op: string): op is BinaryOpName => Object.hasOwn(BINARY_OPS, op);
export const isUnaryOp = (op: string): op is UnaryOpName => Object.hasOwn(UNARY_OPS, op);

/**
 * Host functions reachable through imports of module `env` (docs/abi.md): assertions, the
 * private input tape (`input_*`: the next value) and the public outputs (`output_*`: append one).
 */
export const HOST_FUNCS = {
  assert_eq: { params: ['i32', 'i32'], results: [] },
  assert_eq_i32: { params: ['i32', 'i32'], results: [] },
  assert_eq_i64: { params: ['i64', 'i64'], results: [] },
  input_i32: { params: [], results: ['i32'] },
  input_i64: { params: [], results: ['i64'] },
  output_i32: { params: ['i32'], results: [] },
  output_i64: { params: ['i64'], results: [] },
  /** AssemblyScript's abort(message, fileName, line, column): a trap of kind `abort` */
  abort: { params: ['i32', 'i32', 'i32', 'i32'], results: [] },
  /**
   * Internal (module `w2z`, only in programs the NEAR linker makes, src/near/link.ts): traps from
   * here to the matching guard_end no longer end the program; they unwind to guard_end, which
   * returns 0 (no trap) or the trap's code. One guarded call per program.
   */
  __w2z_guard_begin: { params: [], results: [] },
  __w2z_guard_end: { params: [], results: ['i32'] },
  /**
   * Internal (module `w2z`): a fresh instance of contract c (a constant) before each call —
   * its memory zeroed (after the first call), its data written, its size its initial size
   */
  __w2z_instance_reset: { params: ['i32'], results: [] },
} as const satisfies Record<string, { params: IrType[]; results: IrType[] }>;
export type HostFuncName = keyof typeof HOST_FUNCS;
