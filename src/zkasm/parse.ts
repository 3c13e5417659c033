// zkASM text → AST (ast.ts), with grammars/zkasm.ohm.
//
// Speed: Ohm needs ~120 µs to match one zkASM line (8k lines/s, 12 s for a 100k-line program).
// Generated programs repeat a few line *shapes* (`$ => A :MLOAD(SP + 3)` and `$ => A :MLOAD(SP + 7)`
// differ only in a number), so each line goes through (≈500k lines/s, test/zkasm/parse.test.ts):
//   1. `prepare`: block comments become spaces (newlines too, so a comment may span lines), and a
//      newline inside `${…}` / `$${…}` is hidden the same way; every remaining "\n" ends a line.
//   2. `lex`: a small scanner replaces every number by `0`/`0n`, every non-reserved word by `q`, and
//      comment/command/string texts by empty ones; the replaced values go into `vals`, in order.
//   3. The shape is matched with the grammar's `Line` rule once, and the semantics turn it into a
//      template: a function of (vals, line) that builds fresh AST nodes. Templates are cached by
//      shape. The placeholders are chosen so that the shape has exactly the line's structure: the
//      grammar never decides on a number's value or on a non-reserved word's spelling.
// Anything that fails on the shape path (no match, an error in the semantics) is redone on the
// original line, so every error message has the real position.

import { readFileSync } from 'node:fs';
import * as ohm from 'ohm-js';
import { zkasmSyntax } from '../diagnostics.js';
import { RESERVED_WORDS } from './print.js';
import type {
  Address, CounterName, FreeExpr, JumpCond, JumpTarget, Op, RegName, SimpleOpName, Statement, Step,
  Term, VarDef, ZkasmProgram,
} from './ast.js';

type BinOp = Extract<FreeExpr, { kind: 'binary' }>['op'];

// ---- grammar, loaded once ---------------------------------------------------------------------

let grammarCache: ohm.Grammar | undefined;
let semanticsCache: ohm.Semantics | undefined;

/** The zkASM grammar (grammars/zkasm.ohm); start rules `Line` (one line) and `Program` (a file). */
export function zkasmGrammar(): ohm.Grammar {
  grammarCache ??= ohm.grammar(readFileSync(new URL('../../grammars/zkasm.ohm', import.meta.url), 'utf8'));
  return grammarCache;
}

function semantics(): ohm.Semantics {
  semanticsCache ??= zkasmGrammar().createSemantics().addOperation('b', actions);
  return semanticsCache;
}

// ---- templates --------------------------------------------------------------------------------

type Val = bigint | string;

/** What a template is instantiated with. */
interface Ctx {
  /** values of the line's replaced tokens, in source order */
  v: Val[];
  line: number;
  consts: Map<string, bigint>;
  /** line of a position of the matched text, when the line spans several physical lines */
  lineAt?: (offset: number) => number;
}
type Get<T> = (c: Ctx) => T;
type LineTemplate = Get<Statement[]>;

/**
 * A failure found by the semantics or a template: position in the matched text, message. Caught
 * in parseZkasm (retry on the original line, or turned into a zkasmSyntax error); never escapes.
 */
class ParseFail extends Error {
  constructor(readonly offset: number, readonly what: string) {
    super(what);
  }
}

/** Position in the matched text → index in `Ctx.v`, for the shape being turned into a template. */
let slotAt = new Map<number, number>();
/** The original text and where the matched line starts in it (for command texts on the direct path). */
let orig = { text: '', base: 0, direct: false };

const lineOf = (c: Ctx, offset: number): number => (c.lineAt ? c.lineAt(offset) : c.line);

/** A token's value: from `Ctx.v` when the lexer replaced it, else its own text. */
function tok<T extends Val>(n: ohm.Node, literal: () => T): Get<T> {
  const k = slotAt.get(n.source.startIdx);
  if (k !== undefined) return (c) => c.v[k] as T;
  const value = literal();
  return () => value;
}
const numTok = (n: ohm.Node): Get<bigint> => tok(n, () => BigInt(n.sourceString.replace(/[_n]/g, '')));
const wordTok = (n: ohm.Node): Get<string> => tok(n, () => n.sourceString);
/** Numbers the AST keeps as JS numbers (offsets, array sizes) must be exact there: at most 2^53 - 1. */
const MAX_NUM = BigInt(Number.MAX_SAFE_INTEGER);
const asNum = (n: ohm.Node): Get<number> => {
  const g = numTok(n);
  const at = n.source.startIdx;
  return (c) => {
    const v = g(c);
    if (v > MAX_NUM) failAt(at, `number ${v} is too large (at most 2^53 - 1 here)`);
    return Number(v);
  };
};

const b = <T>(n: ohm.Node): T => n['b']() as T;
const opt = <T>(n: ohm.Node): T | undefined => (n.numChildren > 0 ? b<T>(n.children[0]!) : undefined);
const failAt = (offset: number, what: string): never => {
  throw new ParseFail(offset, what);
};
const fail = (n: ohm.Node, what: string): never => failAt(n.source.startIdx, what);

