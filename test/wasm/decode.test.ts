import { describe, expect, it } from 'vitest';
import { decodeModule } from '../../src/wasm/decode.js';
import type { Instr, Module } from '../../src/wasm/module.js';
import { opcodeByName } from '../../src/wasm/opcodes.js';
import { watToWasm } from '../../src/wasm/wat.js';
import { funcBody, HAND, oneTypeFuncs, section, vec, wasm } from './builder.js';
import { ALL_IMMEDIATES_WAT } from './fixtures.js';


/** the instruction with op `op`, the `nth` (0-based) such */
function find(body: Instr[], op: string, nth = 0): Instr {
  const found = body.filter((i) => i.op === op)[nth];
  if (!found) throw new Error(`test setup: no ${op} #${nth}`);
  return found;
}

describe('decodeModule: every immediate kind (from WAT)', async () => {
  const bytes = await watToWasm(ALL_IMMEDIATES_WAT, 'all.wat');
  const m = decodeModule(bytes, 'all.wat');
  const body = m.codes[1].body;

  it('decodes the module-level sections', () => {
    expect(m.types).toEqual([
      { params: [], results: [] },
      { params: ['i32'], results: ['i32', 'i64'] },
      { params: ['i64', 'i64'], results: [] },
      { params: ['i32'], results: ['i32'] },
    ]);
    expect(m.imports.map(({ module, name, desc }) => ({ module, name, desc }))).toEqual([
      { module: 'env', name: 'assert_eq_i64', desc: { kind: 'func', typeIndex: 2 } },
      { module: 'env', name: 'g_in', desc: { kind: 'global', global: { type: 'i64', mutable: false } } },
    ]);
    expect(bytes[m.imports[0].offset]).toBe(3); // length of "env"
    expect(m.funcs).toEqual([0, 3]);
    expect(m.tables).toEqual([
      { elemType: 'funcref', limits: { min: 2, max: 10 } },
      { elemType: 'externref', limits: { min: 1 } },
    ]);
    expect(m.memories).toEqual([{ min: 1, max: 2 }]);
    expect(m.globals.map((g) => g.type)).toEqual([{ type: 'i32', mutable: true }, { type: 'f64', mutable: false }]);
    expect(m.globals[0].init).toMatchObject([{ op: 'i32.const', value: 0xffffffffn }]);
    expect(m.globals[1].init).toMatchObject([{ op: 'f64.const', value: 0x8000000000000000n }]);
    expect(m.exports).toEqual([{ name: 'main', kind: 'func', index: 2 }]);
    expect(m.start).toBe(1);
    expect(m.elems).toMatchObject([
      { mode: 'passive', table: 0, elemType: 'funcref', init: [[{ op: 'ref.func', index: 1 }]] },
    ]);
    expect(m.dataCount).toBe(1);
    expect(m.datas).toHaveLength(1);
    expect(m.datas[0]).toMatchObject({ mode: 'passive', memory: 0 });
    expect([...m.datas[0].bytes]).toEqual([0x61, 0x62, 0x63]);
    expect(m.codes.map((c) => c.locals)).toEqual([[], ['i64', 'v128']]);
    expect(m.codes[0].body.map((i) => i.op)).toEqual(['end']);
  });

  it('decodes the names', () => {
    expect(m.names.module).toBe('demo');
    expect([...m.names.funcs]).toEqual([[0, 'assert'], [1, 'callee'], [2, 'all']]);
    expect([...(m.names.locals.get(2) ?? [])]).toEqual([[0, 'p'], [1, 'l'], [2, 'v']]);
  });

  it('records each instruction at the byte offset of its opcode', () => {
    for (const ins of body) {
      const info = opcodeByName(ins.op);
      expect(info, ins.op).toBeDefined();
      const first = ins.op === 'select' && ins.types ? 0x1c : info!.prefix || info!.code;
      expect(bytes[ins.offset], `${ins.op} @${ins.offset}`).toBe(first);
    }
    // offsets strictly increase, and the final end is the body's last byte
    for (let i = 1; i < body.length; i++) expect(body[i].offset).toBeGreaterThan(body[i - 1].offset);
    expect(bytes[m.codes[1].offset]).toBeGreaterThan(0x7f); // the body size field takes two bytes
    const size = (bytes[m.codes[1].offset] & 0x7f) | (bytes[m.codes[1].offset + 1] << 7);
    expect(body[body.length - 1]).toEqual({ op: 'end', offset: m.codes[1].offset + 2 + size - 1 });
  });

  it('decodes block types, including a multi-value type index', () => {
    expect(find(body, 'block', 0).blockType).toEqual({ kind: 'empty' });
    expect(find(body, 'loop').blockType).toEqual({ kind: 'value', type: 'i32' });
    expect(find(body, 'block', 1).blockType).toEqual({ kind: 'func', typeIndex: 1 });
    expect(find(body, 'if').blockType).toEqual({ kind: 'value', type: 'i32' });
  });

  it('decodes branch, call and variable indices', () => {
    expect(find(body, 'br_table')).toMatchObject({ labels: [1, 0], index: 1 });
    expect(find(body, 'br_if').index).toBe(0);
    expect(find(body, 'call').index).toBe(1);
    expect(find(body, 'call_indirect')).toMatchObject({ index: 0, index2: 0 });
    expect(find(body, 'local.tee').index).toBe(0);
    expect(find(body, 'global.set').index).toBe(1);
    expect(find(body, 'table.get').index).toBe(1);
    expect(find(body, 'table.set').index).toBe(1);
    expect(find(body, 'ref.func').index).toBe(1);
    expect(find(body, 'ref.null', 0).refType).toBe('externref');
    expect(find(body, 'ref.null', 1).refType).toBe('funcref');
  });

  it('decodes plain and typed select', () => {
    const [plain, typed] = body.filter((i) => i.op === 'select');
    expect(plain).toEqual({ op: 'select', offset: plain.offset });
    expect(bytes[plain.offset]).toBe(0x1b);
    expect(typed.types).toEqual(['i32']);
    expect(bytes[typed.offset]).toBe(0x1c);
  });

  it('decodes memory arguments', () => {
    expect(find(body, 'i32.load').memarg).toEqual({ align: 1, offset: 8 });
    expect(find(body, 'i64.store8').memarg).toEqual({ align: 0, offset: 3 });
    expect(find(body, 'memory.size').index).toBe(0);
    expect(find(body, 'memory.grow').index).toBe(0);
    expect(find(body, 'v128.load').memarg).toEqual({ align: 2, offset: 0 });
  });

  it('stores constants as unsigned bit patterns', () => {
    const i32s = body.filter((i) => i.op === 'i32.const').map((i) => i.value);
    expect(i32s).toContain(0xffffffffn);
    expect(i32s).toContain(255n);
    const i64s = body.filter((i) => i.op === 'i64.const').map((i) => i.value);
    expect(i64s).toEqual([2n, 3n, 0x8000000000000000n, 0x7fffffffffffffffn]);
    expect(body.filter((i) => i.op === 'f32.const').map((i) => i.value)).toEqual([0x3fc00000n, 0x3f800000n]);
    expect(find(body, 'f64.const').value).toBe(0x8000000000000000n);
  });

  it('decodes bulk memory and table indices', () => {
    expect(find(body, 'memory.init')).toMatchObject({ index: 0, index2: 0 });
    expect(find(body, 'data.drop').index).toBe(0);
    expect(find(body, 'memory.copy')).toMatchObject({ index: 0, index2: 0 });
    expect(find(body, 'memory.fill').index).toBe(0);
    expect(find(body, 'table.init')).toMatchObject({ index: 0, index2: 0 });
    expect(find(body, 'elem.drop').index).toBe(0);
    expect(find(body, 'table.copy')).toMatchObject({ index: 0, index2: 0 });
    expect(find(body, 'table.grow').index).toBe(0);
    expect(find(body, 'table.size').index).toBe(0);
    expect(find(body, 'table.fill').index).toBe(0);
    expect(find(body, 'i32.trunc_sat_f32_s')).toEqual({ op: 'i32.trunc_sat_f32_s', offset: expect.any(Number) });
    expect(find(body, 'i32.extend8_s').op).toBe('i32.extend8_s');
  });

  it('decodes SIMD immediates', () => {
    expect(find(body, 'v128.const', 0).value).toBe(0xffffffff_00000003_00000002_00000001n);
    expect(find(body, 'v128.const', 1).value).toBe(0n);
    expect(find(body, 'i8x16.shuffle').value).toBe(0x1f0e0d0c_0b0a0908_07060504_03020100n);
    expect(find(body, 'i8x16.extract_lane_s').index).toBe(3);
    expect(find(body, 'v128.load8_lane')).toMatchObject({ memarg: { align: 0, offset: 1 }, index: 5 });
  });

  it('lists the instructions in binary order', () => {
    expect(body.slice(0, 24).map((i) => i.op)).toEqual([
      'block', 'loop', 'i32.const', 'end', 'drop', 'end',
      'i32.const', 'block', 'drop', 'i32.const', 'i64.const', 'end', 'drop', 'drop',
      'block', 'block', 'local.get', 'br_table', 'end', 'end',
      'local.get', 'if', 'i32.const', 'i32.const',
    ]);
    expect(body.slice(-4).map((i) => i.op)).toEqual(['drop', 'local.get', 'return', 'end']);
    expect(body).toHaveLength(132); // wasm-objdump -d lists 132 instructions
  });
});

