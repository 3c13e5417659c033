import { describe, expect, it } from 'vitest';
import { foldSteps, starkStructFor, SECURITY_PROFILES } from '../../../src/pil/stark/index.js';

describe('starkStructFor', () => {
  for (const security of SECURITY_PROFILES) {
    it(`gives a valid GL struct for every nBits 3..23 ('${security}')`, () => {
      for (let nBits = 3; nBits <= 23; nBits++) {
        const s = starkStructFor(nBits, security);
        expect(s.nBits).toBe(nBits);
        expect(s.nBitsExt).toBe(nBits + 1); // blowup 2
        expect(s.verificationHashType).toBe('GL');
        expect(s.nQueries).toBe(security === 'test' ? 8 : 128);
        const steps = s.steps.map((x) => x.nBits);
        expect(steps[0]).toBe(s.nBitsExt);
        for (let i = 1; i < steps.length; i++) {
          const fold = steps[i - 1]! - steps[i]!;
          expect(fold, `nBits ${nBits}: steps ${steps.join(',')}`).toBeGreaterThanOrEqual(1);
          expect(fold).toBeLessThanOrEqual(4);
        }
        expect(steps.at(-1)!).toBeGreaterThanOrEqual(1);
        expect(steps.every(Number.isInteger)).toBe(true);
      }
    });
  }

  it('folds further with few queries than with many (the last polynomial is sent in clear)', () => {
    expect(starkStructFor(16, 'test').steps.map((s) => s.nBits)).toEqual([17, 13, 9, 6]);
    expect(starkStructFor(16, 'standard').steps.map((s) => s.nBits)).toEqual([17, 13, 10]);
    expect(starkStructFor(10, 'standard').steps.map((s) => s.nBits)).toEqual([11]);
    expect(foldSteps(24, 128)).toEqual([24, 20, 16, 13, 10]);
  });

  it('rejects sizes and profiles it has no struct for', () => {
    expect(() => starkStructFor(2, 'test')).toThrow(/2\^2 is out of range/);
    expect(() => starkStructFor(24, 'standard')).toThrow(/out of range/);
    expect(() => starkStructFor(10.5, 'test')).toThrow(/out of range/);
    expect(() => starkStructFor(10, 'fast' as never)).toThrow(/unknown security profile 'fast'/);
  });
});
