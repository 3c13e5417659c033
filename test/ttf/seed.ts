// One translate-to-fuzz seed: the generated module, rewritten (rewrite.ts) and checked
// (check.ts) in three variants.

import { denan, optimize, ttfModule } from './binaryen.js';
import { rewriteTtf } from './rewrite.js';
import { checkModule, type Verdict } from './check.js';
import { LEVELS } from './reopt.js';
import type { V8Runner } from './v8.js';

export const VARIANTS = ['defloat', 'opt', 'keep'] as const;
export type Variant = (typeof VARIANTS)[number];

export const VARIANT_TITLES: Record<Variant, string> = {
  defloat: 'de-floated (integer-only)',
  opt: 'de-floated, then wasm-opt -O1..-Oz (the level by seed)',
  keep: 'with its floats (NaNs made 0: wasm-opt --denan)',
};

export interface SeedResult {
  seed: number;
  /**
   * defloat: the module made integer-only: must agree with V8.
   * opt: the same re-optimised by wasm-opt at optLevel: must agree with V8.
   * keep: the module with its floats, NaNs turned into 0 (binaryen.ts `denan`): must agree with V8.
   */
  verdicts: Record<Variant, Verdict>;
  optLevel: string;
  /** float instructions and types de-floating rewrote */
  floats: number;
  ms: number;
}

/** The bytes of a seed's variant (for replaying and reducing). */
export function seedVariant(seed: number, variant: Variant, generated = ttfModule(seed)): Uint8Array {
  switch (variant) {
    case 'defloat': return rewriteTtf(generated, 'defloat').bytes;
    case 'opt': return optimize(rewriteTtf(generated, 'defloat').bytes, optLevel(seed));
    case 'keep': return denan(rewriteTtf(generated, 'keep').bytes);
  }
}

export const optLevel = (seed: number): string => LEVELS[seed % LEVELS.length]!;

export async function checkSeed(seed: number, v8: V8Runner): Promise<SeedResult> {
  const t0 = performance.now();
  const generated = ttfModule(seed);
  const d = rewriteTtf(generated, 'defloat');
  const verdicts = {} as Record<Variant, Verdict>;
  for (const variant of VARIANTS) {
    verdicts[variant] = await checkModule(seedVariant(seed, variant, generated), `ttf${seed}${variant === 'defloat' ? '' : `-${variant}`}.wasm`, v8);
  }
  return { seed, verdicts, optLevel: optLevel(seed), floats: d.floats, ms: Math.round(performance.now() - t0) };
}
