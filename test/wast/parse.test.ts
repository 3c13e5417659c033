import { describe, expect, it } from 'vitest';
import { W2zError } from '../../src/diagnostics.js';
import { getWabt, validateWasm, WASM_FEATURES, watToWasm } from '../../src/wasm/wat.js';
import { parseWast, parseWastDirect } from '../../src/wast/parse.js';
import type { WastCommand, WastCommandKind, WastModule, WastScript } from '../../src/wast/script.js';
import { parseFloatBits } from '../../src/wast/values.js';
import { readSpec, specFiles } from './helpers.js';

const FILES = specFiles();
const parsed = new Map<string, WastScript>();
function script(file: string): WastScript {
  let s = parsed.get(file);
  if (!s) {
    s = parseWast(readSpec(file), file);
    parsed.set(file, s);
  }
  return s;
}

/** The command of `file` on `line` (there must be exactly one). */
function at(file: string, line: number): WastCommand {
  const found = script(file).commands.filter((c) => c.line === line);
  if (found.length !== 1) throw new Error(`test setup: ${found.length} commands on ${file}:${line}`);
  return found[0]!;
}

/** The command's module, for module-carrying commands. */
const moduleOf = (c: WastCommand): WastModule | undefined =>
  c.kind === 'module' ? c : 'module' in c && typeof c.module === 'object' ? c.module : undefined;

