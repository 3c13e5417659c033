// The pass registry and the default pipeline. Under W2Z_PASS_DEBUG=1 (and in tests) the IR
// verifier runs after every pass; a failure names the pass.

import type { IrFunction, IrModule } from '../ir/ir.js';
import { verifyFunction } from '../ir/verify.js';
import { W2zError, isW2zError } from '../diagnostics.js';
import { constFold } from './const-fold.js';
import { dce } from './dce.js';
import { renumberValues } from '../ir/cleanup.js';
import { simplifyCfg } from './simplify-cfg.js';
import type { Pass } from './pass.js';

/** Every pass, by name (sorted). */
export const PASSES: ReadonlyMap<string, Pass> = new Map([
  ['const-fold', constFold],
  ['dce', dce],
  ['simplify-cfg', simplifyCfg],
]);

/** The default pipeline, in order: */
export const DEFAULT_PIPELINE: readonly Pass[] = [
  constFold, // first: folded branches turn into jumps, leaving dead blocks and values behind
  dce, // the builder leaves unused local initialisers and pass-through parameters
  simplifyCfg, // after dce: fewer parameters make more jump chains mergeable; layout last
];

export interface PipelineOptions {
  verifyEach?: boolean;
  log?: (line: string) => void;
}

export function runPipeline(m: IrModule, passes: readonly Pass[] = DEFAULT_PIPELINE, opts: PipelineOptions = {}): void {
  const verifyEach = opts.verifyEach ?? process.env['W2Z_PASS_DEBUG'] === '1';
  const sigs = new Map(m.funcs.map((f) => [f.index, f]));
  for (const fn of m.funcs) {
    for (const p of passes) {
      const stats = p.run(fn);
      opts.log?.(`${p.name} ${fn.name}: ${Object.entries(stats).map(([k, v]) => `${k}=${v}`).join(' ')}`);
      if (verifyEach) verifyAfter(p, fn, sigs);
    }
    renumberValues(fn); // dense numbers again, for readable IR
  }
}

function verifyAfter(p: Pass, fn: IrFunction, sigs: Map<number, IrFunction>): void {
  try {
    verifyFunction(fn, sigs);
  } catch (e) {
    if (!isW2zError(e)) throw e;
    throw new W2zError(e.code, e.where, `${e.what} after pass ${p.name}`, 'run with the pass removed and --emit ir to see the IR before it');
  }
}
