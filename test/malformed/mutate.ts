// Mutators for the malformed-input fuzzer: each takes a valid input and an Rng and returns a
// broken (or, by chance, still valid) variant. Deterministic: the same Rng state gives the same
// mutant. Binary mutators know the section layout, so besides blind byte damage they can damage
// one structure and re-encode the sizes around it — the only way past the decoder into the
// validator, the compiler and the executor.

import type { Rng } from '../fuzz/rng.js';
import { u32 as uleb } from '../wasm/builder.js';

// ---- bytes ---------------------------------------------------------------------------------------

/** `n` as an unsigned LEB128 padded to `len` bytes (still a valid encoding up to 5 bytes for u32). */
const ulebPadded = (n: number, len: number): number[] => {
  const out: number[] = [];
  let v = n;
  for (let i = 0; i < len; i++) {
    out.push((v & 0x7f) | (i < len - 1 ? 0x80 : 0));
    v = Math.floor(v / 128);
  }
  return out;
};

/** Reads an unsigned LEB128 (up to 10 bytes) at `at`: [value, next offset], or undefined past the end. */
export function readUleb(b: Uint8Array, at: number, end = b.length): [number, number] | undefined {
  let v = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (at >= end) return undefined;
    const x = b[at++]!;
    v += (x & 0x7f) * scale;
    scale *= 128;
    if (!(x & 0x80)) return [v, at];
  }
  return undefined;
}

const cat = (...parts: (Uint8Array | number[])[]): Uint8Array => {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let k = 0;
  for (const p of parts) {
    out.set(p, k);
    k += p.length;
  }
  return out;
};

/** Byte values that sit on an encoding's edges: LEB128 continuation, sign, type and opcode bytes. */
const INTERESTING_BYTES = [0x00, 0x01, 0x02, 0x0b, 0x3f, 0x40, 0x41, 0x60, 0x6f, 0x70, 0x7b, 0x7c, 0x7d, 0x7e, 0x7f, 0x80, 0x81, 0xc0, 0xfc, 0xfd, 0xfe, 0xff];

/** Integers at the edges of LEB128 and of what the tools allocate. */
const INTERESTING_U32 = [0, 1, 0x3f, 0x40, 0x7f, 0x80, 0x3fff, 0x4000, 0xffff, 0x10000, 50_000, 50_001, 1 << 20, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];

/** Whole LEB128 sequences: maximal lengths, over-long ones, the largest values, an unterminated one. */
const INTERESTING_LEBS: number[][] = [
  [0xff, 0xff, 0xff, 0xff, 0x0f], // 2^32 - 1
  [0xff, 0xff, 0xff, 0xff, 0x07], // 2^31 - 1
  [0x80, 0x80, 0x80, 0x80, 0x08], // 2^31
  [0x80, 0x80, 0x80, 0x80, 0x00], // 0, in five bytes
  [0x80, 0x80, 0x80, 0x80, 0x80, 0x00], // 0, in six bytes (too long for u32)
  [0xff, 0xff, 0xff, 0xff, 0x1f], // 2^33 - 1 (too large for u32)
  [0xff, 0xff, 0xff, 0xff, 0x7f], // -1 as s33 / too large for u32
  [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], // 2^64 - 1 as u64
  [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f], // -1 as s64
  [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f], // s64 with bad high bits
  [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00], // eleven bytes
  [0x80, 0x80, 0x80], // unterminated (at the end of whatever contains it)
];

export interface Section {
  id: number;
  /** offset of the id byte */
  start: number;
  /** offset of the payload */
  payload: number;
  /** one past the payload (clamped to the file) */
  end: number;
}

/** The sections of a binary, as far as their headers read; tolerant of anything after them. */
export function sections(b: Uint8Array): Section[] {
  const out: Section[] = [];
  let p = 8;
  while (p < b.length) {
    const start = p;
    const id = b[p++]!;
    const size = readUleb(b, p);
    if (!size) break;
    const payload = size[1];
    const end = Math.min(payload + size[0], b.length);
    out.push({ id, start, payload, end });
    p = end;
  }
  return out;
}

const isWasm = (b: Uint8Array) => b.length >= 8 && b[0] === 0 && b[1] === 0x61 && b[2] === 0x73 && b[3] === 0x6d;

const encodeSection = (id: number, payload: Uint8Array | number[]): Uint8Array => cat([id], uleb(payload.length), payload);

