// prove → serialize → parse → verify on the toy machine (test profile, N = 2^5), then the ways
// a file can be wrong: tampered values (verify says no, with a reason), unreadable files (an
// error naming the file), and traces that break the PIL (prove throws and says why).
import { beforeAll, describe, expect, it } from 'vitest';
import {
  GOLDILOCKS_P, keyOfOwnProof, parseProof, prove, publicNamesOf, serializeProof, starkInfoFor, starkInfoHash, verifyProofFile,
  type ProofFile, type StarkKey, type VerifyOptions,
} from '../../../src/pil/stark/index.js';
import { livePoolCount } from '../../../src/pil/stark/lib.js';
import { cmCol, fib, P, TOY_PIL, toyTrace } from './toy.js';

const NBITS = 5;
const X = 3n;
let text = '';
let logLines: string[] = [];
let pilJsonBefore = '';
let fresh: () => ProofFile;
let key: StarkKey;
const insecureOk = { allowInsecure: true };

beforeAll(async () => {
  const { pil, constPols, cmPols } = await toyTrace(NBITS, X);
  pilJsonBefore = JSON.stringify(pil);
  const file = await prove(pil, constPols, cmPols, { security: 'test', log: (m) => logLines.push(m) });
  expect(JSON.stringify(pil)).toBe(pilJsonBefore); // prove leaves the caller's pil alone
  text = serializeProof(file);
  fresh = () => parseProof(text, 'toy.proof.json');
  key = keyOfOwnProof(file);
});

const bump = (v: bigint): bigint => (v + 1n) % GOLDILOCKS_P;

