// The cheating-prover harness (tests and `npm run cheat-report` only). A cheating prover runs the
// program as an honest one would, except at one chosen point: a conditional jump (JMPN, JMPZ,
// JMPC) goes the other way, or one free input takes another value — optionally followed by one of
// the next conditional jumps going the other way too, to dodge the check that would catch the
// changed value. From there it keeps executing (with the executor's checks off, so a failing
// ASSERT does not stop it) and submits the complete trace. The PIL must reject every such trace
// whose run differs from the honest one.
//
// Unlike the forgery catalogue (forgery.ts), which edits single cells, every trace here is a
// whole consistent run: only the constraint that pins the changed decision can catch it.

import type { Rom } from '../zkasm/rom.js';
import type { FieldPair } from '../machine/free-input.js';
import type { Columns } from './columns.js';
import type { PilModel } from './model.js';
import { programPil, type ProgramPil } from './index.js';
import { compilePil } from './pilcom.js';
import { buildWitness, type Witness } from './witness.js';
import { checkTrace, PilcomMirror, type PilJson } from './check/index.js';
import { traceOf, verifyPilOn } from './run.js';

export type SiteKind = 'JMPN' | 'JMPZ' | 'JMPC' | 'free';

/** One row of a run where a prover makes a choice. */
export interface Site {
  kind: SiteKind;
  step: number;
  /** ROM line */
  line: number;
  /** the row's op0 (for a jump: its operand) */
  op0: number;
  /** a free input: its index among the run's free inputs (the executor's tamper index) and value */
  freeIndex?: number;
  value?: FieldPair;
  /** what emitted the row: the WASM instruction, else the runtime helper or program part */
  origin: string;
}

export interface Cheat {
  site: Site;
  /** the site's kind and origin, for the report: `JMPN i32.lt_u`, `free runtime __w2z_ld` */
  group: string;
  what: string;
  /** steps whose conditional jump goes the other way */
  flips: number[];
  /** a free input replaced */
  tamper?: { index: number; value: FieldPair };
}

const TWO32 = 2 ** 32;
const TWO31 = 2 ** 31;

/** Where each ROM line came from: the WASM instruction, or the last program label before it. */
export function originsOf(rom: Rom): string[] {
  const labelAt: (string | undefined)[] = new Array(rom.rows.length);
  for (const [name, row] of rom.labels) if (row < rom.rows.length && labelAt[row] === undefined) labelAt[row] = name;
  let label = 'start';
  return rom.rows.map((r, i) => {
    label = labelAt[i] ?? label;
    if (r.source) {
      const words = r.source.text.split(/\s+/);
      return words[0] === 'call' ? `${words[0]} ${words[1] ?? ''}`.trim() : words[0]!;
    }
    return `runtime ${label.replace(/_(trap)?\d+$/, '')}`;
  });
}

/** Every choice point of a run, from its witness columns (honest, or unchecked for a failing run). */
export function sitesOf(rom: Rom, cm: Columns, origins: string[]): Site[] {
  const zkPC = cm.get('Main.zkPC')!;
  const op0 = cm.get('Main.op0')!;
  const free0 = cm.get('Main.FREE0')!;
  const free1 = cm.get('Main.FREE1')!;
  const sites: Site[] = [];
  let freeIndex = 0;
  for (let step = 0; step < zkPC.length; step++) {
    const line = zkPC[step]!;
    const r = rom.rows[line]!;
    const base = { step, line, op0: op0[step]!, origin: origins[line]! };
    if (r.JMPN) sites.push({ kind: 'JMPN', ...base });
    else if (r.JMPZ) sites.push({ kind: 'JMPZ', ...base });
    else if (r.JMPC) sites.push({ kind: 'JMPC', ...base });
    if (r.freeInTag !== undefined) {
      sites.push({ kind: 'free', ...base, freeIndex, value: [free0[step]!, free1[step]!] });
      freeIndex++;
    }
  }
  return sites;
}

const isInput = (rom: Rom, s: Site): boolean => {
  const t = rom.rows[s.line]!.freeInTag;
  return t !== null && t !== undefined && t.kind === 'call' && t.name === 'input';
};

/**
 * Values a cheater might put in place of an honest free input, the likeliest to slip through
 * first: the neighbour, the other high limb, the boundaries of a limb and of the field. A value
 * read from the private input tape may be any canonical value of its type (another tape is
 * another honest run), so only non-canonical ones are cheats there.
 */