/** A random payload mutation (no size fix-up: the caller re-encodes around it). */
function damage(rng: Rng, p: Uint8Array): Uint8Array {
  if (p.length === 0) return cat(rng.pick(INTERESTING_LEBS));
  const at = rng.int(p.length);
  switch (rng.int(9)) {
    case 0: { // bit flips
      const out = p.slice();
      for (let k = rng.range(1, 3); k > 0; k--) out[rng.int(out.length)] ^= 1 << rng.int(8);
      return out;
    }
    case 1: case 2: { // one interesting byte
      const out = p.slice();
      out[at] = rng.pick(INTERESTING_BYTES);
      return out;
    }
    case 3: // an interesting LEB128 over the bytes at `at`
      return cat(p.subarray(0, at), rng.pick(INTERESTING_LEBS), p.subarray(Math.min(p.length, at + rng.range(1, 5))));
    case 4: // an integer at its edge, as a well-formed LEB128, over the LEB128 at `at`
      return cat(p.subarray(0, at), uleb(rng.pick(INTERESTING_U32)), p.subarray(skipLeb(p, at)));
    case 5: // delete a range
      return cat(p.subarray(0, at), p.subarray(Math.min(p.length, at + rng.range(1, 16))));
    case 6: { // duplicate a range
      const len = rng.range(1, Math.min(64, p.length - at));
      return cat(p.subarray(0, at + len), p.subarray(at, at + len), p.subarray(at + len));
    }
    case 7: // insert random bytes
      return cat(p.subarray(0, at), Array.from({ length: rng.range(1, 8) }, () => (rng.chance(0.5) ? rng.pick(INTERESTING_BYTES) : rng.int(256))), p.subarray(at));
    default: // the same number, in a longer LEB128 (valid up to 5 bytes)
      return cat(p.subarray(0, at), ulebPadded(readUleb(p, at)?.[0] ?? 0, rng.range(2, 6)), p.subarray(skipLeb(p, at)));
  }
}

function skipLeb(p: Uint8Array, at: number): number {
  let k = at;
  while (k < p.length && p[k]! & 0x80) k++;
  return Math.min(p.length, k + 1);
}

/** Instructions worth planting in a function body: unsupported, prefixed, out-of-range immediates. */
const PLANTED_INSTRS: number[][] = [
  [0x92], // f32.add
  [0x43, 0, 0, 0x80, 0x3f], // f32.const 1
  [0x44, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f], // f64.const 1
  [0xfd, 0x0c, ...Array(16).fill(0)], // v128.const
  [0xfd, 0xff, 0xff, 0x03], // unknown simd op
  [0xfc, 0x08, 0x00, 0x00], // memory.init 0
  [0xfc, 0x09, 0x00], // data.drop 0
  [0xfc, 0x0a, 0x00, 0x00], // memory.copy
  [0xfc, 0x0b, 0x00], // memory.fill
  [0xfc, 0x11, 0x00], // table.fill
  [0xfc, 0xff, 0xff, 0xff, 0xff, 0x0f], // unknown 0xfc op
  [0xfe, 0x00, 0x02, 0x00], // atomic (threads)
  [0x06, 0x40], // try (exceptions)
  [0x12, 0x00], // return_call (tail calls)
  [0x10, 0xff, 0xff, 0xff, 0xff, 0x0f], // call 2^32-1
  [0x0c, 0xff, 0xff, 0xff, 0xff, 0x0f], // br 2^32-1
  [0x0e, 0xff, 0xff, 0xff, 0xff, 0x0f], // br_table with 2^32-1 targets
  [0x20, 0xff, 0xff, 0xff, 0xff, 0x0f], // local.get 2^32-1
  [0x23, 0xff, 0xff, 0xff, 0xff, 0x0f], // global.get 2^32-1
  [0x02, 0xff, 0xff, 0xff, 0xff, 0x07], // block with a type index 2^31-1
  [0x02, 0x40], // block (unterminated)
  [0x0b], // end
  [0x05], // else
  [0x00], // unreachable
  [0x41, 0x80, 0x80, 0x80, 0x80, 0x78], // i32.const i32::MIN
  [0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f], // i64.const i64::MIN
  [0x28, 0x1f, 0xff, 0xff, 0xff, 0xff, 0x0f], // i32.load align 2^31 offset 2^32-1
  [0x36, 0x02, 0xff, 0xff, 0xff, 0xff, 0x0f], // i32.store offset 2^32-1
  [0x3f, 0x00], // memory.size
  [0x40, 0x00], // memory.grow
  [0x40, 0x01], // memory.grow of memory 1
  [0x11, 0x00, 0x00], // call_indirect type 0 table 0
  [0x11, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x00], // call_indirect type 2^32-1
  [0x1c, 0x01, 0x7f], // select i32
  [0x1c, 0xff, 0xff, 0xff, 0xff, 0x0f], // select with 2^32-1 types
  [0xd2, 0x00], // ref.func 0
  [0x25, 0x00], // table.get 0
  [0xc0], // i32.extend8_s
  [0xa8], // i32.trunc_f32_s
  [0xd0, 0x70], // ref.null func
  [0x1a], // drop
];

