// Shared by the AssemblyScript programs of test/real: the host imports of docs/abi.md, a small
// LCG for data derived from the tape, and FNV-1a for checksums.
@external("env", "input_i32") export declare function input_i32(): i32;
@external("env", "input_i64") export declare function input_i64(): i64;
@external("env", "output_i32") export declare function output_i32(x: i32): void;
@external("env", "output_i64") export declare function output_i64(x: i64): void;

let seed: u64 = 1;
export function setSeed(s: u64): void { seed = s; }
export function rand(n: u32): u32 {
  seed = seed * 6364136223846793005 + 1442695040888963407;
  return <u32>(seed >> 33) % n;
}

export class Fnv {
  h: u64 = 0xcbf29ce484222325;
  byte(b: u32): void { this.h = (this.h ^ <u64>(b & 0xff)) * 0x100000001b3; }
  u32(x: u32): void { for (let i = 0; i < 4; i++) this.byte(x >> (8 * i)); }
  u64(x: u64): void { this.u32(<u32>x); this.u32(<u32>(x >> 32)); }
  str(s: string): void { for (let i = 0; i < s.length; i++) this.u32(s.charCodeAt(i)); this.byte(0); }
}