function replacements(rom: Rom, s: Site): FieldPair[] {
  const [l0, l1] = s.value!;
  let out: FieldPair[];
  if (isInput(rom, s)) {
    const i32: FieldPair[] = s.origin === 'call input_i32' ? [[l0, 1], [l0, TWO32 - 1]] : [];
    out = [...i32, [l0 + TWO32, l1], [-1, l1], [l0, l1 + TWO32], [l0, -1]];
  } else {
    out = [[l0 + 1, l1], [l0, l1 === 0 ? 1 : 0], [0, 0], [-1, 0], [TWO32 - 1, 0], [TWO31, 0], [1, 0], [l0 - 1, l1],
      [l0 + TWO32, l1], [TWO32 - 1, TWO32 - 1]];
  }
  const seen = new Set<string>([`${l0},${l1}`]);
  return out.filter(([a, b]) => {
    const k = `${a},${b}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export interface CheatPlan {
  /** occurrences of one jump line flipped: the first, the last, then those at boundary operands */
  jumpsPerLine: number;
  /** replacement values tried on a free-input line (the first occurrence the plan meets) */
  valuesPerFree: number;
  /** of those values, how many are also tried with one of the next conditional jumps flipped */
  dodgeValues: number;
  /** how many of the next conditional jumps to try flipping, one per cheat */
  dodgeJumps: number;
}

/** Operands where a window's edge is: a cheater gains most there. */
const BOUNDARY = new Set([0, 1, -1, 2, -2, TWO31, -TWO31, TWO31 - 1, 1 - TWO31, TWO32 - 1, 1 - TWO32]);

/** The occurrences of each line to use: first, last, then boundary ones, up to `max`. */
function pick(sites: Site[], max: number, boundary: (s: Site) => boolean): Site[] {
  const byLine = new Map<number, Site[]>();
  for (const s of sites) {
    let l = byLine.get(s.line);
    if (!l) { l = []; byLine.set(s.line, l); }
    l.push(s);
  }
  const out: Site[] = [];
  for (const list of byLine.values()) {
    const chosen = new Set<Site>([list[0]!, list[list.length - 1]!].slice(0, max));
    for (const s of list) {
      if (chosen.size >= max) break;
      if (boundary(s)) chosen.add(s);
    }
    out.push(...[...chosen].sort((a, b) => a.step - b.step));
  }
  return out;
}

/**
 * The cheats to try on one run: flipped jumps, then replaced free inputs (`dodge`: the driver
 * also tries it with one of the next conditional jumps of the tampered run flipped). Free-input
 * lines in `coveredFree` are skipped and the ones used are added: the same line on another tape
 * is the same check, while a jump's operand — what the tapes vary — decides where its edge is.
 */
export function* cheatsOf(rom: Rom, sites: Site[], plan: CheatPlan, coveredFree = new Set<number>()): Generator<Cheat & { dodge: boolean }> {
  const jumps = pick(sites.filter((s) => s.kind !== 'free'), plan.jumpsPerLine, (s) => BOUNDARY.has(s.op0));
  for (const s of jumps) {
    yield { site: s, group: `${s.kind} ${s.origin}`, flips: [s.step], dodge: false,
      what: `${s.kind} at step ${s.step} (line ${rom.rows[s.line]!.line}, operand ${s.op0}) goes the other way` };
  }
  const frees = pick(sites.filter((s) => s.kind === 'free' && !coveredFree.has(s.line)), 1, () => false);
  for (const s of frees) {
    coveredFree.add(s.line);
    for (const [k, value] of replacements(rom, s).slice(0, plan.valuesPerFree).entries()) {
      yield { site: s, group: `free ${s.origin}`, flips: [], tamper: { index: s.freeIndex!, value }, dodge: k < plan.dodgeValues,
        what: `free input #${s.freeIndex} at step ${s.step} (line ${rom.rows[s.line]!.line}) is [${value.join(', ')}] instead of [${s.value!.join(', ')}]` };
    }
  }
}

/** The complete trace a prover running this cheat would submit (status fail: no trace exists). */
export function forgeRun(rom: Rom, model: PilModel, inputs: bigint[], c: Pick<Cheat, 'flips' | 'tamper'>): Witness {
  return buildWitness(rom, model, {
    inputs,
    unchecked: true,
    ...(c.flips.length > 0 ? { flipJumps: new Set(c.flips) } : {}),
    ...(c.tamper ? { tamper: { index: c.tamper.index, replace: () => [c.tamper!.value[0], c.tamper!.value[1]] } } : {}),
  });
}

/** Steps of the first `max` conditional jumps after `step` in a run (up to where it failed, if it did). */
export function jumpsAfter(rom: Rom, w: Witness, step: number, max: number): number[] {
  const zkPC = w.cm.get('Main.zkPC')!;
  const end = w.run.status === 'pass' ? zkPC.length : w.run.steps + 1;
  const out: number[] = [];
  for (let i = step + 1; i < end && out.length < max; i++) {
    const r = rom.rows[zkPC[i]!]; // a failed run's last row may be outside the ROM
    if (r && (r.JMPN || r.JMPZ || r.JMPC)) out.push(i);
  }
  return out;
}