// ---- inputs: products of constants and at most one other factor --------------------------------

type Factor =
  | { kind: 'num'; long: boolean; value: Get<bigint> }
  | { kind: 'atom'; make: (coef: bigint, c: Ctx) => Term };

/** One summand; `sign` is -1n after a `-`. */
type Summand = (sign: bigint, c: Ctx) => Term;

function product(node: ohm.Node, factors: Factor[]): Summand {
  const atoms = factors.filter((f) => f.kind === 'atom');
  const nums = factors.filter((f) => f.kind === 'num');
  const mul = (c: Ctx): bigint => nums.reduce((p, f) => p * f.value(c), 1n);
  if (atoms.length > 1) fail(node, 'multiplication of two non-constant inputs is not allowed');
  if (atoms.length === 1) {
    const make = atoms[0]!.make;
    return (sign, c) => make(sign * mul(c), c);
  }
  const long = nums[0]!.long;
  if (nums.some((f) => f.long !== long)) fail(node, 'a product cannot mix short and long (n) constants');
  return (sign, c) => ({ kind: 'const', value: sign * mul(c), long });
}

const atom = (make: (coef: bigint, c: Ctx) => Term): Factor => ({ kind: 'atom', make });

// ---- `${…}` expressions ------------------------------------------------------------------------

/** A parsed free-input expression: its builder plus what the grouping checks need. */
interface FInfo {
  b: Get<FreeExpr>;
  /** binary operator, when the expression is an unparenthesised binary operation */
  op?: BinOp;
  /** an unparenthesised `?:` */
  cond?: boolean;
}

/** C precedence (higher binds tighter). */
const C_PREC: Record<BinOp, number> = {
  '||': 1, '&&': 2, '|': 3, '^': 4, '&': 5, '==': 6, '!=': 6, '<': 7, '<=': 7, '>': 7, '>=': 7,
  '<<': 8, '>>': 8, '+': 9, '-': 9, '*': 10, '/': 10, '%': 10,
};
/**
 * zkasmcom's command parser (command_parser.jison) has only two binary levels: `+ -`, and all the
 * others together above them, left-associative. We group with C precedence and reject what
 * zkasmcom would group differently (`a + b >> c`, `a | b & c`), so both read the same tree.
 */
const zkLevel = (op: BinOp): number => (op === '+' || op === '-' ? 1 : 2);

function binary(opNode: ohm.Node, op: BinOp, l: FInfo, r: FInfo): FInfo {
  if ((l.op && zkLevel(l.op) < zkLevel(op)) || (r.op && zkLevel(r.op) <= zkLevel(op))) {
    const inner = l.op && zkLevel(l.op) < zkLevel(op) ? l.op : r.op!;
    fail(opNode, `"${inner}" inside "${op}" needs parentheses (zkasmcom gives all binary operators but + and - one precedence)`);
  }
  const lb = l.b;
  const rb = r.b;
  return { b: (c) => ({ kind: 'binary', op, left: lb(c), right: rb(c) }), op };
}

/** Groups `e0 op1 e1 op2 e2 …` by C precedence (precedence climbing). */
function climb(operands: FInfo[], ops: ohm.Node[]): FInfo {
  let i = 0;
  let j = 0;
  const parse = (minPrec: number): FInfo => {
    let lhs = operands[i++]!;
    while (j < ops.length && C_PREC[ops[j]!.sourceString as BinOp] >= minPrec) {
      const opNode = ops[j++]!;
      const op = opNode.sourceString as BinOp;
      const rhs = parse(C_PREC[op] + 1);
      lhs = binary(opNode, op, lhs, rhs);
    }
    return lhs;
  };
  return parse(0);
}

// ---- constant expressions (CONST / CONSTL) -------------------------------------------------------

const N_PREC: Record<string, number> = { ...C_PREC, '**': 10 };

/**
 * Constant expressions compute in at most 256 bits (a step takes at most 64: the assembler checks
 * that); past that a `<<` or `**` would only build a huge BigInt, or fail inside the engine.
 */
const N_BITS = 256n;
const N_LIMIT = 1n << N_BITS;

function nBinary(opNode: ohm.Node, l: Get<bigint>, r: Get<bigint>): Get<bigint> {
  const off = opNode.source.startIdx;
  const op = nOp(opNode.sourceString, off);
  return (c) => {
    const v = op(l(c), r(c));
    if (v >= N_LIMIT || v <= -N_LIMIT) failAt(off, `constant expression value out of range (more than ${N_BITS} bits)`);
    return v;
  };
}

