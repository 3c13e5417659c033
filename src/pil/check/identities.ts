// Polynomial identities: groups of identities become one generated row loop each (so a row's
// cells and shared intermediates are loaded/computed once per group), and a nonzero or inexact
// value is settled by the exact evaluator before it counts as a failure.

import { DoubleBuilder } from './codegen.js';
import type { Context } from './context.js';
import { showField } from './field.js';

/** Generated lines per loop: large enough to share work, small enough that V8 still optimizes
 *  the function (TurboFan skips very large bytecode). */
const GROUP_LINES = 600;

export function checkPolIdentities(ctx: Context): void {
  const ids = ctx.pil.polIdentities;
  const dead = new Uint8Array(ids.length);
  let next = 0;
  while (next < ids.length && !ctx.full) {
    const b = new DoubleBuilder(ctx);
    const members: number[] = [];
    while (next < ids.length && (members.length === 0 || b.size < GROUP_LINES)) {
      b.addCheck(ids[next]!.e);
      members.push(next++);
    }
    const loop = b.build();
    const fail = (k: number, row: number): boolean => {
      const g = members[k]!;
      if (dead[g]) return false; // like verifyPil: one failure per identity
      const v = ctx.exact(ids[g]!.e)(row);
      if (v === 0n) return false; // only inexact in doubles
      dead[g] = 1;
      return ctx.report('identity', g, row, ids[g]!, `identity does not hold at row ${row} (value ${showField(v)})`);
    };
    loop(b.cols.map((c) => c.f), ctx.N, 0, ctx.N, null, fail);
  }
}
