// Block edges pass their arguments into the target's parameter slots as a parallel copy. A
// slot-to-slot copy needs a register; when all five hold arguments of the same edge, the copy
// must still have one (it printed `$ => :MLOAD(SP - n)`, which our own assembler rejects:
// W2Z2301, exit 70, found in real toolchains' output). Programs against V8, and the copy
// itself on random move sets with every register taken.
import { describe, expect, it } from 'vitest';
import { compileWat, runEverywhere } from '../io/harness.js';
import { FunctionLowering } from '../../src/backend/function.js';
import { ProgramContext } from '../../src/backend/context.js';
import { parallelCopy, type Move } from '../../src/backend/lower/branch.js';
import { REGS, type Reg } from '../../src/backend/emit.js';
import type { Step } from '../../src/zkasm/ast.js';

// test/real/bugs/edge-scratch-register.wat: the `then` edge passes c, d, a, b, e in A–E and g to
// f and f2 (one shares g's word, the other is a slot-to-slot copy)
const SCRATCH = `(module
  (import "env" "input_i32" (func $in (result i32)))
  (import "env" "output_i32" (func $out (param i32)))
  (memory 1)
  (func (export "main") (local $f i32) (local $f2 i32) (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $e i32) (local $g i32) (local $h i32)
    (local.set $g (call $in))
    (local.set $h (call $in))
    (if (call $in) (then
      (local.set $f (local.get $g))
      (local.set $f2 (local.get $g))
      (local.set $c (i32.shl (local.get $h) (i32.const 1)))
      (local.set $d (i32.add (local.get $c) (i32.const 1024)))
      (local.set $a (i32.load (local.get $d)))
      (local.set $b (i32.add (local.get $h) (i32.const 0)))
      (local.set $e (i32.eq (local.get $a) (local.get $b)))))
    (call $out (i32.add (i32.add (i32.add (local.get $a) (local.get $b)) (i32.add (local.get $c) (local.get $d)))
      (i32.add (local.get $e) (i32.add (local.get $f) (local.get $f2)))))))`;

/**
 * A loop whose back edge passes five new values in registers, shifts five chains p_i ← q_i ← x_i
 * (slot-to-slot copies into words the register copies also write) and swaps r and s (a cycle).
 */
function chains(): string {
  const n = [1, 2, 3, 4, 5];
  const locals = n.map((i) => `(local $x${i} i32) (local $p${i} i32) (local $q${i} i32)`).join(' ');
  const step = n.map((i) => `(local.set $x${i} (i32.${i === 1 ? 'sub' : 'add'} (local.get $x${i}) (i32.const ${i})))`).join(' ');
  const shift = n.map((i) => `(local.set $p${i} (local.get $q${i})) (local.set $q${i} (local.get $x${i}))`).join(' ');
  const out = n.map((i) => `(call $out (local.get $p${i})) (call $out (local.get $q${i}))`).join(' ');
  return `(module
    (import "env" "input_i32" (func $in (result i32)))
    (import "env" "output_i32" (func $out (param i32)))
    (func (export "main") ${locals} (local $r i32) (local $s i32) (local $t i32)
      (local.set $x1 (call $in)) (local.set $r (call $in)) (local.set $s (call $in))
      (block $done (loop $l
        (br_if $done (i32.eqz (local.get $x1)))
        ${step} ${shift}
        (local.set $t (local.get $r)) (local.set $r (local.get $s)) (local.set $s (local.get $t))
        (br $l)))
      ${out} (call $out (local.get $r)) (call $out (local.get $s))))`;
}

describe('an edge whose arguments hold all five registers', () => {
  it.each([[1n, 2n, 1n], [0n, 5n, 1n], [7n, 100n, 1n], [1n, 2n, 0n]])('the reproducer on [%i, %i, %i]: as V8 (1036 on [1, 2, 1])', async (g, h, cond) => {
    const p = await compileWat(SCRATCH, 'edge-scratch-register.wat');
    const r = await runEverywhere(p, [g, h, cond]);
    expect(r.status).toBe('pass');
    if (g === 1n && h === 2n && cond === 1n) expect(r.outputs).toEqual([1036n]);
  });

  it.each([[0n, 1n, 2n], [1n, 1n, 2n], [2n, 3n, 4n], [5n, 6n, 7n]])('chains and a swap through the back edge, %i iterations: as V8', async (iters, r0, s0) => {
    const p = await compileWat(chains(), 'chains.wat', 16);
    expect((await runEverywhere(p, [iters, r0, s0])).status).toBe('pass');
  });
});

/** A function to lower copies in (its frame and emitter; the code is never run). */
async function lowering(): Promise<FunctionLowering> {
  const p = await compileWat('(module (func (export "main")))', 'empty.wat');
  return new FunctionLowering(p.compiled.ir.funcs[0]!, new ProgramContext(p.compiled.ir));
}

