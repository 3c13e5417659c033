// Each zkASM instruction the executor implements: a passing program and, for every check, a
// program that must FAIL with the expected reason. Programs are zkASM text, parsed and assembled
// exactly as emitted programs are.
import { describe, expect, it } from 'vitest';
import { runZkasm } from '../../src/compile.js';
import type { ExecOptions } from '../../src/machine/exec.js';

function run(body: string, opts: ExecOptions = {}) {
  const text = `${body}\n        :JMP(finalizeExecution)\nfinalizeExecution:\n        :JMP(finalizeExecution)\n`;
  return runZkasm(text, 't.zkasm', opts).result;
}
function pass(body: string, opts: ExecOptions = {}) {
  const r = run(body, opts);
  expect(r.failure?.message).toBeUndefined();
  expect(r.status).toBe('pass');
  return r;
}
function fail(body: string, reason: string | RegExp, opts: ExecOptions = {}) {
  const r = run(body, opts);
  expect(r.status).toBe('fail');
  expect(r.failure!.message).toMatch(reason);
  return r;
}

describe('moves and ASSERT', () => {
  it('sets registers from constants and asserts both limbs', () => {
    pass(`        0x123456789n => A\n        0x123456789n :ASSERT`);
    fail(`        0x123456789n => A\n        0x23456789 :ASSERT`, /t\.zkasm:2: assert does not match \(A = 0x123456789, op = 0x23456789\)/);
  });
  it('writes land on the next row', () => {
    pass(`        5 => A\n        7 => A\n        7 :ASSERT`);
    fail(`        5 => A\n        7 => A :ASSERT`, /assert does not match/);
  });
  it('input sums are limb-wise field arithmetic', () => {
    pass(`        3 => A\n        4 => B\n        2*A + B - 1 => C\n        C => A\n        9 :ASSERT`);
    // -1 is the field element p-1 in limb 0: not 0xffffffff
    fail(`        -1 => A\n        0xffffffff :ASSERT`, /assert does not match/);
  });
  it('ROTL_C swaps the halves of C', () => {
    pass(`        0x1111111122222222n => C\n        ROTL_C => A\n        0x2222222211111111n :ASSERT`);
  });
  it('STEP reads the row index', () => {
    pass(`        STEP => A\n        0 :ASSERT\n        STEP => A\n        2 :ASSERT`);
  });
});

describe('binary operations', () => {
  const cases: [string, bigint, bigint, bigint][] = [
    ['ADD', 0xffffffffffffffffn, 1n, 0n],
    ['ADD', 0xffffffffn, 1n, 0x100000000n],
    ['SUB', 0n, 1n, 0xffffffffffffffffn],
    ['SUB', 0x100000000n, 1n, 0xffffffffn],
    ['LT', 1n, 0xffffffffffffffffn, 1n],
    ['LT', 0x100000000n, 0xffffffffn, 0n],
    ['SLT', 0xffffffffffffffffn, 1n, 1n],
    ['SLT', 0x8000000000000000n, 0x7fffffffffffffffn, 1n],
    ['SLT', 1n, 0xffffffffffffffffn, 0n],
    ['EQ', 0x100000005n, 5n, 0n],
    ['EQ', 0x100000005n, 0x100000005n, 1n],
    ['AND', 0xdeadbeefcafebaben, 0x0123456789abcdefn, 0xdeadbeefcafebaben & 0x0123456789abcdefn],
    ['OR', 0xdeadbeefcafebaben, 0x0123456789abcdefn, 0xdeadbeefcafebaben | 0x0123456789abcdefn],
    ['XOR', 0xdeadbeefcafebaben, 0x0123456789abcdefn, 0xdeadbeefcafebaben ^ 0x0123456789abcdefn],
  ];
  it.each(cases)('%s %s %s = %s', (op, a, b, r) => {
    const prog = `        0x${a.toString(16)}n => A\n        0x${b.toString(16)}n => B\n        $ => C :${op}\n        C => A\n        0x${r.toString(16)}n :ASSERT`;
    const res = pass(prog);
    expect(res.counters.binary).toBe(1);
    // a claimed result other than the true one fails the check
    fail(prog.replace(`$ => C :${op}`, `0x${(r ^ 1n).toString(16)}n => C :${op}`), /binary operation does not match/);
  });
  it('JMPC follows the carry of ADD and the result of LT', () => {
    pass(`        0xffffffffffffffffn => A\n        1 => B\n        $ :ADD, JMPC(yes)\n        0 => A\n        1 :ASSERT\nyes:\n        3 => B\n        2 => A\n        $ :LT, JMPNC(no)\n        :JMP(ok)\nno:\n        0 => A\n        1 :ASSERT\nok:`);
  });
  it('operands must be canonical 64-bit values', () => {
    fail(`        -1 => A\n        1 => B\n        $ => C :ADD`, /invalid value p-1 to convert to scalar \(A\)/);
  });
});