describe('a proof of the toy machine', () => {
  it('logs setup, prove and verify times', () => {
    expect(logLines[0]).toMatch(/^proving 2\^5 rows, 4 committed \+ 3 constant columns, 'test' profile \(8 queries, FRI steps 6/);
    expect(logLines.slice(1).map((l) => l.replace(/[\d.]+ s$/, 'T s'))).toEqual(['setup T s', 'prove T s', 'verify T s']);
  });

  it('round-trips through JSON and verifies, with the expected publics', async () => {
    const file = fresh();
    expect(serializeProof(file)).toBe(text);
    const r = await verifyProofFile(file, key, insecureOk);
    expect(r.reason).toBeUndefined();
    expect(r.ok).toBe(true);
    // a0 = b0 = x, then (a, b) → (b, a + b): b(i) = x·F(i+2), so out = x·F(N+1)
    expect(r.publics).toEqual([X, (X * fib((1 << NBITS) + 1)) % P]);
    expect(publicNamesOf(file)).toEqual(['start', 'out']);
    expect(key).toMatchObject({ security: 'test', nBits: NBITS, publics: ['start', 'out'] });
    expect(key.constRoot).toHaveLength(4);
    expect(Object.keys(file)).toEqual(['format', 'version', 'security', 'nBits', 'constRoot', 'publics', 'starkInfo', 'proof']);
    expect(file).toMatchObject({ format: 'wasm2zkasm-stark-proof', version: 2, security: 'test', nBits: NBITS });
  });

  it('starts with the short fields, and keeps every element exact', () => {
    expect(text.slice(0, 120)).toMatch(/^\{"format":"wasm2zkasm-stark-proof","version":2,"security":"test","nBits":5,"constRoot":\["\d+"/);
    const big = fresh().proof.root1.find((v) => v > 2n ** 53n);
    expect(big).toBeDefined();
    expect(text).toContain(`"${big!.toString()}"`);
  });

  it('has the starkInfo pil-stark derives from the PIL: a verifier can make the key without a proof', async () => {
    const { pil } = await toyTrace(NBITS, X);
    const info = await starkInfoFor(pil, NBITS, 'test');
    expect(starkInfoHash(info)).toBe(key.starkInfoHash);
    expect(JSON.stringify(info)).toBe(JSON.stringify(fresh().starkInfo));
  });
});

describe('verify says no', () => {
  const rejects = async (change: (f: ProofFile) => void, reason: RegExp, opts: VerifyOptions = insecureOk, k: StarkKey = key) => {
    const file = fresh();
    change(file);
    const r = await verifyProofFile(file, k, opts);
    expect(r.ok).toBe(false);
    expect(r.reason).toMatch(reason);
  };
  const stark = /does not verify|pil-stark rejected/;

  it('to a changed public', () => rejects((f) => { f.publics[1] = bump(f.publics[1]!); }, stark));
  it('to a changed first public', () => rejects((f) => { f.publics[0] = 4n; }, stark));
  it('to a changed constRoot', () => rejects((f) => { f.constRoot[2] = bump(f.constRoot[2]!); }, /other constant polynomials/));
  it('to a changed constRoot, even with a key that has it (the STARK binds the constants)', () => {
    const changed = [...key.constRoot];
    changed[2] = bump(changed[2]!);
    return rejects((f) => { f.constRoot = [...changed]; }, stark, insecureOk, { ...key, constRoot: changed });
  });
  it('to a changed commitment root', () => rejects((f) => { f.proof.root3[0] = bump(f.proof.root3[0]!); }, stark));
  it('to a changed evaluation', () => rejects((f) => {
    const ev = f.proof.evals[0] as bigint[];
    ev[1] = bump(ev[1]!);
  }, stark));
  it('to a changed FRI element (last polynomial)', () => rejects((f) => {
    const last = f.proof.fri.at(-1) as bigint[][];
    last[0]![0] = bump(last[0]![0]!);
  }, stark));
  it('to a changed Merkle path element', () => rejects((f) => {
    const q = (f.proof.fri[0] as { polQueries: bigint[][][][][] }).polQueries;
    q[3]![4]![1]![0]![2] = bump(q[3]![4]![1]![0]![2]!); // query 3, constant tree, path level 0
  }, stark));
  it('to a truncated FRI proof (pil-stark throws, we report)', () => rejects((f) => { f.proof.fri.pop(); }, /pil-stark rejected the proof/));
  it('to a missing public', () => rejects((f) => { f.publics.pop(); }, /1 publics, its PIL declares 2/));
  it('to a weaker starkStruct than the key\'s', () => rejects((f) => { f.starkInfo.starkStruct.nQueries = 2; }, /another constraint system/));
  it('to a starkInfo without its constraints', () => rejects((f) => { f.starkInfo.nConstraints = 0; f.starkInfo.qs = []; }, /another constraint system/));
  it('to a claimed profile or N other than the key\'s', async () => {
    await rejects((f) => { f.security = 'standard'; }, /made with the 'standard' profile, the key is for 'test'/);
    await rejects((f) => { f.nBits = NBITS + 1; }, /2\^6 rows, the key is for 2\^5/);
  });
  it('to the insecure profile, unless allowed', () => rejects(() => undefined, /insecure 'test' profile \(8 FRI queries\).*--allow-insecure/, {}));
  it('to another program', () => rejects(() => undefined, /other constant polynomials/, insecureOk, { ...key, constRoot: [1n, 2n, 3n, 4n] }));
  it('to another constraint system', () => rejects(() => undefined, /another constraint system/, insecureOk, { ...key, starkInfoHash: '00' }));
  it('to a key naming other publics', () => rejects(() => undefined, /the key names the publics out,start, the PIL declares start,out/, insecureOk, { ...key, publics: ['out', 'start'] }));
});

describe('parseProof', () => {
  const parsed = (t: string) => () => parseProof(t, 'proof.json');
  const edit = (f: (o: Record<string, unknown>) => void): string => {
    const o = JSON.parse(text) as Record<string, unknown>;
    f(o);
    return JSON.stringify(o);
  };

  it('names the file when the text is not JSON', () => {
    expect(parsed('{"format": ')).toThrow(/^proof\.json: not valid JSON \(/);
    expect(parsed(text.slice(0, 1000))).toThrow(/^proof\.json: not valid JSON/);
  });
  it('names a missing field', () => {
    expect(parsed(edit((o) => { delete o.starkInfo; }))).toThrow("proof.json: not a wasm2zkasm proof (missing field 'starkInfo')");
    expect(parsed(edit((o) => { delete o.proof; }))).toThrow("proof.json: not a wasm2zkasm proof (missing field 'proof')");
    expect(parsed('[1, 2]')).toThrow('proof.json: not a wasm2zkasm proof (not a JSON object)');
    expect(parsed('{"a": 1}')).toThrow("proof.json: not a wasm2zkasm proof (missing field 'format')");
  });
  it('rejects other formats and versions', () => {
    expect(parsed(edit((o) => { o.format = 'zkevm-proof'; }))).toThrow(/proof\.json: not a wasm2zkasm proof \(format is "zkevm-proof"/);
    expect(parsed(edit((o) => { o.version = 1; }))).toThrow('proof.json: unsupported proof version 1 (this build reads version 2)');
  });
  it('names a malformed field', () => {
    expect(parsed(edit((o) => { o.nBits = 40; }))).toThrow("proof.json: malformed proof (field 'nBits' must be an integer from 3 to 23)");
    expect(parsed(edit((o) => { o.security = 'max'; }))).toThrow(/field 'security' must be "test" or "standard"/);
    expect(parsed(edit((o) => { o.constRoot = ['1', '2', '3']; }))).toThrow("field 'constRoot' must have 4 elements, not 3");
    expect(parsed(edit((o) => { (o.publics as unknown[])[0] = 3; }))).toThrow("field 'publics[0]' must be a decimal string");
    expect(parsed(edit((o) => { (o.publics as unknown[])[0] = GOLDILOCKS_P.toString(); }))).toThrow("field 'publics[0]' is not below the Goldilocks prime");
    expect(parsed(edit((o) => { delete (o.proof as Record<string, unknown>).root4; }))).toThrow("field 'proof.root4' must be an array");
    expect(parsed(edit((o) => {
      ((o.proof as { fri: { polQueries: unknown[][][] }[] }).fri[0]!.polQueries[1]![2] as unknown[])[0] = '-5';
    }))).toThrow("field 'proof.fri[0].polQueries[1][2][0]' must be a decimal string");
    expect(parsed(edit((o) => { o.meta = { publicNames: ['out', 'start'] }; }))).toThrow("proof.json: malformed proof (field 'meta' is not part of a version 2 proof)");
    expect(parsed(edit((o) => { (o.proof as Record<string, unknown>).root5 = []; }))).toThrow("field 'proof.root5' is not part of a pil-stark proof");
    expect(parsed(edit((o) => { ((o.proof as { fri: Record<string, unknown>[] }).fri[0]!).extra = ['1']; }))).toThrow("field 'proof.fri[0]' must have exactly the keys polQueries");
    expect(parsed(edit((o) => { (o.proof as { fri: unknown[] }).fri.reverse(); }))).toThrow("field 'proof.fri[0]' must be an object");
    expect(parsed(edit((o) => { delete (o.starkInfo as Record<string, unknown>).starkStruct; }))).toThrow("field 'starkInfo.starkStruct' is missing");
  });
});

describe('prove refuses a trace that breaks the PIL', () => {
  const proveToy = async (mutate?: Parameters<typeof toyTrace>[2], source?: string) => {
    const t = await toyTrace(NBITS, X, mutate, source);
    return prove(t.pil, t.constPols, t.cmPols, { security: 'test' });
  };

  it('a lookup miss', async () => {
    await expect(proveToy((cm) => { cmCol(cm, 'c')[3] = 300n; cmCol(cm, 'd')[3] = 300n; }))
      .rejects.toThrow(/does not satisfy the PIL's lookups\/permutations: a looked-up value is missing .*Number not included: 300/);
    expect(livePoolCount()).toBe(0); // the worker threads pil-stark left behind are gone
  });
  it('a broken permutation', async () => {
    await expect(proveToy((cm) => { cmCol(cm, 'd')[3] = 9n; }))
      .rejects.toThrow(/does not satisfy the PIL's lookups\/permutations: the two sides of a permutation.*z does not match/);
    expect(livePoolCount()).toBe(0);
  });
  it('a broken polynomial identity (caught by the self-verification)', async () => {
    await expect(proveToy((cm) => { cmCol(cm, 'b')[7] = 1n; }))
      .rejects.toThrow(/the new proof does not verify .*breaks a polynomial identity/);
  });
  it('a cell left unset, or not a field element', async () => {
    await expect(proveToy((cm) => { cmCol(cm, 'c').length = 31; cmCol(cm, 'c').length = 32; }))
      .rejects.toThrow('committed polynomial Fib.c row 31 is not set');
    await expect(proveToy((cm) => { cmCol(cm, 'a')[2] = P; }))
      .rejects.toThrow(/committed polynomial Fib.a row 2 = 18446744069414584321 is not a field element/);
  });
  it('a public no constraint uses', async () => {
    await expect(proveToy(undefined, TOY_PIL.replace('Global.LLAST * (b - :out) = 0;', '')))
      .rejects.toThrow(/public 'out' not used by any constraint: the proof would not bind it/);
  });
});

describe('the smallest trace', () => {
  for (const security of ['test', 'standard'] as const) {
    it(`proves 2^3 rows ('${security}', a single FRI step)`, async () => {
      const t = await toyTrace(3, 5n);
      const file = await prove(t.pil, t.constPols, t.cmPols, { security });
      expect(file.starkInfo.starkStruct.steps).toEqual([{ nBits: 4 }]);
      const r = await verifyProofFile(parseProof(serializeProof(file), 'small.json'), keyOfOwnProof(file), insecureOk);
      expect(r.ok).toBe(true);
      expect(r.publics).toEqual([5n, (5n * fib(9)) % P]);
    });
  }
});