function nOp(op: string, off: number): (x: bigint, y: bigint) => bigint {
  const bool = (x: boolean): bigint => (x ? 1n : 0n);
  const tooLarge = (): never => failAt(off, `constant expression value out of range (more than ${N_BITS} bits)`);
  return (x, y) => {
    switch (op) {
      case '+': return x + y;
      case '-': return x - y;
      case '*': return x * y;
      case '/':
      case '%':
        if (y === 0n) failAt(off, 'division by zero in constant expression');
        return op === '/' ? x / y : x % y;
      case '**':
        if (y < 0n) failAt(off, 'negative exponent in constant expression');
        if (y > N_BITS && (x > 1n || x < -1n)) tooLarge();
        return x ** y;
      case '<<':
        if (y > N_BITS && x !== 0n) tooLarge();
        return y < -N_BITS ? (x < 0n ? -1n : 0n) : x << y;
      case '>>':
        if (y < -N_BITS && x !== 0n) tooLarge();
        return y > N_BITS ? (x < 0n ? -1n : 0n) : x >> y;
      case '&': return x & y;
      case '|': return x | y;
      case '^': return x ^ y;
      case '&&': return bool(x !== 0n && y !== 0n);
      case '||': return bool(x !== 0n || y !== 0n);
      case '==': return bool(x === y);
      case '!=': return bool(x !== y);
      case '<': return bool(x < y);
      case '<=': return bool(x <= y);
      case '>': return bool(x > y);
      default: return bool(x >= y);
    }
  };
}

/** The name of a `%NAME` node. */
const constName = (n: ohm.Node): Get<string> => wordTok(n.children[1]!);

// ---- semantic actions: every action returns a template piece ----------------------------------

