// The PIL of a segment (docs/segments.md): honest segments are accepted by our checker and by
// pilcom's verifyPil; each way a prover could splice, shorten, extend or misstate a segment is
// rejected by both. The run-level pieces (links, memory lists) are in run.test.ts and check.test.ts.
import { describe, expect, it } from 'vitest';
import { compileWasm } from '../../src/compile.js';
import { loadWasm } from '../../src/wasm/load.js';
import { PagedMemory } from '../../src/machine/memory.js';
import { segmentPil, segmentTrace } from '../../src/pil/segment-check.js';
import { segmentWitness, type SegmentWitness } from '../../src/pil/segment-witness.js';
import { verifyPilOn } from '../../src/pil/run.js';
import { checkTrace } from '../../src/pil/check/index.js';
import { runSegments, segmentLimits } from '../../src/segments/run.js';
import { memoryDigest, memorySequence } from '../../src/segments/memory-digest.js';
import { poseidonWitness } from '../../src/pil/poseidon/witness.js';
import { ROWS_PER_PERM, blocksOf } from '../../src/pil/poseidon/layout.js';

type Witness = SegmentWitness;
type Cols = Map<string, Float64Array | BigUint64Array>;

const N = 8192;

describe('the segment PIL', async () => {
  const rom = compileWasm(await loadWasm('test/segments/fixtures/fib13.wat')).rom;
  const { pil, constants, pilJson } = await segmentPil(rom, N);
  const m = pil.model;
  // 1,000 rows more reserve than the epilogue needs: the first segment pauses with a long paused tail
  const limits = segmentLimits({ N, tailRows: 1040, tailMem: m.rows.mem, rowsPerTouched: 1 });
  const memory = new PagedMemory();
  const witnesses: Witness[] = [];
  for (const seg of runSegments(rom, [], limits, undefined, memory)) {
    for (const e of seg.memory) memory.set(e.addr, e.before[0], e.before[1]);
    witnesses.push(segmentWitness(rom, m, seg, memory));
  }
  const pub = (name: string) => m.segment!.statePublics.findIndex((p) => p.name === name);

  /** both checkers' verdicts on a witness after `edit` (on copies of its columns and publics) */
  const verdicts = async (w: Witness, edit: (cm: Map<string, Float64Array>, publics: bigint[], poseidon: Cols) => void = () => undefined) => {
    const cm = new Map([...w.cm].map(([k, v]) => [k, Float64Array.from(v)]));
    const poseidon: Cols = new Map([...w.poseidon].map(([k, v]) => [k, v.slice()]));
    const publics = [...w.publics];
    edit(cm, publics, poseidon);
    const trace = segmentTrace(pilJson, m, constants, { ...w, cm, poseidon });
    const ours = checkTrace(pilJson, trace, { publics });
    const theirs = await verifyPilOn(pilJson, trace, publics);
    return { ours: ours.ok, pilcom: theirs.length === 0, first: ours.failures[0]?.message ?? '' };
  };
  const col = (cm: Map<string, Float64Array>, name: string) => cm.get(name)!;
  const firstPaused = (w: Witness) => w.cm.get('Main.paused')!.indexOf(1);

  it('has a segment with paused rows and a final one; both checkers accept them', async () => {
    expect(witnesses.length).toBe(2);
    expect(firstPaused(witnesses[0]!)).toBeGreaterThan(1000);
    expect(firstPaused(witnesses[0]!)).toBeLessThan(N - 1000);
    expect(witnesses[1]!.publics[pub('final')]).toBe(1n);
    expect(witnesses[0]!.publics[pub('final')]).toBe(0n);
    for (const w of witnesses) {
      expect(await verdicts(w)).toMatchObject({ ours: true, pilcom: true });
      // the digest the trace states is the hash of the list a verifier is given
      expect(w.publics.slice(-4)).toEqual(memoryDigest(w.memory));
    }
  });

  const forged: [string, number, (cm: Map<string, Float64Array>, p: bigint[], poseidon: Cols) => void][] = [
    ['a start register other than its public', 0, (cm) => { col(cm, 'Main.SP')[0]! += 1; }],
    ['a start zkPC public other than row 0', 1, (_, p) => { p[pub('start_zkPC')]! += 1n; }],
    ['an end register public other than the last row', 0, (_, p) => { p[pub('end_A0')]! += 1n; }],
    ['an end zkPC public other than the last row', 0, (_, p) => { p[pub('end_zkPC')]! += 1n; }],
    ['a non-final segment claiming to be final', 0, (_, p) => { p[pub('final')] = 1n; }],
    ['a final segment claiming not to be', 1, (_, p) => { p[pub('final')] = 0n; }],
    ['a row that unpauses', 0, (cm) => { col(cm, 'Main.paused')[firstPaused(witnesses[0]!) + 5] = 0; }],
    ['a paused row that writes a register', 0, (cm) => {
      const k = firstPaused(witnesses[0]!) + 5;
      const setA = cm.get('Main.setA')!;
      setA[k] = 1; col(cm, 'Main.op0')[k] = 7;
      for (let i = k + 1; i < N; i++) col(cm, 'Main.A0')[i] = 7;
    }],
    ['no paused last row', 1, (cm) => { col(cm, 'Main.paused')[N - 1] = 0; }],
    ['an executed row passed off as paused', 0, (cm) => {
      const k = firstPaused(witnesses[0]!) - 3;
      col(cm, 'Main.paused')[k] = 1;
    }],
    ['paused rows whose state is not the last step\'s', 0, (cm) => {
      for (let i = firstPaused(witnesses[0]!); i < N; i++) col(cm, 'Main.B0')[i]! += 1;
    }],
    ['a first read of an address returning another value than before the segment', 1, (cm) => {
      // the final segment's first memory row whose first access is a read: its group's b0 changed
      const addr = col(cm, 'Mem.addr'), wr = col(cm, 'Mem.wr'), b0 = col(cm, 'Mem.b0');
      let i = 0;
      while (wr[i] !== 0 || (i > 0 && addr[i - 1] === addr[i])) i++;
      for (let j = i; j < N && addr[j] === addr[i]; j++) b0[j]! += 1;
    }],
    ['a memory digest public other than the hash', 0, (_, p) => { p[p.length - 2]! += 1n; }],
    ['a memory entry\'s value after the segment other than the hashed one', 0, (cm) => {
      // the last row of the first address whose last access is a write: the value it leaves
      const addr = col(cm, 'Mem.addr'), wr = col(cm, 'Mem.wr'), v0 = col(cm, 'Mem.v0');
      let i = 0;
      while (!(wr[i] === 1 && addr[i + 1] !== addr[i])) i++;
      v0[i]! += 1;
    }],
    ['the memory hashed in two hashes, the digest public covering only the last', 0, (_, p, poseidon) => {
      // the list's blocks from slot 0 on, ending their own hash; an empty hash in the last slot
      const w = witnesses[0]!;
      const seq = memorySequence(w.memory);
      const last = N / ROWS_PER_PERM - 1;
      expect(blocksOf(seq.length)).toBeLessThan(last);
      const forgedCols = poseidonWitness(N, [{ input: seq, slot: 0 }, { input: [], slot: last }]);
      for (const [k, v] of forgedCols.cols) poseidon.set(k, v);
      forgedCols.digests[1]!.forEach((x, k) => { p[p.length - 4 + k] = x; });
    }],
  ];
  for (const [what, segment, edit] of forged) {
    it(`rejects ${what}`, async () => {
      const v = await verdicts(witnesses[segment]!, edit);
      expect(v.ours, v.first).toBe(false);
      expect(v.pilcom).toBe(false);
    });
  }
});
