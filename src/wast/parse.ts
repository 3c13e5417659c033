// .wast script text → WastScript (script.ts), with grammars/wast.ohm.
//
// Speed: matching a whole 340 kB script (memory_copy.wast) with Ohm takes over a second, about
// 90 µs per command even when commands are matched one by one. Scripts repeat a few command
// *shapes* (`(assert_return (invoke "load8_u" (i32.const 198)) (i32.const 0))` differs from the
// next line only in a string and numbers), so, like src/zkasm/parse.ts:
//   1. `splitCommands`: a small scanner cuts the file into its top-level `( … )` groups (strings
//      and comments respected). Anything else at the top level → the whole file is matched with
//      the grammar's `Script` rule instead, for a real error message.
//   2. `lexShape`: every string literal becomes `""`, every number-like atom (`-0x1p3`, `42`)
//      becomes `0`, and the body of a text module becomes `0` (`(module $M 0)`: its text is
//      sliced from the source, checked for balance by the lexer); the originals go into `toks`,
//      in order. Newlines are kept (except inside a collapsed module: nothing after a module in a
//      command has a line), so a line offset in the shape is one in the source.
//   3. The shape is matched with the `Command` rule once, and the semantics turn it into a
//      template: a function of (toks, line) that builds fresh command objects and converts the
//      replaced literals (values.ts), reporting a bad one at its own position. Templates are
//      cached by shape (memory_copy.wast: 4450 commands, 7 shapes; the 37 spec files: 10246
//      commands, about 200 shapes, parsed in about 0.3 s).
// Shapes that fail (no match, an error while building the template) are redone the direct way:
// the command's own text is matched, so every error has its real position. The grammar must not
// depend on a number's value or a string's content (they are `0` and `""` in a shape).
// Errors: wastSyntax / wastLiteral W2zErrors at `file:line:col`.

import { readFileSync } from 'node:fs';
import * as ohm from 'ohm-js';
import { isW2zError, wastLiteral, wastSyntax } from '../diagnostics.js';
import type { Action, ModuleSource, WastCommand, WastModule, WastScript, WastValue } from './script.js';
import { decodeName, decodeString, parseFloatBits, parseInteger } from './values.js';

// ---- grammar, loaded once ---------------------------------------------------------------------

let grammarCache: ohm.Grammar | undefined;
let semanticsCache: ohm.Semantics | undefined;

/** The .wast grammar (grammars/wast.ohm); start rules `Script` (a file) and `Command` (one command). */
export function wastGrammar(): ohm.Grammar {
  grammarCache ??= ohm.grammar(readFileSync(new URL('../../grammars/wast.ohm', import.meta.url), 'utf8'));
  return grammarCache;
}

function semantics(): ohm.Semantics {
  semanticsCache ??= wastGrammar()
    .createSemantics()
    .addOperation('t', commandActions)
    .addOperation('v(result)', valueActions);
  return semanticsCache;
}

// ---- positions --------------------------------------------------------------------------------

/** The file being parsed (parsing is synchronous: one file at a time). */
let file = { name: '', lineStarts: [0] };