const actions: ohm.ActionDict<unknown> = {
  Line(labels, body, comment): LineTemplate {
    const ls = labels.children.map((l) => b<Get<Statement>>(l));
    const st = opt<Get<Statement>>(body);
    const text = opt<Get<string>>(comment);
    const off = comment.numChildren > 0 ? comment.children[0]!.source.startIdx : 0;
    return (c) => {
      const out = ls.map((l) => l(c));
      const s = st?.(c);
      if (s) out.push(s);
      if (text) {
        if (s?.kind === 'step') s.comment = text(c);
        else out.push({ kind: 'comment', text: text(c), line: lineOf(c, off) });
      }
      return out;
    };
  },
  label(name, _colon): Get<Statement> {
    const n = wordTok(name);
    const off = this.source.startIdx;
    return (c) => ({ kind: 'label', name: n(c), line: lineOf(c, off) });
  },
  Body(_start, statement) {
    return b(statement);
  },
  comment(_semi, _text): Get<string> {
    const raw = tok(this, () => this.sourceString.slice(1));
    return (c) => {
      const t = raw(c);
      return t.startsWith(' ') ? t.slice(1) : t;
    };
  },

  VarDef(_var, scope, name, size): Get<Statement> {
    const s = scope.sourceString as 'GLOBAL' | 'CTX';
    const n = wordTok(name);
    const sz = opt<Get<number>>(size);
    const off = this.source.startIdx;
    return (c) => {
      const v: VarDef = { kind: 'var', scope: s, name: n(c), line: lineOf(c, off) };
      if (sz) v.size = sz(c);
      return v;
    };
  },
  VarSize_num(_l, n, _r) {
    return asNum(n);
  },
  VarSize_const(_l, ref, _r) {
    return fail(ref, 'unsupported array size: only a number is supported, not a constant');
  },
  ConstDef(kw, ref, _eq, expr): Get<Statement> {
    const long = kw.sourceString === 'CONSTL';
    const name = constName(ref);
    const value = b<Get<bigint>>(expr);
    const off = this.source.startIdx;
    return (c) => ({ kind: 'constDef', long, name: name(c), value: value(c), line: lineOf(c, off) });
  },
  Include(_kw, str): Get<Statement> {
    const path = tok(str, () => str.sourceString.slice(1, -1));
    const off = this.source.startIdx;
    return (c) => ({ kind: 'include', path: path(c), line: lineOf(c, off) });
  },
  Command(cmd): Get<Statement> {
    const { startIdx, endIdx } = cmd.source;
    // the original text, not the matched one: a newline inside the braces is kept
    const text = tok(cmd, () => (orig.direct
      ? orig.text.slice(orig.base + startIdx + 3, orig.base + endIdx - 1)
      : cmd.sourceString.slice(3, -1)));
    const off = this.source.startIdx;
    return (c) => ({ kind: 'command', text: text(c), line: lineOf(c, off) });
  },

  Step_assign(assign, _colon, ops): Get<Statement> {
    const [inputs, dests] = b<[Get<Term[]>, RegName[]]>(assign);
    const opList = opt<Get<Op[]>>(ops);
    const off = this.source.startIdx;
    return (c) => ({ kind: 'step', inputs: inputs(c), dests: [...dests], ops: opList ? opList(c) : [], line: lineOf(c, off) });
  },
  Step_ops(_colon, ops): Get<Statement> {
    const opList = b<Get<Op[]>>(ops);
    const off = this.source.startIdx;
    return (c): Step => ({ kind: 'step', inputs: [], dests: [], ops: opList(c), line: lineOf(c, off) });
  },

  Assignment(sum, _arrow, dests) {
    const ds = dests.numChildren > 0
      ? dests.children[0]!.asIteration().children.map((d) => d.sourceString as RegName)
      : [];
    return [b<Get<Term[]>>(sum), ds];
  },
  InSum(neg, first, ops, rest): Get<Term[]> {
    const summands = [first, ...rest.children].map((p) => b<Summand>(p));
    const signs = [neg.numChildren > 0 ? -1n : 1n, ...ops.children.map((o) => (o.sourceString === '-' ? -1n : 1n))];
    return (c) => summands.map((s, i) => s(signs[i]!, c));
  },
  InProd(first, _ops, rest) {
    return product(this, [first, ...rest.children].map((f) => b<Factor>(f)));
  },
  InAtom(_start, body) {
    return b(body);
  },
  FreeTag(_open, expr, _close): Factor {
    const e = b<FInfo>(expr).b;
    return atom((coef, c) => ({ kind: 'free', expr: e(c), coef }));
  },
  freeBare(_dollar): Factor {
    return atom((coef) => ({ kind: 'free', expr: null, coef }));
  },
  unsupportedTag(_dollar, _digits, _open, _body, _close) {
    return fail(this, 'unsupported free input $0{…} (the 64-bit zkASM has only $ and ${…})');
  },
  reg(_name): Factor {
    const reg = this.sourceString as RegName;
    return atom((coef) => ({ kind: 'reg', reg, coef }));
  },
  counter(_name): Factor {
    const name = this.sourceString as CounterName;
    return atom((coef) => ({ kind: 'counter', name, coef }));
  },
  unsupportedReg(_name) {
    return fail(this, `unsupported input ${this.sourceString} (not in the 64-bit zkASM)`);
  },
  NumPow_long(x, _pow, y): Factor {
    const a = numTok(x);
    const e = numTok(y);
    return { kind: 'num', long: true, value: (c) => a(c) ** e(c) };
  },
  NumPow_short(x, _pow, y): Factor {
    const a = numTok(x);
    const e = numTok(y);
    return { kind: 'num', long: false, value: (c) => a(c) ** e(c) };
  },
  longNum(_digits, _n): Factor {
    return { kind: 'num', long: true, value: numTok(this) };
  },
  number(_digits): Factor {
    return { kind: 'num', long: false, value: numTok(this) };
  },
  constRef(_pct, _name): Factor {
    const name = constName(this);
    return atom((coef, c) => ({ kind: 'constRef', name: name(c), coef }));
  },
  labelRef(_at, word): Factor {
    const name = wordTok(word);
    return atom((coef, c) => ({ kind: 'labelRef', name: name(c), coef }));
  },

  // ---- operations
  OpList(list): Get<Op[]> {
    const ops = list.asIteration().children.map((o) => b<Get<Op>>(o));
    return (c) => ops.map((o) => o(c));
  },
  Op(_start, body) {
    return b(body);
  },
  OpBody_mload(_kw, _l, addr, _r): Get<Op> {
    const a = b<Get<Address>>(addr);
    return (c) => ({ kind: 'mload', addr: a(c) });
  },
  OpBody_mstore(_kw, _l, addr, _r): Get<Op> {
    const a = b<Get<Address>>(addr);
    return (c) => ({ kind: 'mstore', addr: a(c) });
  },
  OpBody_jump(cond, _l, target, _comma, elseLabel, _r): Get<Op> {
    const jc = cond.sourceString as JumpCond;
    const t = b<Get<JumpTarget>>(target);
    const e = elseLabel.numChildren > 0 ? wordTok(elseLabel.children[0]!) : undefined;
    return (c) => {
      const op: Op = { kind: 'jump', cond: jc, target: t(c) };
      if (e) op.elseLabel = e(c);
      return op;
    };
  },
  OpBody_call(_kw, _l, target, _r): Get<Op> {
    const t = b<Get<JumpTarget>>(target);
    return (c) => ({ kind: 'call', target: t(c) });
  },
  OpBody_repeat(_kw, _l, _rcx, _r): Get<Op> {
    return () => ({ kind: 'repeat' });
  },
  OpBody_simple(op): Get<Op> {
    const name = op.sourceString as SimpleOpName;
    return () => ({ kind: 'simple', name });
  },
  OpBody_unsupported(op, _args) {
    return fail(op, `unsupported operation ${op.sourceString} (not modelled by wasm2zkasm)`);
  },

  Addr(_start, body) {
    return b(body);
  },
  AddrBody_spInc(_sp, _inc): Get<Address> {
    return () => ({ kind: 'sp', offset: 0, inc: 1 });
  },
  AddrBody_spDec(_sp, _dec): Get<Address> {
    return () => ({ kind: 'sp', offset: 0, inc: -1 });
  },
  AddrBody_spOff(_sp, sign, n): Get<Address> {
    const v = signed(sign, n);
    return (c) => ({ kind: 'sp', offset: v(c), inc: 0 });
  },
  AddrBody_sp(_sp): Get<Address> {
    return () => ({ kind: 'sp', offset: 0, inc: 0 });
  },
  AddrBody_region(region, _colon, index, sign, n): Get<Address> {
    const r = region.sourceString as 'MEM' | 'SYS' | 'STACK';
    const idx = index.sourceString as 'E' | 'RR';
    const v = optSigned(sign, n);
    return (c) => ({ kind: 'region', region: r, index: idx, offset: v(c) });
  },
  AddrBody_varIndex(name, _l, index, sign, n, _r): Get<Address> {
    const nm = wordTok(name);
    const idx = index.sourceString as 'E' | 'RR';
    const v = optSigned(sign, n);
    return (c) => ({ kind: 'var', name: nm(c), index: idx, offset: v(c), bracket: true });
  },
  AddrBody_varNum(name, _l, n, _r): Get<Address> {
    const nm = wordTok(name);
    const v = asNum(n);
    return (c) => ({ kind: 'var', name: nm(c), index: null, offset: v(c), bracket: true });
  },
  AddrBody_varReg(name, _plus, index): Get<Address> {
    const nm = wordTok(name);
    const idx = index.sourceString as 'E' | 'RR';
    return (c) => ({ kind: 'var', name: nm(c), index: idx, offset: 0, bracket: false });
  },
  AddrBody_varOff(name, _plus, n): Get<Address> {
    const nm = wordTok(name);
    const v = asNum(n);
    return (c) => ({ kind: 'var', name: nm(c), index: null, offset: v(c), bracket: false });
  },
  AddrBody_var(name): Get<Address> {
    const nm = wordTok(name);
    return (c) => ({ kind: 'var', name: nm(c), index: null, offset: 0, bracket: false });
  },

  JumpTarget(_start, body) {
    return b(body);
  },
  JumpTargetBody_labelPlus(ref, _plus, index): Get<JumpTarget> {
    const name = wordTok(ref.children[1]!);
    const reg = index.sourceString as 'E' | 'RR';
    return (c) => ({ kind: 'labelPlus', name: name(c), reg });
  },
  JumpTargetBody_reg(index): Get<JumpTarget> {
    const reg = index.sourceString as 'E' | 'RR';
    return () => ({ kind: 'reg', reg });
  },
  JumpTargetBody_label(name): Get<JumpTarget> {
    const nm = wordTok(name);
    return (c) => ({ kind: 'label', name: nm(c) });
  },

  // ---- `${…}`
  FExpr(bin, _q, then, _colon, otherwise): FInfo {
    const test = b<FInfo>(bin);
    if (then.numChildren === 0) return test;
    const t = b<FInfo>(then.children[0]!);
    const e = b<FInfo>(otherwise.children[0]!);
    // zkasmcom: `e3 '?' e2 ':' e2` — the branches must be unary expressions or primaries
    if ((test.op && zkLevel(test.op) === 1) || t.op || t.cond || e.op || e.cond) {
      fail(this, 'the parts of "?:" need parentheses unless they are simple (zkasmcom groups them differently)');
    }
    return {
      b: (c) => ({ kind: 'cond', test: test.b(c), then: t.b(c), else: e.b(c) }),
      cond: true,
    };
  },
  FBin(first, ops, rest) {
    for (const o of ops.children) {
      if (o.sourceString === '**') fail(o, 'unsupported operator ** (the executor rejects it; use exp(a, b))');
    }
    return climb([first, ...rest.children].map((x) => b<FInfo>(x)), ops.children);
  },
  FUnary(_start, body) {
    return b(body);
  },
  FUnaryBody_negNum(_minus, n): FInfo {
    const v = numTok(n);
    return { b: (c) => ({ kind: 'num', value: -v(c) }) };
  },
  FUnaryBody_op(op, arg): FInfo {
    const o = op.sourceString as '-' | '~' | '!';
    const a = b<FInfo>(arg).b;
    return { b: (c) => ({ kind: 'unary', op: o, arg: a(c) }) };
  },
  FPrimary_paren(_l, e, _r): FInfo {
    return { b: b<FInfo>(e).b };
  },
  FPrimary_call(name, _l, args, _r): FInfo {
    const nm = wordTok(name);
    const as = args.asIteration().children.map((a) => b<FInfo>(a).b);
    return { b: (c) => ({ kind: 'call', name: nm(c), args: as.map((a) => a(c)) }) };
  },
  FPrimary_reg(r): FInfo {
    const reg = r.sourceString as RegName;
    return { b: () => ({ kind: 'reg', reg }) };
  },
  FPrimary_long(n) {
    return fail(n, 'numbers inside ${…} take no n suffix');
  },
  FPrimary_num(n): FInfo {
    const v = numTok(n);
    return { b: (c) => ({ kind: 'num', value: v(c) }) };
  },
  FPrimary_ident(id): FInfo {
    return b(id);
  },
  fIdent(first, _dot, second): FInfo {
    const a = wordTok(first);
    const s = second.numChildren > 0 ? wordTok(second.children[0]!) : undefined;
    return { b: (c) => ({ kind: 'ident', name: s ? `${a(c)}.${s(c)}` : a(c) }) };
  },

  // ---- constant expressions
  NExpr(bin, _q, then, _colon, otherwise): Get<bigint> {
    const test = b<Get<bigint>>(bin);
    if (then.numChildren === 0) return test;
    const t = b<Get<bigint>>(then.children[0]!);
    const e = b<Get<bigint>>(otherwise.children[0]!);
    return (c) => (test(c) !== 0n ? t(c) : e(c));
  },
  NBin(first, ops, rest): Get<bigint> {
    const operands = [first, ...rest.children].map((x) => b<Get<bigint>>(x));
    const opNodes = ops.children;
    let i = 0;
    let j = 0;
    const parse = (minPrec: number): Get<bigint> => {
      let lhs = operands[i++]!;
      while (j < opNodes.length && N_PREC[opNodes[j]!.sourceString]! >= minPrec) {
        const opNode = opNodes[j++]!;
        const rhs = parse(N_PREC[opNode.sourceString]! + 1);
        lhs = nBinary(opNode, lhs, rhs);
      }
      return lhs;
    };
    return parse(0);
  },
  NUnary(_start, body) {
    return b(body);
  },
  NUnaryBody_op(op, arg): Get<bigint> {
    const a = b<Get<bigint>>(arg);
    return op.sourceString === '-' ? (c) => -a(c) : (c) => (a(c) === 0n ? 1n : 0n);
  },
  NPrimary_paren(_l, e, _r) {
    return b(e);
  },
  NPrimary_default(ref, _qq, dflt): Get<bigint> {
    const name = constName(ref);
    const d = b<Get<bigint>>(dflt);
    return (c) => c.consts.get(name(c)) ?? d(c);
  },
  NPrimary_ref(ref): Get<bigint> {
    const name = constName(ref);
    const off = ref.source.startIdx;
    return (c) => {
      const v = c.consts.get(name(c));
      return v ?? failAt(off, `undefined constant %${name(c)}`);
    };
  },
  NPrimary_long(n): Get<bigint> {
    return numTok(n);
  },
  NPrimary_num(n): Get<bigint> {
    return numTok(n);
  },
};