describe('ARITH', () => {
  it('checks A*B + C = D*2^64 + op', () => {
    const ok = `        0xdeadbeefcafebaben => A\n        0x0123456789abcdefn => B\n        0xffffffffffffffffn => C\n        0x00fd5bdeeeb2a01en => D\n        0x7eb689f4ea447d61n :ARITH`;
    expect(pass(ok).counters.arith).toBe(1);
    fail(ok.replace('0x00fd5bdeeeb2a01en', '0x00fd5bdeeeb2a01fn'), /arithmetic does not match/);
    fail(ok.replace('0x7eb689f4ea447d61n :ARITH', '0x7eb689f4ea447d62n :ARITH'), /arithmetic does not match/);
  });
  it('computes the product with free inputs', () => {
    pass(`        0xffffffffffffffffn => A, B, C\n        \${(A*B + C) >> 64} => D\n        \${A*B + C} => E :ARITH\n        E => A\n        0 :ASSERT\n        D => A\n        0xffffffffffffffffn :ASSERT`);
  });
});

describe('memory', () => {
  it('MSTORE then MLOAD on the stack, MEM: and globals; unwritten words read 0', () => {
    pass(`VAR GLOBAL g\n        7 :MSTORE(SP + 3)\n        $ => A :MLOAD(SP + 3)\n        7 :ASSERT\n        5 => E\n        0x100000009n :MSTORE(MEM:E + 2)\n        $ => A :MLOAD(MEM:E + 2)\n        0x100000009n :ASSERT\n        $ => A :MLOAD(g)\n        0 :ASSERT\n        4 :MSTORE(g)\n        $ => A :MLOAD(g)\n        4 :ASSERT`);
  });
  it('MLOAD checks the value read', () => {
    fail(`        7 :MSTORE(SP)\n        8 :MLOAD(SP)`, /memory read does not match \(mem\[65536\] = 0x7, op = 0x8\)/);
  });
  it('SP++ and SP-- access the old SP, then move it', () => {
    pass(`        1 :MSTORE(SP++)\n        2 :MSTORE(SP++)\n        SP => A\n        2 :ASSERT\n        $ => A :MLOAD(SP - 1)\n        2 :ASSERT\n        $ => A :MLOAD(SP--)\n        0 :ASSERT\n        SP => A\n        1 :ASSERT`);
  });
  it('rejects negative and too large addresses', () => {
    fail(`        $ => A :MLOAD(SP - 1)`, /address can not be negative/);
    // Polygon's executor: 0x20000 words of MEM:; this machine: 2^24
    fail(`        0x20000 => E\n        $ => A :MLOAD(MEM:E)`, /address too big/, { memWords: 0x20000 });
    pass(`        0x1ffff => E\n        $ => A :MLOAD(MEM:E)`, { memWords: 0x20000 });
    pass(`        0x20000 => E\n        $ => A :MLOAD(MEM:E)`);
    fail(`        0x1000000 => E\n        $ => A :MLOAD(MEM:E)`, /address too big/);
    fail(`        0x10000 => SP\n        $ => A :MLOAD(SP)`, /address too big/);
  });
  it('counts memory operations', () => {
    expect(pass(`        1 :MSTORE(SP)\n        $ => A :MLOAD(SP)`).counters.mem).toBe(2);
  });
});

describe('jumps', () => {
  it('JMPZ tests the low limb only', () => {
    pass(`        0x100000000n => A\n        A :JMPZ(zero)\n        0 => A\n        1 :ASSERT\nzero:`);
    pass(`        5 => A\n        A - 5 :JMPNZ(bad)\n        :JMP(ok)\nbad:\n        0 => A\n        1 :ASSERT\nok:`);
  });
  it('JMPZ with an else label', () => {
    pass(`        1 => A\n        A :JMPZ(bad, good)\nbad:\n        0 => A\n        1 :ASSERT\ngood:`);
  });
  it('JMPN takes field negatives, not 64-bit two\'s complement', () => {
    pass(`        3 => A\n        A - 4 :JMPN(neg)\n        0 => A\n        1 :ASSERT\nneg:\n        0xffffffff => A\n        A :JMPN(bad)\n        :JMP(ok)\nbad:\n        0 => A\n        1 :ASSERT\nok:`);
    fail(`        0xffffffff => A\n        A + A + 2 :JMPN(x)\nx:`, /on JMPN value 8589934592 not a valid 32bit value/);
  });
  it('CALL sets RR to the next row and RETURN goes back', () => {
    pass(`        :CALL(f)\n        A => B\n        B => A\n        9 :ASSERT\n        :JMP(end)\nf:\n        9 => A :RETURN\nend:`);
  });
  it('computed jumps: JMP(RR), JMP(E), JMP(@label + E)', () => {
    pass(`        @t1 => RR\n        :JMP(RR)\n        0 => A\n        1 :ASSERT\nt1:\n        1 => E\n        :JMP(@tab + E)\ntab:\n        :JMP(bad)\n        :JMP(ok)\nbad:\n        0 => A\n        1 :ASSERT\nok:`);
    fail(`        0x10000 => E\n        :JMP(E)`, /address too big \(65536\)/);
  });
  it('zkPC is the row address', () => {
    pass(`        zkPC + 2 => A\n        2 :ASSERT`);
  });
  it('REPEAT(RCX) runs a row RCX+1 times', () => {
    pass(`        3 => RCX\n        A + 1 => A :REPEAT(RCX)\n        4 :ASSERT`);
  });
});

