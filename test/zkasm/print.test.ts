// Printer: a table of (AST node → text) for every kind, each round-tripped through the parser.
import { describe, expect, test } from 'vitest';
import type {
  Address, CounterName, FreeExpr, JumpCond, Op, RegName, SimpleOpName, Statement, Term,
} from '../../src/zkasm/ast.js';
import { parseZkasm } from '../../src/zkasm/parse.js';
import {
  printAddress, printFreeExpr, printOp, printProgram, printStatement, printStep, printTerms,
} from '../../src/zkasm/print.js';
import { isW2zError } from '../../src/diagnostics.js';
import { bin, fnum, free, freg, jump, label, mload, noLines, num, program, reg, step } from './helpers.js';

/** test.each rows titled by the expected text (ASTs hold bigints, which titles cannot show) */
const named = <T>(table: [T, string][]): { node: T; text: string }[] => table.map(([node, text]) => ({ node, text }));

/** print → parse → compare (up to line numbers) */
function roundTrip(...statements: Statement[]): void {
  const text = printProgram(program(...statements));
  expect(noLines(parseZkasm(text, 't.zkasm'))).toStrictEqual(noLines(program(...statements)));
}

const REGS: RegName[] = ['A', 'B', 'C', 'D', 'E', 'CTX', 'SP', 'PC', 'GAS', 'RR', 'RCX', 'HASHPOS', 'zkPC', 'STEP', 'ROTL_C'];
const COUNTERS: CounterName[] = ['CNT_ARITH', 'CNT_BINARY', 'CNT_KECCAK_F', 'CNT_MEM_ALIGN'];

describe('terms', () => {
  const table: [Term[], string][] = [
    ...REGS.map((r): [Term[], string] => [[reg(r)], r]),
    ...COUNTERS.map((name): [Term[], string] => [[{ kind: 'counter', name, coef: 1n }], name]),
    [[reg('A', -1n)], '-A'],
    [[reg('A', 3n)], '3*A'],
    [[reg('A', -3n)], '-3*A'],
    [[reg('A', 0n)], '0*A'],
    [[reg('B'), reg('A')], 'B + A'],
    [[reg('B'), reg('A', -1n)], 'B - A'],
    [[reg('B'), reg('A', 3n)], 'B + 3*A'],
    [[reg('B'), reg('A', -3n)], 'B - 3*A'],
    [[reg('A', 3n), reg('B', -1n), num(5n)], '3*A - B + 5'],
    [[{ kind: 'counter', name: 'CNT_BINARY', coef: -2n }], '-2*CNT_BINARY'],
    [[num(5n)], '5'],
    [[num(0n)], '0'],
    [[num(-5n)], '-5'],
    [[reg('A'), num(-5n)], 'A - 5'],
    [[reg('A'), num(5n)], 'A + 5'],
    [[num(255n, true)], '255n'],
    [[num(0xfffffffen, true)], '4294967294n'],
    [[num(0xffffffffn, true)], '0xffffffffn'],
    [[num(0xffffffffffffffffn, true)], '0xffffffffffffffffn'],
    [[num(-1n, true)], '-1n'],
    [[reg('A'), num(-0x100000000n, true)], 'A - 0x100000000n'],
    [[free(null)], '$'],
    [[free(null, -1n)], '-$'],
    [[free(bin('+', freg('A'), fnum(1n)))], '${A + 1}'],
    [[reg('A'), free(fnum(7n), 2n)], 'A + 2*${7}'],
    [[{ kind: 'labelRef', name: 'start', coef: 1n }], '@start'],
    [[reg('A'), { kind: 'labelRef', name: 'start', coef: -1n }], 'A - @start'],
    [[{ kind: 'constRef', name: 'N', coef: 1n }], '%N'],
    [[{ kind: 'constRef', name: 'N', coef: 2n }], '2*%N'],
    [[reg('zkPC'), num(2n)], 'zkPC + 2'],
  ];
  test.each(named(table))('$text', ({ node: terms, text }) => {
    expect(printTerms(terms)).toBe(text);
    roundTrip(step(terms, ['A']), step(terms));
  });
});