function signed(sign: ohm.Node, n: ohm.Node): Get<number> {
  const v = asNum(n);
  return sign.sourceString === '-' ? (c) => -v(c) : v;
}
function optSigned(sign: ohm.Node, n: ohm.Node): Get<number> {
  return sign.numChildren > 0 ? signed(sign.children[0]!, n.children[0]!) : () => 0;
}

// ---- step 1: block comments, lines --------------------------------------------------------------

/**
 * Blanks block comments and hides newlines inside `${…}` / `$${…}` (both become spaces), so that
 * every "\n" left ends a statement. Offsets are unchanged. Returns the offsets of hidden newlines.
 */
function prepare(text: string, fileName: string): { clean: string; hidden: number[] } {
  const parts: string[] = [];
  let copied = 0;
  const hidden: number[] = [];
  /** [from, to) becomes spaces (block comment) or only its newlines do (`keepText`) */
  const replace = (from: number, to: number, keepText: boolean): void => {
    const nl = text.indexOf('\n', from);
    const multiline = nl >= 0 && nl < to;
    if (keepText && !multiline) return;
    parts.push(text.slice(copied, from));
    if (!multiline) {
      parts.push(' '.repeat(to - from));
    } else {
      let seg = '';
      for (let k = from; k < to; k++) {
        const ch = text[k]!;
        if (ch === '\n') hidden.push(k);
        seg += ch === '\n' || !keepText ? ' ' : ch;
      }
      parts.push(seg);
    }
    copied = to;
  };
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 59 /* ; */) {
      const e = text.indexOf('\n', i);
      if (e < 0) break;
      i = e;
    } else if (ch === 34 /* " */) {
      const e = text.indexOf('"', i + 1);
      const nl = text.indexOf('\n', i + 1);
      if (e >= 0 && (nl < 0 || e < nl)) i = e;
    } else if (ch === 47 /* / */ && text.charCodeAt(i + 1) === 42 /* * */) {
      const e = text.indexOf('*/', i + 2);
      if (e < 0) throw syntaxError(fileName, text, i, 'unterminated block comment: expected "*/"');
      replace(i, e + 2, false);
      i = e + 1;
    } else if (ch === 36 /* $ */) {
      const open = text.charCodeAt(i + 1) === 123 ? i + 1
        : text.charCodeAt(i + 1) === 36 && text.charCodeAt(i + 2) === 123 ? i + 2 : -1;
      if (open < 0) continue;
      const e = text.indexOf('}', open);
      if (e < 0) continue; // the line's own match reports the missing `}`
      replace(open, e, true);
      i = e;
    }
  }
  if (copied === 0) return { clean: text, hidden };
  parts.push(text.slice(copied));
  return { clean: parts.join(''), hidden };
}

