// The differential harness for templates/float/softfloat.wasm against V8, and its long run.
//
// As a module it is what test/float/softfloat.test.ts runs (in one place, so that test and long
// run compare the same way): a reference module built from the real WebAssembly instructions,
// special and random operands for each of softfloat's exports, and the comparison.
//
// Run by hand, it compares many more random operands than the test:
//   node test/float/softfloat-long.mjs [operands per function, default 1000000] [seed]
//   node test/float/softfloat-long.mjs --exhaustive    every u32 operand of the trap-free
//                                                      f32/i32-operand functions (minutes each)
// and prints, per function, the cases compared and the first mismatch if any (exit status 1).
//
// Values are bit patterns held as unsigned BigInts: f32 and i32 in 32 bits, f64 and i64 in 64.
// Bit-exact agreement is required, except that where V8 returns a NaN, softfloat must return the
// canonical NaN with sign 0. A trapping conversion of softfloat returns the value and a status
// (0 converted, 1 a NaN, 2 out of range): where V8 traps, the status must be 1 for a NaN operand
// and 2 otherwise; where V8 converts, 0 with the same value.

import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import wabtInit from 'wabt';

export const SOFTFLOAT_WASM = new URL('../../templates/float/softfloat.wasm', import.meta.url);

/** @typedef {'f32' | 'f64' | 'i32' | 'i64'} Type */
/** @typedef {{ name: string, params: Type[], result: Type, traps: boolean }} Op */

const op = (name, params, result) => ({ name, params, result, traps: /trunc_f/.test(name) });

/** Every operation softfloat implements: its export is `__w2z_` + name with `.` → `_`. */
export const OPS = /** @type {Op[]} */ ([
  ...['f32', 'f64'].flatMap((t) => [
    ...['add', 'sub', 'mul', 'div', 'min', 'max'].map((o) => op(`${t}.${o}`, [t, t], t)),
    ...['sqrt', 'ceil', 'floor', 'trunc', 'nearest'].map((o) => op(`${t}.${o}`, [t], t)),
  ]),
  op('f32.demote_f64', ['f64'], 'f32'),
  op('f64.promote_f32', ['f32'], 'f64'),
  ...['f32', 'f64'].flatMap((t) => ['i32', 'i64'].flatMap((i) => ['s', 'u'].map((s) => op(`${t}.convert_${i}_${s}`, [i], t)))),
  ...['i32', 'i64'].flatMap((i) => ['f32', 'f64'].flatMap((t) => ['s', 'u'].map((s) => op(`${i}.trunc_${t}_${s}`, [t], i)))),
  ...['i32', 'i64'].flatMap((i) => ['f32', 'f64'].flatMap((t) => ['s', 'u'].map((s) => op(`${i}.trunc_sat_${t}_${s}`, [t], i)))),
]);

export const exportName = (o) => `__w2z_${o.name.replace('.', '_')}`;
const refName = (o) => o.name.replace('.', '_');

const isFloat = (t) => t === 'f32' || t === 'f64';
const width = (t) => (t === 'f32' || t === 'i32' ? 32 : 64);
const intOf = (t) => (width(t) === 32 ? 'i32' : 'i64');
export const hex = (x, t) => `0x${x.toString(16).padStart(width(t) / 4, '0')}`;

// ------------------------------------------------------------------------------------------------
// Float formats

const FMT = {
  f32: { frac: 23n, emax: 0xffn, bias: 127n, sign: 1n << 31n },
  f64: { frac: 52n, emax: 0x7ffn, bias: 1023n, sign: 1n << 63n },
};
export const CANONICAL_NAN = { f32: 0x7fc00000n, f64: 0x7ff8000000000000n };

export function isNaNBits(x, t) {
  const f = FMT[t];
  const mag = x & (f.sign - 1n);
  return mag > f.emax << f.frac;
}

const pack = (t, sign, exp, frac) => {
  const f = FMT[t];
  return (sign ? f.sign : 0n) | (BigInt(exp) << f.frac) | (frac & ((1n << f.frac) - 1n));
};

const view = new DataView(new ArrayBuffer(8));
const bitsOf = (t, x) => {
  if (t === 'f32') { view.setFloat32(0, x); return BigInt(view.getUint32(0)); }
  view.setFloat64(0, x);
  return view.getBigUint64(0);
};