describe('addresses', () => {
  const table: [Address, string][] = [
    [{ kind: 'sp', offset: 0, inc: 0 }, 'SP'],
    [{ kind: 'sp', offset: 1, inc: 0 }, 'SP + 1'],
    [{ kind: 'sp', offset: -2, inc: 0 }, 'SP - 2'],
    [{ kind: 'sp', offset: 0, inc: 1 }, 'SP++'],
    [{ kind: 'sp', offset: 0, inc: -1 }, 'SP--'],
    [{ kind: 'region', region: 'MEM', index: 'E', offset: 0 }, 'MEM:E'],
    [{ kind: 'region', region: 'MEM', index: 'E', offset: 3 }, 'MEM:E + 3'],
    [{ kind: 'region', region: 'SYS', index: 'E', offset: -1 }, 'SYS:E - 1'],
    [{ kind: 'region', region: 'STACK', index: 'E', offset: 2 }, 'STACK:E + 2'],
    [{ kind: 'region', region: 'SYS', index: 'RR', offset: 0 }, 'SYS:RR'],
    [{ kind: 'var', name: 'x', index: null, offset: 0, bracket: false }, 'x'],
    [{ kind: 'var', name: 'x', index: null, offset: 3, bracket: false }, 'x + 3'],
    [{ kind: 'var', name: 'x', index: 'E', offset: 0, bracket: false }, 'x + E'],
    [{ kind: 'var', name: 'x', index: 'RR', offset: 0, bracket: false }, 'x + RR'],
    [{ kind: 'var', name: 'x', index: 'E', offset: 0, bracket: true }, 'x[E]'],
    [{ kind: 'var', name: 'x', index: 'E', offset: 2, bracket: true }, 'x[E + 2]'],
    [{ kind: 'var', name: 'x', index: 'E', offset: -2, bracket: true }, 'x[E - 2]'],
    [{ kind: 'var', name: 'x', index: 'RR', offset: 1, bracket: true }, 'x[RR + 1]'],
    [{ kind: 'var', name: 'x', index: null, offset: 3, bracket: true }, 'x[3]'],
    [{ kind: 'var', name: 'x', index: null, offset: 0, bracket: true }, 'x[0]'],
    [{ kind: 'var', name: 'SPx', index: null, offset: 0, bracket: false }, 'SPx'],
  ];
  test.each(named(table))('$text', ({ node: addr, text }) => {
    expect(printAddress(addr)).toBe(text);
    roundTrip(step([free(null)], ['A'], [mload(addr)]), step([reg('A')], [], [{ kind: 'mstore', addr }]));
  });
});

describe('operations', () => {
  const conds: JumpCond[] = ['JMP', 'JMPN', 'JMPC', 'JMPZ', 'JMPNC', 'JMPNZ'];
  const simple: SimpleOpName[] = [
    'ASSERT', 'ARITH', 'ADD', 'SUB', 'LT', 'SLT', 'EQ', 'AND', 'OR', 'XOR',
    'MEM_ALIGN_RD', 'MEM_ALIGN_WR', 'MEM_ALIGN_WR8', 'RETURN',
  ];
  const table: [Op, string][] = [
    [mload({ kind: 'sp', offset: 1, inc: 0 }), 'MLOAD(SP + 1)'],
    [{ kind: 'mstore', addr: { kind: 'sp', offset: 0, inc: 1 } }, 'MSTORE(SP++)'],
    ...conds.flatMap((c): [Op, string][] => [
      [jump(c, label('loop')), `${c}(loop)`],
      [jump(c, { kind: 'reg', reg: 'RR' }), `${c}(RR)`],
      [jump(c, { kind: 'reg', reg: 'E' }), `${c}(E)`],
      [jump(c, { kind: 'labelPlus', name: 'tbl', reg: 'RR' }), `${c}(@tbl + RR)`],
      [jump(c, { kind: 'labelPlus', name: 'tbl', reg: 'E' }), `${c}(@tbl + E)`],
      [jump(c, label('yes'), 'no'), `${c}(yes, no)`],
    ]),
    [jump('JMP', label('next')), 'JMP(next)'],
    [jump('JMPZ', label('E1')), 'JMPZ(E1)'],
    [{ kind: 'call', target: label('f') }, 'CALL(f)'],
    [{ kind: 'call', target: { kind: 'labelPlus', name: 'f', reg: 'RR' } }, 'CALL(@f + RR)'],
    [{ kind: 'call', target: { kind: 'labelPlus', name: 'f', reg: 'E' } }, 'CALL(@f + E)'],
    [{ kind: 'repeat' }, 'REPEAT(RCX)'],
    ...simple.map((name): [Op, string] => [{ kind: 'simple', name }, name]),
  ];
  test.each(named(table))('$text', ({ node: op, text }) => {
    expect(printOp(op)).toBe(text);
    roundTrip(step([], [], [op]), step([reg('A')], [], [op, { kind: 'simple', name: 'ADD' }]));
  });
});