// ---- step 2: the line's shape -------------------------------------------------------------------

const isDigit = (ch: number): boolean => ch >= 48 && ch <= 57;
const isHex = (ch: number): boolean => isDigit(ch) || (ch >= 97 && ch <= 102) || (ch >= 65 && ch <= 70);
const isIdStart = (ch: number): boolean => (ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90) || ch === 95;
const isIdPart = (ch: number): boolean => isIdStart(ch) || isDigit(ch) || ch === 36;

interface Shape {
  shape: string;
  vals: Val[];
  /** position of each replaced token in `shape` */
  at: number[];
}

/**
 * Replaces the tokens whose value the grammar never looks at: numbers → `0` / `0n`, non-reserved
 * words → `q`, comment / command / string texts → empty. Mirrors the grammar's token rules.
 * Returns null when the line is not regular enough (the line is then matched as it is).
 */
function lex(s: string, text: string, base: number): Shape | null {
  let shape = '';
  let run = 0; // start of the verbatim run not yet copied
  const vals: Val[] = [];
  const at: number[] = [];
  const n = s.length;
  const put = (i: number, placeholder: string, value: Val): void => {
    shape += s.slice(run, i);
    at.push(shape.length);
    shape += placeholder;
    vals.push(value);
  };
  let i = 0;
  while (i < n) {
    const ch = s.charCodeAt(i);
    if (ch === 59 /* ; */) {
      let e = s.indexOf('\r', i);
      if (e < 0) e = n;
      put(i, ';', s.slice(i + 1, e));
      run = e;
      break;
    } else if (ch === 36 /* $ */ && s.charCodeAt(i + 1) === 36 && s.charCodeAt(i + 2) === 123) {
      const e = s.indexOf('}', i + 3);
      if (e < 0) return null;
      put(i, '$${}', text.slice(base + i + 3, base + e));
      i = run = e + 1;
    } else if (ch === 34 /* " */) {
      const e = s.indexOf('"', i + 1);
      if (e <= i + 1) return null;
      put(i, '"s"', s.slice(i + 1, e));
      i = run = e + 1;
    } else if (isDigit(ch)) {
      let j = i + 1;
      if (ch === 48 && s.charCodeAt(i + 1) === 120 /* x */ && isHex(s.charCodeAt(i + 2))) {
        j = i + 3;
        while (j < n && (isHex(s.charCodeAt(j)) || s.charCodeAt(j) === 95)) j++;
      } else {
        while (j < n && (isDigit(s.charCodeAt(j)) || s.charCodeAt(j) === 95)) j++;
      }
      const digits = s.slice(i, j);
      const value = BigInt(digits.includes('_') ? digits.replace(/_/g, '') : digits);
      const long = s.charCodeAt(j) === 110; /* n */
      put(i, long ? '0n' : '0', value);
      i = run = long ? j + 1 : j;
    } else if (isIdStart(ch)) {
      let j = i + 1;
      while (j < n && isIdPart(s.charCodeAt(j))) j++;
      const word = s.slice(i, j);
      if (!RESERVED_WORDS.has(word)) {
        put(i, 'q', word);
        run = j;
      }
      i = j;
    } else {
      i++;
    }
  }
  shape += s.slice(run);
  return { shape, vals, at };
}

