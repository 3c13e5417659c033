import { describe, expect, it } from 'vitest';
import { isW2zError, type W2zError } from '../../src/diagnostics.js';
import { decodeModule } from '../../src/wasm/decode.js';
import { validateWasm } from '../../src/wasm/wat.js';
import { funcBody, HAND, HEADER, oneTypeFuncs, section, u32, vec, wasm } from './builder.js';

function decodeError(bytes: Uint8Array): W2zError {
  try {
    decodeModule(bytes, 'bad.wasm');
  } catch (e) {
    if (isW2zError(e)) return e;
    throw e;
  }
  throw new Error('test: expected a decode error');
}

const withByte = (bytes: Uint8Array, at: number, value: number): Uint8Array => {
  const copy = bytes.slice();
  copy[at] = value;
  return copy;
};

/** a module of one `[] → []` function with `code` as its body (locals first) */
const oneFunc = (code: number[], locals: number[][] = []): Uint8Array =>
  wasm(...oneTypeFuncs(1), section(10, vec([funcBody(locals, code)])));

// [name, bytes, exact message, does wabt's reader also reject it?]
const CASES: [string, Uint8Array, string, boolean][] = [
  ['truncated header', HAND.slice(0, 6), 'bad.wasm @0x6: malformed module: unexpected end of file', true],
  ['truncated magic', HAND.slice(0, 2), 'bad.wasm @0x2: malformed module: unexpected end of file', true],
  ['truncated section header', HAND.slice(0, 0x14), 'bad.wasm @0x14: malformed module: unexpected end of file', true],
  ['truncated code section', HAND.slice(0, 0x40),
    'bad.wasm @0x40: malformed module: unexpected end of file in the code section', true],
  ['bad version', withByte(HAND, 4, 2), 'bad.wasm @0x4: malformed module: unknown binary version 0x2', true],
  ['LEB128 too long', wasm(section(1, [0x81, 0x80, 0x80, 0x80, 0x80, 0x00])),
    'bad.wasm @0xa: malformed module: integer representation too long', true],
  ['u32 too large', wasm(section(1, [0xff, 0xff, 0xff, 0xff, 0x1f])),
    'bad.wasm @0xa: malformed module: integer too large', true],
  ['LEB128 cut by the section end', wasm(section(1, [0x80])),
    'bad.wasm @0xb: malformed module: unexpected end of section', true],
  ['i32.const too large', oneFunc([0x41, 0xff, 0xff, 0xff, 0xff, 0x4f, 0x1a, 0x0b]),
    'bad.wasm @0x18: malformed module: integer too large', true],
  ['i64.const too long', oneFunc([0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0x1a, 0x0b]),
    'bad.wasm @0x18: malformed module: integer representation too long', true],
  ['i64.const too large', oneFunc([0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02, 0x1a, 0x0b]),
    'bad.wasm @0x18: malformed module: integer too large', true],
  ['unknown opcode', withByte(HAND, 0x1a, 0xff), 'bad.wasm @0x1a: malformed module: unknown opcode 0xff', true],
  ['unknown SIMD opcode', oneFunc([0xfd, 0x9a, 0x01, 0x0b]),
    'bad.wasm @0x17: malformed module: unknown opcode 0xfd 0x9a', true],
  ['unknown 0xfc opcode', oneFunc([0xfc, 0x12, 0x0b]), 'bad.wasm @0x17: malformed module: unknown opcode 0xfc 0x12', true],
  ['section size mismatch', wasm(section(1, [0x01, 0x60, 0x00, 0x01, 0x7f, 0x00])),
    'bad.wasm @0x8: malformed module: section size mismatch', true],
  ['section content cut short', wasm(section(1, [0x01, 0x60, 0x00, 0x01])),
    'bad.wasm @0xe: malformed module: unexpected end of section', true],
  ['section past the end of file', new Uint8Array([...HEADER, 0x01, 0x10, 0x01]),
    'bad.wasm @0xb: malformed module: unexpected end of file in the type section', true],
  ['unknown section id', new Uint8Array([...HAND, 0x0e, 0x00]),
    'bad.wasm @0x47: malformed module: unknown section id 14', true],
  ['duplicate section', wasm(section(1, vec([])), section(1, vec([]))),
    'bad.wasm @0xb: malformed module: duplicate type section', true],
  ['section after a later one', wasm(...oneTypeFuncs(0), section(1, vec([]))),
    'bad.wasm @0x11: malformed module: unexpected type section (out of order)', true],
  ['section out of order', wasm(section(3, vec([])), section(1, vec([]))),
    'bad.wasm @0xb: malformed module: unexpected type section (out of order)', true],
  ['function and code counts differ', wasm(...oneTypeFuncs(2), section(10, vec([funcBody([], [0x0b])]))),
    'bad.wasm @0x13: malformed module: function and code section have inconsistent lengths', true],
  ['code section missing', wasm(...oneTypeFuncs(1)),
    'bad.wasm @0x12: malformed module: function and code section have inconsistent lengths', true],
  ['data count differs from data section', wasm(section(12, [2]), section(11, vec([[1, 0]]))),
    'bad.wasm @0xb: malformed module: data count and data section have inconsistent lengths', true],
  ['memarg flags beyond multi-memory', oneFunc([0x41, 0x00, 0x28, 0x80, 0x01, 0x00, 0x1a, 0x0b]),
    'bad.wasm @0x1a: malformed module: malformed memop flags', false],
  ['data.drop without data count', oneFunc([0xfc, 0x09, 0x00, 0x0b]),
    'bad.wasm @0x17: malformed module: data count section required', true],
  ['body without its end', oneFunc([0x41, 0x00]), 'bad.wasm @0x19: malformed module: unexpected end of function body', true],
  ['bytes after the body end', oneFunc([0x0b, 0x01]), 'bad.wasm @0x18: malformed module: function body size mismatch', true],
  ['bad local type', oneFunc([0x0b], [[1, 0x40]]), 'bad.wasm @0x18: malformed module: unknown value type 0x40', true],
  ['too many locals', oneFunc([0x0b], [[...u32(50001), 0x7f]]),
    'bad.wasm @0x17: malformed module: too many locals (more than 50000)', false],
  ['bad block type', oneFunc([0x02, 0x60, 0x0b, 0x0b]), 'bad.wasm @0x18: malformed module: malformed block type 0x60', true],
  ['bad UTF-8 name', wasm(...oneTypeFuncs(1), section(7, vec([[1, 0xff, 0, 0]])), section(10, vec([funcBody([], [0x0b])]))),
    'bad.wasm @0x15: malformed module: malformed UTF-8 encoding', true],
  ['bad export kind', wasm(...oneTypeFuncs(1), section(7, vec([[1, 0x61, 7, 0]])), section(10, vec([funcBody([], [0x0b])]))),
    'bad.wasm @0x17: malformed module: unknown export kind 0x07', true],
  ['bad limits flags', wasm(section(5, vec([[0x08, 0x01]]))), 'bad.wasm @0xb: malformed module: unknown limits flags 0x08', true],
  ['bad element segment kind', wasm(section(9, vec([[0x08]]))), 'bad.wasm @0xb: malformed module: unknown element segment kind 8', true],
  ['bad data segment kind', wasm(section(11, vec([[0x03]]))), 'bad.wasm @0xb: malformed module: unknown data segment kind 3', true],
];

