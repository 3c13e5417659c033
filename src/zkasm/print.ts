// AST (ast.ts) → zkASM text, in the spelling Polygon's zkasmcom (feature/64bits) accepts.
//
// Layout: labels at column 0 (`name:`), VAR / CONST / INCLUDE at column 0, steps, commands and
// comments indented 8; a step's input part is padded so that ` :OPS` starts at column 32:
//         $ => A                  :MLOAD(SP + 1)
//
// Invariant: parseZkasm(printProgram(p)) equals p up to `line`. Whatever has no spelling that
// reads back as the same AST (a reserved word as a label, `SP++` with an offset, a comment with a
// newline, …) is refused with zkasmUnprintable instead of printed wrongly.

import { zkasmUnprintable } from '../diagnostics.js';
import type {
  Address, FreeExpr, JumpTarget, Op, RegName, Statement, Step, Term, ZkasmProgram,
} from './ast.js';

type BinOp = Extract<FreeExpr, { kind: 'binary' }>['op'];

const INDENT = '        ';
/** width of a step's input part: the `:` of the ops lands on column 32 */
const INPUT_WIDTH = 23;
/** long constants from this value up are printed in hex (0xffffffffn reads better than 4294967295n) */
const HEX_FROM = 0xffffffffn;

/** Words the zkasmcom lexer always reads as keywords (reference section 1); never identifiers. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set(
  ('A B C D E RCX SR CTX SP PC GAS zkPC RR STEP ROTL_C HASHPOS F_MLOAD MLOAD MSTORE HASHK HASHK1 '
  + 'HASHKLEN HASHKDIGEST HASHS HASHS1 HASHSLEN HASHSDIGEST HASHP HASHP1 HASHPLEN HASHPDIGEST JMP JMPC '
  + 'JMPZ JMPNZ JMPNC JMPN CALL RETURN ASSERT SLOAD SSTORE ARITH ARITH_ECADD_DIFFERENT ARITH_ECADD_SAME '
  + 'ARITH_BN254_ADDFP2 ARITH_BN254_SUBFP2 ARITH_BN254_MULFP2 ARITH_SECP256R1_ECADD_DIFFERENT '
  + 'ARITH_SECP256R1_ECADD_SAME ADD SUB LT SLT EQ AND OR XOR LT4 CNT_ARITH CNT_BINARY CNT_KECCAK_F '
  + 'CNT_SHA256_F CNT_MEM_ALIGN CNT_PADDING_PG CNT_POSEIDON_G MEM_ALIGN_WR8 MEM_ALIGN_RD MEM_ALIGN_WR SYS '
  + 'MEM STACK INCLUDE VAR GLOBAL CONST CONSTL REPEAT').split(' '),
);

/** Registers as the `${…}` grammar knows them (a `${…}` identifier must not be one). */
const REG_NAMES: ReadonlySet<string> = new Set<RegName>([
  'A', 'B', 'C', 'D', 'E', 'CTX', 'SP', 'PC', 'GAS', 'RR', 'RCX', 'HASHPOS', 'zkPC', 'STEP', 'ROTL_C',
]);

const WORD = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/** A label, variable or jump-target name: a word that is not a keyword. */
function ident(name: string, what: string): string {
  if (RESERVED_WORDS.has(name)) throw zkasmUnprintable(`${what} ${JSON.stringify(name)} (a reserved word)`);
  return word(name, what);
}
/** The name after `@` or `%`: any word. */
function word(name: string, what: string): string {
  if (!WORD.test(name)) throw zkasmUnprintable(`${what} ${JSON.stringify(name)} (not an identifier)`);
  return name;
}
function offset(n: number, what: string): number {
  if (!Number.isSafeInteger(n)) throw zkasmUnprintable(`${what} offset ${n}`);
  return n;
}

const digits = (v: bigint, hex: boolean): string => (hex ? `0x${v.toString(16)}` : v.toString());
/** A non-negative number in the language: `12`, `0xffffffffn`. */
function numeral(v: bigint, long: boolean): string {
  return long ? `${digits(v, v >= HEX_FROM)}n` : v.toString();
}

// ---- inputs -------------------------------------------------------------------------------------

/** One summand; `first` decides between `-A` and ` - A`. */
export function printTerm(t: Term, first: boolean): string {
  let negative: boolean;
  let text: string;
  if (t.kind === 'const') {
    negative = t.value < 0n;
    text = numeral(negative ? -t.value : t.value, t.long);
  } else {
    negative = t.coef < 0n;
    const magnitude = negative ? -t.coef : t.coef;
    const factor = termBody(t);
    text = magnitude === 1n ? factor : `${magnitude}*${factor}`;
  }
  if (first) return negative ? `-${text}` : text;
  return negative ? ` - ${text}` : ` + ${text}`;
}

