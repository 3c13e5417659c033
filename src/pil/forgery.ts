// The forgery catalogue: ways a cheating prover could change an honest trace, each of which the
// PIL must reject. Two kinds of entries:
//  - re-executions: one free input takes another value and the executor's checks are off, so
//    every column derived from it is consistent and only the argument that pins that free input
//    (binary lookup, arithmetic, memory read-after-write…) can catch it;
//  - cell edits on the honest trace: a register changed without its set flag, a jump to the
//    wrong line, a skipped ASSERT, a non-canonical limb, a memory row out of order…
// (A wrong public is not a trace: the STARK verifier catches it, tested with the proofs.)

import type { Rom } from '../zkasm/rom.js';
import type { Columns } from './columns.js';
import type { PilModel, RomField } from './model.js';
import { buildWitness } from './witness.js';
import { BINARY_OPCODES } from '../machine/isa.js';
import { ARITH_ROWS_PER_OP } from './model.js';
import { BINARY_ROWS_PER_OP } from './binary-table.js';

export interface ForgedTrace {
  name: string;
  /** what the cheater did, with the ROM line it happened at */
  what: string;
  cm: Columns;
  publics: bigint[];
}

interface Honest {
  rom: Rom;
  model: PilModel;
  cm: Columns;
  publics: bigint[];
  inputs: bigint[];
}

const OPCODE_NAME = Object.fromEntries(Object.entries(BINARY_OPCODES).map(([k, v]) => [v, k])) as Record<number, string>;

function clone(cm: Columns): Columns {
  return new Map([...cm].map(([k, v]) => [k, Float64Array.from(v)]));
}

/** What a computed free input is, from its text (for the catalogue's names). */
function freeKindOf(text: string): string {
  const t = text.slice(text.indexOf('${'), text.indexOf('}') + 1);
  if (t.includes('%')) return 'remainder';
  if (t.includes('/')) return 'quotient';
  if (t.includes('>> 64')) return 'arith-high-part';
  if (/\* B( \+ C)?\}/.test(t)) return 'arith-low-part';
  if (t.includes('>> 2')) return 'word-index';
  return 'computed';
}

/** Per kind of computed free input, at most this many lines are changed (each is a re-execution). */
const MAX_LINES_PER_FREE_KIND = 2;

/**
 * Every forgery that applies to this program, built from its honest trace one at a time (a
 * forged trace is as big as the honest one: keep only the current one alive).
 */