/** Offsets where lines start (after each "\n"). */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Index of the last element of sorted `xs` that is ≤ x (-1 if none). */
function lastAtMost(xs: number[], x: number): number {
  let lo = -1;
  let hi = xs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (xs[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** `file:line:col` of an offset in the file. */
function whereAt(offset: number): string {
  const i = lastAtMost(file.lineStarts, offset);
  return `${file.name}:${i + 1}:${offset - file.lineStarts[i]! + 1}`;
}
const lineAt = (offset: number): number => lastAtMost(file.lineStarts, offset) + 1;

// ---- templates --------------------------------------------------------------------------------

/** A replaced literal: its source text and absolute offset in the file. */
interface Tok {
  text: string;
  offset: number;
  /** offset in the shape (of its `""` or `0`) */
  at: number;
  /** a whole text module `(module …)` (with `definition` blanked), not a literal */
  module?: true;
}
/** What a template is instantiated with. */
interface Ctx {
  toks: Tok[];
  /** line of the matched text's start */
  line: number;
}
type Get<T> = (c: Ctx) => T;

/**
 * Being built: from the shape or (direct path) the source itself, starting at offset `base` of the
 * file; its newline offsets; where its replaced tokens are (shape offset → index in `Ctx.toks`).
 */
let build = { shaped: false, base: 0, newlines: [] as number[], slotAt: new Map<number, number>() };

/** Thrown while building a template on the shape path: redo the command on the direct path. */
class ShapeFail extends Error {}

/** Line of a node: the matched text's line plus the newlines before the node. */
function lineOf(n: ohm.Node): Get<number> {
  const rel = lastAtMost(build.newlines, n.source.startIdx - 1) + 1;
  return (c) => c.line + rel;
}

/**
 * An error found while building a template: on the shape path, retry directly (where positions
 * are real); on the direct path, throw it at the node's position.
 */
function fail(n: ohm.Node, make: (where: string) => Error): never {
  if (build.shaped) throw new ShapeFail();
  throw make(whereAt(build.base + n.source.startIdx));
}

/**
 * A literal token: converted at instantiation (with the token's own position) when the lexer
 * replaced it; else checked now (an error → `fail`) and converted again at each instantiation,
 * so that no two commands share an object.
 */
function literal<T>(n: ohm.Node, convert: (text: string, where: string) => T): Get<T> {
  const k = build.slotAt.get(n.source.startIdx);
  if (k !== undefined) {
    return (c) => {
      const tok = c.toks[k]!;
      return convert(tok.text, whereAt(tok.offset));
    };
  }
  const text = n.sourceString;
  const at = build.shaped ? 'literal' : whereAt(build.base + n.source.startIdx);
  try {
    convert(text, at);
  } catch (e) {
    if (isW2zError(e)) fail(n, () => e);
    throw e;
  }
  return () => convert(text, at);
}

const opt = (n: ohm.Node): ohm.Node | undefined => (n.numChildren > 0 ? n.children[0] : undefined);
const t = <T>(n: ohm.Node): Get<T> => n['t']() as Get<T>;
const v = (n: ohm.Node, result: boolean): Get<WastValue> => n['v'](result) as Get<WastValue>;
const all = <T>(gets: Get<T>[]): Get<T[]> => (c) => gets.map((g) => g(c));
const nameOf = (n: ohm.Node): Get<string> => literal(n, decodeName);
/** `$name` of an optional id node (never replaced by the lexer: it is kept verbatim). */
const idOf = (n: ohm.Node): string | undefined => opt(n)?.sourceString;

// ---- semantics: commands ----------------------------------------------------------------------

type AssertModuleKind = 'assert_invalid' | 'assert_malformed' | 'assert_unlinkable' | 'assert_uninstantiable';

const commandActions: ohm.ActionDict<unknown> = {
  Script(commands, _end): Get<WastCommand[]> {
    return all(commands.children.map((c) => t<WastCommand>(c)));
  },

  Command(c): Get<WastCommand> {
    const x = t<WastCommand | Action>(c);
    // A bare action is a command of its own.
    if (c.ctorName === 'Action') {
      return (ctx) => {
        const action = x(ctx) as Action;
        return { kind: 'action', action, line: action.line };
      };
    }
    return x as Get<WastCommand>;
  },

  Module(_open, _module, definition, id, body, _close): Get<WastModule> {
    const defNode = opt(definition);
    const line = lineOf(this);
    const name = idOf(id);
    const alt = body.children[0]!; // ModuleBody_binary / _quote / _text
    if (alt.ctorName === 'ModuleBody_binary' || alt.ctorName === 'ModuleBody_quote') {
      const strings = alt.children[1]!.children.map((s) => literal(s, decodeString));
      const binary = alt.ctorName === 'ModuleBody_binary';
      return (c) => {
        const parts = strings.map((s) => s(c));
        const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
        let at = 0;
        for (const p of parts) {
          bytes.set(p, at);
          at += p.length;
        }
        const src: ModuleSource = binary ? { kind: 'binary', bytes } : { kind: 'quote', text: new TextDecoder().decode(bytes) };
        return moduleOf(src, line(c), name, defNode !== undefined);
      };
    }
    if (build.shaped) {
      // The lexer replaced the body by `0`: the module's text is that token.
      const parts = alt.children[0]!;
      const k = parts.numChildren === 1 ? build.slotAt.get(parts.children[0]!.source.startIdx) : undefined;
      if (k === undefined) throw new ShapeFail();
      return (c) => {
        const tok = c.toks[k]!;
        if (!tok.module) throw new Error('wast shape: module slot holds a literal'); // lexer/grammar bug
        return moduleOf({ kind: 'text', text: tok.text }, line(c), name, defNode !== undefined);
      };
    }
    let text = this.sourceString;
    if (defNode) {
      // wabt does not know `definition`: blank it, keeping every other offset.
      const from = defNode.source.startIdx - this.source.startIdx;
      const to = defNode.source.endIdx - this.source.startIdx;
      text = text.slice(0, from) + ' '.repeat(to - from) + text.slice(to);
    }
    return (c) => moduleOf({ kind: 'text', text }, line(c), name, defNode !== undefined);
  },

  Register(_open, _kw, as, id, _close): Get<WastCommand> {
    const name = nameOf(as);
    const line = lineOf(this);
    const module = idOf(id);
    return (c) => {
      const r: WastCommand = { kind: 'register', as: name(c), line: line(c) };
      if (module !== undefined) r.module = module;
      return r;
    };
  },

  Action_invoke(_open, _kw, id, exportName, args, _close): Get<Action> {
    return actionOf('invoke', this, id, exportName, args.children.map((a) => v(a, false)));
  },
  Action_get(_open, _kw, id, exportName, _close): Get<Action> {
    return actionOf('get', this, id, exportName, []);
  },

  AssertReturn(_open, _kw, action, results, _close): Get<WastCommand> {
    const act = t<Action>(action);
    const line = lineOf(this);
    // Per result: its alternatives (one, unless `(either …)`).
    const perResult = results.children.map((r) =>
      isEither(r) ? r.children[0]!.children[2]!.children.map((x) => v(x, true)) : [v(r, true)],
    );
    const either = results.children.some(isEither);
    return (c) => {
      const alts = perResult.map((gets) => gets.map((g) => g(c)));
      const r: WastCommand = { kind: 'assert_return', action: act(c), expected: alts.map((a) => a[0]!), line: line(c) };
      if (either) {
        let vectors: WastValue[][] = [[]];
        for (const a of alts) vectors = vectors.flatMap((vec) => a.map((x) => [...vec, x]));
        r.alternatives = vectors;
      }
      return r;
    };
  },

  AssertTrap(_open, _kw, target, message, _close): Get<WastCommand> {
    const x = t<Action | WastModule>(target);
    const isModule = target.ctorName === 'Module';
    const msg = nameOf(message);
    const line = lineOf(this);
    return (c) => {
      const r: WastCommand = { kind: 'assert_trap', message: msg(c), line: line(c) };
      if (isModule) r.module = x(c) as WastModule;
      else r.action = x(c) as Action;
      return r;
    };
  },

  AssertExhaustion(_open, _kw, action, message, _close): Get<WastCommand> {
    const act = t<Action>(action);
    const msg = nameOf(message);
    const line = lineOf(this);
    return (c) => ({ kind: 'assert_exhaustion', action: act(c), message: msg(c), line: line(c) });
  },

  AssertModule(_open, kw, module, message, _close): Get<WastCommand> {
    const kind = kw.sourceString as AssertModuleKind;
    const mod = t<WastModule>(module);
    const msg = nameOf(message);
    const line = lineOf(this);
    return (c) => ({ kind, module: mod(c), message: msg(c), line: line(c) });
  },
};

const isEither = (r: ohm.Node): boolean => r.children[0]?.ctorName === 'Result_either';

function moduleOf(source: ModuleSource, line: number, name: string | undefined, definition: boolean): WastModule {
  const m: WastModule = { kind: 'module', source, line };
  if (name !== undefined) m.name = name;
  if (definition) m.definition = true;
  return m;
}

function actionOf(
  kind: 'invoke' | 'get', node: ohm.Node, id: ohm.Node, exportName: ohm.Node, args: Get<WastValue>[],
): Get<Action> {
  const name = nameOf(exportName);
  const line = lineOf(node);
  const module = idOf(id);
  return (c) => {
    const a: Action = { kind, name: name(c), args: args.map((g) => g(c)), line: line(c) };
    if (module !== undefined) a.module = module;
    return a;
  };
}

// ---- semantics: values ------------------------------------------------------------------------

const HEAP_TYPES: Record<string, 'funcref' | 'externref'> = {
  func: 'funcref', nofunc: 'funcref', extern: 'externref', noextern: 'externref',
};
const V128_LANES: Record<string, number> = { i8x16: 16, i16x8: 8, i32x4: 4, i64x2: 2, f32x4: 4, f64x2: 2 };

/** `nan:canonical`, `(ref.func)`, `(ref.extern)`, `(ref.null)` are result patterns only. */
function resultOnly(n: ohm.Node, result: boolean, what: string): void {
  if (!result) fail(n, (w) => wastSyntax(w, `${what} is a result pattern, not an argument`));
}

const valueActions: ohm.ActionDict<unknown> = {
  Const_num(_open, op, lit, _close): Get<WastValue> {
    const type = op.sourceString.slice(0, 3) as 'i32' | 'i64' | 'f32' | 'f64';
    const result = this.args['result'] as boolean;
    if (type === 'i32' || type === 'i64') {
      const bits = type === 'i32' ? 32 : 64;
      return literal(lit, (text, w) => ({ type, value: parseInteger(text, bits, w) }));
    }
    const bits = type === 'f32' ? 32 : 64;
    return literal(lit, (text, w): WastValue => {
      if (text === 'nan:canonical' || text === 'nan:arithmetic') {
        if (!result) throw wastSyntax(w, `${text} is a result pattern, not an argument`);
        return { type, nan: text === 'nan:canonical' ? 'canonical' : 'arithmetic' };
      }
      return { type, bits: parseFloatBits(text, bits, w) };
    });
  },

  Const_vec(_open, _kw, shape, lanes, _close): Get<WastValue> {
    const s = shape.sourceString;
    if (!(s in V128_LANES)) fail(shape, (w) => wastLiteral(w, s, 'not a v128 shape'));
    if (lanes.numChildren !== V128_LANES[s]) {
      fail(shape, (w) => wastSyntax(w, `v128.const ${s} needs ${V128_LANES[s]} lanes`, `found ${lanes.numChildren}`));
    }
    const texts = lanes.children.map((l) => literal(l, (text) => text));
    return (c) => ({ type: 'v128', lanes: [s, ...texts.map((g) => g(c))].join(' ') });
  },

  Const_null(_open, _kw, heapType, _close): Get<WastValue> {
    const h = opt(heapType);
    if (!h) {
      resultOnly(this, this.args['result'] as boolean, '(ref.null)');
      return () => ({ type: 'ref', ref: 'null' });
    }
    const type = HEAP_TYPES[h.sourceString];
    if (!type) fail(h, (w) => wastSyntax(w, `unsupported heap type ${h.sourceString}`, 'expected func or extern'));
    return () => ({ type, ref: 'null' });
  },

  Const_extern(_open, _kw, lit, _close): Get<WastValue> {
    const l = opt(lit);
    if (!l) {
      resultOnly(this, this.args['result'] as boolean, '(ref.extern)');
      return () => ({ type: 'externref', ref: 'any' });
    }
    return literal(l, (text, w) => {
      if (!/^[0-9]/.test(text)) throw wastLiteral(w, text, 'expected a host reference number');
      return { type: 'externref', ref: Number(parseInteger(text, 32, w)) };
    });
  },

  Const_func(_open, _kw, _close): Get<WastValue> {
    resultOnly(this, this.args['result'] as boolean, '(ref.func)');
    return () => ({ type: 'funcref', ref: 'any' });
  },
};

// ---- splitting and shapes ---------------------------------------------------------------------

/**
 * Deepest nesting the grammar is given: Ohm matches nested groups (and nested block comments) by
 * recursion, and past ~1,000 levels it runs out of stack. Modules nest at most 128 deep anyway
 * (wat.ts, MAX_TEXT_NESTING), so no script that could run needs more.
 */
export const MAX_WAST_NESTING = 200;

/** Refuses `text` (at `base` in the file) if its parentheses or block comments nest too deep. */
function checkNesting(text: string, base: number): void {
  let depth = 0;
  let comment = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (comment > 0) {
      if (ch === '(' && text[i + 1] === ';') { comment++; depth++; i++; }
      else if (ch === ';' && text[i + 1] === ')') { comment--; depth--; i++; }
      else continue;
    } else if (ch === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return;
      i = end - 1;
      continue;
    } else if (ch === ';' && text[i + 1] === ';') {
      i = lineCommentEnd(text, i);
      continue;
    } else if (ch === '(') {
      if (text[i + 1] === ';') { comment++; i++; }
      depth++;
    } else if (ch === ')') {
      depth = Math.max(0, depth - 1);
      continue;
    } else continue;
    if (depth > MAX_WAST_NESTING) throw wastSyntax(whereAt(base + i), `nested more than ${MAX_WAST_NESTING} deep`);
  }
}

/** End of the block comment starting at `i` (`(;`), nested; -1 if unterminated. */
function blockCommentEnd(text: string, i: number): number {
  let depth = 0;
  while (i < text.length) {
    if (text.startsWith('(;', i)) {
      depth++;
      i += 2;
    } else if (text.startsWith(';)', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return -1;
}

/** End of the string starting at `i` (`"`); -1 if unterminated on its line. */
function stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const ch = text.charCodeAt(j);
    if (ch === 0x22) return j + 1; // "
    if (ch === 0x5c) j++; // \ : skip the escaped character
    else if (ch === 0x0a) return -1;
  }
  return -1;
}

/** End of the line comment starting at `i` (`;;`): the newline's offset, or the end of text. */
function lineCommentEnd(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl < 0 ? text.length : nl;
}

/**
 * The top-level `( … )` groups of a script, as [start, end) offsets; undefined if the text has
 * anything else at the top level (other than space and comments) or does not balance. Throws for
 * an unterminated block comment or string (the grammar's message would be vaguer).
 */
function splitCommands(text: string): [number, number][] | undefined {
  const out: [number, number][] = [];
  let depth = 0;
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '(' && text[i + 1] === ';') {
      const end = blockCommentEnd(text, i);
      if (end < 0) throw wastSyntax(whereAt(i), 'unterminated block comment');
      i = end;
    } else if (ch === ';' && text[i + 1] === ';') {
      i = lineCommentEnd(text, i);
    } else if (ch === '(') {
      if (depth === 0) start = i;
      depth++;
      i++;
    } else if (ch === ')') {
      if (depth === 0) return undefined;
      depth--;
      i++;
      if (depth === 0) out.push([start, i]);
    } else if (ch === '"') {
      if (depth === 0) return undefined;
      const end = stringEnd(text, i);
      if (end < 0) throw wastSyntax(whereAt(i), 'unterminated string');
      i = end;
    } else {
      if (depth === 0 && !/\s/.test(ch)) return undefined;
      i++;
    }
  }
  return depth === 0 ? out : undefined;
}

const IDCHAR = /[0-9A-Za-z!#$%&'*+\-./:<=>?@\\^_`|~]/;
const NUMBER_START = /^[+-]?[0-9]/;

/**
 * A command's shape: strings → `""`, number-like atoms → `0` (the originals into `toks`, with
 * absolute offsets = `base` + their offset in `text`). Undefined if a string does not end.
 */
function lexShape(text: string, base: number): { shape: string; toks: Tok[] } | undefined {
  const toks: Tok[] = [];
  let shape = '';
  let copied = 0; // text[copied..i) is still to be copied into the shape
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return undefined;
      shape += text.slice(copied, i);
      toks.push({ text: text.slice(i, end), offset: base + i, at: shape.length });
      shape += '""';
      i = copied = end;
    } else if (ch === '(' && text[i + 1] === ';') {
      const end = blockCommentEnd(text, i);
      i = end < 0 ? text.length : end;
    } else if (ch === ';' && text[i + 1] === ';') {
      i = lineCommentEnd(text, i);
    } else if (ch === '(') {
      const m = textModuleAt(text, i);
      if (m === null) return undefined;
      if (m) {
        const header = `(module${m.definition ? ' definition' : ''}${m.id ? ` ${m.id}` : ''} `;
        const src = text.slice(i, m.end);
        shape += text.slice(copied, i) + header;
        let moduleText = src;
        if (m.definition) {
          const [from, to] = [m.definition[0] - i, m.definition[1] - i];
          moduleText = src.slice(0, from) + ' '.repeat(to - from) + src.slice(to);
        }
        toks.push({ text: moduleText, offset: base + i, at: shape.length, module: true });
        // (The module's newlines are dropped: nothing after a module in a command has a line.)
        shape += '0)';
        i = copied = m.end;
      } else i++;
    } else if (IDCHAR.test(ch)) {
      let end = i + 1;
      while (end < text.length && IDCHAR.test(text[end]!)) end++;
      const atom = text.slice(i, end);
      if (NUMBER_START.test(atom)) {
        shape += text.slice(copied, i);
        toks.push({ text: atom, offset: base + i, at: shape.length });
        shape += '0';
        copied = end;
      }
      i = end;
    } else i++;
  }
  return { shape: shape + text.slice(copied), toks };
}

