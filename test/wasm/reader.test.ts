import { describe, expect, it } from 'vitest';
import { Reader } from '../../src/wasm/reader.js';

const reader = (bytes: number[]) => new Reader(new Uint8Array(bytes), 'leb.wasm');

/** signed LEB128 of any bigint, minimal length */
function sleb(v: bigint): number[] {
  const out: number[] = [];
  for (;;) {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    if ((v === 0n && !(b & 0x40)) || (v === -1n && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
}

/** 0, ±1 and every ±2^k ± 1 that fits in `bits` signed bits */
function edges(bits: number): bigint[] {
  const vals = new Set<bigint>([0n, 1n, -1n]);
  for (let k = 1; k < bits; k++) {
    for (const v of [1n << BigInt(k), -(1n << BigInt(k))]) for (const d of [-1n, 0n, 1n]) vals.add(v + d);
  }
  const min = -(1n << BigInt(bits - 1)), max = (1n << BigInt(bits - 1)) - 1n;
  return [...vals].filter((v) => v >= min && v <= max);
}

describe('Reader LEB128', () => {
  it('reads u32 values, including padded encodings', () => {
    expect(reader([0x00]).u32()).toBe(0);
    expect(reader([0x7f]).u32()).toBe(127);
    expect(reader([0x80, 0x01]).u32()).toBe(128);
    expect(reader([0xff, 0xff, 0xff, 0xff, 0x0f]).u32()).toBe(0xffffffff);
    expect(reader([0x80, 0x80, 0x80, 0x80, 0x00]).u32()).toBe(0);
    const r = reader([0xe5, 0x8e, 0x26, 0x01]);
    expect(r.u32()).toBe(624485);
    expect(r.pos).toBe(3);
  });

  it('rejects u32 values that are too long or too large', () => {
    expect(() => reader([0x80, 0x80, 0x80, 0x80, 0x80, 0x00]).u32()).toThrow('leb.wasm @0x0: malformed module: integer representation too long');
    expect(() => reader([0xff, 0xff, 0xff, 0xff, 0x10]).u32()).toThrow('leb.wasm @0x0: malformed module: integer too large');
    expect(() => reader([0x80, 0x80]).u32()).toThrow('leb.wasm @0x2: malformed module: unexpected end of file');
  });

  it('reads every edge value of s32 as its unsigned bit pattern', () => {
    for (const v of edges(32)) {
      const r = reader(sleb(v));
      expect(r.s32(), String(v)).toBe(Number(BigInt.asUintN(32, v)));
      expect(r.atEnd()).toBe(true);
    }
    expect(reader([0xff, 0xff, 0xff, 0xff, 0x7f]).s32()).toBe(0xffffffff); // -1, padded
  });

  it('rejects s32 values whose unused bits do not repeat the sign', () => {
    expect(() => reader([0xff, 0xff, 0xff, 0xff, 0x0f]).s32()).toThrow('integer too large');
    expect(() => reader([0x80, 0x80, 0x80, 0x80, 0x70]).s32()).toThrow('integer too large');
    expect(() => reader([0x80, 0x80, 0x80, 0x80, 0x80, 0x00]).s32()).toThrow('integer representation too long');
  });

  it('reads every edge value of s33 (block types)', () => {
    for (const v of edges(33)) expect(reader(sleb(v)).s33(), String(v)).toBe(Number(v));
    expect(() => reader([0xff, 0xff, 0xff, 0xff, 0x2f]).s33()).toThrow('integer too large');
  });

  it('reads every edge value of s64 as its unsigned bit pattern', () => {
    for (const v of edges(64)) {
      const r = reader(sleb(v));
      expect(r.s64(), String(v)).toBe(BigInt.asUintN(64, v));
      expect(r.atEnd()).toBe(true);
    }
    expect(reader([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]).s64()).toBe(0xffffffffffffffffn);
    expect(reader([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00]).s64()).toBe(0n);
  });

  it('reads random s64 values', () => {
    let seed = 12345n;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
      const v = BigInt.asIntN(64, seed >> BigInt(i % 64)); // all magnitudes
      expect(reader(sleb(v)).s64()).toBe(BigInt.asUintN(64, v));
    }
  });

  it('rejects s64 values that are too long or too large', () => {
    expect(() => reader([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]).s64()).toThrow('integer too large');
    expect(() => reader([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7e]).s64()).toThrow('integer too large');
    expect(() => reader([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00]).s64())
      .toThrow('integer representation too long');
    expect(() => reader([0x80, 0x80, 0x80, 0x80, 0x80, 0x80]).s64()).toThrow('leb.wasm @0x6: malformed module: unexpected end of file');
  });

  it('reads fixed-width words and names', () => {
    expect(reader([0x78, 0x56, 0x34, 0x12]).u32le()).toBe(0x12345678);
    expect(reader([0xff, 0xff, 0xff, 0xff]).u32le()).toBe(0xffffffff);
    expect(reader([3, 0x61, 0x62, 0x63]).name()).toBe('abc');
    expect(reader([4, 0xf0, 0x9f, 0x98, 0x80]).name()).toBe('😀');
    const long = 'x'.repeat(100);
    expect(reader([100, ...new TextEncoder().encode(long)]).name()).toBe(long);
    expect(() => reader([2, 0xc3, 0x28]).name()).toThrow('leb.wasm @0x0: malformed module: malformed UTF-8 encoding');
  });
});