describe('decodeModule: element and data segment encodings', async () => {
  const SEGMENTS_WAT = `(module
    (import "env" "mem" (memory 1))
    (import "env" "tab" (table $t0 4 funcref))
    (import "env" "base" (global $base i32))
    (table $t1 4 funcref)
    (table $t2 2 externref)
    (func $a) (func $b)
    (elem (i32.const 0) $a $b)
    (elem func $b)
    (elem (table $t1) (i32.const 1) func $a)
    (elem declare func $a)
    (elem (i32.const 2) funcref (ref.func $b) (ref.null func))
    (elem funcref (ref.null func))
    (elem (table $t2) (global.get $base) externref (ref.null extern))
    (data (i32.const 16) "hi")
    (data "\\00\\ff")
    (data (memory 0) (global.get $base) "x"))`;
  const bytes = await watToWasm(SEGMENTS_WAT, 'seg.wat');
  const m: Module = decodeModule(bytes, 'seg.wat');

  it('decodes element segment encodings 0–6 as wabt writes them', () => {
    // (wasm-objdump -x shows flags 0, 1, 2, 3, 4, 5, 6 for these seven segments)
    const shape = m.elems.map((e) => ({
      mode: e.mode, table: e.table, elemType: e.elemType,
      offset: e.offset?.map((i) => [i.op, i.value ?? i.index]),
      init: e.init.map((x) => x.map((i) => [i.op, i.index ?? i.refType])),
    }));
    expect(shape).toEqual([
      { mode: 'active', table: 0, elemType: 'funcref', offset: [['i32.const', 0n]],
        init: [[['ref.func', 0]], [['ref.func', 1]]] },
      { mode: 'passive', table: 0, elemType: 'funcref', offset: undefined, init: [[['ref.func', 1]]] },
      { mode: 'active', table: 1, elemType: 'funcref', offset: [['i32.const', 1n]], init: [[['ref.func', 0]]] },
      { mode: 'declarative', table: 0, elemType: 'funcref', offset: undefined, init: [[['ref.func', 0]]] },
      { mode: 'active', table: 0, elemType: 'funcref', offset: [['i32.const', 2n]],
        init: [[['ref.func', 1]], [['ref.null', 'funcref']]] },
      { mode: 'passive', table: 0, elemType: 'funcref', offset: undefined, init: [[['ref.null', 'funcref']]] },
      { mode: 'active', table: 2, elemType: 'externref', offset: [['global.get', 0]],
        init: [[['ref.null', 'externref']]] },
    ]);
  });

  it('decodes data segments', () => {
    expect(m.datas.map((d) => ({ mode: d.mode, memory: d.memory, offset: d.offset, bytes: [...d.bytes] }))).toEqual([
      { mode: 'active', memory: 0, offset: [{ op: 'i32.const', offset: expect.any(Number), value: 16n }], bytes: [0x68, 0x69] },
      { mode: 'passive', memory: 0, offset: undefined, bytes: [0x00, 0xff] },
      { mode: 'active', memory: 0, offset: [{ op: 'global.get', offset: expect.any(Number), index: 0 }], bytes: [0x78] },
    ]);
    expect(m.dataCount).toBeUndefined(); // no memory.init / data.drop: wabt writes no data count section
    // fileOffset points at the segment's flags byte: 0 (active), 1 (passive), 0 (active, memory 0)
    expect(m.datas.map((d) => bytes[d.fileOffset])).toEqual([0, 1, 0]);
  });
});