/** Function bodies of a code section payload: [start of the size field, start, end] each. */
function codeBodies(p: Uint8Array): { count: number; countEnd: number; bodies: [number, number, number][] } | undefined {
  const c = readUleb(p, 0);
  if (!c) return undefined;
  const bodies: [number, number, number][] = [];
  let at = c[1];
  for (let i = 0; i < c[0] && at < p.length; i++) {
    const s = readUleb(p, at);
    if (!s || s[1] + s[0] > p.length) break;
    bodies.push([at, s[1], s[1] + s[0]]);
    at = s[1] + s[0];
  }
  return { count: c[0], countEnd: c[1], bodies };
}

/** Mutates one function body of a code section payload and re-encodes its size. */
function mutateBody(rng: Rng, p: Uint8Array): Uint8Array | undefined {
  const code = codeBodies(p);
  if (!code || code.bodies.length === 0) return undefined;
  const [sizeAt, start, end] = rng.pick(code.bodies);
  let body = p.subarray(start, end);
  switch (rng.int(4)) {
    case 0: { // plant an instruction somewhere after the locals
      const at = rng.range(Math.min(body.length, localsEnd(body)), Math.max(0, body.length - 1));
      body = cat(body.subarray(0, at), rng.pick(PLANTED_INSTRS), body.subarray(at));
      break;
    }
    case 1: { // the locals: a huge count, many groups, a bad type
      const groups = readUleb(body, 0);
      if (!groups) return undefined;
      const pick = rng.int(3);
      if (pick === 0) body = cat(uleb(groups[0] + 1), uleb(rng.pick(INTERESTING_U32)), [0x7e], body.subarray(groups[1]));
      else if (pick === 1) body = cat(rng.pick(INTERESTING_LEBS), body.subarray(groups[1]));
      else body = cat([1], uleb(rng.pick([1, 2, 100, 50_000, 50_001, 0xffffffff])), [rng.pick([0x7f, 0x7d, 0x7b, 0x70, 0x40, 0x00])], body.subarray(groups[1]).length ? body.subarray(groups[1]) : [0x0b]);
      break;
    }
    default:
      body = damage(rng, body);
  }
  return cat(p.subarray(0, sizeAt), uleb(body.length), body, p.subarray(end));
}

function localsEnd(body: Uint8Array): number {
  const g = readUleb(body, 0);
  if (!g) return 0;
  let at = g[1];
  for (let i = 0; i < g[0]; i++) {
    const n = readUleb(body, at);
    if (!n) return at;
    at = n[1] + 1;
  }
  return at;
}

type WasmMutator = (rng: Rng, b: Uint8Array, other: Uint8Array) => Uint8Array;

/** Picks a section (any, or of the ids given), or undefined. */
function pickSection(rng: Rng, secs: Section[], ids?: number[]): Section | undefined {
  const pool = ids ? secs.filter((s) => ids.includes(s.id)) : secs;
  return pool.length ? rng.pick(pool) : undefined;
}

const rebuild = (b: Uint8Array, secs: Section[], parts: Uint8Array[]) =>
  cat(b.subarray(0, 8), ...parts, b.subarray(secs.length ? secs[secs.length - 1]!.end : 8));

