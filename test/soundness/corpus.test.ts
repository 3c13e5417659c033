// The boundary corpus (corpus/index.ts): every tape of every program behaves as in V8 (status,
// outputs, trap kind), in debug mode and in prover shape with the publics epilogue checked, and
// ends as its .expect.json says: pass or trap, or fail only where marked. Every run stays under
// 3,000 steps; small/ runs have no ARITH rows and, unless the program accesses memory, a trace
// of 2^13 rows (a program with a load, a store or a bulk memory operation has the runtime's
// ARITH helpers in its ROM, so the 16-bit table makes its trace 2^16 rows). Together the
// programs use every integer instruction kind; small/ uses none of those that take ARITH rows.
// float/ uses every float instruction (the soft-float routines take ARITH rows: 2^16 rows, and
// up to 4,000 steps a run) and meets both trap kinds of a trapping conversion.
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { compileWat, runEverywhere, type Program, type Outcome } from '../io/harness.js';
import { runRom } from '../../src/compile.js';
import { pilModel } from '../../src/pil/model.js';
import { corpus, type Group, type CorpusProgram } from './corpus/index.js';

const MAX_STEPS: Record<Group, number> = { small: 3000, arith: 3000, float: 4000 };
const GROUPS: Group[] = ['small', 'arith', 'float'];

/** runEverywhere (V8, debug run, prover shape), and what the run took. */
async function agree(p: Program, tape: bigint[]): Promise<{ outcome: Outcome; steps: number; arith: number; rows: number }> {
  const outcome = await runEverywhere(p, tape);
  const debug = runRom(p.rom, { inputs: tape });
  return { outcome, steps: debug.result.steps, arith: debug.result.counters.arith, rows: pilModel(p.rom, debug.result.counters).N };
}

const describeOutcome = (o: Outcome): string => (o.status === 'trap' ? `trap ${o.trap}` : o.status);

/** Instructions (and their spelling in the text format) the corpus must use somewhere. */
const NUMERIC = [
  'eqz', 'eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u',
  'clz', 'ctz', 'popcnt', 'add', 'sub', 'mul', 'div_s', 'div_u', 'rem_s', 'rem_u',
  'and', 'or', 'xor', 'shl', 'shr_s', 'shr_u', 'rotl', 'rotr', 'extend8_s', 'extend16_s',
  'load', 'load8_s', 'load8_u', 'load16_s', 'load16_u', 'store', 'store8', 'store16',
];
const REQUIRED = [
  ...NUMERIC.flatMap((op) => [`i32.${op}`, `i64.${op}`]),
  'i32.wrap_i64', 'i64.extend_i32_s', 'i64.extend_i32_u', 'i64.extend32_s',
  'i64.load32_s', 'i64.load32_u', 'i64.store32',
  'local.get', 'local.set', 'local.tee', 'global.get', 'global.set', 'select', 'drop', 'nop',
  'block', 'loop', 'if', 'else', 'br', 'br_if', 'br_table', 'return', 'call', 'call_indirect',
  'unreachable', 'memory.size', 'memory.grow', 'memory.fill', 'memory.copy', 'memory.init', 'data.drop',
];
/** Every float instruction (but const, load, store and select, which the other float tests have). */
const FLOAT_REQUIRED = [
  ...['add', 'sub', 'mul', 'div', 'sqrt', 'min', 'max', 'ceil', 'floor', 'trunc', 'nearest', 'abs', 'neg', 'copysign',
    'eq', 'ne', 'lt', 'gt', 'le', 'ge', 'convert_i32_s', 'convert_i32_u', 'convert_i64_s', 'convert_i64_u']
    .flatMap((op) => [`f32.${op}`, `f64.${op}`]),
  'f64.promote_f32', 'f32.demote_f64', 'f32.reinterpret_i32', 'f64.reinterpret_i64', 'i32.reinterpret_f32', 'i64.reinterpret_f64',
  ...['trunc', 'trunc_sat'].flatMap((t) => ['i32', 'i64'].flatMap((i) => ['f32_s', 'f32_u', 'f64_s', 'f64_u'].map((f) => `${i}.${t}_${f}`))),
];
/** Memory access: the ROM then holds the runtime's ARITH helpers (2^16 rows). */
const MEMORY_ACCESS = /^(i32|i64)\.(load|store)|^memory\.(fill|copy|init)$/;
/** What takes ARITH rows (or is arith/'s subject), so never in small/. */
const NOT_SMALL = /^(i32|i64)\.(mul|div_[su]|rem_[su]|shl|shr_[su]|rotl|rotr|clz|ctz|popcnt|extend(8|16|32)_s|extend_i32_[su]|wrap_i64|load(8|16|32)_[su]|store(8|16|32))$|^i64\.store$/;

