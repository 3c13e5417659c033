// wabt (the npm package, WebAssembly-compiled) for the two jobs we do not do ourselves:
// text format → binary, and validation (type checking) of a binary.
//
// wabt's API: `await wabt()` gives { parseWat(file, text, features), readWasm(bytes, options) };
// both return a module object that must be `destroy()`ed (it lives in wabt's own heap). Features
// are plain booleans in the options object (the same names as wabt's --enable-* flags, with `_`).
// Errors are thrown as `Error("parseWat failed:\n<file>:<line>:<col>: error: <text>\n<source line>\n<caret>\n")`,
// `"validate failed:\n<binary>:<hex offset>: error: <text>\n"` or `"readWasm failed:\n<hex offset>: error: <text>\n"`.

import wabtInit from 'wabt';
import { invalidWasm, isW2zError, malformedWasm, nestingTooDeep, watSyntax } from '../diagnostics.js';
import { decodeModule, sectionSpans } from './decode.js';
import { MAX_NESTING } from './expr.js';
import type { Module } from './module.js';
import { funcName, importedFuncCount } from './names.js';

type Wabt = Awaited<ReturnType<typeof wabtInit>>;

/** The post-MVP features we accept; everything else stays off. */
export const WASM_FEATURES = {
  sign_extension: true,
  mutable_globals: true,
  multi_value: true,
  bulk_memory: true,
  reference_types: true,
  sat_float_to_int: true,
  simd: true,
  exceptions: false,
  threads: false,
  tail_call: false,
  function_references: false,
  gc: false,
  memory64: false,
  extended_const: false,
  relaxed_simd: false,
  annotations: false,
  code_metadata: false,
} as const;

let wabtInstance: Promise<Wabt> | undefined;

/** The wabt instance, created once per process (its initialization compiles a ~700 kB wasm). */
export function getWabt(): Promise<Wabt> {
  wabtInstance ??= wabtInit();
  return wabtInstance;
}

/**
 * The text as wabt must be given it: UTF-8 bytes. (Given a string, wabt's JS glue writes each
 * UTF-16 unit's low byte: `(data "é")` became the byte 0xe9, and U+2028 — low byte "(" — could send
 * its lexer into a loop that never returns.)
 */
export function watBytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/**
 * A binary as wabt must be given it: a Uint8Array that is its whole buffer. (Given a view, wabt
 * copies the view's bytes and then reads as many as the underlying buffer holds: a module read by
 * readFileSync, a slice of Node's shared pool, was followed by whatever else was in the pool.)
 */
