// Parser: a realistic fragment, comments and lines, keyword boundaries, constants, errors, speed.
import { describe, expect, test } from 'vitest';
import type { Statement, ZkasmProgram } from '../../src/zkasm/ast.js';
import { parseZkasm, zkasmGrammar } from '../../src/zkasm/parse.js';
import { printProgram, RESERVED_WORDS } from '../../src/zkasm/print.js';
import { isW2zError } from '../../src/diagnostics.js';
import { readFileSync } from 'node:fs';
import { bin, fnum, free, freg, jump, label, mload, noLines, num, reg, step } from './helpers.js';

const parse = (text: string): Statement[] => parseZkasm(text, 't.zkasm').statements;
const at = <T extends Statement>(s: T, line: number): T => ({ ...s, line });

/** The W2zError message parseZkasm throws for `text`. */
function syntaxMessage(text: string, fileName = 'f.zkasm'): string {
  try {
    parseZkasm(text, fileName);
  } catch (e) {
    if (isW2zError(e) && e.code === 'W2Z3001') return e.message;
    throw e;
  }
  throw new Error(`no error for ${JSON.stringify(text)}`);
}

const FRAGMENT = `; wasm2zkasm runtime fragment
CONST %MAX = 0x1_0000
CONSTL %MASK32 = (1n << 32n) - 1n
VAR GLOBAL heap[16]
VAR CTX tmp    ; scratch

start:
        0 => A, B                       ; zero both
        $\${ log(A, "start") }
        \${beforeLast(2)} => E           :MSTORE(SP++)
loop_1:
        \${(A*B + C) >> 64} => D         :ARITH
        $ => A                          :MLOAD(heap[E + 1]), JMPZ(done, loop_1)
        3*A - B + %MAX => C             :ADD
        @start + 2 => RR
        \${cond(A < B ? 1 : 0)} => E
        zkPC + 2 => RR                  :JMP(f)
        A - 0xffffffffn                 :JMPN(@tbl + E)
done:   /* trailing block comment */
                                        :RETURN
`;

describe('a realistic fragment', () => {
  test('parses to the expected AST, with lines', () => {
    const expected: Statement[] = [
      { kind: 'comment', text: 'wasm2zkasm runtime fragment', line: 1 },
      { kind: 'constDef', long: false, name: 'MAX', value: 0x10000n, line: 2 },
      { kind: 'constDef', long: true, name: 'MASK32', value: 0xffffffffn, line: 3 },
      { kind: 'var', scope: 'GLOBAL', name: 'heap', size: 16, line: 4 },
      { kind: 'var', scope: 'CTX', name: 'tmp', line: 5 },
      { kind: 'comment', text: 'scratch', line: 5 },
      { kind: 'label', name: 'start', line: 7 },
      at(step([num(0n)], ['A', 'B'], [], 'zero both'), 8),
      { kind: 'command', text: ' log(A, "start") ', line: 9 },
      at(step([free({ kind: 'call', name: 'beforeLast', args: [fnum(2n)] })], ['E'], [{ kind: 'mstore', addr: { kind: 'sp', offset: 0, inc: 1 } }]), 10),
      { kind: 'label', name: 'loop_1', line: 11 },
      at(step([free(bin('>>', bin('+', bin('*', freg('A'), freg('B')), freg('C')), fnum(64n)))], ['D'], [{ kind: 'simple', name: 'ARITH' }]), 12),
      at(step([free(null)], ['A'], [
        mload({ kind: 'var', name: 'heap', index: 'E', offset: 1, bracket: true }),
        jump('JMPZ', label('done'), 'loop_1'),
      ]), 13),
      at(step([reg('A', 3n), reg('B', -1n), { kind: 'constRef', name: 'MAX', coef: 1n }], ['C'], [{ kind: 'simple', name: 'ADD' }]), 14),
      at(step([{ kind: 'labelRef', name: 'start', coef: 1n }, num(2n)], ['RR']), 15),
      at(step([free({
        kind: 'call', name: 'cond', args: [{ kind: 'cond', test: bin('<', freg('A'), freg('B')), then: fnum(1n), else: fnum(0n) }],
      })], ['E']), 16),
      at(step([reg('zkPC'), num(2n)], ['RR'], [jump('JMP', label('f'))]), 17),
      at(step([reg('A'), num(-0xffffffffn, true)], [], [jump('JMPN', { kind: 'labelPlus', name: 'tbl', reg: 'E' })]), 18),
      { kind: 'label', name: 'done', line: 19 },
      at(step([], [], [{ kind: 'simple', name: 'RETURN' }]), 20),
    ];
    expect(parse(FRAGMENT)).toStrictEqual(expected);
  });

  test('print → parse gives the same AST, and printing is stable', () => {
    const p = parseZkasm(FRAGMENT, 'frag.zkasm');
    const text = printProgram(p);
    const again = parseZkasm(text, 'frag2.zkasm');
    expect(noLines(again)).toStrictEqual(noLines(p));
    expect(printProgram(again)).toBe(text);
  });

  test('the grammar\'s Program rule matches the whole file (block comments may span lines)', () => {
    const g = zkasmGrammar();
    expect(g.match(`${FRAGMENT}/* a\nmulti-line\ncomment */\n        A => B\n`, 'Program').succeeded()).toBe(true);
    expect(g.match('A => B\nEQ:\n', 'Program').succeeded()).toBe(false);
  });
});