// ------------------------------------------------------------------------------------------------
// Special values

/** Positive values whose neighbours (one unit in the last place up and down) matter too. */
const ANCHORS = [1, 0.5, 1.5, 2.5, 3.5, 0.25, 0.75, 2, 3, 10, 1 / 3, Math.PI, 1e10, 1e-10,
  1 + 2 ** -24, 1 + 3 * 2 ** -24, 2 ** -149 * 1.5, 2 ** -126 * (1 - 2 ** -24), // f32 ties for demote
  2 ** 22 + 0.5, 2 ** 23, 2 ** 24, 2 ** 51 + 0.5, 2 ** 52, 2 ** 53, 2 ** 31, 2 ** 32, 2 ** 63, 2 ** 64,
  2 ** 127, 2 ** -126, 2 ** -149, 2 ** 128, 2 ** -1022, 2 ** 1023];

/** Special bit patterns of a type, each also negated. */
export function specials(t) {
  const out = new Set();
  const m = (1n << BigInt(width(t))) - 1n;
  // floats: both signs; integers: x and -x
  const add = (x) => { out.add(x); out.add(isFloat(t) ? x ^ (1n << BigInt(width(t) - 1)) : -x & m); };
  if (isFloat(t)) {
    const f = FMT[t];
    const inf = f.emax << f.frac;
    for (const x of [0n, 1n, 2n, (1n << f.frac) - 1n, 1n << f.frac, (1n << f.frac) + 1n, inf - 1n, inf,
      inf + 1n, inf | (1n << (f.frac - 1n)), inf | (1n << (f.frac - 1n)) | 1n, (f.sign - 1n)]) add(x);
    for (const a of ANCHORS) {
      const x = bitsOf(t, a);
      if (x === 0n || x >= inf) continue; // outside the format's range
      for (const y of [x - 1n, x, x + 1n]) add(y);
    }
  } else {
    const w = BigInt(width(t));
    for (const k of [0n, 1n, 24n, 25n, 31n, 32n, 52n, 53n, 54n, 63n]) {
      if (k >= w) continue;
      for (const d of [-3n, -1n, 0n, 1n, 3n]) add(((1n << k) + d) & m);
    }
    // just below 2^k: a run of ones, rounding up
    for (const k of [24n, 25n, 31n, 53n, 54n, 62n, 63n]) if (k < w) add((1n << k) - (1n << (k - 25n)) - 1n);
    add(0x7fffffc0n); add(0x7fffffbfn); add(0x7fffff80n); add(0xffffff80n);
    // ties of rounding to f32 (24 bits) and f64 (53), exact and with a last 1 bit far below
    for (const [k, p] of [[31n, 24n], [63n, 24n], [63n, 53n], [62n, 53n]]) {
      if (k >= w) continue;
      const tie = (1n << k) | (1n << (k - p));
      for (const x of [tie, tie | 1n, tie | (2n << (k - p)), tie | (2n << (k - p)) | 1n]) add(x);
    }
    if (w === 64n) { add(0x7ffffffffffffc00n); add(0x7ffffffffffffdffn); add(0x7ffffffffffffe00n); add(0xfffffffffffff800n); }
  }
  return [...out];
}

// ------------------------------------------------------------------------------------------------
// Random operands

/** A seeded generator of 32-bit words (mulberry32). */
export function rng(seed) {
  let s = seed >>> 0;
  const u32 = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return (x ^ (x >>> 14)) >>> 0;
  };
  const bits = (n) => { // n random bits as a BigInt
    let r = 0n;
    for (let k = 0; k < n; k += 32) r = (r << 32n) | BigInt(u32());
    return r & ((1n << BigInt(n)) - 1n);
  };
  return { u32, bits, int: (n) => u32() % n, pick: (xs) => xs[u32() % xs.length] };
}

/** A random fraction: uniform, or with few bits set (exact results and ties), or runs of ones. */
function fraction(r, t) {
  const n = Number(FMT[t].frac);
  switch (r.int(4)) {
    case 0: return r.bits(n) & ~((1n << BigInt(r.int(n + 1))) - 1n); // top bits only
    case 1: return (1n << BigInt(r.int(n))) | (1n << BigInt(r.int(n))) | (r.int(2) ? 1n : 0n);
    case 2: return ((1n << BigInt(r.int(n + 1))) - 1n) ^ (r.int(2) ? 1n << BigInt(r.int(n)) : 0n);
    default: return r.bits(n);
  }
}