export const WASM_MUTATORS: Record<string, [number, WasmMutator]> = {
  bitFlip: [3, (rng, b) => {
    const out = b.slice();
    for (let k = rng.range(1, 4); k > 0; k--) out[rng.int(out.length)] ^= 1 << rng.int(8);
    return out;
  }],
  interestingByte: [3, (rng, b) => {
    const out = b.slice();
    for (let k = rng.range(1, 2); k > 0; k--) out[rng.int(out.length)] = rng.pick(INTERESTING_BYTES);
    return out;
  }],
  interestingLeb: [2, (rng, b) => {
    const at = rng.int(b.length);
    return cat(b.subarray(0, at), rng.pick(INTERESTING_LEBS), b.subarray(Math.min(b.length, at + rng.range(0, 5))));
  }],
  truncateAtSection: [2, (rng, b) => {
    const s = pickSection(rng, sections(b));
    if (!s) return b.subarray(0, rng.int(b.length));
    return b.slice(0, rng.pick([s.start, s.start + 1, s.payload, s.payload + 1, s.end - 1, s.end]));
  }],
  truncateRandom: [1, (rng, b) => b.slice(0, rng.int(b.length))],
  duplicateSection: [1, (rng, b) => {
    const secs = sections(b);
    const s = pickSection(rng, secs);
    if (!s) return b;
    return cat(b.subarray(0, s.end), b.subarray(s.start, s.end), b.subarray(s.end));
  }],
  removeSection: [2, (rng, b) => {
    const s = pickSection(rng, sections(b));
    return s ? cat(b.subarray(0, s.start), b.subarray(s.end)) : b;
  }],
  swapSections: [1, (rng, b) => {
    const secs = sections(b);
    if (secs.length < 2) return b;
    const i = rng.int(secs.length - 1);
    const j = rng.chance(0.5) ? i + 1 : rng.range(i + 1, secs.length - 1);
    const parts = secs.map((s) => b.subarray(s.start, s.end));
    [parts[i], parts[j]] = [parts[j]!, parts[i]!];
    return rebuild(b, secs, parts);
  }],
  sectionSize: [2, (rng, b) => { // a section's size field: off by some, huge, or over-long
    const s = pickSection(rng, sections(b));
    if (!s) return b;
    const size = s.end - s.payload;
    const field = rng.pick([
      uleb(size + rng.range(1, 8)), uleb(Math.max(0, size - rng.range(1, 8))), uleb(0xffffffff),
      uleb(rng.pick(INTERESTING_U32)), ulebPadded(size, 5), ulebPadded(size, 6), rng.pick(INTERESTING_LEBS),
    ]);
    return cat(b.subarray(0, s.start + 1), field, b.subarray(s.payload));
  }],
  vectorCount: [3, (rng, b) => { // the count at the start of a vector section, re-sized
    const secs = sections(b);
    const s = pickSection(rng, secs, [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12]);
    if (!s) return b;
    const p = b.subarray(s.payload, s.end);
    const c = readUleb(p, 0);
    if (!c) return b;
    const count = rng.pick([c[0] + 1, Math.max(0, c[0] - 1), 0, rng.pick(INTERESTING_U32)]);
    const np = cat(rng.chance(0.8) ? uleb(count) : rng.pick(INTERESTING_LEBS), p.subarray(c[1]));
    return rebuild(b, secs, secs.map((t) => (t === s ? encodeSection(s.id, np) : b.subarray(t.start, t.end))));
  }],
  sectionPayload: [5, (rng, b) => { // damage inside a section, with its size re-encoded
    const secs = sections(b);
    const s = pickSection(rng, secs);
    if (!s) return b;
    const np = damage(rng, b.subarray(s.payload, s.end));
    return rebuild(b, secs, secs.map((t) => (t === s ? encodeSection(s.id, np) : b.subarray(t.start, t.end))));
  }],
  functionBody: [6, (rng, b) => { // damage one function body, both sizes re-encoded
    const secs = sections(b);
    const s = pickSection(rng, secs, [10]);
    if (!s) return b;
    const np = mutateBody(rng, b.subarray(s.payload, s.end));
    if (!np) return b;
    return rebuild(b, secs, secs.map((t) => (t === s ? encodeSection(s.id, np) : b.subarray(t.start, t.end))));
  }],
  spliceSections: [2, (rng, b, other) => { // a section of another module in place of one of ours
    const secs = sections(b);
    const theirs = sections(other);
    const s = pickSection(rng, secs);
    if (!s || theirs.length === 0) return b;
    const t = theirs.find((x) => x.id === s.id && rng.chance(0.7)) ?? rng.pick(theirs);
    return rebuild(b, secs, secs.map((x) => (x === s ? other.subarray(t.start, t.end) : b.subarray(x.start, x.end))));
  }],
  spliceBytes: [1, (rng, b, other) => cat(b.subarray(0, rng.int(b.length)), other.subarray(rng.int(other.length)))],
  customSection: [1, (rng, b) => { // a custom section (often "name") at a random section boundary
    const secs = sections(b);
    const at = secs.length ? rng.pick(secs).start : 8;
    const name = rng.pick(['name', 'producers', '', 'target_features', 'linking']);
    const body = Array.from({ length: rng.range(0, 24) }, () => (rng.chance(0.5) ? rng.pick(INTERESTING_BYTES) : rng.int(256)));
    return cat(b.subarray(0, at), encodeSection(0, cat(uleb(name.length), new TextEncoder().encode(name), body)), b.subarray(at));
  }],
  header: [1, (rng, b) => {
    const out = b.slice();
    out[rng.int(8)] = rng.pick(INTERESTING_BYTES);
    return out;
  }],
};

