import { describe, expect, it } from 'vitest';
import { W2zError } from '../../src/diagnostics.js';
import { decodeName, decodeString, parseFloatBits, parseInteger } from '../../src/wast/values.js';
import { constLiterals, readSpec, specFiles, wabtAccepts, wabtConsts, type NumType } from './helpers.js';

const F32 = (s: string) => parseFloatBits(s, 32);
const F64 = (s: string) => parseFloatBits(s, 64);

describe('parseInteger', () => {
  it.each([
    ['-1', 0xffffffffn],
    ['0xffffffff', 0xffffffffn],
    ['4294967295', 0xffffffffn],
    ['-0x80000000', 0x80000000n],
    ['-2147483648', 0x80000000n],
    ['0x80000000', 0x80000000n],
    ['-0x7fffffff', 0x80000001n],
    ['0x0bAdD00D', 195940365n],
    ['1_000_000', 1000000n],
    ['1_0_0_0', 1000n],
    ['0xa_0f_00_99', 0xa0f0099n],
    ['0x1_a_A_0_f', 0x1aa0fn],
    ['0_123_456_789', 123456789n],
    ['+42', 42n],
    ['-0x0', 0n],
    ['010', 10n],
  ])('i32 %s', (text, value) => {
    expect(parseInteger(text, 32)).toBe(value);
  });

  it.each([
    ['-1', 0xffffffffffffffffn],
    ['-0x8000000000000000', 0x8000000000000000n],
    ['-9223372036854775808', 0x8000000000000000n],
    ['0xffffffffffffffff', 0xffffffffffffffffn],
    ['18446744073709551615', 0xffffffffffffffffn],
    ['0x0CABBA6E0ba66a6e', 913028331277281902n],
    ['0xa_f00f_0000_9999', 0xaf00f00009999n],
    ['-0x7fffffffffffffff', 0x8000000000000001n],
  ])('i64 %s', (text, value) => {
    expect(parseInteger(text, 64)).toBe(value);
  });

  it.each([
    ['0x100000000', 32], ['-0x80000001', 32], ['4294967296', 32], ['-2147483649', 32],
    ['0x10000000000000000', 64], ['-0x8000000000000001', 64], ['18446744073709551616', 64],
    ['-9223372036854775809', 64],
    // int_literals.wast / const.wast malformed forms
    ['_100', 32], ['+_100', 32], ['-_100', 32], ['99_', 32], ['1__000', 32], ['_0x100', 32],
    ['0_x100', 32], ['0x_100', 32], ['0x00_', 32], ['0xff__ffff', 32], ['0x', 32], ['1x', 32],
    ['0xg', 64], ['', 32], ['1.0', 32], ['0X10', 32], ['--1', 32], ['nan', 32],
  ] as const)('rejects %s as i%d', (text, bits) => {
    expect(() => parseInteger(text, bits)).toThrow(W2zError);
  });

  it('reports the position it is given, with a W2Z code', () => {
    let err: unknown;
    try {
      parseInteger('0x100000000', 32, 'f.wast:3:4');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(W2zError);
    expect((err as W2zError).code).toBe('W2Z1011');
    expect((err as W2zError).message).toBe('f.wast:3:4: bad literal 0x100000000 (constant out of range for i32)');
  });
});

describe('parseFloatBits: f32', () => {
  it.each([
    ['0', 0n],
    ['-0', 0x80000000n],
    ['+0.0', 0n],
    ['1', 0x3f800000n],
    ['-1.5', 0xbfc00000n],
    ['0.1', 0x3dcccccdn],
    ['1e38', 0x7e967699n],
    ['0x1.8p3', 0x41400000n],
    ['0x1P3', 0x41000000n],
    ['0x1.p-1', 0x3f000000n],
    ['0x10', 0x41800000n],
    ['inf', 0x7f800000n],
    ['-inf', 0xff800000n],
    ['+inf', 0x7f800000n],
    ['nan', 0x7fc00000n],
    ['-nan', 0xffc00000n],
    ['+nan', 0x7fc00000n],
    ['nan:0x200000', 0x7fa00000n],
    ['nan:0x1', 0x7f800001n],
    ['nan:0x7f_ffff', 0x7fffffffn],
    ['-nan:0x7fffff', 0xffffffffn],
    // the largest finite value, and literals just below the rounding boundary to infinity
    ['0x1.fffffep127', 0x7f7fffffn],
    ['0x1.fffffe7p127', 0x7f7fffffn],
    ['0x1.fffffefffffffffffffp127', 0x7f7fffffn],
    ['340282356779733623858607532500980858880', 0x7f7fffffn],
    // subnormals: ties go to even
    ['0x1p-149', 1n],
    ['0x1p-150', 0n],
    ['0x1.000001p-150', 1n],
    ['0x1.8p-149', 2n],
    ['0x1.fffffcp-127', 0x007fffffn],
    ['0x1.fffffffp-127', 0x00800000n],
    ['0x1p-126', 0x00800000n],
    ['1.4e-45', 1n],
    ['7e-46', 0n], // below 2^-150 (7.006e-46)
    ['7.1e-46', 1n],
    // hex rounding (const.wast): ties to even, and anything above the tie rounds up
    ['+0x1.00000100000000000p-50', 0x26800000n],
    ['+0x1.00000100000000001p-50', 0x26800001n],
    ['+0x1.00000300000000000p-50', 0x26800002n],
    ['0x1.000000fffffffffffp-50', 0x26800000n],
    // a decimal that double rounding (to f64, then f32) gets wrong: 1 + 2^-24 + 1.1e-19
    ['1.00000005960464477550', 0x3f800001n],
    ['0x48f0ee5p0', 0x4c91e1ddn], // 76484325 → 76484328 (wabt 1.0.37 gives 0x4c91e1dc)
    ['1.000000059604644775390625', 0x3f800000n], // exactly 1 + 2^-24: tie → even
    ['1.000000178813934326171875', 0x3f800002n], // exactly 1 + 3·2^-24: tie → even (up)
    ['1_000.5', 0x447a2000n],
    ['1_0e0_1', 0x42c80000n],
    ['1e-100000000000000000000', 0n],
    ['-1e-100000000000000000000', 0x80000000n],
    ['0e100000000000000000000', 0n],
    ['0x0p100000000000', 0n],
  ])('%s', (text, bits) => {
    expect(F32(text)).toBe(bits);
  });

  it.each([
    '0x1p128', '-0x1p128', '0x1.ffffffp127', '-0x1.ffffffp127', '1e39', '-1e39',
    '340282356779733661637539395458142568448', '1e100000000000000000000', '0x1p100000000000',
    'nan:0x0', 'nan:0x80_0000', 'nan:1', '.0', '.0e0', '0e', '0e+', '0.0e', '0.0e-', '0x', '1x', '0xg',
    '0x.', '0x0.g', '0x0p', '0x0p+', '0x0pA', '0x0.0p-', 'infinity', 'NaN', 'Inf', '1e1.5', '1_', '_1',
    '0x1p_1', 'nan:0x', 'nan:canonical', '',
  ])('rejects %s', (text) => {
    expect(() => F32(text)).toThrow(W2zError);
  });
});

describe('parseFloatBits: f64', () => {
  it.each([
    ['0.1', 0x3fb999999999999an],
    ['-0', 0x8000000000000000n],
    ['1e308', 0x7fe1ccf385ebc8a0n],
    ['0x1.8p3', 0x4028000000000000n],
    ['4.9e-324', 1n],
    ['5e-324', 1n],
    // 2^-1075 = 2.4703282292062327208…e-324: just above rounds up, just below to zero
    ['2.4703282292062328e-324', 1n],
    ['2.4703282292062327e-324', 0n],
    ['0x1.fffffffffffffp1023', 0x7fefffffffffffffn],
    ['0x1.fffffffffffff7ffffffp1023', 0x7fefffffffffffffn],
    [
      '179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368',
      0x7fefffffffffffffn,
    ],
    ['0x1.00000000000008p0', 0x3ff0000000000000n],
    ['0x1.00000000000018p0', 0x3ff0000000000002n],
    ['0x1.000000000000080000001p0', 0x3ff0000000000001n],
    ['inf', 0x7ff0000000000000n],
    ['-inf', 0xfff0000000000000n],
    ['nan', 0x7ff8000000000000n],
    ['-nan', 0xfff8000000000000n],
    ['nan:0xf_ffff_ffff_ffff', 0x7fffffffffffffffn],
    ['-nan:0x1', 0xfff0000000000001n],
    ['nan:0x4000000000000', 0x7ff4000000000000n],
  ])('%s', (text, bits) => {
    expect(F64(text)).toBe(bits);
  });

  it.each([
    '0x1p1024', '-0x1p1024', '0x1.fffffffffffff8p1023', '1e309', '-1e309',
    '269653970229347356221791135597556535197105851288767494898376215204735891170042808140884337949150317257310688430271573696351481990334196274152701320055306275479074865864826923114368235135583993416113802762682700913456874855354834422248712838998185022412196739306217084753107265771378949821875606039276187287552',
    'nan:0x0', 'nan:0x10_0000_0000_0000',
  ])('rejects %s', (text) => {
    expect(() => F64(text)).toThrow(W2zError);
  });
});

describe('decodeString', () => {
  const bytes = (s: string) => [...decodeString(s)];
  it('decodes every escape form', () => {
    expect(bytes('"\\00asm"')).toEqual([0x00, 0x61, 0x73, 0x6d]);
    expect(bytes('"a\\n\\t\\r\\"\\\'\\\\"')).toEqual([0x61, 0x0a, 0x09, 0x0d, 0x22, 0x27, 0x5c]);
    expect(bytes('"\\ff\\Fe\\0b"')).toEqual([0xff, 0xfe, 0x0b]);
    expect(bytes('"\\u{41}\\u{e9}\\u{1F600}\\u{0_0041}"')).toEqual([0x41, 0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80, 0x41]);
    expect(bytes('"é😀"')).toEqual([0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80]);
    expect(bytes('""')).toEqual([]);
  });
  it.each(['"\\x"', '"\\u{d800}"', '"\\u{110000}"', '"\\u{}"', '"\\u41"', '"\\0"', '"a\tb"', '"a\x7fb"', '"abc', 'abc', '"a"b"'])(
    'rejects %s',
    (s) => {
      expect(() => decodeString(s)).toThrow(W2zError);
    },
  );
  it('decodeName requires UTF-8', () => {
    expect(decodeName('"\\u{1F600}x"')).toBe('😀x');
    expect(decodeName('"\\e2\\82\\ac"')).toBe('€');
    expect(() => decodeName('"\\ff"')).toThrow(/not valid UTF-8/);
  });
});

describe('every numeric literal of the spec files agrees with wabt', async () => {
  const all = new Map<NumType, Set<string>>();
  for (const f of specFiles()) {
    for (const [type, lits] of constLiterals(readSpec(f))) {
      if (!all.has(type)) all.set(type, new Set());
      for (const l of lits) all.get(type)!.add(l);
    }
  }
  for (const type of ['i32', 'i64', 'f32', 'f64'] as const) {
    const lits = [...all.get(type)!];
    const bits = type === 'i32' || type === 'f32' ? 32 : 64;
    const parse = (l: string) => (type[0] === 'i' ? parseInteger(l, bits) : parseFloatBits(l, bits));
    const accepted: string[] = [];
    const rejected: string[] = [];
    for (const l of lits) {
      try {
        parse(l);
        accepted.push(l);
      } catch {
        rejected.push(l);
      }
    }
    it(`${type}: ${accepted.length} accepted literals have wabt's value`, async () => {
      expect(accepted.length).toBeGreaterThan(200);
      const theirs = await wabtConsts(type, accepted);
      const mine = accepted.map(parse);
      const diffs = accepted.filter((_, i) => mine[i] !== theirs[i]).map((l, i) => `${l}: ${mine[i]} vs ${theirs[i]}`);
      expect(diffs).toEqual([]);
    });
    it(`${type}: ${rejected.length} rejected literals are rejected by wabt too`, async () => {
      expect(rejected.length).toBeGreaterThan(5);
      const acceptedByWabt: string[] = [];
      for (const l of rejected) if (await wabtAccepts(type, l)) acceptedByWabt.push(l);
      expect(acceptedByWabt).toEqual([]);
    });
  }
});

describe('random literals agree with independent parsers', async () => {
  // mulberry32: a small deterministic PRNG
  let seed = 0x2545f491;
  const rand = (): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const digitsOf = (n: number, alphabet: string): string => {
    let s = alphabet[int(1, alphabet.length - 1)]!;
    for (let i = 1; i < n; i++) s += alphabet[int(0, alphabet.length - 1)]!;
    return s;
  };
  const sign = () => ['', '-', '+'][int(0, 2)]!;
  const decimal = (eLo: number, eHi: number): string => {
    const d = digitsOf(int(1, 28), '0123456789');
    const p = int(0, d.length);
    const mant = p === d.length ? d : `${d.slice(0, p) || '0'}.${d.slice(p)}`;
    return `${sign()}${mant}e${int(eLo, eHi)}`;
  };
  const hex = (eLo: number, eHi: number): string => {
    const d = digitsOf(int(1, 22), '0123456789abcdef');
    const p = int(1, d.length);
    return `${sign()}0x${d.slice(0, p)}.${d.slice(p)}p${int(eLo, eHi)}`;
  };
  const N = 1500;
  const f64Dec = Array.from({ length: N }, () => decimal(-345, 310));
  const f32Dec = Array.from({ length: N }, () => decimal(-60, 40));
  const f64Hex = Array.from({ length: N }, () => hex(-1100, 1030));
  const f32Hex = Array.from({ length: N }, () => hex(-170, 130));

  it('f64 decimals: the same bits as JavaScript (correctly rounded) gives', () => {
    const view = new DataView(new ArrayBuffer(8));
    let finite = 0;
    for (const t of f64Dec) {
      const x = Number(t);
      if (!Number.isFinite(x)) {
        expect(() => F64(t), t).toThrow(W2zError);
        continue;
      }
      view.setFloat64(0, x);
      expect(F64(t), t).toBe(view.getBigUint64(0));
      finite++;
    }
    expect(finite).toBeGreaterThan(N / 2);
  });

  it('f32 decimals: the same bits as wabt gives', async () => {
    const ok = f32Dec.filter((t) => {
      try {
        F32(t);
        return true;
      } catch {
        return false;
      }
    });
    expect(ok.length).toBeGreaterThan(N / 2);
    const theirs = await wabtConsts('f32', ok);
    expect(ok.filter((t, i) => F32(t) !== theirs[i])).toEqual([]);
    const bad = f32Dec.filter((t) => !ok.includes(t)).slice(0, 40);
    expect(bad.length).toBeGreaterThan(10);
    for (const t of bad) expect(await wabtAccepts('f32', t), t).toBe(false);
  });

  // Hex floats: wabt is no oracle (wabt 1.0.37 truncates some: f32 0x48f0ee5p0 → 0x4c91e1dc, where
  // 76484325 rounds to 76484328 = 0x4c91e1dd). Instead: the exact value as a decimal string, which
  // JavaScript rounds correctly to f64; for f32, significands of at most 52 bits, so that the f64
  // is exact and Math.fround rounds once.
  const exactDecimal = (t: string): string => {
    const m = /^([+-]?)0x([0-9a-f]*)\.([0-9a-f]*)p(-?\d+)$/.exec(t)!;
    const mant = BigInt(`0x${m[2]}${m[3]}`);
    const e = Number(m[4]) - 4 * m[3]!.length;
    const digits = e >= 0 ? (mant << BigInt(e)).toString() : `${(mant * 5n ** BigInt(-e)).toString()}e${e}`;
    return `${m[1]}${digits}`;
  };
  it('f64 hex floats: the same bits as JavaScript gives for their exact decimal value', () => {
    const view = new DataView(new ArrayBuffer(8));
    let finite = 0;
    for (const t of f64Hex) {
      const x = Number(exactDecimal(t));
      if (!Number.isFinite(x)) {
        expect(() => F64(t), t).toThrow(W2zError);
        continue;
      }
      view.setFloat64(0, x);
      expect(F64(t), t).toBe(view.getBigUint64(0));
      finite++;
    }
    expect(finite).toBeGreaterThan(N / 2);
  });
  it('f32 hex floats (up to 13 digits): the same bits as Math.fround of the exact value', () => {
    const view = new DataView(new ArrayBuffer(4));
    let finite = 0;
    for (const t of f32Hex) {
      if (t.replace(/^[+-]?0x|p.*$|\./g, '').replace(/^0+/, '').length > 13) continue;
      const x = Math.fround(Number(exactDecimal(t)));
      if (!Number.isFinite(x)) {
        expect(() => F32(t), t).toThrow(W2zError);
        continue;
      }
      view.setFloat32(0, x);
      expect(F32(t), t).toBe(BigInt(view.getUint32(0)));
      finite++;
    }
    expect(finite).toBeGreaterThan(N / 4);
  });
});