/** A random float with exponent field e (clamped to the finite range). */
function floatWithExp(r, t, e) {
  const f = FMT[t];
  const emax = Number(f.emax);
  return pack(t, r.int(2), Math.max(0, Math.min(emax - 1, e)), fraction(r, t));
}

/** One random float: random bits, any exponent, near 1, or with an exponent in [lo, hi]. */
function randomFloat(r, t, lo, hi) {
  const f = FMT[t];
  const bias = Number(f.bias);
  switch (r.int(lo === undefined ? 3 : 5)) {
    case 0: return r.bits(width(t));
    case 1: return pack(t, r.int(2), r.int(Number(f.emax) + 1), fraction(r, t));
    case 2: return floatWithExp(r, t, bias - 3 + r.int(7));
    default: return floatWithExp(r, t, lo + r.int(hi - lo + 1));
  }
}

/** One random integer: random bits, shifted right by a random count, sparse, or negated. */
function randomInt(r, t) {
  const w = width(t);
  const m = (1n << BigInt(w)) - 1n;
  let x;
  switch (r.int(4)) {
    case 0: x = r.bits(w); break;
    case 1: x = r.bits(w) >> BigInt(r.int(w)); break;
    case 2: { // near a tie when rounded to f32's or f64's precision: the bit below it set, then 0, 1 or more
      const k = r.int(w);
      const cut = k - r.pick([24, 53]);
      if (cut < 1) { x = r.bits(w); break; }
      const above = r.bits(w) & ((1n << BigInt(k)) - 1n) & ~((2n << BigInt(cut)) - 1n);
      const below = r.pick([0n, 1n, 1n << BigInt(r.int(cut)), r.bits(cut)]);
      x = (1n << BigInt(k)) | above | (1n << BigInt(cut)) | below;
      break;
    }
    default: x = (1n << BigInt(r.int(w))) + BigInt(r.int(7)) - 3n; break;
  }
  return r.int(4) === 0 ? -x & m : x & m;
}

const expOf = (x, t) => Number((x >> FMT[t].frac) & FMT[t].emax);

/** Random operands for an operation. */
export function randomArgs(o, r) {
  const [t] = o.params;
  if (!isFloat(t)) return [randomInt(r, t)];
  const f = FMT[t];
  const bias = Number(f.bias);
  const frac = Number(f.frac);
  const stem = o.name.split('.')[1];
  if (o.params.length === 1) {
    if (/^(ceil|floor|trunc|nearest)$/.test(stem)) return [randomFloat(r, t, bias - 2, bias + frac + 1)];
    if (/^trunc/.test(stem)) return [randomFloat(r, t, bias - 1, bias + 65)];
    // demote: around f32's subnormals and its overflow
    if (stem === 'demote_f64') return [randomFloat(r, t, bias - 152, bias + 130)];
    if (stem === 'sqrt') return [r.int(8) ? randomFloat(r, t) & ~f.sign : randomFloat(r, t)];
    return [randomFloat(r, t)];
  }
  const a = randomFloat(r, t);
  const ea = expOf(a, t);
  switch (r.int(5)) {
    case 0: return [a, randomFloat(r, t)];
    case 1: return [a, floatWithExp(r, t, ea - 2 + r.int(5))]; // close exponents: cancellation
    case 2: { // a neighbour, either sign: heavy cancellation, equal operands
      const b = (a + BigInt(r.int(33)) - 16n) & ((1n << BigInt(width(t))) - 1n);
      return [a, r.int(2) ? b ^ f.sign : b];
    }
    default: { // the result near the subnormal range or overflow (exponents add for mul, subtract for div)
      if (stem !== 'mul' && stem !== 'div') {
        const e = r.int(2) ? r.int(4) : Number(f.emax) - 1 - r.int(3);
        return [floatWithExp(r, t, e), floatWithExp(r, t, e - 1 + r.int(3))];
      }
      const target = r.int(2) ? r.int(frac + 4) - 2 : Number(f.emax) - 2 + r.int(4);
      const eb = stem === 'div' ? ea - target + bias : target - ea + bias;
      return [a, floatWithExp(r, t, eb)];
    }
  }
}