/** The instruction keywords of a .wat text (comments, strings and names dropped). */
function keywords(wat: string): Set<string> {
  const text = wat.replace(/;;.*$/gm, '').replace(/"(?:[^"\\]|\\.)*"/g, '').replace(/\$[\w.]+/g, '');
  return new Set(text.match(/[a-z][a-z0-9_]*(\.[a-z0-9_]+)?/g) ?? []);
}

const summary: string[] = [];
afterAll(() => console.log(summary.join('\n')));

describe.each(GROUPS)('corpus/%s', (group) => {
  const programs = corpus(group);

  it('has its programs', () => {
    expect(programs.length).toBeGreaterThanOrEqual(group === 'small' ? 8 : 3);
    for (const p of programs) expect(p.tapes.length, p.name).toBeGreaterThanOrEqual(3);
    if (group === 'small') {
      for (const p of programs) {
        const bad = [...keywords(readFileSync(p.file, 'utf8'))].filter((k) => NOT_SMALL.test(k));
        expect(bad, p.name).toEqual([]);
      }
    }
  });

  it.each(programs.map((p) => [p.name, p] as [string, CorpusProgram]))('%s: every tape as in V8', async (_name, prog) => {
    const text = readFileSync(prog.file, 'utf8');
    const p = await compileWat(text, `${prog.name}.wat`);
    const maxRows = group === 'small' && ![...keywords(text)].some((k) => MEMORY_ACCESS.test(k)) ? 1 << 13 : 1 << 16;
    let maxSteps = 0;
    let rowsSeen = 0;
    for (const [k, tape] of prog.tapes.entries()) {
      const where = `${prog.name} tape ${k} [${tape.join(', ')}]`;
      const { outcome, steps, arith, rows } = await agree(p, tape);
      expect(describeOutcome(outcome), where).toBe(prog.expected[k]);
      // a run fails only at a failing assert_eq, on a tape marked "fail"
      if (outcome.status === 'fail') expect(outcome.message, where).toMatch(/call assert_eq\)$/);
      expect(steps, where).toBeLessThan(MAX_STEPS[group]);
      if (group === 'small') expect(arith, where).toBe(0);
      if (outcome.status !== 'fail') expect(rows, where).toBeLessThanOrEqual(maxRows);
      maxSteps = Math.max(maxSteps, steps);
      rowsSeen = Math.max(rowsSeen, rows);
    }
    summary.push(`${group}/${prog.name}: ${prog.tapes.length} tapes, max ${maxSteps} steps, 2^${Math.log2(rowsSeen)} rows`);
  });
});

describe('corpus', () => {
  it('uses every integer instruction kind', () => {
    const seen = new Set<string>();
    for (const g of ['small', 'arith'] as Group[]) for (const p of corpus(g)) for (const k of keywords(readFileSync(p.file, 'utf8'))) seen.add(k);
    expect(REQUIRED.filter((k) => !seen.has(k))).toEqual([]);
  });

  it('uses every float instruction, and both trap kinds of a trapping conversion', () => {
    const seen = new Set<string>();
    for (const p of corpus('float')) for (const k of keywords(readFileSync(p.file, 'utf8'))) seen.add(k);
    expect(FLOAT_REQUIRED.filter((k) => !seen.has(k))).toEqual([]);
    const outcomes = new Set<string>(corpus('float').flatMap((p) => p.expected));
    for (const e of ['trap invalid conversion to integer', 'trap integer overflow']) expect(outcomes.has(e), e).toBe(true);
  });

  it('lists its programs sorted, with absolute paths', () => {
    for (const g of GROUPS) {
      const names = corpus(g).map((p) => p.name);
      expect(names).toEqual([...names].sort());
      for (const p of corpus(g)) expect(isAbsolute(p.file) && p.file.endsWith(`${g}/${p.name}.wat`), p.file).toBe(true);
    }
  });
});
