// Our calculateH1H2 (src/pil/stark/h1h2.ts) must give pil-stark's h1, h2 (same values, same order).
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import { fastH1H2, type CalculateH1H2 } from '../../../src/pil/stark/h1h2.js';

const require = createRequire(import.meta.url);
const fromPilStark = createRequire(require.resolve('pil-stark'));
const { calculateH1H2 } = fromPilStark('./src/helpers/polutils.js') as { calculateH1H2: CalculateH1H2 };
const F = new (fromPilStark('./src/helpers/f3g.js') as new () => { toString(a: unknown): unknown })();
const ours = fastH1H2(calculateH1H2);

it('builds h1, h2 like pil-stark', () => {
  let s = 12345;
  const rnd = (m: number) => { s = (s * 1103515245 + 12345) % 2147483648; return s % m; };
  for (const [n, range] of [[1, 1], [8, 3], [64, 64], [256, 10], [1024, 1000]] as const) {
    const t = Array.from({ length: n }, () => BigInt(rnd(range)));
    const f = Array.from({ length: n }, () => t[rnd(n)]!);
    expect(ours(F, f, t)).toEqual(calculateH1H2(F, f, t));
  }
  // a value missing from t: the same error
  const t = [1n, 2n, 3n];
  const f = [2n, 9n, 1n];
  expect(() => ours(F, f, t)).toThrow(/^Number not included: 9$/);
  expect(() => calculateH1H2(F, f, t)).toThrow(/^Number not included: 9$/);
  // extension values go to the original
  const t3 = [[1n, 0n, 0n], [2n, 1n, 0n]];
  expect(ours(F, [t3[1], t3[0]], t3)).toEqual(calculateH1H2(F, [t3[1], t3[0]], t3));
});
