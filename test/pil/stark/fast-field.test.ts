// Our WebAssembly replacements for pil-stark's BigInt hot paths (src/pil/stark/fast-paths.ts)
// must not change a single byte of a proof: the field kernel against BigInt arithmetic on edge
// values, and the toy machine proved with and without the replacements.
// The replacement workers are the compiled ones in dist/ (run `npx tsc -p tsconfig.json` first).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parseStepCode } from '../../../src/pil/stark/expr-parse.js';
import { fastStats, setFastPaths } from '../../../src/pil/stark/fast-paths.js';
import { addGlFuncs, memoryFor } from '../../../src/pil/stark/gl-kernel.js';
import { keyOfOwnProof, parseProof, prove, serializeProof, verifyProofFile } from '../../../src/pil/stark/index.js';
import { livePoolCount } from '../../../src/pil/stark/lib.js';
import { ModuleBuilder } from '../../../src/pil/stark/wasm-emit.js';
import { cmCol, P, toyTrace } from './toy.js';

const require = createRequire(import.meta.url);
const F3g = createRequire(require.resolve('pil-stark'))('./src/helpers/f3g.js') as new () => {
  mul(a: bigint | bigint[], b: bigint | bigint[]): bigint | bigint[];
};

interface Kernel {
  add(a: bigint, b: bigint): bigint;
  sub(a: bigint, b: bigint): bigint;
  mul(a: bigint, b: bigint): bigint;
  mul3(a0: bigint, a1: bigint, a2: bigint, b0: bigint, b1: bigint, b2: bigint): bigint[];
}

function kernel(): Kernel {
  const m = new ModuleBuilder();
  addGlFuncs(m, true);
  return new WebAssembly.Instance(new WebAssembly.Module(m.bytes()), { env: { mem: memoryFor(1) } }).exports as unknown as Kernel;
}

// wasm i64 results reach JavaScript as signed BigInts
const u64 = (x: bigint) => BigInt.asUintN(64, x);

function values(): bigint[] {
  const edge = [0n, 1n, 2n, P - 1n, P - 2n, 1n << 32n, (1n << 32n) - 1n, (1n << 32n) + 1n, 1n << 63n, (1n << 63n) - 1n, P >> 1n, (1n << 64n) - (1n << 33n)];
  let s = 0x9e3779b97f4a7c15n;
  for (let k = 0; k < 40; k++) {
    s = (s * 6364136223846793005n + 1442695040888963407n) % (1n << 64n);
    edge.push(s % P);
  }
  return edge;
}

describe('Goldilocks WebAssembly kernel', () => {
  const k = kernel();
  const xs = values();

  it('adds, subtracts and multiplies like BigInt mod p', () => {
    for (const a of xs) {
      for (const b of xs) {
        expect(u64(k.add(a, b))).toBe((a + b) % P);
        expect(u64(k.sub(a, b))).toBe((((a - b) % P) + P) % P);
        expect(u64(k.mul(a, b))).toBe((a * b) % P);
      }
    }
  });

  it('multiplies in the cubic extension like pil-stark F3g', () => {
    const F = new F3g();
    for (let i = 0; i + 5 < xs.length; i += 3) {
      const a = [xs[i]!, xs[i + 1]!, xs[i + 2]!];
      const b = [xs[i + 3]!, xs[i + 4]!, xs[i + 5]!];
      expect(k.mul3(a[0]!, a[1]!, a[2]!, b[0]!, b[1]!, b[2]!).map(u64)).toEqual(F.mul(a, b));
    }
  });
});

describe('expression code reader', () => {
  it('reads the shapes pil-stark generates', () => {
    const ops = parseStepCode([
      '  ctx.tmp[5] = ctx.F.sub(ctx.cm1_2ns[0 + ((i + 2)%2048)*30], ctx.publics[1]);',
      '  ctx.tmp[6] = ctx.F.mul(ctx.challenges[4], [ ctx.cm3_2ns[3 + i*15] , ctx.cm3_2ns[3 + i*15 + 1] , ctx.cm3_2ns[3 + i*15 + 2] ]);',
      '  [ ctx.q_2ns[i*3], ctx.q_2ns[i*3+1], ctx.q_2ns[i*3+2]]  = ctx.F.add(ctx.tmp[6], ctx.Zi(i));',
      '  ctx.tmpExp_n[1 + i*38] = 7n;',
    ].join('\n'));
    expect(ops.map((o) => o.op)).toEqual(['sub', 'mul', 'add', 'copy']);
    expect(ops[0]!.src[0]).toEqual({ kind: 'cell', dim: 1, cell: { section: 'cm1_2ns', prime: { next: 2, n: 2048 }, size: 30, off: 0 } });
    expect(ops[1]!.src[1]).toEqual({ kind: 'cell', dim: 3, cell: { section: 'cm3_2ns', size: 15, off: 3 } });
    expect(ops[2]!.dest).toEqual({ kind: 'cell', dim: 3, cell: { section: 'q_2ns', size: 3, off: 0 } });
  });
});

const built = existsSync(new URL('../../../dist/pil/stark/expr-worker.js', import.meta.url));

describe.skipIf(!built)('proofs with and without the replacements', () => {
  for (const nBits of [10, 12]) {
    it(`are byte-identical at 2^${nBits} rows, and verify`, async () => {
      // the toy's lookup column holds i·7 mod N: keep it inside the byte table for N > 256
      const { pil, constPols, cmPols } = await toyTrace(nBits, 5n, (cm, n) => {
        const [c, d] = [cmCol(cm, 'c'), cmCol(cm, 'd')];
        for (let i = 0; i < n; i++) c[i] = BigInt((i * 7) % 256);
        for (let i = 0; i < n; i++) d[i] = c[n - 1 - i]!;
      });
      const texts: string[] = [];
      for (const fast of [false, true]) {
        setFastPaths(fast);
        const before = { ...fastStats };
        try {
          const file = await prove(pil, constPols, cmPols, { security: 'test' });
          texts.push(serializeProof(file));
          expect(livePoolCount()).toBe(0); // pools kept for the call (fast paths) end with it
          const r = await verifyProofFile(parseProof(texts.at(-1)!, 'p.json'), keyOfOwnProof(file), { allowInsecure: true });
          expect(r.ok).toBe(true);
        } finally {
          setFastPaths(true);
        }
        // with the replacements on, every expression chunk ran compiled (none fell back to BigInt)
        if (fast) {
          expect(fastStats.pools).toBeGreaterThan(before.pools);
          expect(fastStats.compiled).toBeGreaterThan(before.compiled);
          expect(fastStats.fallback).toBe(before.fallback);
        } else {
          expect(fastStats.pools).toBe(before.pools);
        }
      }
      expect(texts[1]).toBe(texts[0]);
    }, 120_000);
  }
});
