// RUNTIME: stub
// A register machine interpreted with a switch (br_table) over opcodes held in a StaticArray,
// on the stub runtime (bump allocation, memory.grow, no collector): 64-bit arithmetic (mul,
// signed / unsigned div and rem, shifts, rotations, clz / ctz / popcnt), a call stack of
// return addresses, and programs for factorial, gcd, popcount sums and a xorshift generator.
// Division by zero inside the interpreted program is a real wasm trap on the third tape.
// TAPE: [20, 1071, 462] EXPECT pass
// TAPE: [7, 4294967295, 65537] EXPECT pass
// TAPE: [5, 10, 0] EXPECT trap
import { input_i32, output_i32, output_i64, Fnv } from "./io";

const enum Op { LI, MOV, ADD, SUB, MUL, DIVU, DIVS, REMU, SHL, SHRU, ROTL, CLZ, CTZ, POP, XOR, AND, JZ, JMP, JLT, CALL, RET, HALT }

class Vm {
  regs: StaticArray<i64> = new StaticArray<i64>(8);
  stack: StaticArray<i32> = new StaticArray<i32>(64);
  sp: i32 = 0;
  steps: i32 = 0;
  run(code: StaticArray<i64>): i64 {
    let pc = 0;
    const r = this.regs;
    while (true) {
      const w = code[pc++];
      const op = <i32>(w & 0xff), a = <i32>((w >> 8) & 0xff), b = <i32>((w >> 16) & 0xff), c = <i32>((w >> 24) & 0xff);
      const imm = w >> 32;
      this.steps++;
      switch (op) {
        case Op.LI: r[a] = imm; break;
        case Op.MOV: r[a] = r[b]; break;
        case Op.ADD: r[a] = r[b] + r[c]; break;
        case Op.SUB: r[a] = r[b] - r[c]; break;
        case Op.MUL: r[a] = r[b] * r[c]; break;
        case Op.DIVU: r[a] = <i64>(<u64>r[b] / <u64>r[c]); break;
        case Op.DIVS: r[a] = r[b] / r[c]; break;
        case Op.REMU: r[a] = <i64>(<u64>r[b] % <u64>r[c]); break;
        case Op.SHL: r[a] = r[b] << r[c]; break;
        case Op.SHRU: r[a] = <i64>(<u64>r[b] >> <u64>r[c]); break;
        case Op.ROTL: r[a] = rotl<i64>(r[b], r[c]); break;
        case Op.CLZ: r[a] = clz<i64>(r[b]); break;
        case Op.CTZ: r[a] = ctz<i64>(r[b]); break;
        case Op.POP: r[a] = popcnt<i64>(r[b]); break;
        case Op.XOR: r[a] = r[b] ^ r[c]; break;
        case Op.AND: r[a] = r[b] & r[c]; break;
        case Op.JZ: if (r[a] == 0) pc = <i32>imm; break;
        case Op.JMP: pc = <i32>imm; break;
        case Op.JLT: if (r[a] < r[b]) pc = <i32>imm; break;
        case Op.CALL: this.stack[this.sp++] = pc; pc = <i32>imm; break;
        case Op.RET: if (this.sp == 0) return r[0]; pc = this.stack[--this.sp]; break;
        case Op.HALT: return r[0];
        default: unreachable();
      }
    }
  }
}

function ins(op: Op, a: i32 = 0, b: i32 = 0, c: i32 = 0, imm: i64 = 0): i64 {
  return <i64>op | <i64>a << 8 | <i64>b << 16 | <i64>c << 24 | imm << 32;
}
function prog(list: i64[]): StaticArray<i64> {
  const s = new StaticArray<i64>(list.length);
  for (let i = 0; i < list.length; i++) s[i] = list[i];
  return s;
}

export function main(): void {
  const n = input_i32();
  const x = <i64><u32>input_i32();
  const y = <i64><u32>input_i32();
  const h = new Fnv();
  const vm = new Vm();

  // r0 = n!: r1 = n, r2 = 1 (one), r0 = 1; loop: jz r1 end; r0 *= r1; r1 -= r2; jmp loop
  const fact = prog([ins(Op.LI, 0, 0, 0, 1), ins(Op.LI, 2, 0, 0, 1), ins(Op.JZ, 1, 0, 0, 6), ins(Op.MUL, 0, 0, 1),
    ins(Op.SUB, 1, 1, 2), ins(Op.JMP, 0, 0, 0, 2), ins(Op.HALT)]);
  vm.regs[1] = n;
  const f = vm.run(fact);
  // gcd via a subroutine: r0 = gcd(r1, r2) using REMU; main calls it then doubles the result
  const gcd = prog([ins(Op.CALL, 0, 0, 0, 3), ins(Op.ADD, 0, 0, 0), ins(Op.HALT),
    ins(Op.JZ, 2, 0, 0, 8), ins(Op.REMU, 3, 1, 2), ins(Op.MOV, 1, 2), ins(Op.MOV, 2, 3), ins(Op.JMP, 0, 0, 0, 3),
    ins(Op.MOV, 0, 1), ins(Op.RET)]);
  vm.regs[1] = x; vm.regs[2] = y;
  const g = vm.run(gcd);
  // xorshift64 for n rounds, summing popcounts, clz and ctz of every state
  const xs = prog([ins(Op.LI, 4, 0, 0, 13), ins(Op.LI, 5, 0, 0, 7), ins(Op.LI, 6, 0, 0, 17), ins(Op.LI, 0, 0, 0, 0), ins(Op.LI, 7, 0, 0, 1),
    ins(Op.JZ, 2, 0, 0, 20),
    ins(Op.SHL, 3, 1, 4), ins(Op.XOR, 1, 1, 3), ins(Op.SHRU, 3, 1, 5), ins(Op.XOR, 1, 1, 3), ins(Op.SHL, 3, 1, 6), ins(Op.XOR, 1, 1, 3),
    ins(Op.POP, 3, 1), ins(Op.ADD, 0, 0, 3), ins(Op.CLZ, 3, 1), ins(Op.ADD, 0, 0, 3), ins(Op.CTZ, 3, 1), ins(Op.ROTL, 0, 0, 3),
    ins(Op.SUB, 2, 2, 7), ins(Op.JMP, 0, 0, 0, 5), ins(Op.HALT)]);
  vm.regs[1] = x * 0x9E3779B97F4A7C15 + 1; vm.regs[2] = n * 3;
  const r = vm.run(xs);
  // signed division: r0 = r1 / r2 (traps when y == 0)
  const div = prog([ins(Op.DIVS, 0, 1, 2), ins(Op.HALT)]);
  vm.regs[1] = -x * 1000003; vm.regs[2] = y;
  h.u64(<u64>f); h.u64(<u64>g); h.u64(<u64>r);
  output_i64(f);
  output_i64(g);
  output_i64(r);
  output_i32(vm.steps);
  output_i64(<i64>h.h);
  output_i64(vm.run(div));
}