// ---- step 3: templates, cached by shape --------------------------------------------------------

/** Shapes seen so far (all files); bounded so that a huge input cannot grow it without limit. */
const templates = new Map<string, LineTemplate>();
const MAX_TEMPLATES = 100_000;

function template(src: string, slots: Map<number, number>, direct: boolean, text: string, base: number): LineTemplate {
  const m = zkasmGrammar().match(src, 'Line');
  if (m.failed()) throw new ParseFail(m.getRightmostFailurePosition(), expected(m, src));
  slotAt = slots;
  orig = { text, base, direct };
  try {
    return semantics()(m)['b']() as LineTemplate;
  } finally {
    slotAt = new Map();
  }
}

/** Ohm has it, its typings do not. */
interface WithFailures {
  getRightmostFailures(): { toString(): string }[];
}

function expected(m: ohm.FailedMatchResult, src: string): string {
  const pos = m.getRightmostFailurePosition();
  const seen: string[] = [];
  // Ohm hides "fluffy" failures (inside an optional part that matched nothing); here they are
  // exactly the alternatives the user may have meant, so they are listed too.
  for (const f of (m as unknown as WithFailures).getRightmostFailures().reverse()) {
    const t = f.toString() === 'end of input' ? 'end of line' : f.toString();
    if (!seen.includes(t)) seen.push(t);
  }
  const list = seen.length > 1 ? `${seen.slice(0, -1).join(', ')} or ${seen[seen.length - 1]}` : seen[0] ?? 'something else';
  const rest = src.slice(pos).replace(/\r$/, '');
  const got = /^(?:[A-Za-z_][A-Za-z0-9_$]*|[0-9][0-9A-Za-z_]*|=>|\+\+|--|<<|>>|<=|>=|==|!=|&&|\|\||\*\*|\$\$?\{|[^ \t\r])/.exec(rest);
  return `expected ${list}, got ${got ? quoted(got[0]) : 'end of line'}`;
}

/** A token for a message: quoted, and characters that do not show (controls, odd spaces, U+2028 …) as \\uXXXX. */
const quoted = (t: string): string =>
  JSON.stringify(t).replace(/[\u007f-\u00a0\u00ad\u2000-\u200f\u2028-\u202f\u205f-\u206f\ufeff\ufff9-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** One line, as every error is: `file:line:col: zkasm syntax error: what` (the column points at the token). */
function syntaxError(fileName: string, text: string, offset: number, what: string) {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let line = 1;
  for (let k = text.indexOf('\n'); k >= 0 && k < start; k = text.indexOf('\n', k + 1)) line++;
  return zkasmSyntax(`${fileName}:${line}:${offset - start + 1}`, what);
}

const BLANK = /^[ \t\r]*$/;

/**
 * Deepest expression a line may hold: parentheses, `?:` / `??` and unary operators are matched
 * (and evaluated) by recursion, which overflows the stack past a few hundred levels. And the most
 * operators: a chain `1+1+…` is a tree as deep as it is long.
 */
export const MAX_EXPR_NESTING = 100;
export const MAX_EXPR_OPERATORS = 1000;

/** Where and how a line's expressions pass those limits, or undefined. */
function tooComplex(src: string): { at: number; what: string } | undefined {
  let parens = 0;
  let questions = 0;
  let unary = 0;
  let operators = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === ';' || c === '"') break; // a comment or a string: the rest is text
    if (c === '(') parens++;
    else if (c === ')') parens = Math.max(0, parens - 1);
    else if (c === '?') questions++;
    if (c === '-' || c === '!' || c === '~') unary++;
    else if (c !== ' ' && c !== '\t' && c !== '(') unary = 0;
    if (parens + questions + unary > MAX_EXPR_NESTING) return { at: i, what: `expression nested more than ${MAX_EXPR_NESTING} deep` };
    if ('+-*/%&|^<>'.includes(c) && !(c === '>' && src[i - 1] === '=') && ++operators > MAX_EXPR_OPERATORS) {
      return { at: i, what: `more than ${MAX_EXPR_OPERATORS} operators in one line` };
    }
  }
  return undefined;
}

/** Parses a zkASM file. Every node carries its 1-based source line. */
export function parseZkasm(text: string, fileName: string): ZkasmProgram {
  const { clean, hidden } = prepare(text, fileName);
  const statements: Statement[] = [];
  const consts = new Map<string, bigint>();
  const emit = (sts: Statement[]): void => {
    for (const st of sts) {
      statements.push(st);
      if (st.kind === 'constDef') consts.set(st.name, st.value);
    }
  };
  let line = 1;
  let h = 0;
  for (let start = 0; start <= clean.length;) {
    let end = clean.indexOf('\n', start);
    if (end < 0) end = clean.length;
    let spans = 0;
    while (h < hidden.length && hidden[h]! < end) {
      h++;
      spans++;
    }
    const src = clean.slice(start, end);
    if (!BLANK.test(src)) {
      const complex = tooComplex(src);
      if (complex) throw syntaxError(fileName, text, start + complex.at, complex.what);
      try {
        parseLine(src, { text, fileName, start, line, spans, consts, emit });
      } catch (e) {
        // tooComplex keeps lines well below what overflows; one that still does is refused too
        if (e instanceof RangeError && /call stack/.test(e.message)) throw syntaxError(fileName, text, start, 'line too complex to parse');
        throw e;
      }
    }
    line += 1 + spans;
    start = end + 1;
  }
  return { statements };
}

interface LineCtx {
  text: string;
  fileName: string;
  /** offset of the line in `text` */
  start: number;
  line: number;
  /** newlines hidden inside the line (a `${…}` or block comment spanning lines) */
  spans: number;
  consts: Map<string, bigint>;
  emit: (sts: Statement[]) => void;
}

/** One line (`src`, block comments blanked): by its shape's template, else matched as it is. */
function parseLine(src: string, l: LineCtx): void {
  const { text, start, line, consts } = l;
  const lx = l.spans === 0 ? lex(src, text, start) : null;
  if (lx) {
    try {
      let t = templates.get(lx.shape);
      if (!t) {
        t = template(lx.shape, new Map(lx.at.map((p, k) => [p, k])), false, text, start);
        if (templates.size >= MAX_TEMPLATES) templates.clear();
        templates.set(lx.shape, t);
      }
      l.emit(t({ v: lx.vals, line, consts }));
      return;
    } catch (e) {
      if (!(e instanceof ParseFail)) throw e;
    }
  }
  // the line as it is: exact positions for the error, if there is one
  const lineAt = (offset: number): number => {
    let n = line;
    for (let k = start; k < start + offset; k++) if (text.charCodeAt(k) === 10) n++;
    return n;
  };
  try {
    l.emit(template(src, new Map(), true, text, start)({ v: [], line, consts, lineAt }));
  } catch (e) {
    if (e instanceof ParseFail) throw syntaxError(l.fileName, text, start + e.offset, e.what);
    throw e;
  }
}