describe('comments and lines', () => {
  test('a full-line comment keeps its text minus one leading space', () => {
    expect(parse(';x\n; x\n;  x\n;\n   ;   \n')).toStrictEqual([
      { kind: 'comment', text: 'x', line: 1 },
      { kind: 'comment', text: 'x', line: 2 },
      { kind: 'comment', text: ' x', line: 3 },
      { kind: 'comment', text: '', line: 4 },
      { kind: 'comment', text: '  ', line: 5 },
    ]);
  });

  test('a trailing comment belongs to the step; after a label it is a comment statement', () => {
    expect(parse('A => B ;  note\nl: ; after label\n')).toStrictEqual([
      at(step([reg('A')], ['B'], [], ' note'), 1),
      { kind: 'label', name: 'l', line: 2 },
      { kind: 'comment', text: 'after label', line: 2 },
    ]);
  });

  test('block comments are dropped, also across lines and inside a step', () => {
    expect(parse('/* head\n   more */\nA /* in */ => B\nA => B /* split\n */ :ADD\nC => D\n')).toStrictEqual([
      at(step([reg('A')], ['B']), 3),
      at(step([reg('A')], ['B'], [{ kind: 'simple', name: 'ADD' }]), 4),
      at(step([reg('C')], ['D']), 6),
    ]);
  });

  test('a ; or /* inside ${…}, $${…} or a comment is text', () => {
    expect(parse('$${ a; b /* c */ }\n; d /* e\nA => B\n')).toStrictEqual([
      { kind: 'command', text: ' a; b /* c */ ', line: 1 },
      { kind: 'comment', text: 'd /* e', line: 2 },
      at(step([reg('A')], ['B']), 3),
    ]);
  });

  test('a command may span lines; the lines after it keep their numbers', () => {
    expect(parse('$${ f(\n  1) }\nA => B\n')).toStrictEqual([
      { kind: 'command', text: ' f(\n  1) ', line: 1 },
      at(step([reg('A')], ['B']), 3),
    ]);
  });

  test('several labels, then a step, on one line (zkasmcom accepts it)', () => {
    expect(parse('a: b: A => B\n')).toStrictEqual([
      { kind: 'label', name: 'a', line: 1 },
      { kind: 'label', name: 'b', line: 1 },
      at(step([reg('A')], ['B']), 1),
    ]);
  });

  test('CRLF line endings, tabs, no final newline', () => {
    expect(parse('l:\r\n\tA => B\t; c\r\n\t:JMP(l)')).toStrictEqual([
      { kind: 'label', name: 'l', line: 1 },
      at(step([reg('A')], ['B'], [], 'c'), 2),
      at(step([], [], [jump('JMP', label('l'))]), 3),
    ]);
  });

  test('a line parsed through the shape cache and the same line parsed as it is give the same nodes', () => {
    // a block comment spanning lines makes the parser match the line as it is (no shape cache)
    const extra = [
      'INCLUDE "lib/a b.zkasm"', 'VAR GLOBAL arr[0x20]', 'CONST %K = %MAX ?? 3', 'a: b: 2**8 => A ; c',
      '        $${ var x = 1 }', '$ => A :MLOAD(SYS:E - 1), MSTORE(x + RR), CALL(@f + RR)', '-$ - 7n => B',
      '${f(mem.x, -5, ~A, !(B == 1), C ? D : 0x10)} => A :JMPNC(l1, l2)', ':MSTORE(STACK:E), REPEAT(RCX)',
    ];
    const lines = [...FRAGMENT.split('\n'), ...extra].filter((l) => l.trim() !== '');
    for (const l of lines) {
      const cached = parse(`CONST %MAX = 1\n${l}\n`);
      const direct = parse(`CONST %MAX = 1\n/*\n*/ ${l}\n`);
      expect(noLines(direct)).toStrictEqual(noLines(cached));
      expect(direct.length).toBeGreaterThan(1);
      expect(direct.slice(1).every((st) => st.line === 3)).toBe(true);
    }
  });

  test('nodes are fresh objects, not shared between equal lines', () => {
    const [a, b] = parse('$ => A :MLOAD(SP + 1)\n$ => A :MLOAD(SP + 1)\n') as [Statement & { ops: unknown[] }, Statement & { ops: unknown[] }];
    expect(a).not.toBe(b);
    expect(a.ops[0]).not.toBe(b.ops[0]);
    expect(a.line).toBe(1);
    expect(b.line).toBe(2);
  });
});

