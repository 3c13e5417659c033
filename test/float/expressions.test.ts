// Random float expressions through the whole compiler against V8: trees of every f32/f64
// instruction (arithmetic, rounding, min/max, abs/neg/copysign, comparisons, promote/demote, the
// conversions both ways, trapping and saturating), their leaves read from the input tape as bit
// patterns — special values (zeros, subnormals, boundaries of the integer ranges, infinities,
// NaNs with payloads) or random bits. Each expression's value is an output; a trap ends the run.
//
// Compared: outputs bit for bit, except that a NaN is compared by class (V8 NaN ⇔ our NaN: V8
// propagates an operand's payload and sign where we give the canonical NaN, both allowed by the
// spec); trapped or not, and the trap's kind. Where the spec lets engines differ — a NaN's sign
// and payload — the generator keeps computed values away from what would show them: the sign
// operand of copysign and every reinterpret take only leaves.
//
// FLOAT_EXPR_PROGRAMS=2000 FLOAT_EXPR_SEED=k npx vitest run test/float/expressions.test.ts is the
// long run.
import { describe, expect, it } from 'vitest';
import { Rng } from '../fuzz/rng.js';
import { watToWasm } from '../../src/wasm/wat.js';
import { loadWasmBytes } from '../../src/wasm/load.js';
import { compileWasm, runRom } from '../../src/compile.js';
import { isNaNBits } from '../../src/wasm/float-bits.js';
import { MAX_OUTPUTS_LIMIT } from '../../src/abi.js';
import { maskOf, randoms, specials, type Num } from './operands.js';

const PROGRAMS = Number(process.env['FLOAT_EXPR_PROGRAMS'] ?? 100);
const SEED = Number(process.env['FLOAT_EXPR_SEED'] ?? 1);
const EXPRESSIONS = 8;
const MAX_DEPTH = 4;

type Float = 'f32' | 'f64';
type Int = 'i32' | 'i64';
const other = (t: Float): Float => (t === 'f32' ? 'f64' : 'f32');

/** One program: its text, the type of each leaf in tape order, and of each output. */
interface Program { wat: string; leaves: Num[]; outputs: Num[] }

class Gen {
  readonly leaves: Num[] = [];
  constructor(private readonly r: Rng) {}

  private pick<T>(xs: readonly T[]): T { return xs[this.r.int(xs.length)]!; }

  /** a value of type t from the tape */
  leaf(t: Num): string {
    this.leaves.push(t);
    const read = t === 'i32' || t === 'f32' ? '(i32.wrap_i64 (call $in))' : '(call $in)';
    return t === 'f32' ? `(f32.reinterpret_i32 ${read})` : t === 'f64' ? `(f64.reinterpret_i64 ${read})` : read;
  }

  float(t: Float, depth: number): string {
    if (depth === 0 || this.r.int(5) === 0) return this.leaf(t);
    const d = depth - 1;
    switch (this.r.int(7)) {
      case 0: case 1: return `(${t}.${this.pick(['add', 'sub', 'mul', 'div', 'min', 'max'])} ${this.float(t, d)} ${this.float(t, d)})`;
      case 2: return `(${t}.${this.pick(['sqrt', 'ceil', 'floor', 'trunc', 'nearest', 'abs', 'neg'])} ${this.float(t, d)})`;
      case 3: return `(${t}.copysign ${this.float(t, d)} ${this.leaf(t)})`; // a computed sign operand could show a NaN's sign
      case 4: return t === 'f64' ? `(f64.promote_f32 ${this.float('f32', d)})` : `(f32.demote_f64 ${this.float('f64', d)})`;
      case 5: {
        const i = this.pick(['i32', 'i64'] as const);
        return `(${t}.convert_${i}_${this.pick(['s', 'u'])} ${this.int(i, d)})`;
      }
      default: return `(select ${this.float(t, d)} ${this.float(t, d)} ${this.int('i32', d)})`;
    }
  }

