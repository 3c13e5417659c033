// Random straight-line programs over the ABI: nested expressions that read inputs among live
// values (so every register allocation case around input_* and output_* shows up), outputs
// inside a called function, random tapes (some with an i32 value ≥ 2^32, some too short) and
// random output limits. Our debug run, prover-shape run (publics epilogue) and V8 must agree.
import { describe, expect, it } from 'vitest';
import { compileWat, runEverywhere } from './harness.js';
import { IMPORTS } from './programs.js';

/** xorshift32: the same programs on every run */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s; };
  return {
    int: (n: number) => next() % n,
    pick: <T>(xs: readonly T[]): T => xs[next() % xs.length]!,
    u32: (): bigint => BigInt(next()),
    u64: (): bigint => (BigInt(next()) << 32n) | BigInt(next()),
  };
}

type Ty = 'i32' | 'i64';
const OPS: Record<Ty, string[]> = {
  i32: ['add', 'sub', 'mul', 'and', 'or', 'xor', 'shl', 'shr_u', 'rotl', 'eq', 'lt_u', 'lt_s'],
  i64: ['add', 'sub', 'mul', 'and', 'or', 'xor', 'shl', 'shr_s'],
};
const EDGE32 = [0n, 1n, 0x7fffffffn, 0x80000000n, 0xffffffffn];
const EDGE64 = [0n, 1n, 0x7fffffffffffffffn, 0x8000000000000000n, 0xffffffffffffffffn, 0xffffffffn, 0x100000000n];

function generate(seed: number): { wat: string; reads: Ty[]; outputs: number } {
  const r = rng(seed);
  const reads: Ty[] = [];
  let outputs = 0;
  const expr = (t: Ty, depth: number): string => {
    const k = r.int(depth <= 0 ? 3 : 7);
    if (k === 0) { reads.push(t); return t === 'i32' ? '(call $in)' : '(call $in64)'; }
    if (k === 1) return `(local.get $${t === 'i32' ? 'l' : 'm'}${r.int(3)})`;
    if (k === 2) return `(${t}.const ${t === 'i32' ? r.pick(EDGE32) : r.pick(EDGE64)})`;
    if (k === 3) return t === 'i32' ? `(i32.wrap_i64 ${expr('i64', depth - 1)})` : `(i64.extend_i32_${r.pick(['s', 'u'])} ${expr('i32', depth - 1)})`;
    if (k === 4 && t === 'i64') {
      // an output inside a call, between the evaluation of other operands
      const a = expr('i32', depth - 1);
      outputs++;
      return `(call $f ${a} ${expr('i64', depth - 1)})`;
    }
    const op = r.pick(OPS[t]);
    const a = expr(t, depth - 1);
    const b = expr(t, depth - 1);
    return `(${t}.${op} ${a} ${b})`;
  };
  const stmts: string[] = [];
  for (let n = 3 + r.int(8); n > 0; n--) {
    const t: Ty = r.pick(['i32', 'i64']);
    switch (r.int(4)) {
      case 0: stmts.push(`(local.set $${t === 'i32' ? 'l' : 'm'}${r.int(3)} ${expr(t, 3)})`); break;
      case 1: stmts.push(`(drop ${expr(t, 1)})`); break;
      default: { const e = expr(t, 3); outputs++; stmts.push(`(call ${t === 'i32' ? '$out' : '$out64'} ${e})`); }
    }
  }
  const wat = `(module ${IMPORTS}
  (func $f (param $a i32) (param $b i64) (result i64)
    (call $out (local.get $a))
    (i64.add (local.get $b) (i64.extend_i32_u (local.get $a))))
  (func $main (export "main")
    (local $l0 i32) (local $l1 i32) (local $l2 i32) (local $m0 i64) (local $m1 i64) (local $m2 i64)
    ${stmts.join('\n    ')}))`;
  return { wat, reads, outputs };
}

const SEEDS = Array.from({ length: 60 }, (_, k) => 1000 + k * 7919);

describe('random programs over the ABI agree with V8', () => {
  const tally = { pass: 0, trap: 0, fail: 0 };
  it.each(SEEDS)('seed %i', async (seed) => {
    const { wat, reads } = generate(seed);
    const r = rng(seed ^ 0x5bd1e995);
    const tape = reads.map((t) => (t === 'i32' ? (r.int(3) === 0 ? r.pick(EDGE32) : r.u32()) : (r.int(3) === 0 ? r.pick(EDGE64) : r.u64())));
    // now and then a tape an i32 read must reject, or one that runs out
    const mode = r.int(10);
    if (mode === 0 && reads.includes('i32')) tape[reads.indexOf('i32')] = 0x100000000n + r.u32();
    if (mode === 1 && tape.length > 0) tape.pop();
    const maxOutputs = r.pick([0, 2, 8, 8, 8]);
    const p = await compileWat(wat, `rand${seed}.wat`, maxOutputs);
    const got = await runEverywhere(p, tape);
    tally[got.status]++;
  });
  it('covers every outcome', () => {
    console.log(`random ABI programs: ${JSON.stringify(tally)}`);
    expect(tally.pass).toBeGreaterThan(10);
    expect(tally.trap).toBeGreaterThan(0);
    expect(tally.fail).toBeGreaterThan(0);
  });
});
