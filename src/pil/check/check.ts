// checkTrace: every constraint of a compiled PIL against a trace. Order: publics, polynomial
// identities, lookups, permutations, connections; each identity stops at its first failing row
// (as verifyPil does) and the whole check stops at maxFailures.

import { checkConnection } from './connections.js';
import { Context } from './context.js';
import { checkPolIdentities } from './identities.js';
import { resolvePublics } from './publics.js';
import { checkPermutation, checkPlookup } from './tuples.js';
import type { CheckOptions, CheckResult, PilJson, Trace } from './types.js';

export function checkTrace(pil: PilJson, trace: Trace, opts: CheckOptions = {}): CheckResult {
  const t0 = performance.now();
  const N = trace.N;
  // Row arithmetic in the generated loops is int32 ((i + d) & (N - 1)).
  if (!(Number.isInteger(N) && N >= 1 && N <= 2 ** 30 && (N & (N - 1)) === 0)) {
    throw new Error(`checkTrace: N = ${N} is not a power of two (up to 2^30)`);
  }
  const ctx = new Context(pil, trace, opts.maxFailures ?? 20);
  resolvePublics(ctx, opts.publics);
  if (!ctx.full) checkPolIdentities(ctx);
  for (let k = 0; k < pil.plookupIdentities.length && !ctx.full; k++) checkPlookup(ctx, k);
  for (let k = 0; k < pil.permutationIdentities.length && !ctx.full; k++) checkPermutation(ctx, k);
  for (let k = 0; k < pil.connectionIdentities.length && !ctx.full; k++) checkConnection(ctx, k);
  // Identities of one loop are found row by row, interleaved: list them by kind, then index.
  const order = ['public', 'identity', 'plookup', 'permutation', 'connection'];
  ctx.failures.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.index - b.index);
  return {
    ok: ctx.failures.length === 0,
    failures: ctx.failures,
    cells: N * (pil.nCommitments + pil.nConstants),
    ms: performance.now() - t0,
  };
}
