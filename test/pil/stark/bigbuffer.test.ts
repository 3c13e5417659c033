// lib.ts replaces slice/set of pil-stark's pilcom BigBuffer with one-copy versions: same results.
import { expect, it } from 'vitest';
import { setFastPaths } from '../../../src/pil/stark/fast-paths.js';
import { pilStark, pilStarkBigBuffer } from '../../../src/pil/stark/lib.js';

it('BigBuffer slice and set behave as pilcom’s own', () => {
  pilStark();
  const BigBuffer = pilStarkBigBuffer();
  const run = (fast: boolean) => {
    setFastPaths(fast);
    try {
      const out: unknown[] = [];
      const b = new BigBuffer(100);
      for (let i = 0; i < 100; i++) b.buffers[0]![i] = BigInt(i) * 0x9e3779b97f4a7c15n % (1n << 64n);
      for (const [f, t] of [[0, 0], [0, 100], [3, 17], [99, 100], [100, 100]] as const) out.push([...b.slice(f, t)]);
      for (const [f, t] of [[5, 3], [-1, 2], [0, 101]] as const) {
        try { b.slice(f, t); out.push('no error'); } catch (e) { out.push(String(e)); }
      }
      b.set(new BigUint64Array([7n, 8n, 9n]), 10);
      b.set(new BigUint64Array([1n, 2n]).subarray(1), 98);
      b.set(new BigUint64Array(0), 100);
      b.set(new BigUint64Array([5n]));
      out.push([...b.buffers[0]!]);
      return out;
    } finally {
      setFastPaths(true);
    }
  };
  expect(run(true)).toEqual(run(false));
});