function termBody(t: Exclude<Term, { kind: 'const' }>): string {
  switch (t.kind) {
    case 'reg': return t.reg;
    case 'counter': return t.name;
    case 'free': return t.expr === null ? '$' : `\${${printFreeExpr(t.expr)}}`;
    case 'labelRef': return `@${word(t.name, 'reference')}`;
    case 'constRef': return `%${word(t.name, 'constant')}`;
  }
}

/** `3*A - B + 5` */
export function printTerms(terms: readonly Term[]): string {
  return terms.map((t, i) => printTerm(t, i === 0)).join('');
}

// ---- addresses, jump targets, operations -------------------------------------------------------

const signed = (n: number): string => (n === 0 ? '' : n > 0 ? ` + ${n}` : ` - ${-n}`);

/** `SP + 1`, `SP--`, `MEM:E + 3`, `x[E]`, `x + RR` */
export function printAddress(a: Address): string {
  switch (a.kind) {
    case 'sp':
      offset(a.offset, 'SP');
      if (a.inc !== 0) {
        if (a.offset !== 0) throw zkasmUnprintable(`SP${a.inc > 0 ? '++' : '--'} with offset ${a.offset}`);
        return a.inc > 0 ? 'SP++' : 'SP--';
      }
      return `SP${signed(a.offset)}`;
    case 'region':
      return `${a.region}:${a.index}${signed(offset(a.offset, a.region))}`;
    case 'var': {
      const name = ident(a.name, 'variable name');
      offset(a.offset, `variable ${name}`);
      if (a.bracket) {
        if (a.index !== null) return `${name}[${a.index}${signed(a.offset)}]`;
        if (a.offset < 0) throw zkasmUnprintable(`${name}[${a.offset}] (negative index)`);
        return `${name}[${a.offset}]`;
      }
      if (a.index !== null) {
        if (a.offset !== 0) throw zkasmUnprintable(`${name} + ${a.index} with offset ${a.offset} (write ${name}[${a.index} + n])`);
        return `${name} + ${a.index}`;
      }
      if (a.offset < 0) throw zkasmUnprintable(`${name} - ${-a.offset} (negative offset)`);
      return `${name}${signed(a.offset)}`;
    }
  }
}

/** `lbl`, `RR`, `@lbl + E` */
export function printJumpTarget(t: JumpTarget): string {
  switch (t.kind) {
    case 'label': return ident(t.name, 'label');
    case 'reg': return t.reg;
    case 'labelPlus': return `@${word(t.name, 'reference')} + ${t.reg}`;
  }
}

/** `MLOAD(SP + 1)`, `JMPZ(l, else)`, `ADD` */
export function printOp(op: Op): string {
  switch (op.kind) {
    case 'mload': return `MLOAD(${printAddress(op.addr)})`;
    case 'mstore': return `MSTORE(${printAddress(op.addr)})`;
    case 'jump': {
      const other = op.elseLabel === undefined ? '' : `, ${ident(op.elseLabel, 'label')}`;
      return `${op.cond}(${printJumpTarget(op.target)}${other})`;
    }
    case 'call': return `CALL(${printJumpTarget(op.target)})`;
    case 'repeat': return 'REPEAT(RCX)';
    case 'simple': return op.name;
  }
}

// ---- `${…}` expressions -------------------------------------------------------------------------

const C_PREC: Record<BinOp, number> = {
  '||': 1, '&&': 2, '|': 3, '^': 4, '&': 5, '==': 6, '!=': 6, '<': 7, '<=': 7, '>': 7, '>=': 7,
  '<<': 8, '>>': 8, '+': 9, '-': 9, '*': 10, '/': 10, '%': 10,
};
/** zkasmcom's command grammar: `+ -` below every other binary operator, which share one level. */
const zkLevel = (op: BinOp): number => (op === '+' || op === '-' ? 1 : 2);

/**
 * Does `child` need parentheses as the `side` operand of `op`? Yes unless C and zkasmcom both
 * group it without them, so that the text means the same thing to both (and to our parser).
 */
function needsParens(child: FreeExpr, op: BinOp, side: 'left' | 'right'): boolean {
  if (child.kind === 'cond') return true;
  if (child.kind !== 'binary') return false;
  const [c, p, zc, zp] = [C_PREC[child.op], C_PREC[op], zkLevel(child.op), zkLevel(op)];
  return side === 'left' ? !(c >= p && zc >= zp) : !(c > p && zc > zp);
}