/**
 * The systematic variants of a binary, without randomness: truncated at every section's start,
 * payload and last byte; each section removed and duplicated; each section's size and (for a
 * vector section) its count made 2^32 − 1, the count with the section size re-encoded.
 */
export function systematicWasm(b: Uint8Array): { what: string; data: Uint8Array }[] {
  const secs = sections(b);
  const out: { what: string; data: Uint8Array }[] = [];
  const parts = (s: Section, with_: Uint8Array) => rebuild(b, secs, secs.map((t) => (t === s ? with_ : b.subarray(t.start, t.end))));
  secs.forEach((s, k) => {
    const name = `section ${k} (id ${s.id})`;
    for (const [at, where] of [[s.start, 'start'], [s.payload, 'payload'], [s.end - 1, 'last byte']] as const) {
      out.push({ what: `truncated at ${name} ${where}`, data: b.slice(0, at) });
    }
    out.push({ what: `${name} removed`, data: cat(b.subarray(0, s.start), b.subarray(s.end)) });
    out.push({ what: `${name} duplicated`, data: cat(b.subarray(0, s.end), b.subarray(s.start, s.end), b.subarray(s.end)) });
    out.push({ what: `${name} size 2^32-1`, data: cat(b.subarray(0, s.start + 1), uleb(0xffffffff), b.subarray(s.payload)) });
    const count = readUleb(b, s.payload, s.end);
    if (s.id !== 0 && s.id !== 8 && count) {
      out.push({ what: `${name} count 2^32-1`, data: parts(s, encodeSection(s.id, cat(uleb(0xffffffff), b.subarray(count[1], s.end)))) });
    }
  });
  return out;
}

// ---- text ----------------------------------------------------------------------------------------

/** Tokens of the WebAssembly text format (and .wast): comments, strings, parens, atoms, space. */
const WAT_TOKEN = /\(;[\s\S]*?;\)|;;[^\n]*|"(?:[^"\\\n]|\\.)*"|[()]|[^\s()";]+|\s+|./g;
/** Tokens of zkASM text. */
const ZKASM_TOKEN = /\$\$\{[^}\n]*\}|\$\{|;[^\n]*|"[^"\n]*"|[A-Za-z_][A-Za-z0-9_$]*|0x[0-9a-fA-F_]+n?|[0-9][0-9_]*n?|=>|\*\*|\+\+|--|\n|[ \t]+|./g;

const isSpace = (t: string) => /^\s+$/.test(t) || t.startsWith(';') || t.startsWith('(;');

/** Random indices of the non-space tokens. */
function pickToken(rng: Rng, toks: string[]): number {
  const idx: number[] = [];
  for (let i = 0; i < toks.length; i++) if (!isSpace(toks[i]!)) idx.push(i);
  return idx.length ? rng.pick(idx) : 0;
}

const HUGE_INTEGERS = [
  '4294967296', '-2147483649', '18446744073709551616', '-9223372036854775809', '0x1_0000_0000_0000_0000',
  '99999999999999999999999999999999999999', '0xffffffffffffffffffffffffffffffff', '1e400', '0x', '-', '1__0', '_1', 'nan:0x0', 'inf',
  '340282366920938463463374607431768211456', '0x7fffffff', '0x80000000', '-0x8000000000000000', '4294967295', '65536', '65537',
];

const WAT_WORDS = [
  'module', 'func', 'param', 'result', 'local', 'global', 'mut', 'memory', 'data', 'table', 'elem', 'type', 'import', 'export',
  'start', 'block', 'loop', 'if', 'then', 'else', 'end', 'br', 'br_if', 'br_table', 'return', 'call', 'call_indirect',
  'i32.const', 'i64.const', 'f32.const', 'f64.const', 'i32.add', 'i64.mul', 'i32.div_s', 'i64.rem_u', 'f32.add', 'f64.sqrt',
  'i32.load', 'i64.store8', 'i32.load16_u', 'memory.grow', 'memory.size', 'memory.fill', 'memory.copy', 'memory.init', 'data.drop',
  'local.get', 'local.set', 'local.tee', 'global.get', 'global.set', 'drop', 'select', 'unreachable', 'nop', 'v128.const',
  'i32x4.add', 'ref.null', 'ref.func', 'table.get', 'try', 'catch', 'return_call', 'i32.atomic.load', 'offset=4294967296',
  'align=3', 'align=0', 'offset=-1', '$x', '$0', '0', '-1', 'funcref', 'externref', 'i32', 'i64', 'f32', 'v128', 'shared',
];