describe('steps and statements', () => {
  const table: [Statement, string][] = [
    [step([free(null)], ['A'], [mload({ kind: 'sp', offset: 1, inc: 0 })]), '        $ => A                  :MLOAD(SP + 1)'],
    [step([reg('A')], ['B']), '        A => B'],
    [step([reg('A')], ['B', 'C', 'SP']), '        A => B, C, SP'],
    [step([reg('A', -1n), num(10n)]), '        -A + 10'],
    [step([], [], [jump('JMP', label('next'))]), '                                :JMP(next)'],
    [step([reg('A'), num(-10n)], [], [jump('JMPN', label('neg'), 'pos')]), '        A - 10                  :JMPN(neg, pos)'],
    [step([free(null)], ['C'], [{ kind: 'simple', name: 'ADD' }], 'note'), '        $ => C                  :ADD ; note'],
    [step([reg('A')], ['B'], [], ''), '        A => B ;'],
    [step([reg('A')], ['B'], [], ' two spaces'), '        A => B ;  two spaces'],
    [
      step([reg('A', 3n), reg('B', -1n), num(5n)], ['C', 'D', 'E', 'SP'], [{ kind: 'simple', name: 'ADD' }, mload({ kind: 'region', region: 'MEM', index: 'E', offset: 3 })]),
      '        3*A - B + 5 => C, D, E, SP :ADD, MLOAD(MEM:E + 3)',
    ],
    [{ kind: 'label', name: 'loopA', line: 0 }, 'loopA:'],
    [{ kind: 'label', name: 'E1', line: 0 }, 'E1:'],
    [{ kind: 'var', scope: 'GLOBAL', name: 'x', line: 0 }, 'VAR GLOBAL x'],
    [{ kind: 'var', scope: 'CTX', name: 'arr', size: 16, line: 0 }, 'VAR CTX arr[16]'],
    [{ kind: 'constDef', long: false, name: 'N', value: 8n, line: 0 }, 'CONST %N = 8'],
    [{ kind: 'constDef', long: false, name: 'NEG', value: -3n, line: 0 }, 'CONST %NEG = -3'],
    [{ kind: 'constDef', long: true, name: 'MASK', value: 0xffffffffffffffffn, line: 0 }, 'CONSTL %MASK = 0xffffffffffffffffn'],
    [{ kind: 'constDef', long: true, name: 'ONE', value: 1n, line: 0 }, 'CONSTL %ONE = 1n'],
    [{ kind: 'command', text: 'log(A)', line: 0 }, '        $${log(A)}'],
    [{ kind: 'command', text: ' var x = 1; dump(x) ', line: 0 }, '        $${ var x = 1; dump(x) }'],
    [{ kind: 'comment', text: '', line: 0 }, '        ;'],
    [{ kind: 'comment', text: 'hello /* not a block */', line: 0 }, '        ; hello /* not a block */'],
    [{ kind: 'comment', text: ' indented', line: 0 }, '        ;  indented'],
    [{ kind: 'include', path: 'lib/utils.zkasm', line: 0 }, 'INCLUDE "lib/utils.zkasm"'],
  ];
  test.each(named(table))('$text', ({ node: st, text }) => {
    expect(printStatement(st)).toBe(text);
    roundTrip(st);
  });

  test('printStep is printStatement of a step', () => {
    const s = step([free(null)], ['A'], [{ kind: 'simple', name: 'ADD' }]);
    expect(printStep(s)).toBe(printStatement(s));
  });

  test('a program ends with a newline, one statement per line', () => {
    const p = program({ kind: 'label', name: 'main', line: 0 }, step([num(1n)], ['A']), step([], [], [jump('JMP', label('main'))]));
    expect(printProgram(p)).toBe('main:\n        1 => A\n                                :JMP(main)\n');
    expect(printProgram(program())).toBe('');
  });
});

