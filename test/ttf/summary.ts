// Tallies of seed results, and the known bugs they are matched against.

import { VARIANTS, VARIANT_TITLES, type SeedResult, type Variant } from './seed.js';
import type { Verdict } from './check.js';
import { KNOWN_BUGS } from './known-bugs.js';

/** The known bug a verdict is (by its message), if any. */
export function knownBug(v: Verdict): string | undefined {
  if (v.kind !== 'bug') return undefined;
  return KNOWN_BUGS.find((b) => b.what === v.what && b.pattern.test(v.message))?.id;
}

export interface Tally {
  seeds: number;
  ms: number;
  /** variant → verdict label → modules */
  verdicts: Record<Variant, Record<string, number>>;
  /** bug id (or 'new') → seed → the variants it shows in */
  bugs: Record<string, Record<number, string[]>>;
  /** new bugs: seed → message */
  newBugs: { seed: number; variant: string; message: string }[];
  truncated: number;
  calls: number;
  traps: number;
  outputs: number;
  steps: number;
  floats: number;
}

export const emptyTally = (): Tally => ({
  seeds: 0, ms: 0, verdicts: { defloat: {}, opt: {}, keep: {} }, bugs: {}, newBugs: [], truncated: 0, calls: 0, traps: 0, outputs: 0, steps: 0, floats: 0,
});

const label = (v: Verdict): string => {
  switch (v.kind) {
    case 'refused': return `refused (${v.reason})`;
    case 'bug': return `bug (${v.what})`;
    default: return v.kind;
  }
};

export function add(t: Tally, r: SeedResult): void {
  t.seeds++;
  t.ms += r.ms;
  t.floats += r.floats;
  for (const variant of VARIANTS) {
    const v = r.verdicts[variant];
    const counts = t.verdicts[variant];
    counts[label(v)] = (counts[label(v)] ?? 0) + 1;
    if (v.kind === 'agree') {
      if (v.truncated) t.truncated++;
      if (variant !== 'keep') {
        t.calls += v.calls;
        t.traps += v.traps;
        t.outputs += v.outputs;
        t.steps += v.steps;
      }
    }
    if (v.kind === 'bug') {
      const id = knownBug(v) ?? 'new';
      ((t.bugs[id] ??= {})[r.seed] ??= []).push(variant);
      if (id === 'new') t.newBugs.push({ seed: r.seed, variant, message: v.message.split('\n')[0]! });
    }
  }
}

export function merge(a: Tally, b: Tally): Tally {
  const sum = (x: Record<string, number>, y: Record<string, number>) => {
    const o = { ...x };
    for (const [k, v] of Object.entries(y)) o[k] = (o[k] ?? 0) + v;
    return o;
  };
  const bugs: Record<string, Record<number, string[]>> = {};
  for (const [k, v] of [...Object.entries(a.bugs), ...Object.entries(b.bugs)]) Object.assign(bugs[k] ??= {}, v);
  return {
    seeds: a.seeds + b.seeds, ms: a.ms + b.ms, bugs,
    verdicts: { defloat: sum(a.verdicts.defloat, b.verdicts.defloat), opt: sum(a.verdicts.opt, b.verdicts.opt), keep: sum(a.verdicts.keep, b.verdicts.keep) },
    newBugs: [...a.newBugs, ...b.newBugs].sort((x, y) => x.seed - y.seed), truncated: a.truncated + b.truncated,
    calls: a.calls + b.calls, traps: a.traps + b.traps, outputs: a.outputs + b.outputs, steps: a.steps + b.steps, floats: a.floats + b.floats,
  };
}

export function format(t: Tally, header: string): string {
  const lines = [header, `modules generated: ${t.seeds}, each checked in ${VARIANTS.length} variants (${3 * t.seeds} modules)`];
  const counts = (c: Record<string, number>) => Object.entries(c).sort((x, y) => y[1] - x[1]).map(([k, v]) => `${k} ${v}`).join(', ');
  for (const v of VARIANTS) lines.push(`${VARIANT_TITLES[v]}: ${counts(t.verdicts[v])}`);
  const total = (k: string) => VARIANTS.reduce((n, v) => n + (t.verdicts[v][k] ?? 0), 0);
  lines.push(`in all: agreed ${total('agree')}, refused ${Object.keys({ ...t.verdicts.defloat, ...t.verdicts.opt, ...t.verdicts.keep })
    .filter((k) => k.startsWith('refused')).reduce((n, k) => n + total(k), 0)}, V8 timeouts ${total('v8-timeout')}, `
    + `our step limit ${total('step-limit')}, disagreements ${total('bug (disagree)')}, crashes ${total('bug (crash)')}, `
    + `refusals not in the README ${total('bug (refusal)')}, failed runs ${total('bug (run failed)')}`);
  lines.push(`agreed integer runs: ${t.calls} calls, ${t.traps} of them trapping, ${t.outputs} logged values, ${t.steps} steps; `
    + `${t.truncated} module(s) compared up to a call logging more than 256 values; ${t.floats} float instructions/types rewritten`);
  const known = Object.entries(t.bugs).filter(([k]) => k !== 'new');
  if (known.length === 0 && t.newBugs.length === 0) lines.push('bugs: none');
  for (const [id, bySeed] of known.sort(([x], [y]) => x.localeCompare(y))) {
    const b = KNOWN_BUGS.find((x) => x.id === id)!;
    const seeds = Object.entries(bySeed).map(([s, vs]) => `${s}${vs.length === VARIANTS.length ? '' : `(${vs.join(',')})`}`);
    const modules = Object.values(bySeed).reduce((n, vs) => n + vs.length, 0);
    lines.push(`known bug ${id} (${b.title}): ${modules} module(s) of ${seeds.length} seed(s): ${seeds.slice(0, 40).join(' ')}${seeds.length > 40 ? ' …' : ''}`);
  }
  if (t.newBugs.length > 0) {
    lines.push(`NEW BUGS: ${t.newBugs.length}`);
    for (const b of t.newBugs.slice(0, 50)) lines.push(`  seed ${b.seed} (${b.variant}): ${b.message}`);
  }
  lines.push(`time: ${(t.ms / 1000).toFixed(1)} s of checking`);
  return lines.join('\n');
}

/** The seeds with known bugs as a KNOWN_BAD_SEEDS literal (TTF_RECORD=1 in the long run prints it). */
export function knownBadLiteral(t: Tally): string {
  const bySeed = new Map<number, Record<string, string>>();
  for (const [id, seeds] of Object.entries(t.bugs)) {
    if (id === 'new') continue;
    for (const [seed, variants] of Object.entries(seeds)) {
      const e = bySeed.get(Number(seed)) ?? {};
      for (const v of variants) e[v] = id;
      bySeed.set(Number(seed), e);
    }
  }
  const lines = [...bySeed.entries()].sort((a, b) => a[0] - b[0])
    .map(([seed, e]) => `  ${seed}: { ${Object.entries(e).map(([v, id]) => `${v}: '${id}'`).join(', ')} },`);
  return `{\n${lines.join('\n')}\n}`;
}