describe('decodeModule: malformed binaries', () => {
  it.each(CASES)('%s', async (_name, bytes, message, wabtRejects) => {
    const e = decodeError(bytes);
    expect(e.code).toBe('W2Z1004');
    expect(e.message).toBe(message);
    if (wabtRejects) await expect(validateWasm(bytes, 'bad.wasm')).rejects.toMatchObject({ code: 'W2Z1004' });
  });

  it('reports a non-wasm file as not a module', () => {
    const elf = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]);
    const e = decodeError(elf);
    expect(e.code).toBe('W2Z1003');
    expect(e.message).toBe('bad.wasm: not a webassembly module (bad magic number)');
    expect(decodeError(new Uint8Array(0)).message).toBe('bad.wasm: not a webassembly module (empty file)');
    expect(decodeError(new TextEncoder().encode('(module)')).code).toBe('W2Z1003');
  });

  it('ignores a malformed name section, keeping the names read before the damage', () => {
    // name section: subsection 1 (function names) naming function 0 "f", then a truncated subsection 2
    const names = [...u32(4), ...'name'.split('').map((c) => c.charCodeAt(0)),
      0x01, 0x04, 0x01, 0x00, 0x01, 0x66, // function names: {0: "f"}
      0x02, 0x09, 0x01]; //                   local names: declared 9 bytes, 1 present
    const m = decodeModule(wasm(...oneTypeFuncs(1), section(10, vec([funcBody([], [0x0b])])), section(0, names)), 'n.wasm');
    expect([...m.names.funcs]).toEqual([[0, 'f']]);
    expect(m.names.locals.size).toBe(0);
    expect(m.codes).toHaveLength(1);
  });

  it('reports the first byte of an unknown opcode in every unassigned slot', () => {
    for (const code of [0x06, 0x12, 0x13, 0x27, 0xc5, 0xcf, 0xd3, 0xfb, 0xfe, 0xff]) {
      expect(decodeError(oneFunc([code, 0x0b])).message).toBe(
        `bad.wasm @0x17: malformed module: unknown opcode 0x${code.toString(16).padStart(2, '0')}`);
    }
    expect(decodeError(oneFunc([0xfd, ...u32(0x100), 0x0b])).message).toBe(
      'bad.wasm @0x17: malformed module: unknown opcode 0xfd 0x100');
  });
});