describe('numbers, inputs, constants', () => {
  test('number spellings', () => {
    expect(parse('12 => A\n0x1f => A\n1_000 => A\n0xffn => A\n0x1_0000_0000n => A\n')).toStrictEqual([
      at(step([num(12n)], ['A']), 1),
      at(step([num(31n)], ['A']), 2),
      at(step([num(1000n)], ['A']), 3),
      at(step([num(255n, true)], ['A']), 4),
      at(step([num(0x100000000n, true)], ['A']), 5),
    ]);
  });

  test('coefficients and constant products fold', () => {
    expect(parse('-3*A + B*2 - 2**32 + 3*5 - 2n**3n - CNT_ARITH + 2*$ - ${A}\n')).toStrictEqual([
      at(step([reg('A', -3n), reg('B', 2n), num(-(2n ** 32n)), num(15n), num(-8n, true),
        { kind: 'counter', name: 'CNT_ARITH', coef: -1n }, free(null, 2n), free(freg('A'), -1n)]), 1),
    ]);
  });

  test('CONST expressions fold with C precedence, ?? and earlier constants', () => {
    const text = [
      'CONST %A = 2 + 3 * 4', 'CONST %B = (2 + 3) * 4', 'CONST %C = 1 << 3 | 1', 'CONST %D = %A ?? 5',
      'CONST %E = %NOPE ?? 5 + 1', 'CONST %F = 10 / 3 + -7 % 3', 'CONST %G = 2 ** 10', 'CONST %H = 1 < 2 && 3 >= 4 || !0',
      'CONST %I = 0 ? 1 : %B - %A', 'CONSTL %J = 0xffffffffffffffffn', 'CONST %K = 7 & 12 ^ 1', 'CONST %L = -%A',
    ].join('\n');
    expect(parse(text).map((s) => (s.kind === 'constDef' ? [s.name, s.value, s.long] : null))).toStrictEqual([
      ['A', 14n, false], ['B', 20n, false], ['C', 9n, false], ['D', 14n, false], ['E', 6n, false], ['F', 2n, false],
      ['G', 1024n, false], ['H', 1n, false], ['I', 6n, false], ['J', 0xffffffffffffffffn, true], ['K', 5n, false],
      ['L', -14n, false],
    ]);
  });
});

describe('keywords and identifiers', () => {
  test('words that start with a keyword are identifiers', () => {
    expect(parse('loopA:\nE1:\nSPx:\nMEMORY:\nAddress:\nJMPloop:\nCONSTANT:\n')).toStrictEqual(
      ['loopA', 'E1', 'SPx', 'MEMORY', 'Address', 'JMPloop', 'CONSTANT'].map((name, i) => ({ kind: 'label', name, line: i + 1 })),
    );
    expect(parse(':JMP(E1)\n$ => A :MLOAD(SPx)\n$ => A :MLOAD(MEMx + 2)\n${E1 + Ax + A} => B\n')).toStrictEqual([
      at(step([], [], [jump('JMP', label('E1'))]), 1),
      at(step([free(null)], ['A'], [mload({ kind: 'var', name: 'SPx', index: null, offset: 0, bracket: false })]), 2),
      at(step([free(null)], ['A'], [mload({ kind: 'var', name: 'MEMx', index: null, offset: 2, bracket: false })]), 3),
      at(step([free(bin('+', bin('+', { kind: 'ident', name: 'E1' }, { kind: 'ident', name: 'Ax' }), freg('A')))], ['B']), 4),
    ]);
  });

  test('a keyword right before ":" is not a label', () => {
    expect(parse('A:ADD\n')).toStrictEqual([at(step([reg('A')], [], [{ kind: 'simple', name: 'ADD' }]), 1)]);
    expect(syntaxMessage('EQ:\n')).toBe(
      'f.zkasm:1:1: zkasm syntax error: expected a label, a statement, a comment or end of line, got "EQ"',
    );
  });

  test('inside ${…} zkASM keywords are identifiers, registers are registers', () => {
    expect(parse('${JMP + mem.x + E} => A\n')).toStrictEqual([
      at(step([free(bin('+', bin('+', { kind: 'ident', name: 'JMP' }, { kind: 'ident', name: 'mem.x' }), freg('E')))], ['A']), 1),
    ]);
  });

  test('the grammar reserves exactly the words the printer avoids', () => {
    const grammarText = readFileSync(new URL('../../grammars/zkasm.ohm', import.meta.url), 'utf8');
    const block = /reserved = \(([^)]*)\)/.exec(grammarText)![1]!;
    const words = [...block.matchAll(/"([A-Za-z0-9_]+)"/g)].map((m) => m[1]);
    expect(new Set(words)).toStrictEqual(RESERVED_WORDS);
    for (const w of RESERVED_WORDS) expect(zkasmGrammar().match(`${w}:`, 'Line').succeeded()).toBe(false);
  });
});