export function* forgeries(h: Honest): Generator<ForgedTrace> {
  const { rom, model } = h;
  const N = model.N;
  const main = (c: string) => h.cm.get(`Main.${c}`)!;
  const zkPC = main('zkPC');
  const rf = (f: RomField, line: number) => model.rom.get(f)![line]!; // unused fields are 0 on every line
  const where = (line: number) => {
    const r = rom.rows[line]!;
    const src = r.source ? ` (${r.source.funcName} @0x${r.source.offset.toString(16)})` : '';
    return `line ${r.line}: ${r.lineStr.trim()}${src}`;
  };
  /** first row whose ROM line satisfies `p` */
  const firstRow = (p: (line: number, row: number) => boolean): number => {
    for (let i = 0; i < N; i++) if (p(zkPC[i]!, i)) return i;
    return -1;
  };

  // ---- re-executions with one free input changed
  // the executor takes one free-input value on each row whose line has one: the k-th is tamper index k
  const freeSteps: number[] = [];
  for (let i = 0; i < N; i++) if (rom.rows[zkPC[i]!]!.freeInTag !== undefined) freeSteps.push(i);
  const reexecute = (name: string, what: string, index: number, replace: (l: [number, number]) => [number, number]): ForgedTrace[] => {
    const w = buildWitness(rom, model, { inputs: h.inputs, unchecked: true, tamper: { index, replace } });
    // the executor's own structural checks stopped it: not a trace
    return w.run.status === 'pass' ? [{ name, what, cm: w.cm, publics: w.publics }] : [];
  };
  const freeIndexAt = (p: (line: number) => boolean): number => freeSteps.findIndex((s) => p(zkPC[s]!));
  const bare = (line: number) => rom.rows[line]!.freeInTag === null;
  const computed = (line: number) => {
    const t = rom.rows[line]!.freeInTag;
    return t !== null && t !== undefined && !(t.kind === 'call' && (t.name === 'beforeLast' || t.name === 'input'));
  };

  for (const [code, opName] of Object.entries(OPCODE_NAME)) {
    const k = freeIndexAt((l) => rf('bin', l) === 1 && rf('binOpcode', l) === Number(code) && bare(l));
    if (k < 0) continue;
    const line = zkPC[freeSteps[k]!]!;
    const flip = Number(code) >= 2 && Number(code) <= 4; // LT SLT EQ answer 0 or 1
    yield* reexecute(`binary-${opName}-result`, `a wrong ${opName} result at ${where(line)}`, k,
      flip ? ([l0, l1]) => [1 - l0, l1] : ([l0, l1]) => [l0 + 1 >= 2 ** 32 ? 0 : l0 + 1, l1]);
  }
  {
    const k = freeIndexAt((l) => rf('mOp', l) === 1 && rf('mWR', l) === 0 && bare(l));
    if (k >= 0) {
      yield* reexecute('memory-read-value', `a wrong value read from memory at ${where(zkPC[freeSteps[k]!]!)}`, k,
        ([l0, l1]) => [l0 + 1, l1]);
    }
  }
  // every distinct computed free input (quotients, remainders, high parts, byte offsets, …)
  const seen = new Set<number>();
  const perKind = new Map<string, number>();
  for (let k = 0; k < freeSteps.length; k++) {
    const line = zkPC[freeSteps[k]!]!;
    if (!computed(line) || seen.has(line)) continue;
    seen.add(line);
    // runtime helpers (no WASM origin: narrow/unaligned memory, division…) are kinds of their own
    const kind = `${rom.rows[line]!.source ? '' : 'runtime-'}${freeKindOf(rom.rows[line]!.lineStr)}`;
    if ((perKind.get(kind) ?? 0) >= MAX_LINES_PER_FREE_KIND) continue;
    const forged = reexecute(`free-input-${kind}-line-${rom.rows[line]!.line}`, `a free input changed at ${where(line)}`, k,
      ([l0, l1]) => [l0 === 0 ? 1 : l0 - 1, l1]);
    if (forged.length > 0) perKind.set(kind, (perKind.get(kind) ?? 0) + 1);
    yield* forged;
  }

  // ---- cell edits on the honest trace
  const edit = (name: string, what: string, f: (cm: Columns) => boolean, publics = h.publics): ForgedTrace[] => {
    const cm = clone(h.cm);
    return f(cm) ? [{ name, what, cm, publics }] : [];
  };
  const setFlag: Record<string, RomField> = { A: 'setA', B: 'setB', C: 'setC', D: 'setD', E: 'setE' };
  for (const reg of ['A', 'B']) {
    const row = firstRow((l, i) => i > 0 && i < N - 2 && rf(setFlag[reg]!, l) === 0);
    if (row < 0) continue;
    yield* edit(`register-${reg}-changed-without-set`, `${reg} changed after ${where(zkPC[row]!)}, which does not set it`, (cm) => {
      const c = cm.get(`Main.${reg}0`)!;
      for (let i = row + 1; i < N; i++) { c[i]! += 1; if (rf(setFlag[reg]!, zkPC[i]!) === 1) break; }
      return true;
    });
  }
  {
    const row = firstRow((l) => rf('JMPN', l) === 1 || rf('JMPZ', l) === 1);
    if (row >= 0) {
      const line = zkPC[row]!;
      const taken = zkPC[row + 1]! !== rf('elseAddr', line);
      const other = taken ? rf('elseAddr', line) : rf('jmpAddr', line);
      yield* edit('jump-to-wrong-target', `the ${taken ? 'taken' : 'not taken'} branch at ${where(line)} goes to line ${other} instead`, (cm) => {
        cm.get('Main.zkPC')![row + 1] = other;
        for (const f of model.usedFields) cm.get(`Main.${f}`)![row + 1] = model.rom.get(f)![other]!;
        return true;
      });
    }
  }
  {
    const row = firstRow((l) => rf('JMPN', l) === 1);
    if (row >= 0) {
      yield* edit('jmpn-sign-flipped', `JMPN decides the other way at ${where(zkPC[row]!)}`, (cm) => {
        const neg = cm.get('Main.isNeg')!;
        neg[row] = 1 - neg[row]!;
        const rc = ((cm.get('Main.op0')![row]! + neg[row]! * (2 ** 32 - 1)) % 2 ** 32 + 2 ** 32) % 2 ** 32;
        for (let k = 0; k < 4; k++) cm.get(`Main.RB${k}`)![row] = Math.floor(rc / 256 ** k) % 256;
        return true;
      });
    }
  }
  {
    const row = firstRow((l) => rf('assert', l) === 1);
    if (row >= 0) {
      yield* edit('assert-skipped', `the ASSERT at ${where(zkPC[row]!)} is dropped from the row`, (cm) => {
        cm.get('Main.assert')![row] = 0;
        return true;
      });
      // the value compared comes from the last free input before the ASSERT: change it
      const k = freeSteps.filter((st) => st < row).length - 1;
      if (k >= 0) {
        yield* reexecute('assert-wrong-value', `the value checked by the ASSERT at ${where(zkPC[row]!)} changed (free input at ${where(zkPC[freeSteps[k]!]!)})`,
          k, ([l0, l1]) => [l0 + 1, l1]);
      }
    }
  }
  {
    const row = firstRow((l) => rf('CONST0', l) !== 0 && rf('setA', l) + rf('setB', l) + rf('setC', l) + rf('setD', l) + rf('setE', l) === 0);
    if (row >= 0) {
      yield* edit('rom-constant-changed', `another constant used at ${where(zkPC[row]!)}`, (cm) => {
        cm.get('Main.CONST0')![row]! += 1;
        cm.get('Main.op0')![row]! += 1;
        return true;
      });
    }
  }
  {
    const row = firstRow((l) => rf('bin', l) === 1);
    if (row >= 0) {
      yield* edit('non-canonical-limb', `A given as A0 + 2^32, A1 - 1 (the same field value of A) at ${where(zkPC[row]!)}`, (cm) => {
        const a0 = cm.get('Main.A0')!, a1 = cm.get('Main.A1')!;
        if (a1[row] === 0) return false;
        a0[row]! += 2 ** 32; a1[row]! -= 1;
        return true;
      });
    }
  }
  yield* edit('start-state', 'register A is 5 on row 0', (cm) => { cm.get('Main.A0')![0] = 5; return true; });
  if (model.machines.mem) {
    const sel = h.cm.get('Mem.sel')!;
    const pad = sel.indexOf(0);
    if (pad >= 0) {
      yield* edit('memory-padding-write', `a padding row of the memory machine writes (row ${pad})`, (cm) => {
        cm.get('Mem.wr')![pad] = 1; cm.get('Mem.v0')![pad]! += 7;
        return true;
      });
    }
    const addr = h.cm.get('Mem.addr')!;
    const r = addr.findIndex((a, i) => i + 1 < N && sel[i + 1] === 1 && addr[i + 1]! > a);
    if (r >= 0) {
      yield* edit('memory-unsorted', `two memory rows swapped (rows ${r}, ${r + 1})`, (cm) => {
        for (const c of ['addr', 'step', 'wr', 'v0', 'v1', 'sel']) {
          const a = cm.get(`Mem.${c}`)!; const t = a[r]!; a[r] = a[r + 1]!; a[r + 1] = t;
        }
        return true;
      });
    }
  }
  if (model.machines.bin) {
    const K = BINARY_ROWS_PER_OP;
    yield* edit('binary-chunk', 'one 4-bit chunk of a binary result changed, its accumulators following', (cm) => {
      const c = cm.get('Binary.c[2]')!, C0 = cm.get('Binary.C0')!;
      const i = 0; // the third chunk of the first operation's first row
      if (c[i] === 15) return false;
      c[i]! += 1;
      for (let k = i; k < K; k++) C0[k]! += 16 ** 2; // C0 is carried to the last row
      return true;
    });
  }
  if (model.machines.arith) {
    yield* edit('arith-carry', 'a carry of the arithmetic machine changed', (cm) => {
      cm.get('Arith.carryLo')![ARITH_ROWS_PER_OP + 1]! += 1;
      return true;
    });
  }
}
