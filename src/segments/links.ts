// The links between segments, as a verifier checks them: each segment's proof binds its start
// state, its end state, whether it is the final one, and (through a hash computed in the proof)
// the list of addresses it accessed with each one's value before and after it. Given those
// lists in clear, the verifier rebuilds the memory segment by segment: every value a segment
// found before its first access must be the value the memory had after the segments before it
// (0 where none wrote). Together with the states chaining this makes the segments one run of
// the program from its start to its end: none dropped, reordered, replayed or altered.

import { BOUNDARY_REGISTERS, type BoundaryState, type MemoryEntry } from './run.js';

/** What the verifier knows of one segment (bound by its proof). */
export interface SegmentLink {
  index: number;
  start: BoundaryState;
  end: BoundaryState;
  final: boolean;
  memory: MemoryEntry[];
}

const sameState = (a: BoundaryState, b: BoundaryState): boolean =>
  a.zkPC === b.zkPC && a.regs.length === b.regs.length && a.regs.every((v, k) => v === b.regs[k]);

const isZeroState = (s: BoundaryState): boolean => s.zkPC === 0 && s.regs.length === BOUNDARY_REGISTERS.length && s.regs.every((v) => v === 0);

const showState = (s: BoundaryState): string =>
  `zkPC ${s.zkPC}, ${BOUNDARY_REGISTERS.map((r, k) => `${r} ${s.regs[k]}`).join(', ')}`;

/** The first broken link, in words, or undefined when the segments make one whole run. */
export function checkLinks(segments: readonly SegmentLink[]): string | undefined {
  if (segments.length === 0) return 'no segment';
  const memory = new Map<number, string>();
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if (s.index !== i) return `segment ${i} says it is segment ${s.index}`;
    if (i === 0 && !isZeroState(s.start)) return `segment 0 does not start at the program's start (${showState(s.start)})`;
    if (i > 0 && !sameState(segments[i - 1]!.end, s.start)) {
      return `segment ${i} does not start where segment ${i - 1} ended (${showState(s.start)} after ${showState(segments[i - 1]!.end)})`;
    }
    if (s.final !== (i === segments.length - 1)) {
      return s.final ? `segment ${i} is final but segment ${i + 1} follows it` : `the last segment (${i}) does not end the run`;
    }
    if (s.final && !isZeroState(s.end)) return `the final segment ${i} does not end at the restart state`;
    let lastAddr = -1;
    for (const e of s.memory) {
      if (!(e.addr > lastAddr)) return `segment ${i}'s memory list is not in increasing address order at address ${e.addr}`;
      lastAddr = e.addr;
      const was = memory.get(e.addr) ?? '0,0';
      if (`${e.before[0]},${e.before[1]}` !== was) {
        return `segment ${i} found [${e.before.join(', ')}] at address ${e.addr}, where the segments before it left [${was.replace(',', ', ')}]`;
      }
    }
    for (const e of s.memory) memory.set(e.addr, `${e.after[0]},${e.after[1]}`);
  }
  return undefined;
}
