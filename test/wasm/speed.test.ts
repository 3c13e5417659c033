import { describe, expect, it } from 'vitest';
import { decodeModule } from '../../src/wasm/decode.js';
import { getWabt } from '../../src/wasm/wat.js';
import { s32, section, u32, vec } from './builder.js';

/**
 * A large module (about 6 MB): `funcs` functions `(i32) → ()` with 1 memory, each body repeating a
 * mix of locals, constants (short and long LEB128s), arithmetic, loads/stores and blocks.
 */
function largeModule(funcs: number, reps: number): { bytes: Uint8Array; instrs: number } {
  const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  out.push(...section(1, vec([[0x60, 1, 0x7f, 0]])));
  out.push(...section(3, vec(Array.from({ length: funcs }, () => [0]))));
  out.push(...section(5, vec([[0, 1]])));
  let instrs = 0;
  const bodies: number[] = [];
  for (let f = 0; f < funcs; f++) {
    const code: number[] = [1, 2, 0x7e]; // locals: 2 × i64 (indices 1, 2)
    for (let r = 0; r < reps; r++) {
      const k = f * reps + r;
      code.push(
        0x20, 0, 0x41, ...s32(k * 7919 - 1_000_000), 0x6a, 0x21, 0, // local.get 0, i32.const, i32.add, local.set 0
        0x02, 0x40, 0x20, 0, 0x0d, 0, 0x0b, //                       block, local.get 0, br_if 0, end
        0x42, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x21, 1, // i64.const max, local.set 1
        0x20, 0, 0x28, 2, ...u32(k & 0xfff), 0x1a, //                local.get 0, i32.load, drop
        0x20, 0, 0x20, 1, 0x37, 3, 8, //                            local.get 0, local.get 1, i64.store
      );
      instrs += 16;
    }
    code.push(0x0b);
    instrs += 1;
    bodies.push(...u32(code.length));
    for (const b of code) bodies.push(b);
  }
  out.push(10, ...u32(u32(funcs).length + bodies.length), ...u32(funcs));
  const bytes = new Uint8Array(out.length + bodies.length);
  bytes.set(out);
  bytes.set(bodies, out.length);
  return { bytes, instrs };
}

describe('decode speed', () => {
  it('decodes a multi-MB module (timing printed, not asserted)', async () => {
    const { bytes, instrs } = largeModule(2000, 60);
    decodeModule(bytes, 'warmup.wasm'); // let the JIT settle
    const t0 = performance.now();
    const m = decodeModule(bytes, 'large.wasm');
    const ms = performance.now() - t0;
    expect(m.codes).toHaveLength(2000);
    expect(m.codes.reduce((n, c) => n + c.body.length, 0)).toBe(instrs);
    expect(m.codes[1999].body[1]).toMatchObject({ op: 'i32.const', value: BigInt.asUintN(32, BigInt(1999 * 60 * 7919 - 1_000_000)) });
    expect(m.codes[5].body[8]).toMatchObject({ op: 'i64.const', value: 0x7fffffffffffffffn });

    const wabt = await getWabt();
    const t1 = performance.now();
    wabt.readWasm(bytes, { readDebugNames: false }).destroy();
    const wabtMs = performance.now() - t1;
    const mb = bytes.length / 1e6;
    console.log(`decodeModule: ${mb.toFixed(1)} MB, ${(instrs / 1e6).toFixed(2)} M instructions in ` +
      `${ms.toFixed(0)} ms (${(mb / (ms / 1000)).toFixed(0)} MB/s); wabt readWasm: ${wabtMs.toFixed(0)} ms`);
  });
});