const RUN_COLUMNS = ['zkPC', 'A0', 'A1', 'B0', 'B1', 'C0', 'C1', 'D0', 'D1', 'E0', 'E1', 'SP', 'RR'].map((c) => `Main.${c}`)
  .concat(['Mem.addr', 'Mem.wr', 'Mem.v0', 'Mem.v1']);

/**
 * Whether two traces are the same run: the same rows, registers, memory and publics. (Free
 * columns may differ where nothing reads them, e.g. the padding loop's counter.)
 */
export function sameRun(a: Witness, b: Witness): boolean {
  if (a.publics.length !== b.publics.length || a.publics.some((v, i) => v !== b.publics[i])) return false;
  for (const name of RUN_COLUMNS) {
    const x = a.cm.get(name), y = b.cm.get(name);
    if (x === undefined && y === undefined) continue;
    if (x === undefined || y === undefined || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  }
  return true;
}

/** A program run to cheat on: its PIL and, when the honest run passes, its honest trace. */
export interface CheatTarget {
  rom: Rom;
  pil: ProgramPil;
  pilJson: PilJson;
  inputs: bigint[];
  /** undefined when no honest trace exists (the run fails): then every trace is a forgery */
  honest: Witness | undefined;
}

export type CheatOutcome = 'no-trace' | 'same-run' | 'judged';

export interface CheatVerdict {
  cheat: Cheat;
  outcome: CheatOutcome;
  /** judged: whether our checker / verifyPil accepted the trace (each must be false) */
  acceptedByUs?: boolean;
  acceptedByPilcom?: boolean;
  /** no-trace: why the executor could not go on */
  why?: string;
}

export interface JudgeOptions {
  /** pilcom's verifyPil also judges every k-th judged trace (1: all; 0: none — it is slow) */
  pilcomEvery: number;
  dodgeJumps: number;
}

/** Forge each cheat and judge its trace with our checker and, as asked, pilcom's verifyPil. */
export async function* judgeCheats(t: CheatTarget, cheats: Iterable<Cheat & { dodge: boolean }>, o: JudgeOptions): AsyncGenerator<CheatVerdict> {
  let judged = 0;
  const mirror = o.pilcomEvery > 0 ? new PilcomMirror(t.pilJson) : undefined;
  const judge = async (cheat: Cheat, w: Witness): Promise<CheatVerdict> => {
    if (w.run.status !== 'pass') return { cheat, outcome: 'no-trace', why: w.run.failure?.what ?? 'failed' };
    if (t.honest !== undefined && sameRun(t.honest, w)) return { cheat, outcome: 'same-run' };
    const trace = traceOf(t.pilJson, t.pil, w);
    const acceptedByUs = checkTrace(t.pilJson, trace, { publics: w.publics, maxFailures: 1 }).ok;
    const v: CheatVerdict = { cheat, outcome: 'judged', acceptedByUs };
    if (o.pilcomEvery > 0 && judged % o.pilcomEvery === 0) v.acceptedByPilcom = (await verifyPilOn(t.pilJson, trace, w.publics, mirror)).length === 0;
    judged++;
    return v;
  };
  for (const c of cheats) {
    const w = forgeRun(t.rom, t.pil.model, t.inputs, c);
    yield await judge(c, w);
    if (!c.dodge) continue;
    for (const j of jumpsAfter(t.rom, w, c.site.step, o.dodgeJumps)) {
      const dodged: Cheat = { ...c, flips: [j], what: `${c.what}, and the jump at step ${j} goes the other way` };
      yield await judge(dodged, forgeRun(t.rom, t.pil.model, t.inputs, dodged));
    }
  }
}

/**
 * The target for a run of `rom` on `inputs`: the PIL sized by the run (given `source`, another
 * PIL text for the same model — a test restoring an old constraint), the honest trace if any.
 */
export async function cheatTarget(rom: Rom, inputs: bigint[], o: { N?: number; source?: (pil: string) => string } = {}): Promise<CheatTarget> {
  const pil = programPil(rom, { inputs, ...(o.N !== undefined ? { N: o.N } : {}) });
  const source = o.source ? o.source(pil.source) : pil.source;
  const pilJson = await compilePil(source);
  const honest = buildWitness(rom, pil.model, { inputs });
  return { rom, pil: { ...pil, source }, pilJson, inputs, honest: honest.run.status === 'pass' ? honest : undefined };
}

/** The choice points of the target's run (of its unchecked run when no honest trace exists). */
export function targetSites(t: CheatTarget): Site[] {
  const w = t.honest ?? buildWitness(t.rom, t.pil.model, { inputs: t.inputs, unchecked: true });
  return w.run.status === 'pass' ? sitesOf(t.rom, w.cm, originsOf(t.rom)) : [];
}