describe('free-input expressions', () => {
  const A = freg('A');
  const B = freg('B');
  const C = freg('C');
  const table: [FreeExpr, string][] = [
    [fnum(12n), '12'],
    [fnum(-5n), '-5'],
    [fnum(0xffffffffn), '0xffffffff'],
    [fnum(-0x100000000n), '-0x100000000'],
    [A, 'A'],
    [freg('zkPC'), 'zkPC'],
    [{ kind: 'ident', name: 'loopA' }, 'loopA'],
    [{ kind: 'ident', name: 'mem.x' }, 'mem.x'],
    [{ kind: 'ident', name: 'JMP' }, 'JMP'],
    [{ kind: 'call', name: 'beforeLast', args: [] }, 'beforeLast()'],
    [{ kind: 'call', name: 'f', args: [A, fnum(2n), bin('+', B, C)] }, 'f(A, 2, B + C)'],
    [{ kind: 'unary', op: '-', arg: A }, '-A'],
    [{ kind: 'unary', op: '-', arg: fnum(5n) }, '-(5)'],
    [{ kind: 'unary', op: '-', arg: fnum(-5n) }, '-(-5)'],
    [{ kind: 'unary', op: '~', arg: fnum(-5n) }, '~-5'],
    [{ kind: 'unary', op: '!', arg: bin('==', A, B) }, '!(A == B)'],
    [{ kind: 'unary', op: '-', arg: { kind: 'unary', op: '-', arg: A } }, '-(-A)'],
    [bin('>>', bin('+', bin('*', A, B), C), fnum(64n)), '(A * B + C) >> 64'],
    [bin('+', bin('*', A, B), C), 'A * B + C'],
    [bin('+', C, bin('*', A, B)), 'C + A * B'],
    [bin('*', bin('+', A, B), C), '(A + B) * C'],
    [bin('-', A, bin('-', B, C)), 'A - (B - C)'],
    [bin('-', bin('-', A, B), C), 'A - B - C'],
    [bin('&', A, fnum(0xffffffffn)), 'A & 0xffffffff'],
    [bin('|', bin('&', A, B), C), 'A & B | C'],
    [bin('|', A, bin('&', B, C)), 'A | (B & C)'],
    [bin('==', bin('+', A, B), C), '(A + B) == C'],
    [bin('<<', A, bin('*', B, C)), 'A << (B * C)'],
    [bin('*', A, bin('<<', B, C)), 'A * (B << C)'],
    [bin('&&', bin('<', A, B), bin('>=', B, C)), 'A < B && (B >= C)'],
    [bin('-', A, fnum(-5n)), 'A - -5'],
    [{ kind: 'cond', test: bin('==', A, fnum(0n)), then: fnum(1n), else: B }, 'A == 0 ? 1 : B'],
    [{ kind: 'cond', test: bin('+', A, B), then: bin('*', A, B), else: { kind: 'cond', test: A, then: B, else: C } }, '(A + B) ? (A * B) : (A ? B : C)'],
    [bin('+', A, { kind: 'cond', test: A, then: B, else: C }), 'A + (A ? B : C)'],
  ];
  test.each(named(table))('$text', ({ node: e, text }) => {
    expect(printFreeExpr(e)).toBe(text);
    roundTrip(step([free(e)], ['A']));
  });
});

describe('what has no spelling is refused', () => {
  const bad: [string, () => string][] = [
    ['label "EQ" (a reserved word)', () => printStatement({ kind: 'label', name: 'EQ', line: 3 })],
    ['label "1x" (not an identifier)', () => printStatement({ kind: 'label', name: '1x', line: 3 })],
    ['reference "a-b" (not an identifier)', () => printTerms([{ kind: 'labelRef', name: 'a-b', coef: 1n }])],
    ['SP++ with offset 1', () => printAddress({ kind: 'sp', offset: 1, inc: 1 })],
    ['x + E with offset 2 (write x[E + n])', () => printAddress({ kind: 'var', name: 'x', index: 'E', offset: 2, bracket: false })],
    ['x - 2 (negative offset)', () => printAddress({ kind: 'var', name: 'x', index: null, offset: -2, bracket: false })],
    ['x[-1] (negative index)', () => printAddress({ kind: 'var', name: 'x', index: null, offset: -1, bracket: true })],
    ['SP offset 1.5', () => printAddress({ kind: 'sp', offset: 1.5, inc: 0 })],
    ['empty step (line 7)', () => printStep({ ...step([]), line: 7 })],
    ['step with destinations but no inputs (line 0)', () => printStep(step([], ['A']))],
    ['comment with a line break "a\\nb"', () => printStatement({ kind: 'comment', text: 'a\nb', line: 0 })],
    ['command containing "}" "f({})"', () => printStatement({ kind: 'command', text: 'f({})', line: 0 })],
    ['include path "a\\"b"', () => printStatement({ kind: 'include', path: 'a"b', line: 0 })],
    ['${…} identifier "A"', () => printFreeExpr({ kind: 'ident', name: 'A' })],
    ['${…} identifier "a.b.c"', () => printFreeExpr({ kind: 'ident', name: 'a.b.c' })],
  ];
  test.each(bad)('%s', (what, f) => {
    let err: unknown;
    try {
      f();
    } catch (e) {
      err = e;
    }
    expect(isW2zError(err) && err.code).toBe('W2Z3003');
    expect((err as Error).message).toBe(`zkasm printer: cannot print ${what}`);
  });
});

// ---- random expressions: printed text means the same tree to our parser and to zkasmcom ---------

