// A run cut into segments is the same run: against the executor's uncut run on the same program
// and tape (real toolchains' output among them), each segment re-executed alone from nothing but
// its start state and its memory list, and the links a verifier checks, tampered every way a
// cheating prover could splice segments.
import { describe, expect, it } from 'vitest';
import { compileWasm, runRom } from '../../src/compile.js';
import { execute, type SegmentLimits } from '../../src/machine/exec.js';
import { PagedMemory } from '../../src/machine/memory.js';
import { R } from '../../src/machine/decode.js';
import { readOutputs, trapOf } from '../../src/abi.js';
import { loadWasm, loadWasmBytes } from '../../src/wasm/load.js';
import { BOUNDARY_REGISTERS, runSegments, segmentLimits, type Segment } from '../../src/segments/run.js';
import { checkLinks, type SegmentLink } from '../../src/segments/links.js';
import type { Rom } from '../../src/zkasm/rom.js';
import { listModules, readModule, MAX_OUTPUTS } from '../real/corpus.mjs';

interface Case { name: string; rom: Rom; tape: bigint[] }

async function cases(): Promise<Case[]> {
  const out: Case[] = [];
  for (const path of ['test/segments/fixtures/fib13.wat', '../shared/bench/near/sha256_from_rust.wat']) {
    out.push({ name: path, rom: compileWasm(await loadWasm(path)).rom, tape: [] });
  }
  for (const file of ['rust/hashmap.O2.wasm', 'c/calc.O2.wasm', 'as/maps.Oz.wasm']) {
    const m = listModules().find((x) => x.file === file)!;
    const rom = compileWasm(await loadWasmBytes(readModule(file), file), { maxOutputs: MAX_OUTPUTS }).rom;
    out.push({ name: file, rom, tape: m.tapes[0]!.tape });
  }
  return out;
}

const SMALL: SegmentLimits = segmentLimits({ N: 4096, tailRows: 40, tailMem: 10, rowsPerTouched: 16 });

/** Re-executes one segment with nothing but what its proof binds: its start state and memory list. */
function replayAlone(rom: Rom, tape: bigint[], s: Segment, inputPos: number, freeInputs: number) {
  const memory = new PagedMemory();
  for (const e of s.memory) memory.set(e.addr, e.before[0], e.before[1]);
  const regs = new Float64Array(R.SIZE);
  BOUNDARY_REGISTERS.forEach((r, k) => { regs[R[r]] = s.start.regs[k]!; });
  const counters = new Float64Array(5);
  const r = execute(rom, {
    inputs: tape, memory, segment: { steps: s.steps, binary: 1e9, arith: 1e9, mem: 1e9, touched: 1e9 },
    resume: { zkPC: s.start.zkPC, step: s.firstStep, regs, inputPos, freeInputs, counters },
  });
  return { r, memory };
}

describe('runSegments', async () => {
  const all = await cases();
  for (const c of all) {
    it(`${c.name}: the segments are the uncut run`, () => {
      const whole = runRom(c.rom, { inputs: c.tape });
      expect(whole.status).not.toBe('fail');
      const segs = [...runSegments(c.rom, c.tape, SMALL)];
      expect(segs.length).toBeGreaterThan(1);
      expect(segs.reduce((n, s) => n + s.steps, 0)).toBe(whole.result.steps);
      for (const k of ['binary', 'arith', 'mem'] as const) expect(segs.reduce((n, s) => n + s[k], 0)).toBe(whole.result.counters[k]);
      for (const s of segs) {
        expect(s.steps).toBeLessThanOrEqual(SMALL.steps);
        expect(s.binary).toBeLessThanOrEqual(SMALL.binary);
        expect(s.arith).toBeLessThanOrEqual(SMALL.arith);
        expect(s.mem).toBeLessThanOrEqual(SMALL.mem);
        expect(s.memory.length).toBeLessThanOrEqual(SMALL.touched);
      }
      expect(checkLinks(segs)).toBeUndefined();
      // the memory the segments leave is the uncut run's: the outputs and the trap read from it agree
      const finalMemory = new PagedMemory();
      for (const s of segs) for (const e of s.memory) finalMemory.set(e.addr, e.after[0], e.after[1]);
      expect(readOutputs(c.rom, finalMemory)).toEqual(whole.outputs);
      expect(trapOf(c.rom, finalMemory)).toEqual(trapOf(c.rom, whole.result.memory));
    });

    it(`${c.name}: each segment, alone from its start state and memory list, ends where the next begins`, () => {
      // the tape position and free-input count are the prover's private bookkeeping: take them from a run
      const positions: { inputPos: number; freeInputs: number }[] = [{ inputPos: 0, freeInputs: 0 }];
      const memory = new PagedMemory();
      let resume;
      for (;;) {
        const r = execute(c.rom, { inputs: c.tape, memory, segment: SMALL, ...(resume ? { resume } : {}) });
        if (r.status !== 'paused') break;
        resume = r.resume!;
        positions.push({ inputPos: resume.inputPos, freeInputs: resume.freeInputs });
      }
      const segs = [...runSegments(c.rom, c.tape, SMALL)];
      segs.forEach((s, i) => {
        const { r, memory: alone } = replayAlone(c.rom, c.tape, s, positions[i]!.inputPos, positions[i]!.freeInputs);
        if (s.final) {
          expect(r.status, `segment ${i}`).toBe('pass');
        } else {
          expect(r.status, `segment ${i}`).toBe('paused');
          expect({ zkPC: r.resume!.zkPC, regs: BOUNDARY_REGISTERS.map((x) => r.resume!.regs[R[x]]) }).toEqual(s.end);
        }
        // it touched exactly the listed addresses and left the listed values
        expect([...r.touched!.keys()].sort((a, b) => a - b)).toEqual(s.memory.map((e) => e.addr));
        for (const e of s.memory) expect([alone.get0(e.addr), alone.get1(e.addr)]).toEqual(e.after);
      });
    });
  }
});