const UNICODE = ['é', '\u{1F600}', '\u0000', '\uFEFF', '\u2028', '\uD800', 'ÿ', '€'];

type TextMutator = (rng: Rng, text: string, other: string) => string;

function tokenMutators(re: RegExp, words: string[], huge: string[]): Record<string, [number, TextMutator]> {
  const toks = (t: string) => t.match(re) ?? [];
  return {
    deleteToken: [4, (rng, t) => {
      const a = toks(t);
      a.splice(pickToken(rng, a), rng.range(1, 3));
      return a.join('');
    }],
    duplicateToken: [3, (rng, t) => {
      const a = toks(t);
      const i = pickToken(rng, a);
      a.splice(i, 0, a[i]!, ' ');
      return a.join('');
    }],
    swapTokens: [2, (rng, t) => {
      const a = toks(t);
      const i = pickToken(rng, a), j = pickToken(rng, a);
      [a[i], a[j]] = [a[j]!, a[i]!];
      return a.join('');
    }],
    replaceWord: [3, (rng, t) => {
      const a = toks(t);
      a[pickToken(rng, a)] = rng.pick(words);
      return a.join('');
    }],
    insertWord: [2, (rng, t) => {
      const a = toks(t);
      a.splice(pickToken(rng, a), 0, rng.pick(words), ' ');
      return a.join('');
    }],
    hugeNumber: [3, (rng, t) => {
      const a = toks(t);
      const nums = a.map((x, i) => (/^-?(0x)?[0-9]/.test(x) ? i : -1)).filter((i) => i >= 0);
      const i = nums.length ? rng.pick(nums) : pickToken(rng, a);
      a[i] = rng.pick(huge);
      return a.join('');
    }],
    unicode: [1, (rng, t) => {
      const a = toks(t);
      const i = pickToken(rng, a);
      const s = a[i]!;
      const k = rng.int(s.length + 1);
      a[i] = s.slice(0, k) + rng.pick(UNICODE) + s.slice(k);
      return a.join('');
    }],
    spliceLines: [1, (rng, t, other) => {
      const a = t.split('\n'), b = other.split('\n');
      const i = rng.int(a.length), j = rng.int(b.length);
      return [...a.slice(0, i), ...b.slice(j, j + rng.range(1, 8)), ...a.slice(i + rng.int(3))].join('\n');
    }],
    truncate: [1, (rng, t) => t.slice(0, rng.int(t.length))],
    deleteLine: [1, (rng, t) => {
      const a = t.split('\n');
      a.splice(rng.int(a.length), rng.range(1, 3));
      return a.join('\n');
    }],
    duplicateLine: [1, (rng, t) => {
      const a = t.split('\n');
      const i = rng.int(a.length);
      a.splice(i, 0, ...a.slice(i, i + rng.range(1, 4)));
      return a.join('\n');
    }],
  };
}

/** Balanced `(…)` ranges: [open index, close index] in the token list. */
function sexprs(a: string[]): [number, number][] {
  const out: [number, number][] = [];
  const stack: number[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] === '(') stack.push(i);
    else if (a[i] === ')' && stack.length) out.push([stack.pop()!, i]);
  }
  return out;
}

const watToks = (t: string) => t.match(WAT_TOKEN) ?? [];

