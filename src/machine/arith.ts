// ARITH and MemAlign semantics of the 64-bit machine.
// ARITH: A·B + C = D·2^64 + op, checked on 16-bit chunks with plain numbers (hot enough to matter).

import { R } from './decode.js';

const scratch = new Float64Array(9);

/** All register limbs and op are canonical (checked by the caller). */
export function arithHolds(regs: Float64Array, op0: number, op1: number): boolean {
  const a = chunks16(regs[R.A0]!, regs[R.A1]!);
  const b = chunks16(regs[R.B0]!, regs[R.B1]!);
  const c = chunks16(regs[R.C0]!, regs[R.C1]!);
  const p = scratch;
  p.fill(0);
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) p[i + j]! += a[i]! * b[j]!;
  }
  for (let i = 0; i < 4; i++) p[i]! += c[i]!;
  // normalise to 16-bit chunks
  let carry = 0;
  for (let i = 0; i < 8; i++) {
    const v = p[i]! + carry;
    p[i] = v % 65536;
    carry = Math.floor(v / 65536);
  }
  if (carry !== 0) return false;
  const d = chunks16(regs[R.D0]!, regs[R.D1]!);
  const o = chunks16(op0, op1);
  for (let i = 0; i < 4; i++) if (p[i] !== o[i] || p[i + 4] !== d[i]) return false;
  return true;
}

function chunks16(l0: number, l1: number): [number, number, number, number] {
  return [l0 % 65536, Math.floor(l0 / 65536), l1 % 65536, Math.floor(l1 / 65536)];
}

const reg64 = (regs: Float64Array, k: number): bigint => BigInt(regs[k]!) | (BigInt(regs[k + 1]!) << 32n);
const MASK64 = (1n << 64n) - 1n;

/** MEM_ALIGN_RD: bytes C … C+7 of the 16-byte big-endian A‖B. */
export function memAlignRead(regs: Float64Array): bigint {
  const sh = BigInt(8 * regs[R.C0]!);
  const ab = (reg64(regs, R.A0) << 64n) | reg64(regs, R.B0);
  return (ab >> (64n - sh)) & MASK64;
}

/** MEM_ALIGN_WR8: D = A with its big-endian byte C replaced by the low byte of op. */
export function memAlignWrite8(regs: Float64Array, op: bigint): boolean {
  const sh = BigInt(8 * (7 - regs[R.C0]!));
  const a = reg64(regs, R.A0);
  const want = (a & ~(0xffn << sh) & MASK64) | ((op & 0xffn) << sh);
  return reg64(regs, R.D0) === want;
}

/** MEM_ALIGN_WR: D, E = A, B after writing op's 8 bytes at big-endian byte offset C of A‖B. */
export function memAlignWrite(regs: Float64Array, op: bigint): boolean {
  const sh = BigInt(8 * regs[R.C0]!);
  const ab = (reg64(regs, R.A0) << 64n) | reg64(regs, R.B0);
  const pos = 64n - sh; // op's lowest bit lands here in the 128-bit word
  const mask = MASK64 << pos;
  const out = (ab & ~mask) | (op << pos);
  return reg64(regs, R.D0) === (out >> 64n) && reg64(regs, R.E0) === (out & MASK64);
}