  int(i: Int, depth: number): string {
    if (depth === 0 || this.r.int(4) === 0) return this.leaf(i);
    const d = depth - 1;
    const f = this.pick(['f32', 'f64'] as const);
    switch (this.r.int(8)) {
      case 0: case 1: case 2: return `(${i}.trunc_sat_${f}_${this.pick(['s', 'u'])} ${this.float(f, d)})`;
      // traps on NaN or out of range (rarer, or few runs would get far)
      case 3: return `(${i}.trunc_${f}_${this.pick(['s', 'u'])} ${this.float(f, d)})`;
      case 4: case 5: case 6: {
        const cmp = `(${f}.${this.pick(['eq', 'ne', 'lt', 'gt', 'le', 'ge'])} ${this.float(f, d)} ${this.float(f, d)})`;
        return i === 'i32' ? cmp : `(i64.extend_i32_u ${cmp})`;
      }
      default: {
        // a float's bits: only a leaf's (a computed NaN's bits are the engine's)
        const t = i === 'i32' ? 'f32' : 'f64';
        return `(${i}.reinterpret_${t} (${t}.${this.pick(['abs', 'neg'])} ${this.leaf(t)}))`;
      }
    }
  }
}

function generate(seed: number): Program {
  const r = new Rng(seed);
  const g = new Gen(r);
  const outputs: Num[] = [];
  const body: string[] = [];
  for (let k = 0; k < EXPRESSIONS; k++) {
    const t = (['f32', 'f64', 'i32', 'i64'] as const)[r.int(4)]!;
    outputs.push(t);
    const e = t === 'f32' || t === 'f64' ? g.float(t, MAX_DEPTH) : g.int(t, MAX_DEPTH);
    const bits = t === 'f32' ? `(i64.extend_i32_u (i32.reinterpret_f32 ${e}))` : t === 'f64' ? `(i64.reinterpret_f64 ${e})`
      : t === 'i32' ? `(i64.extend_i32_u ${e})` : e;
    body.push(`(call $out ${bits})`);
  }
  const wat = `(module
  (import "env" "input_i64" (func $in (result i64)))
  (import "env" "output_i64" (func $out (param i64)))
  (func (export "main")
    ${body.join('\n    ')}))`;
  return { wat, leaves: g.leaves, outputs };
}

/** A tape for the leaves: half special values, half random bits. */
function tapeFor(leaves: Num[], seed: number): bigint[] {
  const r = new Rng(seed ^ 0x5bd1e995);
  return leaves.map((t) => {
    if (r.int(2) === 0) {
      const s = specials(t);
      return s[r.int(s.length)]!;
    }
    return randoms(t, 1, r.u64() | 1n)[0]! & maskOf(t);
  });
}

type Outcome = { outputs: bigint[]; trap?: string };

async function runV8(bytes: Uint8Array, tape: bigint[]): Promise<Outcome> {
  let k = 0;
  const outputs: bigint[] = [];
  const env = {
    input_i64: () => BigInt.asIntN(64, tape[k++]!),
    output_i64: (x: bigint) => outputs.push(BigInt.asUintN(64, x)),
  };
  const { instance } = await WebAssembly.instantiate(bytes as Uint8Array<ArrayBuffer>, { env });
  try {
    (instance.exports['main'] as () => void)();
    return { outputs };
  } catch (e) {
    if (!(e instanceof WebAssembly.RuntimeError)) throw e;
    return { outputs, trap: e.message };
  }
}

/** V8's trap message → our kind; a float-to-int trap is invalid conversion for a NaN only, which V8's message does not say. */
const V8_TRAPS: Record<string, string[]> = {
  'float unrepresentable in integer range': ['invalid conversion to integer', 'integer overflow'],
};

interface OurOutcome { status: 'pass' | 'fail' | 'trap'; trapKind?: string; failure?: string; outputs: bigint[] }

/** undefined when ours agrees with V8's outcome, else what differs. */
function compare(outputTypes: Num[], want: Outcome, ours: OurOutcome): string | undefined {
  if (ours.status === 'fail') return `our run failed: ${ours.failure}`;
  if (want.trap !== undefined) {
    const kinds = V8_TRAPS[want.trap] ?? [want.trap];
    if (ours.status !== 'trap' || !kinds.includes(ours.trapKind!)) return `V8 trapped (${want.trap}), ours ${ours.status}${ours.trapKind ? ` (${ours.trapKind})` : ''}`;
  } else if (ours.status !== 'pass') {
    return `V8 ran, ours trapped (${ours.trapKind})`;
  }
  if (ours.outputs.length !== want.outputs.length) return `${ours.outputs.length} outputs, V8 ${want.outputs.length}`;
  for (const [k, v] of want.outputs.entries()) {
    const t = outputTypes[k]!;
    const got = ours.outputs[k]!;
    const same = (t === 'f32' || t === 'f64') && isNaNBits(t, v) ? isNaNBits(t, got) : got === v;
    if (!same) return `output ${k} (${t}): V8 0x${v.toString(16)}, ours 0x${got.toString(16)}`;
  }
  return undefined;
}