/** zkasmcom's command grammar (command_parser.jison): e4 = e3 ((+|-) e3)*, e3 = e2 ((every other
 *  binary operator) e2 | '?' e2 ':' e2)*, e2 = unary, e1 = call | ident | number | reg | (e4). */
function zkasmcomRead(text: string): FreeExpr {
  const toks = text.match(/0x[0-9a-f]+|[0-9]+|[A-Za-z_][A-Za-z0-9_$]*|<<|>>|<=|>=|==|!=|&&|\|\||\S/g)!;
  let i = 0;
  const peek = (): string | undefined => toks[i];
  const take = (t?: string): string => {
    const x = toks[i++]!;
    if (t !== undefined && x !== t) throw new Error(`expected ${t}, got ${x} in ${text}`);
    return x;
  };
  const e4 = (): FreeExpr => {
    let l = e3();
    while (peek() === '+' || peek() === '-') {
      const op = take() as '+' | '-';
      l = bin(op, l, e3());
    }
    return l;
  };
  const others = ['*', '/', '%', '&', '|', '^', '<<', '>>', '||', '&&', '==', '!=', '<', '<=', '>', '>='];
  const e3 = (): FreeExpr => {
    let l = e2();
    for (;;) {
      const t = peek();
      if (t !== undefined && others.includes(t)) {
        take();
        l = bin(t as Extract<FreeExpr, { kind: 'binary' }>['op'], l, e2());
      } else if (t === '?') {
        take();
        const a = e2();
        take(':');
        l = { kind: 'cond', test: l, then: a, else: e2() };
      } else {
        return l;
      }
    }
  };
  const e2 = (): FreeExpr => {
    const t = peek();
    if (t === '-' && /^[0-9]/.test(toks[i + 1]!)) {
      take();
      return fnum(-BigInt(take()));
    }
    if (t === '-' || t === '~' || t === '!') {
      take();
      return { kind: 'unary', op: t, arg: e2() };
    }
    return e1();
  };
  const e1 = (): FreeExpr => {
    const t = take();
    if (t === '(') {
      const e = e4();
      take(')');
      return e;
    }
    if (/^[0-9]/.test(t)) return fnum(BigInt(t));
    if (peek() === '(') {
      take();
      const args: FreeExpr[] = [];
      while (peek() !== ')') {
        args.push(e4());
        if (peek() === ',') take();
      }
      take(')');
      return { kind: 'call', name: t, args };
    }
    if (['A', 'B', 'C', 'D', 'E', 'SP', 'RR'].includes(t)) return freg(t as RegName);
    return { kind: 'ident', name: t };
  };
  const e = e4();
  if (i !== toks.length) throw new Error(`trailing tokens in ${text}`);
  return e;
}

function randomExpr(rand: () => number, depth: number): FreeExpr {
  const ops = ['+', '-', '*', '/', '%', '&', '|', '^', '<<', '>>', '&&', '||', '==', '!=', '<', '<=', '>', '>='] as const;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const r = rand();
  if (depth === 0 || r < 0.2) {
    const leaf = rand();
    if (leaf < 0.35) return fnum(BigInt(Math.floor(rand() * 2000) - 1000));
    if (leaf < 0.7) return freg(pick(['A', 'B', 'C', 'D', 'E', 'SP', 'RR'] as const));
    if (leaf < 0.85) return { kind: 'ident', name: pick(['x', 'loopA', 'E1']) };
    return { kind: 'call', name: pick(['f', 'beforeLast']), args: rand() < 0.5 ? [] : [randomExpr(rand, 0)] };
  }
  if (r < 0.75) return bin(pick(ops), randomExpr(rand, depth - 1), randomExpr(rand, depth - 1));
  if (r < 0.88) return { kind: 'unary', op: pick(['-', '~', '!'] as const), arg: randomExpr(rand, depth - 1) };
  return { kind: 'cond', test: randomExpr(rand, depth - 1), then: randomExpr(rand, depth - 1), else: randomExpr(rand, depth - 1) };
}

test('3000 random expressions read back the same, by our parser and by zkasmcom precedence', () => {
  let seed = 12345;
  const rand = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const exprs = Array.from({ length: 3000 }, () => randomExpr(rand, 4));
  const text = exprs.map((e) => `        \${${printFreeExpr(e)}} => A\n`).join('');
  const parsed = parseZkasm(text, 'random.zkasm').statements.map((s) => (s as { inputs: Term[] }).inputs[0]);
  expect(parsed).toStrictEqual(exprs.map((e) => free(e)));
  for (const e of exprs) expect(zkasmcomRead(printFreeExpr(e))).toStrictEqual(e);
});
