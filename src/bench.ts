// `npm run bench`: per program, steps and secondary-machine operations, compile and execute
// times, executor throughput, and the time V8's baseline compiler (Liftoff, no tier-up) takes
// to run the same .wasm, with NEAR's published step counts beside ours; then the mean steps of
// every float instruction (float-bench.ts) beside issue 10's targets.

import { spawnSync } from 'node:child_process';
import { basename } from 'node:path';
import { compileWasm, runZkasm, zkasmNameFor } from './compile.js';
import { loadWasm } from './wasm/load.js';
import { floatStepTable, type FloatOp } from './float-bench.js';
import { cellsTable, readBaseline, recordBaseline, CELLS_BASELINE } from './cells-bench.js';

const NEAR_STEPS: Record<string, number> = {
  'fibonacci_handwritten_wat.wat': 140_024,
  'fibonacci_from_rust.wat': 48_026,
  'sha256_from_rust.wat': 27_403,
};

const PROGRAMS = [
  'golden/m1/add.wat',
  'golden/m2/counter.wat',
  'golden/m3/fib.wat',
  'golden/m3/calls.wat',
  '../shared/bench/near/fibonacci_handwritten_wat.wat',
  '../shared/bench/near/fibonacci_from_rust.wat',
  '../shared/bench/near/sha256_from_rust.wat',
  'bench/loop.wat',
];

/** Runs the .wasm in a child `node --liftoff --no-wasm-tier-up` and returns its run time in ms. */
function liftoffMs(bytes: Uint8Array, entry: string | undefined): number | undefined {
  const script = `
    const bytes = Buffer.from(process.argv[1], 'base64');
    const ok = (a, b) => { if (a !== b) throw new Error('assert ' + a + ' != ' + b); };
    const env = { assert_eq: ok, assert_eq_i32: ok, assert_eq_i64: ok };
    const m = new WebAssembly.Module(bytes);
    const t0 = process.hrtime.bigint();
    const inst = new WebAssembly.Instance(m, { env });
    const f = inst.exports[${JSON.stringify(entry ?? 'main')}];
    if (typeof f === 'function') f();
    console.log(Number(process.hrtime.bigint() - t0) / 1e6);`;
  const r = spawnSync(process.execPath, ['--liftoff', '--no-wasm-tier-up', '-e', script, Buffer.from(bytes).toString('base64')], { encoding: 'utf8' });
  return r.status === 0 ? Number.parseFloat(r.stdout) : undefined;
}

async function main(): Promise<void> {
  if (process.argv.includes('--record-cells')) {
    recordBaseline(await cellsTable(PROGRAMS));
    console.log(`wrote ${CELLS_BASELINE}`);
    return;
  }
  const rows: string[][] = [['program', 'steps', 'NEAR steps', 'binary', 'arith', 'mem', 'compile ms', 'exec ms', 'steps/s', 'liftoff ms']];
  for (const path of PROGRAMS) {
    const name = basename(path);
    try {
      const t0 = performance.now();
      const input = await loadWasm(path);
      const compiled = compileWasm(input);
      const t1 = performance.now();
      const { result } = runZkasm(compiled.zkasm, zkasmNameFor(path));
      const t2 = performance.now();
      // throughput: execution alone (parse and assemble excluded), best of 3
      let best = Infinity;
      for (let k = 0; k < 3; k++) {
        const s = performance.now();
        runZkasm(compiled.zkasm, zkasmNameFor(path));
        best = Math.min(best, performance.now() - s);
      }
      const lift = liftoffMs(input.bytes, undefined);
      rows.push([name, `${result.steps}${result.status === 'pass' ? '' : ' FAIL'}`, String(NEAR_STEPS[name] ?? ''),
        String(result.counters.binary), String(result.counters.arith), String(result.counters.mem),
        (t1 - t0).toFixed(1), (t2 - t1).toFixed(1), Math.round(result.steps / (best / 1000)).toLocaleString('en-US'),
        lift === undefined ? '' : lift.toFixed(3)]);
    } catch (e) {
      rows.push([name, `error: ${(e as Error).message.split('\n')[0]}`]);
    }
  }
  printTable(rows);
  await printCells();
  console.log('\nfloat instructions: mean steps per execution (random bits / typical operands), issue 10 targets');
  const floats: string[][] = [['instruction', 'random', 'typical', 'target']];
  for (const r of await floatStepTable()) {
    floats.push([r.op.name, r.random === undefined ? '' : r.random.toFixed(1), r.typical.toFixed(1), String(floatTarget(r.op) ?? '')]);
  }
  printTable(floats);
}

/** Committed cells per WASM instruction now and in the recorded baseline (issue 11). */
async function printCells(): Promise<void> {
  console.log(`\ncommitted cells (N × committed columns) per executed WASM instruction (counted in V8); before: ${CELLS_BASELINE}`);
  const before = readBaseline();
  const rows: string[][] = [['program', 'wasm instrs', 'steps', 'steps/instr', 'N', 'columns', 'cells/instr before', 'cells/instr', 'before/now']];
  for (const r of await cellsTable(PROGRAMS)) {
    const b = before.get(r.program);
    rows.push([r.program, r.wasmInstructions.toLocaleString('en-US'), r.steps.toLocaleString('en-US'), (r.steps / r.wasmInstructions).toFixed(2),
      `2^${r.nBits}`, String(r.committedColumns), b ? b.cellsPerInstruction.toFixed(1) : '', r.cellsPerInstruction.toFixed(1),
      b ? (b.cellsPerInstruction / r.cellsPerInstruction).toFixed(2) : '']);
  }
  printTable(rows);
}

/** Issue 10's target for an instruction (f32 as f64), if it has one. */
function floatTarget(op: FloatOp): number | undefined {
  const what = op.name.slice(op.name.indexOf('.') + 1);
  if (['add', 'sub', 'mul'].includes(what)) return 60;
  if (['div', 'sqrt'].includes(what)) return 150;
  if (['eq', 'ne', 'lt', 'gt', 'le', 'ge'].includes(what)) return 15;
  if (/^(convert|trunc|demote|promote)_/.test(what)) return 40;
  return undefined;
}

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  for (const r of rows) console.log(r.map((x, c) => (x ?? '').padStart(widths[c]!)).join('  '));
}

await main();