export const WAT_MUTATORS: Record<string, [number, TextMutator]> = {
  ...tokenMutators(WAT_TOKEN, WAT_WORDS, HUGE_INTEGERS),
  paren: [3, (rng, t) => { // an unbalanced parenthesis
    const a = watToks(t);
    const i = pickToken(rng, a);
    if (rng.chance(0.5)) a.splice(i, 0, rng.pick(['(', ')', '((', '))']));
    else {
      const ps = a.map((x, k) => (x === '(' || x === ')' ? k : -1)).filter((k) => k >= 0);
      if (ps.length) a.splice(rng.pick(ps), 1);
    }
    return a.join('');
  }],
  deleteSexpr: [2, (rng, t) => {
    const a = watToks(t);
    const s = sexprs(a);
    if (!s.length) return t;
    const [i, j] = rng.pick(s);
    a.splice(i, j - i + 1);
    return a.join('');
  }],
  duplicateSexpr: [2, (rng, t) => {
    const a = watToks(t);
    const s = sexprs(a);
    if (!s.length) return t;
    const [i, j] = rng.pick(s);
    a.splice(j + 1, 0, ' ', ...a.slice(i, j + 1));
    return a.join('');
  }],
  deepNesting: [2, (rng, t) => { // blocks or folded expressions around a point, near and past the limits
    const a = watToks(t);
    const i = pickToken(rng, a);
    const depth = rng.pick([100, 127, 128, 129, 150, 200, 1000, 5000]);
    const shape = rng.int(4);
    const [open, close] = shape === 0 ? ['block ', 'end '] : shape === 1 ? ['(block ', ')'] : shape === 2 ? ['(i32.add (i32.const 1) ', ')'] : ['(', ')'];
    a.splice(i, 0, open.repeat(depth), ' ', close.repeat(rng.chance(0.8) ? depth : rng.int(depth)), ' ');
    return a.join('');
  }],
  unterminated: [1, (rng, t) => t + rng.pick(['"abc', '(;', '(; (; ;)', '(module', '\\', '"\\u{110000}"', '"\\x"'])],
  badIdentifier: [2, (rng, t) => {
    const a = watToks(t);
    const ids = a.map((x, k) => (x.startsWith('$') ? k : -1)).filter((k) => k >= 0);
    if (!ids.length) return t;
    a[rng.pick(ids)] = rng.pick(['$nope', '$', '$0', '$é', '$a$b', '4294967295', '0', '$' + 'x'.repeat(10_000)]);
    return a.join('');
  }],
};

const ZKASM_WORDS = [
  'A', 'B', 'C', 'D', 'E', 'SP', 'RR', 'PC', 'SR', 'GAS', 'RCX', 'zkPC', 'STEP', 'CTX', 'HASHPOS', 'MLOAD', 'MSTORE', 'JMP', 'JMPN',
  'JMPZ', 'JMPNZ', 'JMPC', 'JMPNC', 'CALL', 'RETURN', 'ASSERT', 'ADD', 'SUB', 'LT', 'SLT', 'EQ', 'AND', 'OR', 'XOR', 'ARITH',
  'MEM_ALIGN_RD', 'MEM_ALIGN_WR', 'MEM_ALIGN_WR8', 'REPEAT', 'SLOAD', 'HASHK', 'VAR', 'GLOBAL', 'CTX', 'CONST', 'CONSTL', 'INCLUDE',
  'STACK', 'MEM', 'SYS', 'CNT_ARITH', 'CNT_BINARY', '=>', ':', ',', '(', ')', '[', ']', '$', '${', '}', '$${', '@', '%', '+', '-',
  '*', '**', '++', '--', 'finalizeExecution', 'start', 'nowhere', '%NOPE', '@nope', 'SP++', 'E + 1',
];
const ZKASM_HUGE = [
  '18446744073709551616', '0xffffffffffffffffffffffffffffffffn', '340282366920938463463374607431768211456n', '4294967296',
  '99999999999999999999999999', '0x1_0000_0000', '9007199254740993', '2**64', '2n**256n', '-1', '0x', '0n', '1_', '65536', '16777216',
];
const ZKASM_LINES = [
  'VAR GLOBAL huge[99999999999]', 'VAR GLOBAL big[4294967296]', 'VAR GLOBAL z[0]', 'VAR CTX c', 'VAR GLOBAL start',
  'CONST %X = 1', 'CONST %X = 2', 'CONSTL %Y = 2n**300n', 'CONST %Z = %UNDEFINED', 'CONST %D = 1 / 0', 'CONST %M = 5 % 0',
  'CONST %S = 1 << 100000', 'CONST %R = 2 ** 100000', 'CONSTL %T = 1n << 4000000000', 'CONST %U = 7 ** 99999999', 'CONST %L = -1', 'INCLUDE "nope.zkasm"', 'INCLUDE "/dev/zero"',
  'start:', 'finalizeExecution:', '1abc:', 'a:b:', ':JMP(nowhere)', ':JMP(@nope + RR)', ':CALL(E)', ':JMP(RR)', ':RETURN',
  '$${nope(}', '${ (((((1 }', '${ 1 ? 2 }', '$ => A :MLOAD(SP + 99999999999999)', '$ => A :MLOAD(MEM:E + 4294967296)',
  '$ => A :MLOAD(nowhere)', 'SP + 18446744073709551616 => SP', '2**64 => A', '0xffffffffffffffffn => A', 'A => A, A, A',
  '$ => A :MLOAD(SYS:E)', ':REPEAT(RCX)', '1 => RCX :REPEAT(RCX)', '$ => A :HASHK(E)', '$ => A :MSTORE(SP--), MSTORE(SP++)',
  '/* unterminated', '"string"', '${' + '('.repeat(3000) + '1' + ')'.repeat(3000) + '}', 'CONST %N = ' + '('.repeat(3000) + '1' + ')'.repeat(3000),
  '${' + '-'.repeat(5000) + '1}', '${' + '1+'.repeat(20000) + '1}', 'CONST %P = ' + '!'.repeat(5000) + '0',
  '${a.b.c.d}', '${f(' + '1,'.repeat(3000) + '1)}', 'A' + ' + A'.repeat(2000) + ' => B',
];

