// Shared by the .wast tests: the spec directory, and wabt as an independent oracle for literals.

import { readdirSync, readFileSync } from 'node:fs';
import { watToWasm } from '../../src/wasm/wat.js';

export const SPEC_DIR = new URL('../../../shared/spec/', import.meta.url);

/** Every .wast file of ../shared/spec, sorted. */
export function specFiles(): string[] {
  return readdirSync(SPEC_DIR).filter((f) => f.endsWith('.wast')).sort();
}

export function readSpec(file: string): string {
  return readFileSync(new URL(file, SPEC_DIR), 'utf8');
}

export type NumType = 'i32' | 'i64' | 'f32' | 'f64';

/** Unsigned LEB128 at `at` → [value, next offset]. */
function uleb(b: Uint8Array, at: number): [number, number] {
  let v = 0;
  let shift = 0;
  for (;;) {
    const x = b[at++]!;
    v += (x & 0x7f) * 2 ** shift;
    shift += 7;
    if (!(x & 0x80)) return [v, at];
  }
}

/** Signed LEB128 at `at` → [value, next offset]. */
function sleb(b: Uint8Array, at: number): [bigint, number] {
  let v = 0n;
  let shift = 0n;
  let x: number;
  do {
    x = b[at++]!;
    v |= BigInt(x & 0x7f) << shift;
    shift += 7n;
  } while (x & 0x80);
  if (x & 0x40) v -= 1n << shift;
  return [v, at];
}

/**
 * What wabt makes of `type.const lit` for each literal: the bits (f32/f64) or the unsigned value
 * (i32/i64), read back from the code of `(func type.const lit drop …)`. Throws if wabt rejects any.
 */
export async function wabtConsts(type: NumType, literals: string[]): Promise<bigint[]> {
  const body = literals.map((l) => `${type}.const ${l} drop`).join('\n');
  const bytes = await watToWasm(`(module (func\n${body}))`, 'oracle.wat');
  // Find the code section (id 10), skip the function count, body size and (empty) locals.
  let at = 8;
  for (;;) {
    const id = bytes[at]!;
    const [size, next] = uleb(bytes, at + 1);
    if (id === 10) {
      at = next;
      break;
    }
    at = next + size;
  }
  [, at] = uleb(bytes, at); // function count
  [, at] = uleb(bytes, at); // body size
  [, at] = uleb(bytes, at); // local declarations (0)
  const out: bigint[] = [];
  const width = type === 'i32' || type === 'f32' ? 32 : 64;
  for (let i = 0; i < literals.length; i++) {
    const op = bytes[at++]!;
    let value: bigint;
    if (op === 0x41 || op === 0x42) {
      const [s, n] = sleb(bytes, at);
      value = BigInt.asUintN(width, s);
      at = n;
    } else if (op === 0x43 || op === 0x44) {
      const len = op === 0x43 ? 4 : 8;
      value = 0n;
      for (let k = len - 1; k >= 0; k--) value = (value << 8n) | BigInt(bytes[at + k]!);
      at += len;
    } else {
      throw new Error(`oracle: unexpected opcode 0x${op.toString(16)} for literal ${literals[i]}`);
    }
    if (bytes[at++] !== 0x1a) throw new Error(`oracle: expected drop after literal ${literals[i]}`);
    out.push(value);
  }
  return out;
}

/** Does wabt accept `type.const lit`? */
export async function wabtAccepts(type: NumType, literal: string): Promise<boolean> {
  try {
    await watToWasm(`(module (func ${type}.const ${literal} drop))`, 'oracle.wat');
    return true;
  } catch {
    return false;
  }
}

/**
 * Every literal after `i32.const` … `f64.const` in the text (module bodies, assertions, and
 * quoted modules too), deduplicated, with its type; result patterns (`nan:canonical`) excluded.
 */
export function constLiterals(text: string): Map<NumType, Set<string>> {
  const out = new Map<NumType, Set<string>>([['i32', new Set()], ['i64', new Set()], ['f32', new Set()], ['f64', new Set()]]);
  for (const m of text.matchAll(/\b(i32|i64|f32|f64)\.const[ \t]+([^\s()";\\]+)/g)) {
    const lit = m[2]!;
    if (lit === 'nan:canonical' || lit === 'nan:arithmetic') continue;
    out.get(m[1] as NumType)!.add(lit);
  }
  return out;
}