describe('field-element registers', () => {
  it('are set from op0 as a signed 32-bit value', () => {
    pass(`        -5 => RR\n        RR + 5 => A\n        0 :ASSERT`);
    fail(`        0x80000000 => SP`, /accessing a no 32bit value/);
  });
});

describe('MemAlign', () => {
  it('MEM_ALIGN_RD reads 8 bytes at a byte offset of A‖B', () => {
    const base = `        0x0011223344556677n => A\n        0x8899aabbccddeeffn => B\n        3 => C\n`;
    expect(pass(`${base}        $ => D :MEM_ALIGN_RD\n        D => A\n        0x33445566778899aan :ASSERT`).counters.memAlign).toBe(1);
    fail(`${base}        0x33445566778899abn :MEM_ALIGN_RD`, /memAlign read does not match/);
    fail(`        7 => C\n        0 :MEM_ALIGN_RD`, /memAlign out of range \(7\)/);
  });
  it('MEM_ALIGN_WR8 replaces one byte', () => {
    const base = `        0x0011223344556677n => A\n        2 => C\n        0x1234n => B\n`;
    pass(`${base}        0x0011343344556677n => D\n        0x34n :MEM_ALIGN_WR8`);
    fail(`${base}        0x0011353344556677n => D\n        0x34n :MEM_ALIGN_WR8`, /memAlign write8 does not match/);
  });
  it('MEM_ALIGN_WR writes 8 bytes across A‖B', () => {
    const base = `        0x0011223344556677n => A\n        0x8899aabbccddeeffn => B\n        2 => C\n        0x0011deadbeefcafen => D\n`;
    pass(`${base}        0xbaddaabbccddeeffn => E\n        0xdeadbeefcafebaddn :MEM_ALIGN_WR`);
    fail(`${base}        0xbaddaabbccddeefen => E\n        0xdeadbeefcafebaddn :MEM_ALIGN_WR`, /memAlign write does not match/);
  });
});

describe('free inputs', () => {
  it('truncate to 64 bits, negatives as two\'s complement', () => {
    pass(`        \${(1 << 64) + 5} => A\n        5 :ASSERT\n        \${-1} => A\n        0xffffffffffffffffn :ASSERT`);
  });
  it('bad expressions fail with the row', () => {
    expect(() => run(`        \${nosuch(1)} => A`)).toThrow(/^t\.zkasm:1: bad free input: function nosuch not defined$/);
    fail(`        \${1 / 0} => A`, /division by zero/);
  });
  it('a tampered free input is caught by the operation that pins it', () => {
    const prog = `        3 :MSTORE(SP)\n        $ => A :MLOAD(SP)\n        2 => B\n        $ => C :ADD`;
    expect(pass(prog).freeInputs).toBe(2);
    for (const index of [0, 1]) {
      fail(prog, /does not match/, { tamper: { index, replace: ([l0, l1]) => [l0 + 1, l1] } });
    }
  });
  it('the input tape feeds input()', () => {
    pass(`        \${input()} => A\n        42 :ASSERT`, { inputs: [42n] });
    fail(`        \${input()} => A`, /the input tape is exhausted/);
  });
});

describe('limits and prover shape', () => {
  it('stops at the step limit', () => {
    fail(`loop:\n        :JMP(loop)`, /step limit 1000 reached/, { maxSteps: 1000 });
  });
  it('pads to N rows with beforeLast(2) and checks the final state', () => {
    const body = `start:\n        7 => A\n        :JMP(finalizeExecution)\nfinalizeExecution:\n        \${beforeLast(2)} :JMPN(finalizeExecution)\n        0 => A, B, C, D, E, RR :JMP(start)\n`;
    const ok = runZkasm(body, 'p.zkasm', { stepsN: 16 }).result;
    expect(ok.status).toBe('pass');
    expect(ok.steps).toBe(2);
    const bad = runZkasm(body.replace('0 => A, B, C, D, E, RR', '0 => B, C, D, E, RR'), 'p.zkasm', { stepsN: 16 }).result;
    expect(bad.failure?.message).toMatch(/final state: A0 = 7 instead of 0/);
  });
});