/** Offset after the space and comments at `i`. */
function skipTrivia(text: string, i: number): number {
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text.startsWith(';;', i)) i = lineCommentEnd(text, i);
    else if (text.startsWith('(;', i)) {
      const end = blockCommentEnd(text, i);
      if (end < 0) return text.length;
      i = end;
    } else return i;
  }
}

/** End of the balanced group opening at `i`, strings and comments respected; -1 if none. */
function groupEnd(text: string, i: number): number {
  let depth = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '(' && text[i + 1] === ';') {
      i = blockCommentEnd(text, i);
      if (i < 0) return -1;
    } else if (ch === ';' && text[i + 1] === ';') i = lineCommentEnd(text, i);
    else if (ch === '"') {
      i = stringEnd(text, i);
      if (i < 0) return -1;
    } else {
      if (ch === '(') depth++;
      else if (ch === ')' && --depth === 0) return i + 1;
      i++;
    }
  }
  return -1;
}

const wordAt = (text: string, i: number): string => {
  let end = i;
  while (end < text.length && IDCHAR.test(text[end]!)) end++;
  return text.slice(i, end);
};

/**
 * At a `(`: the text module `(module definition? $id? …)` that starts there (its end, the
 * offsets of `definition`, its id), false if no text module starts there (another list, or a
 * binary / quote module), null if it does not end.
 */
