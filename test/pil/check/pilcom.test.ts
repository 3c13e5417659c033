// The bridges to pilcom (PolsArray objects, binary polynomial files) and publics bound to an
// intermediate or a constant polynomial.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkTrace, toPilcomPols, writePolsFile } from '../../../src/pil/check/index.js';
import { cloneTrace, compilePil, lineOf, P, TraceBuilder, verifyPil } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'pilcheck-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SRC = `
namespace Main(%N);
pol constant L3;
pol commit a, b, c;
pol ab = a * b;
public pa = ab(2);
Main.L3 * (ab - :pa) = 0;
c * 0 = 0;
`;

describe('pilcom formats', () => {
  it('toPilcomPols and writePolsFile agree with pilcom (reduced into [0, p), row-major LE u64)', async () => {
    const N = 8;
    const pil = await compilePil(SRC, { N });
    const t = new TraceBuilder(pil, N);
    t.c('Main.a').set([0, -0, -1, 2 ** 53, -(2 ** 53), 2 ** 32, -(2 ** 32) - 1, 1]);
    t.c('Main.b').set([5, 4, 3, 2, 1, 0, -1, -2]);
    t.setBig('cmP', 'Main.c', [P - 1n, P, P + 5n, 2n ** 64n - 1n, 0n, 1n, 2n ** 63n, 7n]);
    t.k('Main.L3')[3] = 1;
    const { cm, cst } = toPilcomPols(pil, t.trace);
    expect(cm.$$array[0]).toEqual([0n, 0n, P - 1n, 2n ** 53n, P - 2n ** 53n, 2n ** 32n, P - 2n ** 32n - 1n, 1n]);
    expect(cm.$$array[2]).toEqual([P - 1n, 0n, 5n, 2n ** 64n - 1n - P, 0n, 1n, 2n ** 63n, 7n]);
    expect(cst.$$array[0]).toEqual([0n, 0n, 0n, 1n, 0n, 0n, 0n, 0n]);

    const ours = join(dir, 'cm.ours');
    const theirs = join(dir, 'cm.pilcom');
    writePolsFile(ours, t.trace.cm, N);
    await cm.saveToFile(theirs);
    const bytes = readFileSync(ours);
    expect(bytes.length).toBe(N * 3 * 8);
    expect(bytes.equals(readFileSync(theirs))).toBe(true);
    // Row 6, pol 0 (-(2^32) - 1) is u64 number 6·3 + 0.
    expect(bytes.readBigUInt64LE((6 * 3 + 0) * 8)).toBe(P - 2n ** 32n - 1n);
    expect(bytes.readBigUInt64LE((4 * 3 + 0) * 8)).toBe(P - 2n ** 53n);
  });

  it('checks a public bound to an intermediate, like verifyPil', async () => {
    const N = 8;
    const pil = await compilePil(SRC, { N });
    const t = new TraceBuilder(pil, N);
    t.c('Main.a').set([1, 2, 3, 4, 5, 6, 7, 8]);
    t.c('Main.b').set([8, 7, 6, 5, 4, 3, 2, 1]);
    t.k('Main.L3')[3] = 1;
    // L3 selects row 3, the public is ab at row 2: 4·5 must equal 3·6. It does not.
    const r = checkTrace(pil, t.trace);
    const line = lineOf(SRC, ':pa');
    expect(r.failures.map((f) => [f.kind, f.row, f.line])).toEqual([['identity', 3, line]]);
    expect(r.failures[0]!.message).toContain('(value 2)');
    expect((await verifyPil(pil, t.trace)).length).toBe(1);
    const good = cloneTrace(t.trace);
    (good.cm[0] as Float64Array)[3] = 18;
    (good.cm[1] as Float64Array)[3] = 1;
    expect(checkTrace(pil, good).ok).toBe(true);
    expect(await verifyPil(pil, good)).toEqual([]);
    // Given publics: 18 matches ab(2); 19 does not, and the identity then fails too.
    expect(checkTrace(pil, good, { publics: [18n] }).ok).toBe(true);
    const wrong = checkTrace(pil, good, { publics: [19] });
    expect(wrong.failures.map((f) => [f.kind, f.index, f.row])).toEqual([['public', 0, 2], ['identity', 0, 3]]);
    expect(wrong.failures[0]!.message).toBe('public pa (#0) = Main.ab(2): the trace holds 18, the given value is 19');
    expect((await verifyPil(pil, good, [19n])).length).toBe(1);
  });

  it('checks a public bound to a constant polynomial (which verifyPil cannot)', async () => {
    const pil = await compilePil(`
namespace Main(%N);
pol constant K;
pol commit a;
public k = K(3);
a - :k = 0;
`, { N: 4 });
    const t = new TraceBuilder(pil, 4);
    t.k('Main.K').set([0, 0, 0, -7]);
    t.c('Main.a').fill(-7);
    expect(checkTrace(pil, t.trace).ok).toBe(true);
    expect(checkTrace(pil, t.trace, { publics: [P - 7n] }).ok).toBe(true);
    expect(checkTrace(pil, t.trace, { publics: [7n] }).failures.map((f) => f.kind)).toEqual(['public', 'identity']);
  });

  it('rejects malformed traces with an error, not a verdict', async () => {
    const pil = await compilePil(SRC, { N: 8 });
    const t = new TraceBuilder(pil, 8);
    (t.cm[0] as Float64Array)[1] = 0.5;
    expect(() => checkTrace(pil, t.trace)).toThrow(/Main.a.*row 1/);
    (t.cm[0] as Float64Array)[1] = 2 ** 53 + 2;
    expect(() => checkTrace(pil, t.trace)).toThrow(/row 1/);
    expect(() => checkTrace(pil, { ...t.trace, N: 6 })).toThrow(/power of two/);
    // pil-stark's own ops (here its quotient polynomial) are not pilcom output.
    const odd = structuredClone(pil);
    odd.expressions[odd.polIdentities[0]!.e] = { op: 'q', id: 0 };
    expect(() => checkTrace(odd, { ...t.trace, cm: t.trace.cm.map(() => new Float64Array(8)) })).toThrow(/unsupported expression op "q"/);
  });
});
