import { describe, expect, it } from 'vitest';
import { IMM_KINDS, OPCODES, opcodeByName, OPS_1, OPS_FC, OPS_FD, type ImmKind, type OpInfo } from '../../src/wasm/opcodes.js';
import { getWabt, validateWasm, WASM_FEATURES } from '../../src/wasm/wat.js';
import { decodeModule } from '../../src/wasm/decode.js';
import { funcBody, section, u32, vec, wasm, type Bytes } from './builder.js';

/** Zero-valued immediates of each kind, enough for wabt's reader and ours. */
const ZERO_IMMS: Record<ImmKind, Bytes> = {
  none: [], blocktype: [0x40], label: [0], br_table: [0, 0], local: [0], global: [0], func: [0],
  call_indirect: [0, 0], table: [0], memory: [0], data: [0], elem: [0], memarg: [0, 0], i32: [0],
  i64: [0], f32: [0, 0, 0, 0], f64: new Array(8).fill(0), select_t: [1, 0x7f], reftype: [0x70],
  'memory.init': [0, 0], 'memory.copy': [0, 0], 'table.init': [0, 0], 'table.copy': [0, 0],
  v128: new Array(16).fill(0), shuffle: new Array(16).fill(0), lane: [0], memarg_lane: [0, 0, 0],
};

const encode = (op: OpInfo): Bytes => (op.prefix ? [op.prefix, ...u32(op.code)] : [op.code]);

/** A module with one of everything an index immediate can name, and `code` as the only body. */
function moduleWith(code: Bytes): Uint8Array {
  return wasm(
    section(1, vec([[0x60, 0, 0]])),
    section(3, vec([[0]])),
    section(4, vec([[0x70, 0, 1]])),
    section(5, vec([[0, 1]])),
    section(6, vec([[0x7f, 1, 0x41, 0, 0x0b]])),
    section(9, vec([[1, 0, ...vec([[0]])]])),
    section(12, u32(1)),
    section(10, vec([funcBody([[1, 0x7f]], [...code, 0x0b])])),
    section(11, vec([[1, 0]])),
  );
}

describe('opcode table', () => {
  it('has unique codes and the expected number of opcodes per space', () => {
    const keys = OPCODES.map((o) => `${o.prefix}:${o.code}`);
    expect(new Set(keys).size).toBe(keys.length);
    const count = (prefix: number) => OPCODES.filter((o) => o.prefix === prefix).length;
    // MVP 172 + sign extension 5 + reference types 3 (ref.*) + 3 (table.get/set, typed select)
    expect(count(0)).toBe(183);
    expect(count(0xfc)).toBe(18);
    expect(count(0xfd)).toBe(236); // the final SIMD proposal
    expect(OPS_1.names[0xc4]).toBe('i64.extend32_s');
    expect(OPS_1.names[0xc5]).toBeUndefined();
    expect(OPS_FD.names[0x9a]).toBeUndefined();
    expect(OPS_FD.names[0xff]).toBe('f64x2.convert_low_i32x4_u');
    expect(OPS_FC.names[17]).toBe('table.fill');
    expect(opcodeByName('select')).toMatchObject({ code: 0x1b, imm: 'none' });
    expect(opcodeByName('i8x16.shuffle')).toMatchObject({ prefix: 0xfd, code: 0x0d, imm: 'shuffle' });
    expect(IMM_KINDS.length).toBeLessThan(255);
  });

  it('agrees with wabt on every opcode name, and our decoder reads each one', async () => {
    const wabt = await getWabt();
    const mismatches: string[] = [];
    for (const op of OPCODES) {
      if (op.name === 'end' || op.name === 'else') continue; // structural, checked elsewhere
      const code = [...encode(op), ...ZERO_IMMS[op.imm], ...(op.imm === 'blocktype' ? [0x0b] : [])];
      const bytes = moduleWith(code);
      const mod = wabt.readWasm(bytes, { check: false, simd: true, bulk_memory: true, reference_types: true });
      const text = mod.toText({});
      mod.destroy();
      const line = text.split("\n").find((l) => /^ {4}[a-z]/.test(l)) ?? "(none)";
      const wabtName = line.trim().split(' ')[0].replace(/\)+$/, '');
      const ours = decodeModule(bytes, 'ops.wasm').codes[0].body[0];
      if (wabtName !== op.name || ours.op !== op.name) {
        mismatches.push(`${op.prefix ? `0x${op.prefix.toString(16)} ` : ''}0x${op.code.toString(16)}: ` +
          `table ${op.name}, wabt ${wabtName}, decoded ${ours.op}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('leaves unassigned exactly the codes wabt (with our features) does not read', async () => {
    const unassigned: Bytes[] = [];
    for (let code = 0; code < 256; code++) {
      if (code !== 0xfc && code !== 0xfd && OPS_1.names[code] === undefined) unassigned.push([code]);
      if (OPS_FD.names[code] === undefined) unassigned.push([0xfd, ...u32(code)]);
    }
    for (let sub = 18; sub < 32; sub++) unassigned.push([0xfc, ...u32(sub)]);
    expect(unassigned.length).toBe(256 - 183 - 2 + (256 - 236) + 14);
    for (const code of unassigned) {
      const bytes = moduleWith(code);
      expect(() => decodeModule(bytes, 'ops.wasm')).toThrow(/malformed module: unknown opcode 0x/);
      await expect(validateWasm(bytes, 'ops.wasm'), code.join(' ')).rejects.toMatchObject({ code: 'W2Z1004' });
    }
    expect(WASM_FEATURES.threads).toBe(false);
  });
});