const wrap = (s: string, yes: boolean): string => (yes ? `(${s})` : s);
const compound = (e: FreeExpr): boolean => e.kind === 'binary' || e.kind === 'cond';

/** The text between `${` and `}`, parenthesised only where precedence needs it. */
export function printFreeExpr(e: FreeExpr): string {
  switch (e.kind) {
    case 'num':
      return e.value < 0n ? `-${digits(-e.value, -e.value >= HEX_FROM)}` : digits(e.value, e.value >= HEX_FROM);
    case 'reg':
      return e.reg;
    case 'ident': {
      const parts = e.name.split('.');
      if (parts.length > 2 || !parts.every((p) => WORD.test(p)) || REG_NAMES.has(parts[0]!)) {
        throw zkasmUnprintable(`\${…} identifier ${JSON.stringify(e.name)}`);
      }
      return e.name;
    }
    case 'call':
      return `${word(e.name, '${…} function')}(${e.args.map(printFreeExpr).join(', ')})`;
    case 'unary': {
      const arg = printFreeExpr(e.arg);
      // `-5` reads back as the number -5, `--x` is hard to read: parenthesise
      const paren = compound(e.arg) || (e.op === '-' && (e.arg.kind === 'num' || arg.startsWith('-')));
      return `${e.op}${wrap(arg, paren)}`;
    }
    case 'binary': {
      const l = wrap(printFreeExpr(e.left), needsParens(e.left, e.op, 'left'));
      const r = wrap(printFreeExpr(e.right), needsParens(e.right, e.op, 'right'));
      return `${l} ${e.op} ${r}`;
    }
    case 'cond': {
      // zkasmcom: `e3 '?' e2 ':' e2`
      const test = e.test.kind === 'cond' || (e.test.kind === 'binary' && zkLevel(e.test.op) === 1);
      return `${wrap(printFreeExpr(e.test), test)} ? ${wrap(printFreeExpr(e.then), compound(e.then))}`
        + ` : ${wrap(printFreeExpr(e.else), compound(e.else))}`;
    }
  }
}

// ---- statements ---------------------------------------------------------------------------------

function commentText(text: string): string {
  if (/[\r\n]/.test(text)) throw zkasmUnprintable(`comment with a line break ${JSON.stringify(text)}`);
  return text === '' ? ';' : `; ${text}`;
}

/** One step, indented, without a newline: `        $ => A                  :MLOAD(SP + 1)` */
export function printStep(s: Step): string {
  let inputs = printTerms(s.inputs);
  if (s.dests.length > 0) {
    if (s.inputs.length === 0) throw zkasmUnprintable(`step with destinations but no inputs (line ${s.line})`);
    inputs += ` => ${s.dests.join(', ')}`;
  }
  let text: string;
  if (s.ops.length > 0) text = `${inputs.padEnd(INPUT_WIDTH)} :${s.ops.map(printOp).join(', ')}`;
  else if (inputs !== '') text = inputs;
  else throw zkasmUnprintable(`empty step (line ${s.line})`);
  return `${INDENT}${text}${s.comment === undefined ? '' : ` ${commentText(s.comment)}`}`;
}

/** One statement as one line (a command's text may hold line breaks), without the newline. */
export function printStatement(s: Statement): string {
  switch (s.kind) {
    case 'step':
      return printStep(s);
    case 'label':
      return `${ident(s.name, 'label')}:`;
    case 'var': {
      const size = s.size === undefined ? '' : `[${offset(s.size, 'array size')}]`;
      if (s.size !== undefined && s.size < 0) throw zkasmUnprintable(`array size ${s.size}`);
      return `VAR ${s.scope} ${ident(s.name, 'variable name')}${size}`;
    }
    case 'constDef': {
      const v = s.value < 0n ? `-${numeral(-s.value, s.long)}` : numeral(s.value, s.long);
      return `${s.long ? 'CONSTL' : 'CONST'} %${word(s.name, 'constant')} = ${v}`;
    }
    case 'command':
      if (s.text.includes('}')) throw zkasmUnprintable(`command containing "}" ${JSON.stringify(s.text)}`);
      return `${INDENT}$\${${s.text}}`;
    case 'comment':
      return `${INDENT}${commentText(s.text)}`;
    case 'include':
      if (s.path === '' || /["\r\n]/.test(s.path)) throw zkasmUnprintable(`include path ${JSON.stringify(s.path)}`);
      return `INCLUDE "${s.path}"`;
  }
}

/** The whole program; every statement ends with a newline. */
export function printProgram(p: ZkasmProgram): string {
  let out = '';
  for (const s of p.statements) out += `${printStatement(s)}\n`;
  return out;
}