describe('decodeModule: hand-assembled binaries', () => {

  it('gives every instruction its known offset and immediates', () => {
    expect(HAND.length).toBe(0x47);
    const m = decodeModule(HAND, 'hand.wasm');
    expect(m.codes).toHaveLength(1);
    expect(m.codes[0].offset).toBe(0x16);
    expect(m.codes[0].locals).toEqual([]);
    expect(m.codes[0].body).toEqual([
      { op: 'i32.const', offset: 0x18, value: 0xffffffffn },
      { op: 'drop', offset: 0x1a },
      { op: 'i64.const', offset: 0x1b, value: 0x8000000000000000n },
      { op: 'drop', offset: 0x26 },
      { op: 'block', offset: 0x27, blockType: { kind: 'value', type: 'i32' } },
      { op: 'i32.const', offset: 0x29, value: 7n },
      { op: 'i32.const', offset: 0x2b, value: 0n },
      { op: 'br_table', offset: 0x2d, labels: [0, 1], index: 0 },
      { op: 'end', offset: 0x32 },
      { op: 'v128.const', offset: 0x33, value: 0x800f0e0d0c0b0a090807060504030201n },
      { op: 'drop', offset: 0x45 },
      { op: 'end', offset: 0x46 },
    ]);
    expect(m.names).toEqual({ funcs: new Map(), locals: new Map() });
  });

  it('decodes element encoding 7 and data encoding 2 (which wabt does not write)', () => {
    const bytes = new Uint8Array([
      0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // 0x00 header
      0x01, 0x04, 0x01, 0x60, 0x00, 0x00, //             0x08 type: () -> ()
      0x03, 0x02, 0x01, 0x00, //                         0x0e function: 1
      0x04, 0x04, 0x01, 0x70, 0x00, 0x01, //             0x12 table: funcref, min 1
      0x05, 0x03, 0x01, 0x00, 0x01, //                   0x18 memory: min 1
      0x09, 0x07, 0x01, 0x07, 0x70, 0x01, 0xd2, 0x00, 0x0b, // 0x1d elem: flags 7, funcref, (ref.func 0)
      0x0c, 0x01, 0x01, //                               0x26 data count 1
      0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b, //             0x29 code: 1 body (size at 0x2c) `end` at 0x2e
      0x0b, 0x08, 0x01, 0x02, 0x00, 0x41, 0x05, 0x0b, 0x01, 0x78, // 0x2f data: flags 2, memory 0, (i32.const 5) "x"
    ]);
    const m = decodeModule(bytes, 'seg7.wasm');
    expect(m.elems).toEqual([
      { mode: 'declarative', table: 0, elemType: 'funcref', init: [[{ op: 'ref.func', offset: 0x23, index: 0 }]] },
    ]);
    expect(m.datas).toEqual([{
      mode: 'active', memory: 0, offset: [{ op: 'i32.const', offset: 0x34, value: 5n }],
      bytes: new Uint8Array([0x78]), fileOffset: 0x32,
    }]);
    expect(m.tables).toEqual([{ elemType: 'funcref', limits: { min: 1 } }]);
    expect(m.dataCount).toBe(1);
    expect(m.codes).toEqual([{ locals: [], body: [{ op: 'end', offset: 0x2e }], offset: 0x2c }]);
  });

  it('reads the memory index of a multi-memory memarg (alignment bit 6)', () => {
    // i32.const 0 (0x17), i32.load align=2^2 memory 1 offset 8 (0x19), drop, end
    const bytes = wasm(...oneTypeFuncs(1), section(10, vec([funcBody([], [0x41, 0x00, 0x28, 0x42, 0x01, 0x08, 0x1a, 0x0b])])));
    expect(decodeModule(bytes, 'mm.wasm').codes[0].body[1]).toEqual({
      op: 'i32.load', offset: 0x19, memarg: { align: 2, offset: 8 }, index: 1,
    });
  });
});