function textModuleAt(text: string, i: number): { end: number; definition?: [number, number]; id?: string } | false | null {
  let j = skipTrivia(text, i + 1);
  if (wordAt(text, j) !== 'module') return false;
  const r: { end: number; definition?: [number, number]; id?: string } = { end: 0 };
  j = skipTrivia(text, j + 6);
  if (wordAt(text, j) === 'definition') {
    r.definition = [j, j + 10];
    j = skipTrivia(text, j + 10);
  }
  if (text[j] === '$') {
    r.id = wordAt(text, j);
    j = skipTrivia(text, j + r.id.length);
  }
  const next = wordAt(text, j);
  if (next === 'binary' || next === 'quote') return false;
  r.end = groupEnd(text, i);
  return r.end < 0 ? null : r;
}

/** Shape → template (null: the shape path failed for this shape; use the direct path). */
const templateCache = new Map<string, Get<WastCommand> | null>();

/** Match `text` (at offset `base` of the file) with `rule` and build its template, or the failed match. */
function buildTemplate<T>(
  text: string, rule: string, shaped: boolean, base: number, slotAt: Map<number, number>,
): Get<T> | ohm.FailedMatchResult {
  try {
    const match = wastGrammar().match(text, rule);
    if (match.failed()) return match;
    const newlines: number[] = [];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) newlines.push(i);
    build = { shaped, base, newlines, slotAt };
    return semantics()(match)['t']() as Get<T>;
  } catch (e) {
    // checkNesting keeps nesting well below what overflows Ohm's recursion; anything else that does is refused too
    if (e instanceof RangeError && /call stack/.test(e.message)) throw wastSyntax(whereAt(base), 'too deeply nested to parse');
    throw e;
  }
}

