// Describes every module in test/programs/wasm/ and wasm-negative/ into test/programs/expected.json:
// what it imports, how many functions it has, its memory / globals / table / data segments, a
// static histogram of its instructions, the notable ones it contains, the outcome of running it
// in V8 (status, message, number of assert calls made) and how many instructions wabt's
// interpreter executes for it (a size estimate). build.sh runs it after compiling; it can also be
// run on its own: `node test/programs/tools/inspect.mjs` (keeps the recorded clang version / flags).
// Exits non-zero if a module lacks a `main: () -> nil` export.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const HERE = join(import.meta.dirname, '..');
const ROOT = join(HERE, '..', '..');
const BIN = join(ROOT, 'node_modules', '.bin');
const OUT_FILE = join(HERE, 'expected.json');

const NOTABLE = [
  'br_table', 'call_indirect', 'memory.grow', 'memory.size', 'memory.copy', 'memory.fill',
  'i32.div_s', 'i32.div_u', 'i32.rem_s', 'i32.rem_u', 'i64.div_s', 'i64.div_u', 'i64.rem_s', 'i64.rem_u',
  'i32.mul', 'i64.mul', 'i32.clz', 'i32.ctz', 'i32.popcnt', 'i64.clz', 'i64.ctz', 'i64.popcnt',
  'i32.rotl', 'i32.rotr', 'i64.rotl', 'i64.rotr', 'i32.extend8_s', 'i32.extend16_s', 'i64.extend8_s',
  'i64.extend16_s', 'i64.extend32_s', 'i64.extend_i32_s', 'i64.extend_i32_u', 'i32.wrap_i64', 'select',
  'unreachable', 'return', 'global.get', 'global.set',
  'i32.load8_s', 'i32.load8_u', 'i32.load16_s', 'i32.load16_u', 'i64.load8_s', 'i64.load8_u',
  'i64.load16_s', 'i64.load16_u', 'i64.load32_s', 'i64.load32_u', 'i32.store8', 'i32.store16',
  'i64.store8', 'i64.store16', 'i64.store32',
];

const objdump = (args, file) =>
  execFileSync(join(BIN, 'wasm-objdump'), [...args, file], { encoding: 'utf8', maxBuffer: 1 << 28 });

function describe(file) {
  const details = objdump(['-x'], file);
  const disasm = objdump(['-d'], file);
  const lines = details.split('\n');
  const section = (name) => {
    const start = lines.findIndex((l) => l.startsWith(`${name}[`));
    if (start < 0) return [];
    const out = [];
    for (let i = start + 1; i < lines.length && lines[i].startsWith(' '); i++) out.push(lines[i]);
    return out;
  };

  const types = section('Type').map((l) => l.replace(/^ - type\[\d+\] /, ''));
  const importLines = section('Import');
  const imports = importLines.map((l) => l.match(/<- (\S+)$/)?.[1]).filter(Boolean);
  const funcs = section('Function').map((l) => l.match(/func\[(\d+)\] sig=(\d+)/)).filter(Boolean);
  const sigOf = new Map(funcs.map((m) => [Number(m[1]), Number(m[2])]));
  for (const l of importLines) {
    const m = l.match(/func\[(\d+)\] sig=(\d+)/);
    if (m) sigOf.set(Number(m[1]), Number(m[2]));
  }
  const exports = {};
  for (const l of section('Export')) {
    const m = l.match(/ - (\w+)\[(\d+)\].* -> "(.*)"$/);
    if (!m) continue;
    exports[m[3]] = m[1] === 'func' ? `func ${types[sigOf.get(Number(m[2]))]}` : m[1];
  }
  const mem = section('Memory')[0]?.match(/initial=(\d+)(?: max=(\d+))?/);
  const memory = mem ? { initialPages: Number(mem[1]), maxPages: mem[2] ? Number(mem[2]) : null } : null;
  const globals = section('Global').map((l) => l.replace(/^ - global\[\d+\] /, ''));
  const table = section('Table')[0]?.replace(/^ - table\[\d+\] /, '') ?? null;
  const elemCount = section('Elem').reduce((n, l) => n + Number(l.match(/count=(\d+)/)?.[1] ?? 0), 0);
  const dataSegments = section('Data')
    .map((l) => l.match(/segment\[\d+\](?: <(.*?)>)? .*size=(\d+)(?: - init i32=(\d+))?/))
    .filter(Boolean)
    .map((m) => ({ name: m[1] ?? null, offset: m[3] ? Number(m[3]) : null, size: Number(m[2]) }));

  const histogram = {};
  for (const l of disasm.split('\n')) {
    const m = l.match(/^ [0-9a-f]+: [0-9a-f ]*\| +([a-z0-9_.]+)(?:\s|$)/);
    if (!m) continue;
    if (m[1] === 'end' || m[1] === 'else') continue; // structural, not worth counting
    histogram[m[1]] = (histogram[m[1]] ?? 0) + 1;
  }
  const instructions = Object.fromEntries(Object.entries(histogram).sort(([a], [b]) => (a < b ? -1 : 1)));
  return {
    imports,
    importedFunctions: imports.length,
    functions: funcs.length,
    exports,
    memory,
    globals,
    table: table ? `${table}, ${elemCount} element(s)` : null,
    dataSegments,
    notable: NOTABLE.filter((op) => histogram[op]),
    floatOrSimd: Object.keys(histogram).some((op) => /^(f32|f64|v128|[if]\d+x\d+)[._]/.test(op)),
    instructions,
  };
}

