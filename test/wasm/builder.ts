// A tiny WebAssembly binary builder for tests: hand-assembled modules with known byte positions.

export type Bytes = number[];

export function u32(n: number): Bytes {
  const out: Bytes = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

export function s32(n: number): Bytes {
  const out: Bytes = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

export const str = (s: string): Bytes => {
  const b = [...new TextEncoder().encode(s)];
  return [...u32(b.length), ...b];
};

export const vec = (items: Bytes[]): Bytes => [...u32(items.length), ...items.flat()];

export const section = (id: number, content: Bytes): Bytes => [id, ...u32(content.length), ...content];

export const HEADER: Bytes = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

export const wasm = (...sections: Bytes[]): Uint8Array => new Uint8Array([...HEADER, ...sections.flat()]);

/** A code section entry: size, local groups, instructions (the final `end` included by the caller). */
export const funcBody = (locals: Bytes[], code: Bytes): Bytes => {
  const content = [...vec(locals), ...code];
  return [...u32(content.length), ...content];
};

/** type section with one `[] → []` type, function section with `n` functions of it */
export const oneTypeFuncs = (n: number): Bytes[] => [
  section(1, vec([[0x60, 0, 0]])),
  section(3, vec(Array.from({ length: n }, () => [0]))),
];

// A valid module: one function `() -> i32` whose instructions sit at known offsets.
export const HAND = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // 0x00 header
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f, //       0x08 type section: () -> i32
  0x03, 0x02, 0x01, 0x00, //                         0x0f function section: 1 function of type 0
  0x0a, 0x32, 0x01, //                               0x13 code section, 50 bytes, 1 body
  0x30, //                                           0x16 body size 48
  0x00, //                                           0x17 no locals
  0x41, 0x7f, //                                     0x18 i32.const -1
  0x1a, //                                           0x1a drop
  0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f, // 0x1b i64.const -2^63
  0x1a, //                                           0x26 drop
  0x02, 0x7f, //                                     0x27 block (result i32)
  0x41, 0x07, //                                     0x29 i32.const 7
  0x41, 0x00, //                                     0x2b i32.const 0
  0x0e, 0x02, 0x00, 0x01, 0x00, //                   0x2d br_table 0 1, default 0
  0x0b, //                                           0x32 end
  0xfd, 0x0c, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0x80, // 0x33 v128.const
  0x1a, //                                           0x45 drop
  0x0b, //                                           0x46 end
]);