// ------------------------------------------------------------------------------------------------
// The two modules

/** The reference module: each operation as the real instruction, on bit patterns. */
export function referenceWat() {
  const funcs = OPS.map((o) => {
    const args = o.params.map((t, k) => (isFloat(t) ? `(${t}.reinterpret_${intOf(t)} (local.get ${k}))` : `(local.get ${k})`));
    const body = `(${o.name} ${args.join(' ')})`;
    const result = isFloat(o.result) ? `(${intOf(o.result)}.reinterpret_${o.result} ${body})` : body;
    return `  (func (export "${refName(o)}") (param ${o.params.map(intOf).join(' ')}) (result ${intOf(o.result)}) ${result})`;
  });
  return `(module\n${funcs.join('\n')}\n)`;
}

/** Instantiate the reference module and softfloat (from `softfloatBytes`, default the built file). */
export async function instantiate(softfloatBytes = readFileSync(SOFTFLOAT_WASM)) {
  const wabt = await wabtInit();
  const refModule = wabt.parseWat('reference.wat', referenceWat(), { sat_float_to_int: true });
  const refBytes = refModule.toBinary({}).buffer;
  refModule.destroy();
  const ref = (await WebAssembly.instantiate(refBytes)).instance.exports;
  const ours = (await WebAssembly.instantiate(softfloatBytes)).instance.exports;
  return { ref, ours };
}

const toJs = (x, t) => (width(t) === 32 ? Number(x) : x); // i32 params wrap, i64 params take BigInts
const fromJs = (v, t) => (width(t) === 32 ? BigInt(v >>> 0) : BigInt.asUintN(64, v));

/** softfloat's status of a trapping conversion → the trap it stands for */
export const STATUS_TRAPS = ['', 'invalid conversion', 'integer overflow'];

/** A function's outcome: its result bits, or the trap (softfloat's by its status, or 'V8 trap'). */
function outcome(fn, args, o, isOurs) {
  try {
    const r = fn(...args.map((x, k) => toJs(x, o.params[k])));
    if (!isOurs || !o.traps) return { value: fromJs(r, o.result) };
    const [value, status] = r;
    if (status === 0) return { value: fromJs(value, o.result) };
    if (STATUS_TRAPS[status]) return { trap: STATUS_TRAPS[status] };
    throw new Error(`status ${status}`);
  } catch (e) {
    if (!isOurs && e instanceof WebAssembly.RuntimeError) return { trap: 'V8 trap' };
    throw new Error(`${o.name}(${args.map((x, k) => hex(x, o.params[k])).join(', ')}): ${isOurs ? 'softfloat' : 'V8'} threw ${e}`);
  }
}

const show = (r, t) => (r.trap ? r.trap : hex(r.value, t));

/**
 * Compare operation `o` on operands `args` (bit patterns): undefined if softfloat agrees with V8,
 * else a description of the mismatch with the operands in hex.
 */
export function check(m, o, args) {
  const want = outcome(m.ref[refName(o)], args, o, false);
  const got = outcome(m.ours[exportName(o)], args, o, true);
  let ok;
  let expected = want;
  if (want.trap) {
    expected = { trap: isNaNBits(args[0], o.params[0]) ? 'invalid conversion' : 'integer overflow' };
    ok = got.trap === expected.trap;
  } else {
    if (isFloat(o.result) && isNaNBits(want.value, o.result)) expected = { value: CANONICAL_NAN[o.result] };
    ok = got.value === expected.value;
  }
  if (ok) return undefined;
  const operands = args.map((x, k) => hex(x, o.params[k])).join(', ');
  return `${o.name}(${operands}): V8 ${show(want, o.result)}, expected ${show(expected, o.result)}, softfloat ${show(got, o.result)}`;
}

/** Every operand tuple of special values for `o` (all pairs for binary operations). */
export function specialArgs(o) {
  const s = specials(o.params[0]);
  return o.params.length === 1 ? s.map((x) => [x]) : s.flatMap((a) => s.map((b) => [a, b]));
}

/** Compare `o` on a list of operand tuples: the number of cases and the first mismatch. */
export function compareAll(m, o, argsList) {
  for (const args of argsList) {
    const mismatch = check(m, o, args);
    if (mismatch) return { cases: argsList.length, mismatch };
  }
  return { cases: argsList.length, mismatch: undefined };
}