function errorOf(f: () => unknown): W2zError {
  try {
    f();
  } catch (e) {
    if (e instanceof W2zError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

const KEYWORD: Record<WastCommandKind, string[]> = {
  module: ['module'], register: ['register'], action: ['invoke', 'get'], assert_return: ['assert_return'],
  assert_trap: ['assert_trap'], assert_exhaustion: ['assert_exhaustion'], assert_invalid: ['assert_invalid'],
  assert_malformed: ['assert_malformed'], assert_unlinkable: ['assert_unlinkable'],
  assert_uninstantiable: ['assert_uninstantiable'],
};

describe('every spec file', () => {
  it('parses, the whole directory in well under a second or two', () => {
    parsed.clear();
    // CPU time, not wall time: a loaded machine (two test workers on two cores) stretches the latter
    const t0 = process.cpuUsage();
    for (const f of FILES) script(f);
    const used = process.cpuUsage(t0);
    const ms = (used.user + used.system) / 1000;
    expect(FILES.length).toBeGreaterThanOrEqual(37);
    expect(ms).toBeLessThan(2500);
  });

  // The spec files put every top-level command at column 0 (nested ones are indented), and
  // comment out with `;;` or `(;` at column 0: a line-anchored regex counts independently.
  it.each(FILES)('%s: the number of commands of each kind', (f) => {
    const text = readSpec(f);
    const expected: Record<string, number> = {};
    for (const [kind, words] of Object.entries(KEYWORD)) {
      const n = words.reduce((sum, w) => sum + (text.match(new RegExp(`^\\(${w}(?=[\\s)])`, 'gm'))?.length ?? 0), 0);
      if (n > 0) expected[kind] = n;
    }
    const actual: Record<string, number> = {};
    for (const c of script(f).commands) actual[c.kind] = (actual[c.kind] ?? 0) + 1;
    expect(actual).toEqual(expected);
    // and the total is every `(` at column 0
    expect(script(f).commands.length).toBe(text.match(/^\((?!;)/gm)?.length ?? 0);
  });

  it.each(FILES)('%s: each command is on the line of its keyword', (f) => {
    const lines = readSpec(f).split('\n');
    for (const c of script(f).commands) {
      const words = KEYWORD[c.kind];
      expect(words.some((w) => lines[c.line - 1]!.startsWith(`(${w}`)), `${f}:${c.line} ${c.kind}`).toBe(true);
      const m = moduleOf(c);
      if (m && c.kind !== 'module') expect(lines[m.line - 1]).toMatch(/\(module\b/);
      const a = 'action' in c ? c.action : undefined;
      if (a) expect(lines[a.line - 1]).toContain(`(${a.kind} `);
    }
  });

  it.each(FILES)('%s: the fast path (shapes) gives what the grammar gives on the whole file', (f) => {
    expect(script(f)).toEqual(parseWastDirect(readSpec(f), f));
  });

  it.each(FILES)('%s: every text module is exactly its source text', (f) => {
    const text = readSpec(f);
    const lineStart = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStart.push(i + 1);
    let n = 0;
    for (const c of script(f).commands) {
      const m = moduleOf(c);
      if (!m || m.source.kind !== 'text') continue;
      // the module starts at the first `(module` of its line (the spec files have one per line)
      const start = text.indexOf('(module', lineStart[m.line - 1]);
      expect(start).toBeLessThan(lineStart[m.line]!);
      let source = text.slice(start, start + m.source.text.length);
      if (m.definition) source = source.replace('definition', ' '.repeat(10));
      expect(m.source.text).toBe(source);
      expect(m.source.text.endsWith(')')).toBe(true);
      n++;
    }
    expect(n).toBeGreaterThan(0);
  });
});

describe('spot checks', () => {
  it('integers: i32 -1, i64 min, hex with underscores', () => {
    expect(at('int_literals.wast', 38)).toEqual({
      kind: 'assert_return',
      action: { kind: 'invoke', name: 'i32.umax', args: [], line: 38 },
      expected: [{ type: 'i32', value: 0xffffffffn }],
      line: 38,
    });
    expect(at('int_literals.wast', 53)).toMatchObject({ expected: [{ type: 'i64', value: 0x8000000000000000n }] });
    expect(at('i32.wast', 275)).toMatchObject({
      action: { name: 'extend8_s', args: [{ type: 'i32', value: 0xfedcba80n }] },
      expected: [{ type: 'i32', value: 0xffffff80n }],
    });
    expect(at('i64.wast', 275)).toMatchObject({ action: { args: [{ type: 'i64', value: 0x0123456789abcd00n }] } });
  });

  it('floats: nan payloads, nan patterns, signs', () => {
    expect(at('conversions.wast', 85)).toEqual({
      kind: 'assert_trap',
      action: { kind: 'invoke', name: 'i32.trunc_f32_s', args: [{ type: 'f32', bits: 0xffa00000n }], line: 85 },
      message: 'invalid conversion to integer',
      line: 85,
    });
    expect(at('conversions.wast', 130)).toMatchObject({ action: { args: [{ type: 'f64', bits: 0x7ff4000000000000n }] } });
    expect(at('select.wast', 271)).toMatchObject({
      action: { args: [{ type: 'f64', bits: 0x7ff0000000020304n }, { type: 'f64', bits: 0x3ff0000000000000n }, { type: 'i32', value: 1n }] },
      expected: [{ type: 'f64', bits: 0x7ff0000000020304n }],
    });
    const canonical = script('conversions.wast').commands.filter(
      (c) => c.kind === 'assert_return' && c.expected.some((v) => 'nan' in v && v.nan === 'canonical'),
    );
    const arithmetic = script('conversions.wast').commands.filter(
      (c) => c.kind === 'assert_return' && c.expected.some((v) => 'nan' in v && v.nan === 'arithmetic'),
    );
    const text = readSpec('conversions.wast');
    expect(canonical.length).toBe(text.match(/nan:canonical/g)!.length);
    expect(arithmetic.length).toBe(text.match(/nan:arithmetic/g)!.length);
  });

  // const.wast: `(module (func (export "f") (result fN) (fN.const X)))` then
  // `(assert_return (invoke "f") (fN.const Y))`, Y an exact spelling of X's rounded value.
  it('const.wast: every rounding case gives the value its assert_return expects', () => {
    const cmds = script('const.wast').commands;
    let pairs = 0;
    for (let i = 0; i + 1 < cmds.length; i++) {
      const m = cmds[i]!;
      const r = cmds[i + 1]!;
      if (m.kind !== 'module' || m.source.kind !== 'text' || r.kind !== 'assert_return') continue;
      const lit = /\((f32|f64)\.const ([^)\s]+)\)\)\)$/.exec(m.source.text);
      if (!lit) continue;
      const bits = parseFloatBits(lit[2]!, lit[1] === 'f32' ? 32 : 64);
      expect(r.expected, `${lit[0]} at line ${m.line}`).toEqual([{ type: lit[1], bits }]);
      pairs++;
    }
    expect(pairs).toBe(300);
  });

  it('references', () => {
    expect(at('br_table.wast', 1249)).toMatchObject({
      action: { args: [{ type: 'i32', value: 0n }, { type: 'externref', ref: 1 }] },
      expected: [{ type: 'externref', ref: 1 }],
    });
    expect(at('br_table.wast', 1253)).toMatchObject({ expected: [{ type: 'funcref', ref: 'any' }] });
    expect(at('select.wast', 280)).toMatchObject({ expected: [{ type: 'ref', ref: 'null' }] });
    expect(at('global.wast', 206)).toMatchObject({ expected: [{ type: 'externref', ref: 'null' }] });
    expect(at('global.wast', 235)).toMatchObject({ action: { args: [{ type: 'externref', ref: 10 }] }, expected: [] });
  });

  it('register, bare actions, exhaustion, module traps, definitions', () => {
    expect(at('global.wast', 632)).toEqual({ kind: 'register', as: 'G', line: 632 });
    expect(at('memory_grow.wast', 5)).toEqual({ kind: 'register', as: 'M', line: 5 });
    expect(at('start.wast', 46)).toEqual({
      kind: 'action',
      action: { kind: 'invoke', name: 'inc', args: [], line: 46 },
      line: 46,
    });
    expect(at('call.wast', 337)).toEqual({
      kind: 'assert_exhaustion',
      action: { kind: 'invoke', name: 'runaway', args: [], line: 337 },
      message: 'call stack exhausted',
      line: 337,
    });
    const trap = at('data.wast', 266);
    expect(trap).toMatchObject({ kind: 'assert_trap', message: 'out of bounds memory access', module: { line: 267 } });
    expect(trap.kind === 'assert_trap' && trap.action).toBe(undefined);
    expect(at('memory.wast', 8)).toEqual({
      kind: 'module', definition: true, line: 8, source: { kind: 'text', text: '(module            (memory 65536))' },
    });
    expect(at('memory.wast', 9)).toEqual({ kind: 'module', line: 9, source: { kind: 'text', text: '(module (memory 0 65536))' } });
  });

  it('binary modules: decoded bytes, the same as wabt writes for the same module', async () => {
    const c = at('data.wast', 350);
    const m = moduleOf(c)!;
    expect(m.source.kind).toBe('binary');
    const bytes = m.source.kind === 'binary' ? m.source.bytes : new Uint8Array();
    expect([...bytes]).toEqual([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0x0b, 6, 1, 0, 0x41, 0, 0x0b, 0]);
    const wabt = await getWabt();
    const mod = wabt.parseWat('same.wat', '(module (data (i32.const 0) ""))', WASM_FEATURES);
    expect(bytes).toEqual(mod.toBinary({}).buffer);
    mod.destroy();
    let count = 0;
    let written = 0; // binary modules as the files write them, counted by a regex
    for (const f of FILES) {
      written += readSpec(f).match(/\(module(\s+\$[\w.-]+)?\s+binary\b/g)?.length ?? 0;
      for (const cmd of script(f).commands) {
        const mod = moduleOf(cmd);
        if (mod?.source.kind !== 'binary') continue;
        expect([...mod.source.bytes.slice(0, 8)]).toEqual([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
        count++;
      }
    }
    expect(written).toBeGreaterThanOrEqual(9);
    expect(count).toBe(written);
  });

  it('quote modules: the strings, decoded and concatenated', () => {
    expect(at('global.wast', 685)).toEqual({
      kind: 'assert_malformed',
      module: { kind: 'module', line: 686, source: { kind: 'quote', text: '(global $foo i32 (i32.const 0))(global $foo i32 (i32.const 0))' } },
      message: 'duplicate global',
      line: 685,
    });
    expect(moduleOf(at('global.wast', 692))!.source).toEqual({
      kind: 'quote', text: '(import "" "" (global $foo i32))(global $foo i32 (i32.const 0))',
    });
  });
});

describe('text modules are accepted by wabt', () => {
  // Files whose modules use only features wabt has (WASM_FEATURES): see the report for the others.
  const OK_FILES = [
    'i32.wast', 'i64.wast', 'address.wast', 'call_indirect.wast', 'func_ptrs.wast', 'start.wast', 'memory_init.wast',
    'const.wast', 'conversions.wast', 'memory_copy.wast', 'memory_trap.wast', 'endianness.wast', 'func.wast',
  ];
  it.each(OK_FILES)('%s: instantiated modules parse and validate; assert_invalid ones do not validate', async (f) => {
    let valid = 0;
    let invalid = 0;
    for (const c of script(f).commands) {
      const m = moduleOf(c);
      if (!m || m.source.kind !== 'text') continue;
      if (c.kind === 'module' || c.kind === 'assert_trap' || c.kind === 'assert_uninstantiable' || c.kind === 'assert_unlinkable') {
        const bytes = await watToWasm(m.source.text, `${f}:${m.line}`);
        await validateWasm(bytes, `${f}:${m.line}`);
        valid++;
      } else if (c.kind === 'assert_invalid') {
        // wabt may reject the text already (e.g. an unknown label), or else the binary.
        await expect(
          watToWasm(m.source.text, `${f}:${m.line}`).then((b) => validateWasm(b, `${f}:${m.line}`)),
          `${f}:${m.line}`,
        ).rejects.toThrow();
        invalid++;
      }
    }
    expect(valid).toBeGreaterThan(0);
    if (f === 'i32.wast') expect(invalid).toBe(83);
  });
});

describe('syntax', () => {
  it('comments and strings inside and around module bodies', () => {
    const text = [
      ';; a (line comment',
      '(; a block (; nested ;) comment ) ;)',
      '(module $M (; ) ;) (data "(\\"" ")") ;; )',
      '  (func (export "f") (result i32) (i32.const 7)))',
      '(assert_return (; ) ;) (invoke $M "f") ;; ) here',
      '  (i32.const 7))',
      '(module (;x;) definition $D)',
    ].join('\n');
    const s = parseWast(text, 't.wast');
    expect(s.commands).toEqual([
      {
        kind: 'module', name: '$M', line: 3,
        source: { kind: 'text', text: '(module $M (; ) ;) (data "(\\"" ")") ;; )\n  (func (export "f") (result i32) (i32.const 7)))' },
      },
      {
        kind: 'assert_return', action: { kind: 'invoke', module: '$M', name: 'f', args: [], line: 5 },
        expected: [{ type: 'i32', value: 7n }], line: 5,
      },
      { kind: 'module', name: '$D', definition: true, line: 7, source: { kind: 'text', text: '(module (;x;)            $D)' } },
    ]);
    expect(parseWastDirect(text, 't.wast')).toEqual(s);
  });

  it('either: the first alternatives, and every combination', () => {
    const s = parseWast('(assert_return (invoke "f")\n (either (i32.const 1) (i32.const 2)) (i64.const 3))', 't.wast');
    const one = (v: number) => ({ type: 'i32', value: BigInt(v) });
    const three = { type: 'i64', value: 3n };
    expect(s.commands[0]).toEqual({
      kind: 'assert_return', action: { kind: 'invoke', name: 'f', args: [], line: 1 },
      expected: [one(1), three], alternatives: [[one(1), three], [one(2), three]], line: 1,
    });
  });

  it('get, register with a module name, v128, ref.null, assert_unlinkable', () => {
    const s = parseWast(
      [
        '(register "x" $M)',
        '(assert_return (get $M "g") (v128.const i32x4 1 2  0x3 -4))',
        '(invoke "h" (ref.null func) (ref.null extern) (ref.extern 0) (f32.const -0x1.8p1))',
        '(assert_unlinkable (module (import "m" "f" (func))) "unknown import")',
        '(assert_uninstantiable (module binary "\\00asm" "\\01\\00\\00\\00") "x")',
      ].join('\n'),
      't.wast',
    );
    expect(s.commands).toEqual([
      { kind: 'register', as: 'x', module: '$M', line: 1 },
      {
        kind: 'assert_return', action: { kind: 'get', module: '$M', name: 'g', args: [], line: 2 },
        expected: [{ type: 'v128', lanes: 'i32x4 1 2 0x3 -4' }], line: 2,
      },
      {
        kind: 'action', line: 3,
        action: {
          kind: 'invoke', name: 'h', line: 3,
          args: [{ type: 'funcref', ref: 'null' }, { type: 'externref', ref: 'null' }, { type: 'externref', ref: 0 }, { type: 'f32', bits: 0xc0400000n }],
        },
      },
      {
        kind: 'assert_unlinkable', message: 'unknown import', line: 4,
        module: { kind: 'module', line: 4, source: { kind: 'text', text: '(module (import "m" "f" (func)))' } },
      },
      {
        kind: 'assert_uninstantiable', message: 'x', line: 5,
        module: { kind: 'module', line: 5, source: { kind: 'binary', bytes: new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]) } },
      },
    ]);
  });

  it.each([
    // [text, where, message part]
    ['(module)\n(assert_return (invok "f"))', 't.wast:2:17', 'wast syntax error: expected'],
    ['(module)\n(assert_return (invoke "f") (i32.const 1)\n', 't.wast:3:1', 'expected ")"'],
    ['(module)\nfoo', 't.wast:2:1', 'wast syntax error'],
    ['(module)\n(assert_foo (invoke "f"))', 't.wast:2:2', 'wast syntax error'],
    ['(assert_return (invoke "f")\n   (i32.const 0x100000000))', 't.wast:2:15', 'bad literal 0x100000000 (constant out of range for i32)'],
    ['(invoke "f" (f32.const nan:canonical))', 't.wast:1:24', 'nan:canonical is a result pattern, not an argument'],
    ['(invoke "f" (ref.func))', 't.wast:1:13', '(ref.func) is a result pattern'],
    ['(invoke "f" (ref.null any))', 't.wast:1:23', 'unsupported heap type any'],
    ['(invoke "f\\q")', 't.wast:1:9', 'bad literal "f\\q" (bad escape \\q)'],
    ['(assert_return (invoke "f") (f64.const 1e309))', 't.wast:1:40', 'constant out of range for f64'],
    ['(module binary "\\0")', 't.wast:1:16', 'bad escape'],
    ['(assert_return (invoke "f") (v128.const i32x4 1 2 3))', 't.wast:1:41', 'needs 4 lanes'],
    ['(module (func)', 't.wast:1:15', 'wast syntax error'],
    ['(; unterminated', 't.wast:1:1', 'unterminated block comment'],
    ['(module)\n(invoke "f)', 't.wast:2:9', 'unterminated string'],
  ])('%j → %s', (text, where, what) => {
    const e = errorOf(() => parseWast(text, 't.wast'));
    expect(e.message.startsWith(`${where}: `), e.message).toBe(true);
    expect(e.message).toContain(what);
    expect(e.code).toMatch(/^W2Z101[01]$/);
  });

  it('a bad literal in a command whose shape is cached is reported at its own place', () => {
    const text = [
      '(assert_return (invoke "f" (i32.const 1)) (i32.const 2))',
      '(assert_return (invoke "g" (i32.const 3)) (i32.const 4))',
      '(assert_return (invoke "h" (i32.const 5)) (i32.const 99999999999))',
    ].join('\n');
    const e = errorOf(() => parseWast(text, 't.wast'));
    expect(e.message).toBe('t.wast:3:54: bad literal 99999999999 (constant out of range for i32)');
    expect(e.code).toBe('W2Z1011');
    // and a name with a bad escape in a cached shape
    const e2 = errorOf(() => parseWast('(invoke "a")\n(invoke "\\u{d800}")', 't.wast'));
    expect(e2.message).toMatch(/^t\.wast:2:9: bad literal/);
  });

  it('fresh objects for every command (no sharing between instantiations of a shape)', () => {
    const s = parseWast('(assert_return (invoke "f" (f32.const nan)) (ref.null))\n(assert_return (invoke "f" (f32.const nan)) (ref.null))', 't.wast');
    const [a, b] = s.commands as Extract<WastCommand, { kind: 'assert_return' }>[];
    expect(a).not.toBe(b);
    expect(a!.action.args[0]).not.toBe(b!.action.args[0]);
    expect(a!.expected[0]).not.toBe(b!.expected[0]);
    expect(a!.line).toBe(1);
    expect(b!.line).toBe(2);
  });
});
