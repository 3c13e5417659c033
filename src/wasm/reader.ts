// A cursor over the module bytes: LEB128 integers, fixed-size values, names and value types.
// Every read is bounds-checked against `end` (the current section or function body), and every
// failure is a `malformedWasm` error at the offending byte offset.
//
// Error offsets: an unexpected end is reported where the missing byte should have been; a bad
// integer at its first byte; a bad type or kind byte at that byte.

import { malformedWasm } from '../diagnostics.js';
import type { ValType } from './module.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** BigInts 0 … 1023, shared: most constants are small, and this spares the allocations */
export const SMALL_BIGINTS: readonly bigint[] = Array.from({ length: 1024 }, (_, i) => BigInt(i));
const SMALL = SMALL_BIGINTS;

export class Reader {
  pos = 0;
  /** reads stop here: the end of the current section or function body */
  end: number;
  /** the message for reading past `end` */
  endWhat = 'unexpected end of file';

  constructor(
    readonly buf: Uint8Array,
    readonly file: string,
  ) {
    this.end = buf.length;
  }

  fail(what: string, offset: number = this.pos): never {
    throw malformedWasm(this.file, offset, what);
  }

  /** Run `body` with reads limited to [pos, end), restoring the previous limit afterwards. */
  limit<T>(end: number, endWhat: string, body: () => T): T {
    const savedEnd = this.end, savedWhat = this.endWhat;
    this.end = end;
    this.endWhat = endWhat;
    try {
      return body();
    } finally {
      this.end = savedEnd;
      this.endWhat = savedWhat;
    }
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  u8(): number {
    if (this.pos >= this.end) this.fail(this.endWhat);
    return this.buf[this.pos++];
  }

  /** `n` raw bytes (a view, not a copy) */
  bytes(n: number): Uint8Array {
    if (n > this.end - this.pos) this.fail(this.endWhat, this.end);
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  /** little-endian fixed 32-bit word, unsigned */
  u32le(): number {
    if (this.end - this.pos < 4) this.fail(this.endWhat, this.end);
    const b = this.buf, p = this.pos;
    this.pos = p + 4;
    return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
  }

  /** unsigned LEB128, at most 32 bits */
  u32(): number {
    const b = this.buf, end = this.end;
    let p = this.pos;
    if (p < end && b[p] < 0x80) {
      this.pos = p + 1;
      return b[p];
    }
    const start = p;
    let result = 0;
    for (let shift = 0; ; shift += 7) {
      if (p >= end) this.fail(this.endWhat, p);
      const byte = b[p++];
      if (shift === 28) {
        if (byte & 0x80) this.fail('integer representation too long', start);
        if (byte & 0x70) this.fail('integer too large', start);
        this.pos = p;
        return (result | (byte << 28)) >>> 0;
      }
      result |= (byte & 0x7f) << shift;
      if (!(byte & 0x80)) {
        this.pos = p;
        return result >>> 0;
      }
    }
  }

  /** signed LEB128, at most 32 bits; returned as the unsigned bit pattern */
  s32(): number {
    const b = this.buf, end = this.end;
    let p = this.pos;
    if (p < end && b[p] < 0x80) {
      this.pos = p + 1;
      return b[p] < 0x40 ? b[p] : (b[p] | ~0x7f) >>> 0;
    }
    const start = p;
    let result = 0;
    for (let shift = 0; ; shift += 7) {
      if (p >= end) this.fail(this.endWhat, p);
      const byte = b[p++];
      if (shift === 28) {
        if (byte & 0x80) this.fail('integer representation too long', start);
        // bits 4–6 of the last byte must repeat the sign bit (bit 3)
        const high = byte & 0x78;
        if (high !== 0 && high !== 0x78) this.fail('integer too large', start);
        this.pos = p;
        return (result | (byte << 28)) >>> 0;
      }
      result |= (byte & 0x7f) << shift;
      if (!(byte & 0x80)) {
        this.pos = p;
        if (byte & 0x40) result |= -1 << (shift + 7); // sign-extend
        return result >>> 0;
      }
    }
  }

  /** signed LEB128, at most 33 bits (block types); returned as a (possibly negative) number */
  s33(): number {
    const b = this.buf, end = this.end;
    let p = this.pos;
    const start = p;
    let result = 0;
    for (let shift = 0, scale = 1; ; shift += 7, scale *= 128) {
      if (p >= end) this.fail(this.endWhat, p);
      const byte = b[p++];
      if (shift === 28) {
        if (byte & 0x80) this.fail('integer representation too long', start);
        // bits 5–6 must repeat the sign bit (bit 4)
        const high = byte & 0x70;
        if (high !== 0 && high !== 0x70) this.fail('integer too large', start);
        this.pos = p;
        return result + (byte & 0x0f) * scale - (byte & 0x10 ? 2 ** 32 : 0);
      }
      result += (byte & 0x7f) * scale;
      if (!(byte & 0x80)) {
        this.pos = p;
        return byte & 0x40 ? result - scale * 128 : result;
      }
    }
  }

  /** signed LEB128, at most 64 bits; returned as the unsigned 64-bit pattern */
  s64(): bigint {
    const b = this.buf, end = this.end;
    let p = this.pos;
    // fast path: one to four bytes (|value| < 2^27)
    let lo = 0;
    for (let i = 0, shift = 0; i < 4; i++, shift += 7) {
      if (p >= end) this.fail(this.endWhat, p);
      const byte = b[p++];
      lo |= (byte & 0x7f) << shift;
      if (!(byte & 0x80)) {
        this.pos = p;
        if (byte & 0x40) {
          lo |= -1 << (shift + 7);
          return BigInt.asUintN(64, BigInt(lo));
        }
        return lo < 1024 ? SMALL[lo] : BigInt(lo);
      }
    }
    const start = this.pos;
    let hi = 0;
    for (let i = 4; ; i++) {
      if (p >= end) this.fail(this.endWhat, p);
      const byte = b[p++];
      const payload = byte & 0x7f;
      if (i === 4) {
        lo |= payload << 28;
        hi = payload >>> 4;
      } else if (i < 9) {
        hi |= payload << (7 * i - 32);
      } else {
        if (byte & 0x80) this.fail('integer representation too long', start);
        // only bit 0 is payload; bits 1–6 must repeat it
        if (byte !== 0 && byte !== 0x7f) this.fail('integer too large', start);
        hi |= payload << 31;
        break;
      }
      if (!(byte & 0x80)) {
        if (byte & 0x40) hi |= -1 << (7 * (i + 1) - 32); // sign-extend (shift < 32 here)
        break;
      }
    }
    this.pos = p;
    return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
  }

  /** a vector length; fails early (as reading would) if fewer than `n * minBytes` bytes remain */
  vecLen(minBytes = 1): number {
    const n = this.u32();
    if (n * minBytes > this.end - this.pos) this.fail(this.endWhat, this.end);
    return n;
  }

  /** a length-prefixed UTF-8 name */
  name(): string {
    const start = this.pos;
    const n = this.u32();
    const bytes = this.bytes(n);
    let ascii = true;
    for (let i = 0; i < n; i++) if (bytes[i] >= 0x80) { ascii = false; break; }
    if (ascii) return n < 64 ? String.fromCharCode(...bytes) : utf8.decode(bytes);
    try {
      return utf8.decode(bytes);
    } catch {
      return this.fail('malformed UTF-8 encoding', start);
    }
  }

  valType(): ValType {
    const at = this.pos;
    const t = valTypeOf(this.u8());
    return t ?? this.fail(`unknown value type ${hexByte(this.buf[at])}`, at);
  }

  refType(): 'funcref' | 'externref' {
    const at = this.pos;
    const byte = this.u8();
    if (byte === 0x70) return 'funcref';
    if (byte === 0x6f) return 'externref';
    return this.fail(`unknown reference type ${hexByte(byte)}`, at);
  }
}

export function valTypeOf(byte: number): ValType | undefined {
  switch (byte) {
    case 0x7f: return 'i32';
    case 0x7e: return 'i64';
    case 0x7d: return 'f32';
    case 0x7c: return 'f64';
    case 0x7b: return 'v128';
    case 0x70: return 'funcref';
    case 0x6f: return 'externref';
    default: return undefined;
  }
}

export const hexByte = (b: number): string => `0x${b.toString(16).padStart(2, '0')}`;