function syntaxError(text: string, base: number, match: ohm.FailedMatchResult): Error {
  const pos = match.getRightmostFailurePosition();
  return wastSyntax(whereAt(base + pos), `expected ${match.getExpectedText()}`, describeAt(text, pos));
}

/** One top-level command, `text` = the file's [start, end). */
function parseCommand(text: string, start: number, end: number): WastCommand {
  const slice = text.slice(start, end);
  const line = lineAt(start);
  checkNesting(slice, start);
  {
    const lexed = lexShape(slice, start);
    if (lexed) {
      let template = templateCache.get(lexed.shape);
      if (template === undefined) {
        const slotAt = new Map(lexed.toks.map((tok, k) => [tok.at, k]));
        try {
          const r = buildTemplate<WastCommand>(lexed.shape, 'Command', true, start, slotAt);
          template = typeof r === 'function' ? r : null;
        } catch (e) {
          if (!(e instanceof ShapeFail)) throw e;
          template = null;
        }
        templateCache.set(lexed.shape, template);
      }
      if (template) return template({ toks: lexed.toks, line });
    }
  }
  const r = buildTemplate<WastCommand>(slice, 'Command', false, start, new Map());
  if (typeof r !== 'function') throw syntaxError(slice, start, r);
  return r({ toks: [], line });
}

