// Runs the cheating-prover harness (src/pil/cheat.ts) over programs and tapes, and tallies the
// verdicts per kind of choice point: how many forged traces were tried, how many runs could not
// go on (no trace), how many came out the same run as the honest one, and how many our checker
// and pilcom's verifyPil rejected. Every forged trace that either checker accepts is listed.
import { romOfFile } from '../../src/compile.js';
import { cheatsOf, cheatTarget, judgeCheats, targetSites, type CheatPlan } from '../../src/pil/cheat.js';

export interface Program { file: string; name: string; tapes: bigint[][] }

/** Every jump line at up to 6 occurrences; each free-input line with 3 values, the first also dodging 2 jumps. */
export const FULL_PLAN: CheatPlan = { jumpsPerLine: 6, valuesPerFree: 3, dodgeValues: 1, dodgeJumps: 2 };
/** For `npm test`: fewer occurrences and values. */
export const FAST_PLAN: CheatPlan = { jumpsPerLine: 3, valuesPerFree: 1, dodgeValues: 1, dodgeJumps: 1 };

export interface Tally {
  /** forged runs tried */
  tried: number;
  /** the executor could not go on (an invalid JMPN operand, a jump outside the ROM, the run does not fit N) */
  noTrace: number;
  /** the forged run is the honest run (a free value nothing reads, the same padding) */
  sameRun: number;
  /** forged traces judged by our checker, and rejected */
  judged: number;
  rejectedByUs: number;
  /** of those, judged by verifyPil too, and rejected */
  pilcom: number;
  rejectedByPilcom: number;
}

export interface SweepResult {
  byGroup: Map<string, Tally>;
  /** `program tape: what` of every forged trace a checker accepted */
  accepted: string[];
}

export interface SweepOptions {
  plan: CheatPlan;
  pilcomEvery: number;
  /** try only every k-th forged run of the plan (a deterministic sample; 1 = all) */
  cheatEvery?: number;
  /** another PIL text for the same programs (a test restoring an old constraint) */
  source?: (pil: string) => string;
  /** stop once this many accepted forgeries are found */
  stopAfter?: number;
}

const empty = (): Tally => ({ tried: 0, noTrace: 0, sameRun: 0, judged: 0, rejectedByUs: 0, pilcom: 0, rejectedByPilcom: 0 });

function* everyKth<T>(items: Iterable<T>, k: number, counter: { n: number }): Generator<T> {
  for (const item of items) if (counter.n++ % k === 0) yield item;
}

export async function sweep(programs: Program[], o: SweepOptions): Promise<SweepResult> {
  const byGroup = new Map<string, Tally>();
  const accepted: string[] = [];
  const counter = { n: 0 };
  for (const p of programs) {
    const { rom } = await romOfFile(p.file);
    const coveredFree = new Set<number>();
    for (const tape of p.tapes) {
      const t = await cheatTarget(rom, tape, o.source ? { source: o.source } : {});
      const cheats = everyKth(cheatsOf(rom, targetSites(t), o.plan, coveredFree), o.cheatEvery ?? 1, counter);
      for await (const v of judgeCheats(t, cheats, { pilcomEvery: o.pilcomEvery, dodgeJumps: o.plan.dodgeJumps })) {
        let g = byGroup.get(v.cheat.group);
        if (!g) { g = empty(); byGroup.set(v.cheat.group, g); }
        g.tried++;
        if (v.outcome === 'no-trace') { g.noTrace++; continue; }
        if (v.outcome === 'same-run') { g.sameRun++; continue; }
        g.judged++;
        if (!v.acceptedByUs) g.rejectedByUs++;
        if (v.acceptedByPilcom !== undefined) {
          g.pilcom++;
          if (!v.acceptedByPilcom) g.rejectedByPilcom++;
        }
        if (v.acceptedByUs || v.acceptedByPilcom === true) {
          accepted.push(`${p.name} [${tape.join(', ')}]: ${v.cheat.what} — accepted by ${[v.acceptedByUs ? 'our checker' : '', v.acceptedByPilcom ? 'verifyPil' : ''].filter(Boolean).join(' and ')}`);
          if (o.stopAfter !== undefined && accepted.length >= o.stopAfter) return { byGroup, accepted };
        }
      }
    }
  }
  return { byGroup, accepted };
}

/** Sums tallies by the first word of the group (JMPN, JMPZ, JMPC, free), then the total. */
export function totals(byGroup: Map<string, Tally>): Map<string, Tally> {
  const out = new Map<string, Tally>();
  for (const [group, t] of byGroup) {
    for (const key of [group.split(' ')[0]!, 'total']) {
      const s = out.get(key) ?? empty();
      for (const k of Object.keys(s) as (keyof Tally)[]) s[k] += t[k];
      out.set(key, s);
    }
  }
  return out;
}

export function formatTallies(byGroup: Map<string, Tally>): string {
  const head = ['site', 'tried', 'no trace', 'same run', 'judged', 'rejected (ours)', 'verifyPil', 'rejected (verifyPil)'];
  const row = (name: string, t: Tally) => [name, t.tried, t.noTrace, t.sameRun, t.judged, t.rejectedByUs, t.pilcom, t.rejectedByPilcom].map(String);
  const rows = [...[...byGroup].sort(([a], [b]) => a.localeCompare(b)).map(([g, t]) => row(g, t)),
    ...[...totals(byGroup)].map(([g, t]) => row(`= ${g}`, t))];
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(width[i]!) : c.padStart(width[i]!))).join(' | ')} |`;
  return [line(head), `|${width.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n');
}

/**
 * `SWEEP=full` (`npm run test:sweep`; 10,600 s of CPU when measured, about 1.5 hours on 2
 * cores): every forged run of the plan, each judged by verifyPil as well as by our checker — the
 * measurement behind docs/pil.md's counts. Otherwise (the slow suite, which CI runs in its 90
 * minutes) a deterministic sample.
 */
export const FULL_SWEEP = process.env.SWEEP === 'full';
/** one sweep file's limit: an hour in the slow suite, four with SWEEP=full */
export const SWEEP_TIMEOUT = (FULL_SWEEP ? 4 : 1) * 3_600_000;

export interface Sampling {
  /** verifyPil judges every k-th forged trace of a tape (and always the first) */
  pilcomEvery: number;
  /** only every k-th forged run of the plan is tried */
  cheatEvery: number;
  /** fewer judged traces than this fails the test: the sweep lost its reach */
  minJudged: number;
}

/**
 * One slow sweep: the forged runs of `programs` judged by our checker and (every k-th) by
 * verifyPil, the table printed, nothing accepted.
 */
export async function expectNoForgery(title: string, programs: Program[], plan: CheatPlan, sampling: { full: Sampling; ci: Sampling }): Promise<void> {
  const s = FULL_SWEEP ? sampling.full : sampling.ci;
  const t0 = performance.now();
  const r = await sweep(programs, { plan, pilcomEvery: s.pilcomEvery, cheatEvery: s.cheatEvery });
  const all = totals(r.byGroup).get('total')!;
  console.log(`cheating prover, ${title}, ${FULL_SWEEP ? 'full' : 'CI sample'} (${((performance.now() - t0) / 1000).toFixed(0)} s):\n${formatTallies(r.byGroup)}`);
  if (r.accepted.length > 0) throw new Error(`accepted forgeries:\n${r.accepted.join('\n')}`);
  if (all.judged < s.minJudged) throw new Error(`only ${all.judged} forged traces judged, expected at least ${s.minJudged}`);
  if (all.rejectedByUs !== all.judged || all.rejectedByPilcom !== all.pilcom) throw new Error('a forged trace was accepted');
}
