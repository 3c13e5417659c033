// Polynomial identities: groups of identities become one generated row loop each (so a row's
// cells and shared intermediates are loaded/computed once per group). Identities the double
// path handles exactly on (nearly) every row run in doubles, a nonzero or inexact value settled
// by the exact evaluator before it counts as a failure; the others (full 64-bit columns, products
// that may pass 2^53) would fall to BigInt row by row, so they run in the 64-bit evaluator.

import { DoubleBuilder } from './codegen.js';
import type { Context } from './context.js';
import { showField } from './field.js';
import { WideBuilder, type WideLoop } from './wide.js';

/** Generated lines per loop: large enough to share work, small enough that V8 still optimizes
 *  the function (TurboFan skips very large bytecode). */
const GROUP_LINES = 600;
/** Field operations per WebAssembly loop (wasm functions of any size are optimized; this bounds
 *  the locals of one function). */
const WIDE_GROUP_STEPS = 3000;

export function checkPolIdentities(ctx: Context): void {
  const ids = ctx.pil.polIdentities;
  const dead = new Uint8Array(ids.length);
  const report = (g: number, row: number, v: bigint): boolean => {
    dead[g] = 1; // like verifyPil: one failure per identity
    return ctx.report('identity', g, row, ids[g]!, `identity does not hold at row ${row} (value ${showField(v)})`);
  };
  const double: number[] = [];
  const wide: number[] = [];
  ids.forEach((id, g) => {
    const probe = new DoubleBuilder(ctx);
    probe.addCheck(id.e);
    (probe.risky ? wide : double).push(g);
  });
  const runDouble = (list: number[]): void => {
    for (let next = 0; next < list.length && !ctx.full;) {
      const b = new DoubleBuilder(ctx);
      const members: number[] = [];
      while (next < list.length && (members.length === 0 || b.size < GROUP_LINES)) {
        b.addCheck(ids[list[next]!]!.e);
        members.push(list[next++]!);
      }
      const fail = (k: number, row: number): boolean => {
        const g = members[k]!;
        if (dead[g]) return false;
        const v = ctx.exact(ids[g]!.e)(row);
        if (v === 0n) return false; // only inexact in doubles
        return report(g, row, v);
      };
      b.build()(b.cols.map((c) => c.f), ctx.N, 0, ctx.N, null, fail);
    }
  };
  runDouble(double);
  for (let next = 0; next < wide.length && !ctx.full;) {
    const b = new WideBuilder(ctx, ctx.N);
    const members: number[] = [];
    while (next < wide.length && (members.length === 0 || b.size < WIDE_GROUP_STEPS)) {
      b.addCheck(ids[wide[next]!]!.e);
      members.push(wide[next++]!);
    }
    let loop: WideLoop;
    try {
      loop = b.build();
    } catch (e) {
      // past an engine limit (locals, function size): the double path still decides exactly
      if (!(e instanceof WebAssembly.CompileError || e instanceof RangeError)) throw e;
      runDouble(members);
      continue;
    }
    runWide(ctx, loop, members, dead, report);
  }
}

/** The loop is exact: at a row it reports, some live member is nonzero. Which ones (in order, as
 *  the double path reports them) the exact evaluator finds, and it gives the value. */
function runWide(ctx: Context, loop: WideLoop, members: number[], dead: Uint8Array,
  report: (g: number, row: number, v: bigint) => boolean): void {
  const ids = ctx.pil.polIdentities;
  loop.check((row) => {
    let found = false;
    for (let k = 0; k < members.length; k++) {
      const g = members[k]!;
      if (dead[g]) continue;
      const v = ctx.exact(ids[g]!.e)(row);
      if (v === 0n) continue;
      found = true;
      loop.kill(k);
      if (report(g, row, v)) return true;
    }
    if (!found) throw new Error(`checkTrace: internal error: the 64-bit evaluator and the exact one disagree at row ${row}`);
    return false;
  });
}