function wholeBuffer(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

/** The name wabt sees for text input; error lines start with it, and we strip it. */
const WAT_NAME = 'input.wat';

/**
 * Deepest nesting of the text format wabt is given: its parser recurses, and past ~150 levels it
 * fails with "memory access out of bounds" (folded) or never returns (plain `block`s, ~177).
 */
export const MAX_TEXT_NESTING = 128;

/**
 * Text format → binary, with the name section written (function and local names preserved).
 * The text module is validated here, so that a type error names its line, not a byte offset.
 */
export async function watToWasm(text: string, fileName: string): Promise<Uint8Array> {
  const deep = textNesting(text, MAX_TEXT_NESTING);
  if (deep !== undefined) {
    throw nestingTooDeep(fileName, deep, `nested more than ${MAX_TEXT_NESTING} deep (parentheses and block/loop/if): wabt, which reads the text format, cannot parse that (a .wasm may nest up to ${MAX_NESTING})`);
  }
  const wabt = await getWabt();
  let mod: ReturnType<Wabt['parseWat']> | undefined;
  let stage: 'parse' | 'validate' = 'parse';
  try {
    mod = wabt.parseWat(WAT_NAME, watBytes(text), WASM_FEATURES);
    mod.resolveNames();
    stage = 'validate';
    mod.validate();
    return mod.toBinary({ write_debug_names: true }).buffer;
  } catch (e) {
    if (isW2zError(e)) throw e;
    const errors = charColumns(wabtErrors(e), text).join('; ');
    throw stage === 'parse' ? watSyntax(fileName, errors) : invalidWasm(fileName, errors.replace(/^(\d+:\d+): /, ''), lineOf(errors));
  } finally {
    mod?.destroy();
  }
}

/**
 * wabt counts columns in bytes of UTF-8; here they count characters, as an editor does. A
 * character wabt refuses byte by byte (`unexpected char` three times for U+2028) is one error.
 */
function charColumns(errors: string[], text: string): string[] {
  if (!/[^\x00-\x7f]/.test(text)) return errors;
  const lines = text.split('\n');
  const out: string[] = [];
  for (const e of errors) {
    const fixed = e.replace(/^(\d+):(\d+)(?=: )/, (all, l: string, c: string) => {
      const line = lines[Number(l) - 1];
      if (line === undefined) return all;
      let bytes = 0;
      let col = 1;
      for (const ch of line) {
        const cp = ch.codePointAt(0)!;
        bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        if (bytes >= Number(c)) break;
        col++;
      }
      return `${l}:${col}`;
    });
    if (out[out.length - 1] !== fixed) out.push(fixed);
  }
  return out;
}

/** `12:5` of wabt's first `12:5: text` error, as `line 12:5`. */
function lineOf(errors: string): string | undefined {
  const m = /^(\d+:\d+): /.exec(errors);
  return m ? `line ${m[1]}` : undefined;
}

/**
 * `line:col` where the text first nests deeper than `limit` — parentheses, plus the plain
 * `block`/`loop`/`if` … `end` instructions — or undefined. Strings and comments are skipped.
 */
export function textNesting(text: string, limit: number): string | undefined {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  let afterParen = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) { line++; lineStart = i + 1; continue; }
    if (c === 0x22) { // "…": strings may hold parentheses
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
      afterParen = false;
      continue;
    }
    if (c === 0x3b && text.charCodeAt(i + 1) === 0x3b) { // ;; to the end of the line
      while (i + 1 < text.length && text.charCodeAt(i + 1) !== 0x0a) i++;
      continue;
    }
    if (c === 0x28 && text.charCodeAt(i + 1) === 0x3b) { // (; … ;), nested
      let open = 1;
      for (i += 2; i < text.length && open > 0; i++) {
        if (text.charCodeAt(i) === 0x0a) { line++; lineStart = i + 1; }
        if (text.startsWith('(;', i)) { open++; i++; } else if (text.startsWith(';)', i)) { open--; i++; }
      }
      i--;
      continue;
    }
    if (c === 0x28 || c === 0x29) {
      depth += c === 0x28 ? 1 : -1;
      afterParen = c === 0x28;
    } else if (c > 0x20) {
      // from i + 1: a character above 0x20 that \s matches (U+2028, U+FEFF …) must not stop the scan
      let j = i + 1;
      while (j < text.length && !/[\s()";]/.test(text[j]!)) j++;
      const word = text.slice(i, j);
      if (!afterParen && (word === 'block' || word === 'loop' || word === 'if')) depth++;
      else if (word === 'end') depth--;
      afterParen = false;
      i = j - 1;
    }
    if (depth > limit) return `${line}:${i - lineStart + 1}`;
  }
  return undefined;
}

/**
 * Type-check a binary with wabt. Validation errors → `invalidWasm`, located by function
 * (`func $name (#i) @0x..`) or section when possible; binaries wabt cannot read → `malformedWasm`
 * at wabt's offset. `module` (our decoding of `bytes`), if given, is used for function names.
 */
export async function validateWasm(bytes: Uint8Array, fileName: string, module?: Module): Promise<void> {
  const wabt = await getWabt();
  let mod: ReturnType<Wabt['readWasm']> | undefined;
  let stage: 'read' | 'validate' = 'read';
  try {
    mod = wabt.readWasm(wholeBuffer(bytes), { readDebugNames: false, ...WASM_FEATURES });
    stage = 'validate';
    mod.validate();
  } catch (e) {
    if (isW2zError(e)) throw e;
    if (e instanceof RangeError) throw nestingTooDeep(fileName, 0, 'wabt ran out of stack validating the module (nested too deep?)');
    const errors = wabtErrors(e);
    const first = parseOffset(errors[0] ?? 'unknown error');
    const more = errors.length > 1 ? `; and ${errors.length - 1} more` : '';
    if (stage === 'read') throw malformedWasm(fileName, first.offset ?? 0, first.text + more);
    const where = first.offset === undefined ? undefined : locate(bytes, fileName, first.offset, module);
    throw invalidWasm(fileName, first.text + more, where);
  } finally {
    mod?.destroy();
  }
}

/**
 * The error lines of a wabt exception, one per error: `3:5: unexpected token foo, expected )`,
 * `0000021: type mismatch …` — without the "… failed:" header, file name, "error:" tag, the quoted
 * source line and caret, or a final period.
 */
export function wabtErrors(e: unknown): string[] {
  const message = e instanceof Error ? e.message : String(e);
  const out: string[] = [];
  for (const line of message.split('\n')) {
    const m = /^(?:(?:input\.wat|<binary>):)?([0-9a-f]+(?::\d+)?): (?:error|warning): (.*)$/.exec(line);
    if (m) out.push(`${m[1]}: ${m[2].trim().replace(/\.$/, '')}`);
  }
  if (out.length === 0) {
    const text = message.replace(/^\w+ failed:\s*/, '').split('\n')[0].trim();
    out.push(text || 'unknown error');
  }
  return out;
}

/** `0000021: text` → offset 0x21 and the text; anything else → the text as is. */
function parseOffset(line: string): { offset?: number; text: string } {
  const m = /^([0-9a-f]{7,}): (.*)$/.exec(line);
  return m ? { offset: parseInt(m[1], 16), text: m[2] } : { text: line };
}

/** `func $name (#i) @0x..` for an offset inside a function body, else `<section> section @0x..`. */
function locate(bytes: Uint8Array, fileName: string, offset: number, module?: Module): string {
  const at = `@0x${offset.toString(16)}`;
  // wabt places module-level errors (duplicate export, bad start function …) just after the entry
  // it read, which can be the end of its section: hence `<= end`, and never a section's id byte.
  const span = sectionSpans(bytes).find((s) => s.start < offset && offset <= s.end);
  if (!span) return at;
  if (span.id === 10) {
    let m = module;
    if (!m) {
      try {
        m = decodeModule(bytes, fileName);
      } catch {
        m = undefined; // cannot name the function: fall back to the section
      }
    }
    if (m) {
      let i = m.codes.length - 1;
      while (i >= 0 && m.codes[i].offset > offset) i--;
      if (i >= 0) {
        const index = importedFuncCount(m) + i;
        return `func ${funcName(m, index)} (#${index}) ${at}`;
      }
    }
  }
  return `${span.name} section ${at}`;
}