class Mismatch extends Error {}

/** the same contract as v8.ts, in plain JS so that this script needs no TypeScript */
async function runInV8(bytes) {
  let asserts = 0;
  const hex = (v, bits) => `0x${BigInt.asUintN(bits, BigInt(v)).toString(16)}`;
  const check = (name, bits) => (got, want) => {
    asserts++;
    if (got !== want) throw new Mismatch(`${name} #${asserts}: got ${hex(got, bits)}, want ${hex(want, bits)}`);
  };
  const { instance } = await WebAssembly.instantiate(bytes, {
    env: { assert_eq: check('assert_eq', 32), assert_eq_i32: check('assert_eq_i32', 32), assert_eq_i64: check('assert_eq_i64', 64) },
  });
  try {
    instance.exports.main();
    return { status: 'pass', asserts };
  } catch (e) {
    if (e instanceof Mismatch) return { status: 'fail', message: e.message, asserts };
    if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError) return { status: 'trap', message: e.message, asserts };
    throw e;
  }
}

function wabtSteps(file) {
  // --trace prints one line per executed instruction of wabt's internal instruction stream
  const r = spawnSync('sh', ['-c', `"$0" --dummy-import-func --trace -r main "$1" 2>&1 | grep -c '^#[0-9]*\\.'`, join(BIN, 'wasm-interp'), file], { encoding: 'utf8' });
  const n = Number.parseInt(r.stdout, 10);
  return Number.isFinite(n) ? n : null;
}

/** JSON with small objects / arrays on one line, and those of plain values packed into lines */
function format(value, indent = '') {
  const flat = JSON.stringify(value);
  if (flat.length + indent.length <= 100 || value === null || typeof value !== 'object') return flat;
  const inner = indent + '  ';
  const items = Array.isArray(value) ? value.map((v) => JSON.stringify(v))
    : Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  if (Object.values(value).every((v) => v === null || typeof v !== 'object')) {
    const rows = [''];
    for (const item of items) {
      if (rows.at(-1) && inner.length + rows.at(-1).length + item.length + 2 > 100) rows.push('');
      rows[rows.length - 1] += (rows.at(-1) ? ' ' : '') + item + ',';
    }
    rows[rows.length - 1] = rows.at(-1).slice(0, -1);
    const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
    return `${open}\n${rows.map((r) => inner + r).join('\n')}\n${indent}${close}`;
  }
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + format(v, inner)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${format(v, inner)}`);
  return `{\n${entries.join(',\n')}\n${indent}}`;
}

const previous = existsSync(OUT_FILE) ? JSON.parse(readFileSync(OUT_FILE, 'utf8')) : {};
const result = {
  about: 'Generated by test/programs/tools/inspect.mjs (run by build.sh). Keys of "modules" are paths under test/programs/.',
  clang: process.env.CLANG_VERSION ?? previous.clang ?? null,
  flags: process.env.CLANG_FLAGS ?? previous.flags ?? null,
  modules: {},
};

let bad = 0;
for (const [dir, srcDir] of [['wasm', 'src'], ['wasm-negative', 'negative']]) {
  const files = readdirSync(join(HERE, dir)).filter((f) => f.endsWith('.wasm')).sort();
  for (const f of files) {
    const file = join(HERE, dir, f);
    const [name, opt] = f.replace(/\.wasm$/, '').split('.');
    const source = join(HERE, srcDir, `${name}.c`);
    const bytes = readFileSync(file);
    const info = describe(file);
    if (info.exports.main !== 'func () -> nil') {
      console.error(`inspect.mjs: ${dir}/${f}: no export main: () -> nil (${info.exports.main})`);
      bad++;
    }
    let expect;
    if (srcDir === 'negative') {
      const m = readFileSync(source, 'utf8').match(/^\/\/ EXPECT: (fail|trap)(?: (.*))?$/m);
      if (!m) throw new Error(`${source}: no // EXPECT: line`);
      expect = { status: m[1], message: m[2] ?? null };
    } else {
      expect = { status: 'pass' };
    }
    const run = await runInV8(bytes);
    expect.asserts = run.asserts;
    if (run.status !== expect.status) {
      console.error(`inspect.mjs: ${dir}/${f}: expected ${expect.status}, V8 says ${run.status} ${run.message ?? ''}`);
      bad++;
    }
    result.modules[`${dir}/${f}`] = {
      source: relative(HERE, source),
      opt,
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      expect,
      v8: run.message ? `${run.status}: ${run.message}` : run.status,
      wabtSteps: wabtSteps(file),
      ...info,
    };
  }
}
writeFileSync(OUT_FILE, format(result) + '\n');
console.log(`inspect.mjs: described ${Object.keys(result.modules).length} modules into ${relative(ROOT, OUT_FILE)}`);
if (bad) process.exit(1);