const zkToks = (t: string) => t.match(ZKASM_TOKEN) ?? [];

export const ZKASM_MUTATORS: Record<string, [number, TextMutator]> = {
  ...tokenMutators(ZKASM_TOKEN, ZKASM_WORDS, ZKASM_HUGE),
  insertLine: [4, (rng, t) => {
    const a = t.split('\n');
    a.splice(rng.int(a.length + 1), 0, rng.pick(ZKASM_LINES));
    return a.join('\n');
  }],
  badLabel: [3, (rng, t) => { // a label renamed (its uses dangle), defined twice, or jumped to while unknown
    const a = t.split('\n');
    const labels = a.map((l, k) => (/^\s*[A-Za-z_][\w$]*:\s*(;.*)?$/.test(l) ? k : -1)).filter((k) => k >= 0);
    if (!labels.length) return t;
    const k = rng.pick(labels);
    const pick = rng.int(3);
    if (pick === 0) a[k] = a[k]!.replace(/[A-Za-z_][\w$]*/, (m) => m + '_renamed');
    else if (pick === 1) a.splice(rng.int(a.length), 0, a[k]!);
    else a[k] = rng.pick(['1bad:', 'A:', 'SP:', 'MLOAD:', '$x:', 'é:', ':', 'x:y:']);
    return a.join('\n');
  }],
  jumpTarget: [2, (rng, t) => {
    const a = zkToks(t);
    const jumps = a.map((x, k) => (/^(JMP\w*|CALL)$/.test(x) ? k : -1)).filter((k) => k >= 0);
    if (!jumps.length) return t;
    const k = rng.pick(jumps);
    if (a[k + 1] === '(' && a[k + 2]) a[k + 2] = rng.pick(['nowhere', 'A', 'E', 'RR', '@x', 'start', '0', 'finalizeExecution']);
    return a.join('');
  }],
};

// ---- the catalogue ---------------------------------------------------------------------------------

export type InputKind = 'wasm' | 'wat' | 'zkasm' | 'wast';

export interface Mutant<T extends string | Uint8Array> {
  data: T;
  /** the mutators applied, in order */
  ops: string[];
}

function chooseWeighted<M>(rng: Rng, table: Record<string, [number, M]>): [string, M] {
  return rng.weighted(Object.entries(table).map(([name, [w, m]]) => [w, [name, m] as [string, M]]));
}

/** One to three stacked mutations of a binary module. */
export function mutateWasm(rng: Rng, seed: Uint8Array, other: Uint8Array): Mutant<Uint8Array> {
  let b = seed;
  const ops: string[] = [];
  for (let n = rng.weighted([[6, 1], [3, 2], [1, 3]] as const); n > 0; n--) {
    const [name, m] = chooseWeighted(rng, WASM_MUTATORS);
    if (!isWasm(b) && name !== 'bitFlip' && name !== 'truncateRandom') continue;
    b = m(rng, b, other);
    ops.push(name);
  }
  return { data: b === seed ? seed.slice() : b, ops };
}

/** One to three stacked mutations of a text input (.wat, .wast or .zkasm). */
export function mutateText(rng: Rng, kind: 'wat' | 'wast' | 'zkasm', seed: string, other: string): Mutant<string> {
  const table = kind === 'zkasm' ? ZKASM_MUTATORS : WAT_MUTATORS;
  let t = seed;
  const ops: string[] = [];
  for (let n = rng.weighted([[6, 1], [3, 2], [1, 3]] as const); n > 0; n--) {
    const [name, m] = chooseWeighted(rng, table);
    if (!/\S/.test(t)) break; // nothing left to mutate
    t = m(rng, t, other);
    ops.push(name);
  }
  return { data: t, ops };
}