/** Run the rows of a copy on registers and frame words (slot k at SP - size + k). */
function simulate(rows: Step[], size: number, regs: Map<Reg, bigint>, slots: Map<number, bigint>): void {
  for (const s of rows) {
    const op = s.ops[0];
    if (op?.kind !== 'mload' && op?.kind !== 'mstore') throw new Error('a copy row is a load or a store');
    if (op.addr.kind !== 'sp') throw new Error('a copy addresses its frame');
    const slot = op.addr.offset + size;
    if (op.kind === 'mload') { regs.set(s.dests[0] as Reg, slots.get(slot) ?? 0n); continue; }
    const t = s.inputs[0]!;
    slots.set(slot, t.kind === 'const' ? t.value : t.kind === 'reg' ? regs.get(t.reg as Reg) ?? 0n : -1n);
  }
}

/** A deterministic PRNG (xorshift), so a failure replays. */
function rng(seed: number): (n: number) => number {
  let x = seed || 1;
  return (n) => { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; return (x >>> 0) % n; };
}

/**
 * A random parallel copy: every register is a source; most register copies write a word some
 * slot-to-slot copy reads first (so they must wait), the rest of the words take random sources
 * (slots, which make chains and cycles, constants, registers).
 */
function randomMoves(rand: (n: number) => number, words: number): Move[] {
  const perm = Array.from({ length: words }, (_, k) => k);
  for (let k = words - 1; k > 0; k--) { const j = rand(k + 1); [perm[k], perm[j]] = [perm[j]!, perm[k]!]; }
  const moves: Move[] = REGS.map((r, k) => ({ dst: perm[k]!, src: { kind: 'reg', reg: r } }));
  REGS.forEach((_, k) => { if (rand(4) !== 0) moves.push({ dst: perm[5 + k]!, src: { kind: 'slot', slot: perm[k]! } }); });
  const taken = new Set(moves.map((m) => m.dst));
  for (const dst of perm.filter((w) => !taken.has(w))) {
    const pick = rand(4);
    if (pick === 0) moves.push({ dst, src: { kind: 'reg', reg: REGS[rand(5)]! } });
    else if (pick === 1) moves.push({ dst, src: { kind: 'const', value: BigInt(500 + dst) } });
    else if (pick === 2) continue; // left as it is
    else { const slot = rand(words); if (slot !== dst) moves.push({ dst, src: { kind: 'slot', slot } }); }
  }
  return moves;
}

/** Lower `moves` in a fresh frame of `words` words, run the rows, compare every word. */
async function checkCopy(moves: Move[], words: number): Promise<{ spilled: boolean }> {
  const L = await lowering();
  for (let k = 0; k < words; k++) expect(L.frame.slot(1000 + k)).toBe(k); // the words 0 … words-1
  const regs = new Map(REGS.map((r, k) => [r, BigInt(100 + k)] as [Reg, bigint]));
  const slots = new Map(Array.from({ length: words }, (_, k) => [k, BigInt(k)] as [number, bigint]));
  const want = new Map(slots);
  for (const m of moves) {
    want.set(m.dst, m.src.kind === 'const' ? m.src.value : m.src.kind === 'reg' ? regs.get(m.src.reg)! : slots.get(m.src.slot)!);
  }
  const start = L.em.out.length;
  parallelCopy(L, moves.map((m) => ({ ...m, src: { ...m.src } })));
  L.frame.finish();
  const rows = L.em.out.slice(start).filter((s): s is Step => s.kind === 'step');
  // a load names its destination register, a store its source
  for (const s of rows) expect(s.ops[0]?.kind === 'mload' ? s.dests : s.inputs).toHaveLength(1);
  simulate(rows, L.frame.size, regs, slots);
  for (let k = 0; k < words; k++) expect(slots.get(k), `word ${k}`).toBe(want.get(k));
  return { spilled: L.frame.size > words };
}

describe('parallel copies with every register a source', () => {
  it('five register copies waiting for five slot copies: one register is spilled, every word right', async () => {
    const moves: Move[] = REGS.flatMap((r, k) => [
      { dst: k, src: { kind: 'reg', reg: r } } as Move, { dst: 5 + k, src: { kind: 'slot', slot: k } } as Move]);
    expect((await checkCopy(moves, 10)).spilled).toBe(true);
  });

  it('the same with the slot copies in a cycle', async () => {
    const moves: Move[] = REGS.flatMap((r, k) => [
      { dst: k, src: { kind: 'reg', reg: r } } as Move, { dst: 5 + k, src: { kind: 'slot', slot: k } } as Move]);
    moves.push({ dst: 10, src: { kind: 'slot', slot: 11 } }, { dst: 11, src: { kind: 'slot', slot: 12 } }, { dst: 12, src: { kind: 'slot', slot: 10 } });
    expect((await checkCopy(moves, 13)).spilled).toBe(true);
  });

  it('300 random move sets: every word gets its source\'s old value', async () => {
    let spilled = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const rand = rng(seed);
      const words = 10 + rand(8);
      if ((await checkCopy(randomMoves(rand, words), words)).spilled) spilled++;
    }
    expect(spilled).toBeGreaterThan(50);
  });
});