describe('syntax errors: one line, file:line:col (the column at the token) and what was expected', () => {
  const cases: [string, string][] = [
    ['start:\n        A :FOO\n', 'f.zkasm:2:12: zkasm syntax error: expected an operation, got "FOO"'],
    ['\t$ => A\t:MLOAD(SP +)\n', 'f.zkasm:1:20: zkasm syntax error: expected a number, got ")"'],
    ['A => B C\n', 'f.zkasm:1:8: zkasm syntax error: expected ",", ":", a comment or end of line, got "C"'],
    ['A + => B\n', 'f.zkasm:1:5: zkasm syntax error: expected an input, got "=>"'],
    ['A => \n', 'f.zkasm:1:6: zkasm syntax error: expected a register, got end of line'],
    [':JMP(a, b\n', 'f.zkasm:1:10: zkasm syntax error: expected ")", got end of line'],
    [':JMP(EQ)\n', 'f.zkasm:1:6: zkasm syntax error: expected a jump target, got "EQ"'],
    ['$ => A :MLOAD(MEM:A)\n', 'f.zkasm:1:19: zkasm syntax error: expected "RR" or "E", got "A"'],
    ['VAR LOCAL x\n', 'f.zkasm:1:5: zkasm syntax error: expected "GLOBAL" or "CTX", got "LOCAL"'],
    ['${(A + } => B\n', 'f.zkasm:1:8: zkasm syntax error: expected an expression, got "}"'],
    ['CONST %X = 1 +\n', 'f.zkasm:1:15: zkasm syntax error: expected a constant expression, got end of line'],
    ['A*B => C\n', 'f.zkasm:1:1: zkasm syntax error: multiplication of two non-constant inputs is not allowed'],
    ['3*5n => A\n', 'f.zkasm:1:1: zkasm syntax error: a product cannot mix short and long (n) constants'],
    ['${A + B >> 2} => A\n', 'f.zkasm:1:9: zkasm syntax error: "+" inside ">>" needs parentheses (zkasmcom gives all binary operators but + and - one precedence)'],
    ['${A ? B + 1 : C} => A\n', 'f.zkasm:1:3: zkasm syntax error: the parts of "?:" need parentheses unless they are simple (zkasmcom groups them differently)'],
    ['${5n} => A\n', 'f.zkasm:1:3: zkasm syntax error: numbers inside ${…} take no n suffix'],
    ['${2 ** 3} => A\n', 'f.zkasm:1:5: zkasm syntax error: unsupported operator ** (the executor rejects it; use exp(a, b))'],
    ['CONST %X = %Y + 1\n', 'f.zkasm:1:12: zkasm syntax error: undefined constant %Y'],
    ['CONST %X = 1 / (2 - 2)\n', 'f.zkasm:1:14: zkasm syntax error: division by zero in constant expression'],
    ['A => B\n/* open\n\nC => D\n', 'f.zkasm:2:1: zkasm syntax error: unterminated block comment: expected "*/"'],
    ['A => B /* x\ny */ C\n', 'f.zkasm:2:6: zkasm syntax error: expected ",", ":", a comment or end of line, got "C"'],
  ];
  test.each(cases)('%j', (text, message) => {
    expect(syntaxMessage(text)).toBe(message);
  });

  /** [line, the token the column points at, message] */
  const unsupported: [string, string, string][] = [
    ['$ => A :HASHK(E)', 'HASHK', 'unsupported operation HASHK (not modelled by wasm2zkasm)'],
    ['$ => A :HASHKDIGEST(0)', 'HASHKDIGEST', 'unsupported operation HASHKDIGEST (not modelled by wasm2zkasm)'],
    ['A :SLOAD', 'SLOAD', 'unsupported operation SLOAD (not modelled by wasm2zkasm)'],
    ['A :ARITH_ECADD_SAME', 'ARITH_ECADD_SAME', 'unsupported operation ARITH_ECADD_SAME (not modelled by wasm2zkasm)'],
    ['A :LT4', 'LT4', 'unsupported operation LT4 (not modelled by wasm2zkasm)'],
    ['$ => A :F_MLOAD(x)', 'F_MLOAD', 'unsupported operation F_MLOAD (not modelled by wasm2zkasm)'],
    ['B + SR => A', 'SR', 'unsupported input SR (not in the 64-bit zkASM)'],
    ['CNT_SHA256_F => A', 'CNT_SHA256_F', 'unsupported input CNT_SHA256_F (not in the 64-bit zkASM)'],
    ['A + $0{A} => B', '$0', 'unsupported free input $0{…} (the 64-bit zkASM has only $ and ${…})'],
    ['$0 => B', '$0', 'unsupported free input $0{…} (the 64-bit zkASM has only $ and ${…})'],
    ['VAR GLOBAL x[%N]', '%N', 'unsupported array size: only a number is supported, not a constant'],
  ];
  test.each(unsupported)('%s', (line, token, what) => {
    const col = line.indexOf(token);
    expect(syntaxMessage(`${line}\n`)).toBe(`f.zkasm:1:${col + 1}: zkasm syntax error: ${what}`);
  });
});