const stats = { programs: 0, outputs: 0, trapped: 0, nanOutputs: 0, steps: 0 };

async function check(seed: number): Promise<string | undefined> {
  const p = generate(seed);
  const tape = tapeFor(p.leaves, seed);
  const bytes = await watToWasm(p.wat, `expr${seed}.wat`);
  const want = await runV8(bytes, tape);
  const r = runRom(compileWasm(await loadWasmBytes(bytes, `expr${seed}.wat`), { maxOutputs: MAX_OUTPUTS_LIMIT }).rom, { inputs: tape });
  const ours: OurOutcome = { status: r.status, outputs: r.outputs };
  if (r.trap) ours.trapKind = r.trap.kind;
  if (r.result.failure) ours.failure = r.result.failure.message;
  const problem = compare(p.outputs, want, ours);
  stats.programs++;
  stats.outputs += want.outputs.length;
  stats.trapped += want.trap === undefined ? 0 : 1;
  stats.nanOutputs += want.outputs.filter((v, k) => { const t = p.outputs[k]!; return (t === 'f32' || t === 'f64') && isNaNBits(t, v); }).length;
  stats.steps += r.result.steps;
  return problem && `seed ${seed}: ${problem}\n${p.wat}\ntape ${tape.map((x) => `0x${x.toString(16)}`).join(' ')}`;
}

describe(`random float expressions against V8 (${PROGRAMS} programs of ${EXPRESSIONS}, seed ${SEED})`, () => {
  it('agree, NaN by class', async () => {
    const bad: string[] = [];
    for (let s = SEED; s < SEED + PROGRAMS; s++) {
      const problem = await check(s);
      if (problem) bad.push(problem);
    }
    console.log(`float expressions: ${stats.programs} programs, ${stats.outputs} outputs compared (${stats.nanOutputs} NaNs), `
      + `${stats.trapped} runs trapped as V8's did, ${stats.steps} steps`);
    expect(bad.slice(0, 3)).toEqual([]);
    // the runs do get somewhere: most outputs are reached, and some runs trap
    expect(stats.outputs).toBeGreaterThan(PROGRAMS * EXPRESSIONS / 2);
    expect(stats.trapped).toBeGreaterThan(0);
  }, 600_000);

  it('the comparison catches a wrong bit, a number for a NaN, a NaN for a number and a wrong trap', () => {
    const types: Num[] = ['f64', 'i32'];
    const want: Outcome = { outputs: [0x3ff0000000000001n, 5n] };
    expect(compare(types, want, { status: 'pass', outputs: [0x3ff0000000000001n, 5n] })).toBeUndefined();
    expect(compare(types, want, { status: 'pass', outputs: [0x3ff0000000000000n, 5n] })).toMatch(/output 0 \(f64\)/);
    expect(compare(types, want, { status: 'pass', outputs: [0x3ff0000000000001n, 4n] })).toMatch(/output 1 \(i32\)/);
    expect(compare(types, want, { status: 'pass', outputs: [0x7ff8000000000000n, 5n] })).toMatch(/output 0/);
    // V8's NaN with a payload and the sign set, ours canonical: the same class
    const nan: Outcome = { outputs: [0xfff8000000000123n, 5n] };
    expect(compare(types, nan, { status: 'pass', outputs: [0x7ff8000000000000n, 5n] })).toBeUndefined();
    expect(compare(types, nan, { status: 'pass', outputs: [0x7ff0000000000000n, 5n] })).toMatch(/output 0/);
    const trapped: Outcome = { outputs: [], trap: 'float unrepresentable in integer range' };
    expect(compare(types, trapped, { status: 'trap', trapKind: 'integer overflow', outputs: [] })).toBeUndefined();
    expect(compare(types, trapped, { status: 'trap', trapKind: 'unreachable', outputs: [] })).toMatch(/V8 trapped/);
    expect(compare(types, trapped, { status: 'pass', outputs: [] })).toMatch(/V8 trapped/);
  });
});