describe('checkLinks rejects a spliced run', async () => {
  const c = (await cases()).find((x) => x.name === 'rust/hashmap.O2.wasm')!;
  const segs: SegmentLink[] = [...runSegments(c.rom, c.tape, SMALL)];
  const copy = (): SegmentLink[] => structuredClone(segs);
  const renumber = (l: SegmentLink[]) => l.map((s, i) => ({ ...s, index: i }));
  // a segment whose memory list has an entry some later segment reads (so a changed value is seen)
  const reread = segs.findIndex((s, i) => i > 0 && s.memory.some((e) => segs.slice(i + 1).some((t) => t.memory.some((f) => f.addr === e.addr))));

  it('accepts the honest chain', () => {
    expect(segs.length).toBeGreaterThan(4);
    expect(reread).toBeGreaterThan(0);
    expect(checkLinks(segs)).toBeUndefined();
  });

  const tampers: [string, () => SegmentLink[], RegExp][] = [
    ['a segment dropped', () => renumber(copy().filter((_, i) => i !== 2)), /does not start where|found/],
    ['a segment dropped, numbers kept', () => copy().filter((_, i) => i !== 2), /says it is segment/],
    ['two segments swapped', () => { const l = copy(); [l[1], l[2]] = [l[2]!, l[1]!]; return renumber(l); }, /does not start where|found/],
    ['a segment replayed', () => { const l = copy(); l.splice(2, 0, structuredClone(l[2]!)); return renumber(l); }, /does not start where|found/],
    ['the last segment dropped', () => copy().slice(0, -1), /does not end the run/],
    ['a first segment that starts elsewhere', () => copy().slice(1).map((s, i) => ({ ...s, index: i })), /segment 0 does not start/],
    ['an end state register changed', () => { const l = copy(); l[1]!.end.regs[0]! += 1; return l; }, /does not start where/],
    ['an end zkPC changed', () => { const l = copy(); l[1]!.end.zkPC += 1; return l; }, /does not start where/],
    ['a value before a segment changed', () => { const l = copy(); l[reread]!.memory[0]!.before[0] += 1; return l; }, /found/],
    ['a value after a segment changed (read again later)', () => {
      const l = copy();
      const later = l.slice(reread + 1).flatMap((t) => t.memory.map((f) => f.addr));
      l[reread]!.memory.find((e) => later.includes(e.addr))!.after[1] += 1;
      return l;
    }, /found/],
    ['a memory entry hidden', () => {
      const l = copy();
      const later = l.slice(reread + 1).flatMap((t) => t.memory.map((f) => f.addr));
      const k = l[reread]!.memory.findIndex((e) => later.includes(e.addr) && (e.after[0] !== e.before[0] || e.after[1] !== e.before[1]));
      if (k >= 0) l[reread]!.memory.splice(k, 1); else l[reread]!.memory.reverse();
      return l;
    }, /found|increasing/],
    ['a memory list out of order', () => { const l = copy(); l[reread]!.memory.reverse(); return l; }, /increasing address order/],
    ['a non-final segment claimed final', () => { const l = copy(); l[1]!.final = true; return l; }, /is final but/],
  ];
  for (const [what, make, why] of tampers) {
    it(`rejects ${what}`, () => {
      expect(checkLinks(make())).toMatch(why);
    });
  }
});