describe('speed', () => {
  /** A generated-looking program: frames, calls, binary ops, comments with source markers. */
  function bigProgram(lines: number): string {
    const out: string[] = ['VAR GLOBAL heap[1024]', 'CONST %FRAME = 8'];
    for (let i = 0; out.length < lines; i++) {
      const f = i % 500;
      out.push(
        `func_${f}_${i}:`,
        `        ; @ $f${f} 0x${(i * 7).toString(16)} i32.add`,
        `        $ => A                          :MLOAD(SP + ${i % 40})`,
        `        $ => B                          :MLOAD(SP - ${(i * 3) % 17})`,
        '        $ => C                          :ADD',
        `        C                               :MSTORE(SP + ${i % 23})`,
        `        ${i} => D`,
        '        0xffffffffn => B',
        '        $ => A                          :AND',
        `        \${(A*B + C) >> 64} => D         :ARITH`,
        `        A - ${i % 100}                           :JMPN(func_${f}_${i}, next_${i})`,
        `        zkPC + 2 => RR                  :JMP(func_${(f * 7) % 500}_${i})`,
        `        $ => E                          :MLOAD(heap[E + ${i % 9}]), JMPZ(@tbl_${f} + RR)`,
        `next_${i}:`,
        `        3*A - B + %FRAME => C           :SUB`,
        '        SP - 1 => SP',
        '                                        :RETURN',
      );
    }
    return `${out.slice(0, lines).join('\n')}\n`;
  }

  test('100k lines well under 20 s (measured)', () => {
    const text = bigProgram(100_000);
    const t0 = performance.now();
    let p: ZkasmProgram = parseZkasm(text, 'big.zkasm');
    const cold = performance.now() - t0;
    const t1 = performance.now();
    p = parseZkasm(text, 'big.zkasm');
    const warm = performance.now() - t1;
    // Ohm alone, one match per line, on a sample
    const sample = text.split('\n').slice(0, 2000);
    const t2 = performance.now();
    for (const l of sample) zkasmGrammar().match(l, 'Line');
    const ohmPerLine = (performance.now() - t2) / sample.length;
    console.log(
      `parse 100k lines: ${cold.toFixed(0)} ms cold (${Math.round(100_000 / (cold / 1000))} lines/s), `
      + `${warm.toFixed(0)} ms warm (${Math.round(100_000 / (warm / 1000))} lines/s); `
      + `Ohm alone ${(ohmPerLine * 1000).toFixed(0)} µs/line (${Math.round(1000 / ohmPerLine)} lines/s)`,
    );
    expect(p.statements.length).toBe(100_000);
    expect(cold).toBeLessThan(20_000);
  });
});
