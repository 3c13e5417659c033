// Counting the WebAssembly instructions a run executes, by running an instrumented copy of the
// module in V8: the denominator of "cells per WASM instruction" (npm run bench), measured
// independently of our compiler.
//
// Every straight-line region of a body (it ends at a branch, a block boundary or a `return`)
// gets `global.get $n; i64.const k; i64.add; global.set $n` at its start, k being the number of
// instructions in the region. `end` and `else` are not counted: in the spec they close the
// structured instruction that `block`/`loop`/`if` opened, which is counted once. A run that traps
// inside a region has counted the whole region.

import { decodeModule, sectionSpans } from './decode.js';
import { Reader } from './reader.js';
import type { Instr } from './module.js';

/** The name under which the instrumented module exports its counter (a mutable i64 global). */
export const COUNTER_EXPORT = '__w2z_instructions';

const GLOBAL_SECTION = 6;
const EXPORT_SECTION = 7;
const CODE_SECTION = 10;
/** Position of each section id in the binary's order (custom sections excepted). */
const SECTION_ORDER = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10];

/** Instructions after which a new region starts (control may arrive or leave there). */
const ENDS_REGION = new Set([
  'block', 'loop', 'if', 'else', 'end', 'br', 'br_if', 'br_table', 'return', 'unreachable',
  'return_call', 'return_call_indirect',
]);
const NOT_COUNTED = new Set(['end', 'else']);
const UNSUPPORTED = new Set(['try', 'catch', 'catch_all', 'delegate', 'throw', 'rethrow', 'try_table', 'throw_ref']);

const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
};

/** Signed LEB of a non-negative count (a region never holds 2^53 instructions). */
const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n === 0 && (b & 0x40) === 0) { out.push(b); return out; }
    out.push(b | 0x80);
  }
};

const section = (id: number, payload: number[] | Uint8Array): number[] => [id, ...uleb(payload.length), ...payload];

/** The module with an instruction counter exported as COUNTER_EXPORT. */
export function instrumentInstructionCount(bytes: Uint8Array, fileName: string): Uint8Array<ArrayBuffer> {
  const m = decodeModule(bytes, fileName);
  const counter = m.imports.filter((i) => i.desc.kind === 'global').length + m.globals.length;
  const bump = (k: number): number[] => [0x23, ...uleb(counter), 0x42, ...sleb(k), 0x7c, 0x24, ...uleb(counter)];

  /** A vector section with `extra` appended to its entries (or a new one with only that entry). */
  const extended = (payload: Uint8Array | undefined, extra: number[]): number[] => {
    if (!payload) return [...uleb(1), ...extra];
    const r = new Reader(payload, fileName);
    const count = r.u32();
    return [...uleb(count + 1), ...payload.subarray(r.pos), ...extra];
  };
  const newGlobal = [0x7e, 0x01, 0x42, 0x00, 0x0b]; // mut i64, (i64.const 0)
  const name = [...new TextEncoder().encode(COUNTER_EXPORT)];
  const newExport = [...uleb(name.length), ...name, 0x03, ...uleb(counter)];

  const codePayload = (): number[] => {
    const out: number[] = [...uleb(m.codes.length)];
    for (const code of m.codes) {
      const r = new Reader(bytes, fileName);
      r.pos = code.offset;
      const size = r.u32();
      const bodyEnd = r.pos + size;
      const body: number[] = [...bytes.subarray(r.pos, code.body[0]!.offset)]; // the locals
      appendCounted(body, code.body, bodyEnd);
      out.push(...uleb(body.length), ...body);
    }
    return out;
  };
  const appendCounted = (out: number[], instrs: Instr[], bodyEnd: number): void => {
    let start = 0;
    for (let i = 0; i < instrs.length; i++) {
      if (UNSUPPORTED.has(instrs[i]!.op)) throw new Error(`${fileName}: cannot count instructions of '${instrs[i]!.op}'`);
      if (i + 1 < instrs.length && !ENDS_REGION.has(instrs[i]!.op)) continue;
      const region = instrs.slice(start, i + 1);
      const k = region.filter((x) => !NOT_COUNTED.has(x.op)).length;
      if (k > 0) out.push(...bump(k));
      out.push(...bytes.subarray(region[0]!.offset, i + 1 < instrs.length ? instrs[i + 1]!.offset : bodyEnd));
      start = i + 1;
    }
  };

  const spans = sectionSpans(bytes);
  const payloadOf = (id: number): Uint8Array | undefined => {
    const s = spans.find((x) => x.id === id);
    if (!s) return undefined;
    const r = new Reader(bytes, fileName);
    r.pos = s.start + 1;
    r.u32();
    return bytes.subarray(r.pos, s.end);
  };
  const replacements = new Map<number, number[]>([
    [GLOBAL_SECTION, section(GLOBAL_SECTION, extended(payloadOf(GLOBAL_SECTION), newGlobal))],
    [EXPORT_SECTION, section(EXPORT_SECTION, extended(payloadOf(EXPORT_SECTION), newExport))],
    [CODE_SECTION, section(CODE_SECTION, codePayload())],
  ]);
  const out: number[] = [...bytes.subarray(0, 8)];
  const emitted = new Set<number>();
  const emitMissingBefore = (order: number): void => {
    for (const [id, s] of replacements) {
      if (!emitted.has(id) && SECTION_ORDER[id]! < order) { out.push(...s); emitted.add(id); }
    }
  };
  for (const s of spans) {
    if (s.id !== 0) emitMissingBefore(SECTION_ORDER[s.id]!);
    const own = replacements.get(s.id);
    if (own) { out.push(...own); emitted.add(s.id); } else out.push(...bytes.subarray(s.start, s.end));
  }
  // a module without functions has no code section: nothing to count
  for (const [id, s] of replacements) if (!emitted.has(id) && id !== CODE_SECTION) out.push(...s);
  return Uint8Array.from(out);
}

/**
 * Instantiates the instrumented module in V8 with `imports` (which runs its start function),
 * calls its entry as our compiler picks it — `entry`, by default the export `main`, else
 * `_start`, else none when there is a start function; not again when it is the start function —
 * and returns how many instructions ran.
 * A trap is rethrown: the caller decides what a trapping run counts.
 */
export function countInstructions(bytes: Uint8Array, fileName: string, entry: string | undefined, imports: WebAssembly.Imports): number {
  const module = new WebAssembly.Module(instrumentInstructionCount(bytes, fileName));
  const instance = new WebAssembly.Instance(module, imports);
  const decoded = decodeModule(bytes, fileName);
  const name = entry ?? ['main', '_start'].find((n) => typeof instance.exports[n] === 'function');
  // an entry that is the start function itself has run already (once, as our compiler runs it)
  const isStart = name !== undefined && decoded.exports.some((e) => e.kind === 'func' && e.name === name && e.index === decoded.start);
  const f = name === undefined ? undefined : instance.exports[name];
  if (typeof f === 'function') { if (!isStart) (f as () => unknown)(); } else if (entry !== undefined || decoded.start === undefined) {
    throw new Error(`${fileName}: no exported function '${entry ?? 'main'}'`);
  }
  return Number((instance.exports[COUNTER_EXPORT] as WebAssembly.Global).value);
}
