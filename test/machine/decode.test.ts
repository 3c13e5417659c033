// The executor's decoded ROM: one typed array per field, small-int codes. This pins the layout
// the hot loop relies on (a change here is a change to every row the executor runs).
import { describe, expect, it } from 'vitest';
import { parseZkasm } from '../../src/zkasm/parse.js';
import { assemble } from '../../src/zkasm/assemble.js';
import { ADDR, COMPUTED, decodeRom, FLAG, JUMP } from '../../src/machine/decode.js';

const text = `VAR GLOBAL g
start:
        3*A - B + 5 => C, SP
        $ => D                  :MLOAD(SP - 2), JMPZ(start, end)
        0x100000007n            :MSTORE(MEM:E + 4)
        $ => A                  :ADD, JMPC(end)
        \${A + 1} => E          :MSTORE(g)
                                :JMP(@start + E)
end:
        A                       :ASSERT, RETURN
`;

describe('decodeRom', () => {
  const d = decodeRom(assemble(parseZkasm(text, 't.zkasm'), 't.zkasm'));
  it('flattens inputs into (source, coefficient) pairs per row', () => {
    expect(d.n).toBe(7);
    expect([...d.inSrc.subarray(d.inStart[0]!, d.inStart[1]!)]).toEqual([0, 1]); // A, B
    expect([...d.inCoef.subarray(d.inStart[0]!, d.inStart[1]!)]).toEqual([3, -1]);
    expect(d.const0[0]).toBe(5);
    expect(d.setMask[0]).toBe((1 << 2) | (1 << 5)); // C, SP
  });
  it('keeps long constants as 32-bit limbs', () => {
    expect([d.const0[2], d.const1[2]]).toEqual([7, 1]);
  });
  it('codes operations, addressing and jumps as small integers', () => {
    expect(d.flags[1]).toBe(FLAG.MLOAD);
    expect(d.addrFlags[1]).toBe(ADDR.IS_STACK | ADDR.USE_CTX);
    expect(d.offset[1]).toBe(-2);
    expect([d.jump[1], d.jmpAddr[1], d.elseAddr[1]]).toEqual([JUMP.JMPZ, 0, 6]);
    expect(d.flags[2]).toBe(FLAG.MSTORE);
    expect(d.addrFlags[2]).toBe(ADDR.IND | ADDR.IS_MEM | ADDR.USE_CTX);
    expect([d.flags[3], d.binOp[3], d.freeKind[3]]).toEqual([FLAG.BIN, 0, 1]);
    expect([d.jump[3], d.jmpAddr[3], d.elseAddr[3]]).toEqual([JUMP.JMPC, 6, 4]);
    expect(d.freeKind[4]).toBe(2);
    expect(typeof d.freeFn[4]).toBe('function');
    expect([d.jump[5], d.jmpAddr[5], d.offset[5], d.addrFlags[5]]).toEqual([JUMP.JMP, COMPUTED, 0, ADDR.IND]);
    expect(d.flags[6]).toBe(FLAG.ASSERT);
    expect(d.jump[6]).toBe(JUMP.RETURN);
  });
});
