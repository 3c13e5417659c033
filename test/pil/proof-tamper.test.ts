// A real proof file (out42.wat, 'test' profile) tampered with field by field, against the program's
// key: never VALID, never a crash (test/pil/proof-tamper.ts lists the variants). Then the review's
// findings, each as the attack it was: names the file cannot choose, a constraint-free starkInfo
// over the real constRoot, a truncated evMap, and the insecure profile.
import { beforeAll, describe, expect, it } from 'vitest';
import { makeFixture, proofVariants, verdict, weakPilForgery, type Fixture, type Verdict } from './proof-tamper.js';
import { keyOfOwnProof, parseProof, serializeProof, verifyProofFile } from '../../src/pil/stark/index.js';

let fx: Fixture;
beforeAll(async () => { fx = await makeFixture(); }, 120_000);

const edited = (text: string, f: (o: { publics: string[]; starkInfo: Record<string, unknown[]> } & Record<string, unknown>) => void): string => {
  const o = JSON.parse(text) as Parameters<typeof f>[0];
  f(o);
  return JSON.stringify(o);
};

describe('a proof file tampered with, field by field', () => {
  it('the untampered file is VALID against its key, with the program\'s publics', async () => {
    expect(await verdict(fx.text, fx.key)).toEqual({ verdict: 'valid', why: '' });
    expect(fx.key.publics).toEqual(['status', 'outCount', 'out0_lo', 'out0_hi']);
    expect(parseProof(fx.text, 'p.json').publics).toEqual([0n, 1n, 42n, 0n]);
  });

  it('every variant is INVALID or refused as malformed; none VALID, none a crash', async () => {
    const variants = proofVariants(fx.text);
    const counts: Record<Verdict, number> = { invalid: 0, error: 0, valid: 0 };
    const accepted: string[] = [];
    const multiLine: string[] = [];
    const t0 = performance.now();
    for (const v of variants) {
      const r = await verdict(v.text, fx.key); // a crash throws here and fails the test
      counts[r.verdict]++;
      if (r.verdict === 'valid') accepted.push(v.name);
      if (r.why.includes('\n')) multiLine.push(v.name);
    }
    console.log(`tamper sweep: ${variants.length} variants in ${((performance.now() - t0) / 1000).toFixed(1)} s: `
      + `${counts.invalid} INVALID, ${counts.error} refused as malformed, ${counts.valid} VALID`);
    expect(accepted).toEqual([]);
    expect(multiLine).toEqual([]); // every reason and error is one line
    // the sweep reaches every part of the file (a generator that lost a part would shrink it)
    const names = new Set(variants.map((v) => v.name));
    for (const n of ['change security', 'remove nBits', 'reorder publics', 'change publics[2]', 'truncate starkInfo.evMap',
      'reorder starkInfo.publics', 'change proof.root3[1]', 'remove proof.evals[0]', 'reorder proof.fri[1].polQueries',
      'change proof.fri[1].polQueries[0]', 'truncate proof.fri[2]', 'add starkInfo.extra', 'add extra']) {
      expect(names).toContain(n);
    }
    expect(variants.length).toBeGreaterThan(300);
  }, 120_000);
});

describe('the review\'s findings', () => {
  it('public names come from the key: the file cannot carry them (meta) nor reorder the PIL\'s', async () => {
    const meta = edited(fx.text, (o) => { o.meta = { publicNames: ['outCount', 'status', 'out0_lo', 'out0_hi'] }; });
    expect(await verdict(meta, fx.key)).toEqual({ verdict: 'error', why: "tampered.json: malformed proof (field 'meta' is not part of a version 2 proof)" });
    const v1 = edited(fx.text, (o) => { o.version = 1; });
    expect((await verdict(v1, fx.key)).why).toBe('tampered.json: unsupported proof version 1 (this build reads version 2)');
    const swapped = edited(fx.text, (o) => { o.starkInfo.publics!.reverse(); });
    expect((await verdict(swapped, fx.key)).why).toMatch(/^the proof is about another constraint system/);
    // a key whose names disagree with the PIL's is caught too: names are never taken on trust
    const r = await verifyProofFile(parseProof(fx.text, 'p.json'), { ...fx.key, publics: ['outCount', 'status', 'out0_lo', 'out0_hi'] }, { allowInsecure: true });
    expect(r.reason).toBe('the key names the publics outCount,status,out0_lo,out0_hi, the PIL declares status,outCount,out0_lo,out0_hi');
  });

  it('a starkInfo without the constraints that bind the publics, over the real constRoot, proves out0 = 43 to itself but not to the key', async () => {
    const forged = await weakPilForgery(fx.rom, 43n);
    expect(forged.constRoot).toEqual(fx.key.constRoot);
    expect(forged.publics).toEqual([0n, 1n, 43n, 0n]);
    const text = serializeProof(forged);
    // against its own claims the forgery holds: this is what `verify` without a key used to trust
    expect((await verifyProofFile(parseProof(text, 'f.json'), keyOfOwnProof(forged), { allowInsecure: true })).ok).toBe(true);
    expect(await verdict(text, fx.key)).toMatchObject({ verdict: 'invalid', why: expect.stringMatching(/^the proof is about another constraint system/) });
  }, 60_000);

  it('a truncated evMap is INVALID', async () => {
    const text = edited(fx.text, (o) => { o.starkInfo.evMap!.pop(); });
    expect(await verdict(text, fx.key)).toMatchObject({ verdict: 'invalid', why: expect.stringMatching(/another constraint system/) });
  });

  it('the test profile is refused unless insecure proofs are allowed', async () => {
    const r = await verdict(fx.text, fx.key, false);
    expect(r).toEqual({ verdict: 'invalid', why: "the key uses the insecure 'test' profile (8 FRI queries): refused unless insecure proofs are allowed (--allow-insecure)" });
    // a 'standard' key does not make a 'test' proof acceptable either
    const std = await verifyProofFile(parseProof(fx.text, 'p.json'), { ...fx.key, security: 'standard' }, {});
    expect(std.reason).toMatch(/^the proof uses the insecure 'test' profile/);
  });
});
