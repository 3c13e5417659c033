// templates/float/softfloat.wasm, the software floating point the compiler links into programs with
// float instructions, against V8 running the real instructions: every export on every pair (or
// every one, for unary functions) of special values and on 4,000 seeded random operand tuples, bit
// for bit (a NaN from V8 must be the canonical NaN from softfloat; where V8 traps, a trapping
// conversion's status must say invalid conversion for a NaN operand, integer overflow otherwise).
// The harness is shared with the long run by hand, test/float/softfloat-long.mjs.
// Also: the committed .wasm was built from the committed softfloat.c (its sha256), it imports
// nothing and exports exactly what the compiler expects.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript module, without declarations
import * as H from './softfloat-long.mjs';

interface Op { name: string; params: string[]; result: string; traps: boolean }
interface Result { cases: number; mismatch: string | undefined }
type Modules = { ref: WebAssembly.Exports; ours: WebAssembly.Exports };

const OPS: Op[] = H.OPS;
const RANDOM_PER_FUNCTION = 4000;
const SEED = 1;
const dir = new URL('../../templates/float/', import.meta.url);

const EXPORTS = [
  ...['f32', 'f64'].flatMap((t) => [
    ...['add', 'sub', 'mul', 'div', 'min', 'max', 'sqrt', 'ceil', 'floor', 'trunc', 'nearest'].map((o) => `${t}_${o}`),
    ...['i32', 'i64'].flatMap((i) => ['s', 'u'].map((s) => `${t}_convert_${i}_${s}`)),
  ]),
  'f32_demote_f64', 'f64_promote_f32',
  ...['i32', 'i64'].flatMap((i) => ['f32', 'f64'].flatMap((t) => ['s', 'u'].flatMap((s) => [`${i}_trunc_${t}_${s}`, `${i}_trunc_sat_${t}_${s}`]))),
].map((n) => `__w2z_${n}`);

let m: Modules;
beforeAll(async () => {
  m = await H.instantiate();
});

describe('softfloat.wasm', () => {
  it('was built from softfloat.c as committed (else run templates/float/build.sh)', () => {
    const hash = createHash('sha256').update(readFileSync(new URL('softfloat.c', dir))).digest('hex');
    expect(readFileSync(new URL('softfloat.c.sha256', dir), 'utf8').trim()).toBe(hash);
  });

  it('exports exactly the __w2z_ functions, the trapping conversions with a status, and imports nothing', () => {
    const mod = new WebAssembly.Module(readFileSync(H.SOFTFLOAT_WASM));
    const exports = WebAssembly.Module.exports(mod);
    expect(exports.every((e) => e.kind === 'function')).toBe(true);
    expect(exports.map((e) => e.name).sort()).toEqual([...EXPORTS].sort());
    expect(OPS.map(H.exportName).sort()).toEqual([...EXPORTS].sort()); // the harness covers them all
    expect(WebAssembly.Module.imports(mod)).toEqual([]);
    // the linker (src/wasm/softfloat.ts) tells a trapping conversion by its second result
    const instance = new WebAssembly.Instance(mod);
    for (const o of OPS) {
      const f = instance.exports[H.exportName(o)] as (...x: (number | bigint)[]) => unknown;
      const args = o.params.map((t) => (t === 'f32' || t === 'i32' ? 1 : 1n)); // any operands
      expect(Array.isArray(f(...args)), o.name).toBe(o.traps);
    }
  });

  it('the comparison catches a wrong result, a non-canonical NaN and a wrong trap', () => {
    const add = OPS.find((o) => o.name === 'f64.add')!;
    const trunc = OPS.find((o) => o.name === 'i32.trunc_f32_s')!;
    const ref = m.ref as Record<string, (...a: unknown[]) => unknown>;
    const wrong = (over: Record<string, (...a: unknown[]) => unknown>): Modules => ({ ref: m.ref, ours: { ...m.ours, ...over } });
    expect(H.check(m, add, [0x3ff0000000000000n, 0x3ff0000000000000n])).toBeUndefined();
    // 1 + 1 off by one unit in the last place
    const offByOne = wrong({ __w2z_f64_add: (a: bigint, b: bigint) => (ref['f64_add']!(a, b) as bigint) + 1n });
    expect(H.check(offByOne, add, [0x3ff0000000000000n, 0x3ff0000000000000n])).toMatch(/^f64\.add\(0x3ff0000000000000, 0x3ff0000000000000\): V8 0x4000000000000000, .*softfloat 0x4000000000000001$/);
    // V8's own NaN passed through: inf - inf has the sign bit set in V8
    const v8Nan = wrong({ __w2z_f64_add: (a: bigint, b: bigint) => ref['f64_add']!(a, b) });
    expect(H.check(v8Nan, add, [0x7ff0000000000000n, 0xfff0000000000000n])).toMatch(/expected 0x7ff8000000000000/);
    // overflow reported as an invalid conversion
    const wrongTrap = wrong({ __w2z_i32_trunc_f32_s: () => [0, 1] });
    expect(H.check(wrongTrap, trunc, [0x7f800000n])).toMatch(/expected integer overflow, softfloat invalid conversion/);
    // a status of 0 where V8 traps
    const noTrap = wrong({ __w2z_i32_trunc_f32_s: () => [0x7fffffff, 0] });
    expect(H.check(noTrap, trunc, [0x7f800000n])).toMatch(/expected integer overflow, softfloat 0x7fffffff/);
    expect(H.check(m, trunc, [0x7f800000n])).toBeUndefined();
    expect(H.check(m, trunc, [0x7fc00000n])).toBeUndefined();
  });

  describe.each(OPS.map((o) => [o.name, o] as const))('%s agrees with V8', (_, o) => {
    it('on special values', () => {
      const r: Result = H.compareAll(m, o, H.specialArgs(o));
      expect(r.mismatch, r.mismatch).toBeUndefined();
    });
    it(`on ${RANDOM_PER_FUNCTION} random operands`, () => {
      const r: Result = H.compareRandom(m, o, RANDOM_PER_FUNCTION, H.seedFor(o, SEED));
      expect(r.mismatch, r.mismatch).toBeUndefined();
      expect(r.cases).toBe(RANDOM_PER_FUNCTION);
    });
  });
});