// ---- entry point ------------------------------------------------------------------------------

/** Parse a .wast script. Throws a wastSyntax / wastLiteral W2zError naming `file:line:col`. */
export function parseWast(text: string, fileName: string): WastScript {
  file = { name: fileName, lineStarts: lineStartsOf(text) };
  const groups = splitCommands(text);
  if (groups) return { fileName, commands: groups.map(([a, b]) => parseCommand(text, a, b)) };
  // Something the splitter does not accept: let the grammar find (and name) the error.
  return parseWastDirect(text, fileName);
}

/**
 * The same as parseWast, without the splitting and shapes: the whole file is matched with the
 * grammar's `Script` rule (slow: about 4 µs per byte). For tests, and as parseWast's fallback.
 */
export function parseWastDirect(text: string, fileName: string): WastScript {
  file = { name: fileName, lineStarts: lineStartsOf(text) };
  checkNesting(text, 0);
  const r = buildTemplate<WastCommand[]>(text, 'Script', false, 0, new Map());
  if (typeof r !== 'function') throw syntaxError(text, 0, r);
  return { fileName, commands: r({ toks: [], line: 1 }) };
}

/** `found "xyz"` / `found end of file`, for a syntax error's context. */
function describeAt(text: string, pos: number): string {
  if (pos >= text.length) return 'found end of file';
  // [\s\S], not `.`: the character may be a line terminator (U+2028, U+2029, \r)
  const token = /^(?:[^\s()";]+|[\s\S])/u.exec(text.slice(pos, pos + 40))![0];
  return `found ${quoted(token)}`;
}

/** A token for a message: quoted, and characters that do not show (controls, odd spaces, U+2028 …) as \\uXXXX. */
const quoted = (t: string): string =>
  JSON.stringify(t).replace(/[\u007f-\u00a0\u00ad\u2000-\u200f\u2028-\u202f\u205f-\u206f\ufeff\ufff9-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