/** Compare `o` on `n` random operand tuples from `seed`, generated as they are used. */
export function compareRandom(m, o, n, seed) {
  const r = rng(seed);
  for (let k = 0; k < n; k++) {
    const args = randomArgs(o, r);
    const mismatch = check(m, o, args);
    if (mismatch) return { cases: k + 1, mismatch };
  }
  return { cases: n, mismatch: undefined };
}

/** A seed per operation, so that each one's operands do not depend on the others'. */
export const seedFor = (o, seed) => [...o.name].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0, seed >>> 0);

// ------------------------------------------------------------------------------------------------
// Exhaustive check of the trap-free functions with one 32-bit operand, inside WebAssembly

/**
 * A module importing softfloat's function and looping over all 2^32 operands; it returns the first
 * operand where softfloat disagrees with the instruction (NaN results: the canonical NaN), or -1.
 */
function exhaustiveWat(o) {
  const rt = intOf(o.result);
  const arg = isFloat(o.params[0]) ? `(${o.params[0]}.reinterpret_i32 (local.get $x))` : '(local.get $x)';
  const want = isFloat(o.result) ? `(${rt}.reinterpret_${o.result} (${o.name} ${arg}))` : `(${o.name} ${arg})`;
  const nanFix = isFloat(o.result)
    ? `(local.set $w (select (${rt}.const ${CANONICAL_NAN[o.result]}) (local.get $w) (${o.result}.ne (${o.result}.reinterpret_${rt} (local.get $w)) (${o.result}.reinterpret_${rt} (local.get $w)))))`
    : '';
  return `(module (import "sf" "f" (func $f (param i32) (result ${rt})))
  (func (export "run") (result i64) (local $x i32) (local $w ${rt})
    (loop $next
      (local.set $w ${want}) ${nanFix}
      (if (${rt}.ne (local.get $w) (call $f (local.get $x))) (then (return (i64.extend_i32_u (local.get $x)))))
      (local.set $x (i32.add (local.get $x) (i32.const 1)))
      (br_if $next (local.get $x)))
    (i64.const -1)))`;
}

export async function exhaustive(m, o) {
  const wabt = await wabtInit();
  const mod = wabt.parseWat('exhaustive.wat', exhaustiveWat(o), { sat_float_to_int: true });
  const { instance } = await WebAssembly.instantiate(mod.toBinary({}).buffer, { sf: { f: m.ours[exportName(o)] } });
  const x = instance.exports.run();
  if (x === -1n) return undefined;
  return check(m, o, [x]) ?? `${o.name}(${hex(x, o.params[0])}): mismatch in the exhaustive loop only`;
}

// ------------------------------------------------------------------------------------------------
// The long run

async function main(argv) {
  const m = await instantiate();
  let failed = 0;
  if (argv[0] === '--exhaustive') {
    const ops = OPS.filter((o) => !o.traps && o.params.length === 1 && width(o.params[0]) === 32);
    for (const o of ops) {
      const start = Date.now();
      const mismatch = await exhaustive(m, o);
      console.log(`${o.name.padEnd(22)} ${2 ** 32} operands  ${((Date.now() - start) / 1000).toFixed(0)} s  ${mismatch ?? 'ok'}`);
      if (mismatch) failed++;
    }
  } else {
    const n = Number(argv[0] ?? 1_000_000);
    const seed = Number(argv[1] ?? 1);
    let total = 0;
    const start = Date.now();
    for (const o of OPS) {
      const s = compareAll(m, o, specialArgs(o));
      const r = s.mismatch ? { cases: 0 } : compareRandom(m, o, n, seedFor(o, seed));
      const mismatch = s.mismatch ?? r.mismatch;
      total += s.cases + r.cases;
      console.log(`${o.name.padEnd(22)} ${String(s.cases).padStart(6)} special + ${r.cases} random  ${mismatch ?? 'ok'}`);
      if (mismatch) failed++;
    }
    console.log(`${total} cases in ${((Date.now() - start) / 1000).toFixed(1)} s, seed ${seed}`);
  }
  console.log(failed ? `${failed} functions disagree with V8` : 'all functions agree with V8');
  process.exitCode = failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv.slice(2));
}
