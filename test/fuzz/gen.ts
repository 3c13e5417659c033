// Random valid integer-only WebAssembly modules (WAT text) for differential testing against V8.
//
// generate({ seed, features }) is a pure function of its options: the same seed and features give
// the same text. The module imports env.assert_eq_i64 (param i64 i64) and exports main: [] -> [].
// main calls the generated functions with interesting constant arguments, folds every result (and
// at the end every mutable global and a few memory words) into an i64 checksum, and finishes with
// `call $assert_eq_i64 (checksum) (i64.const __EXPECTED__)`; v8.ts computes the expected value.
//
// Scaffolding that appears whatever the features (it is needed to make programs valid, bounded or
// observable): i32/i64.const, local.get/set, drop, call from main, i64.xor and i64.extend_i32_u in
// main's checksum, i32.eqz/i32.sub/br/br_if in loop counters (only with 'loops'), i32.and/i32.or/
// i32.eq/eqz/select in guards (division, addresses, indirect-call indexes), i32.shl on memory.size
// for end-of-memory addresses. Feature-specific opcodes appear only with their feature.

import { FuncGen } from './body.js';
import { TRAP_FOCI, badSlot, constText, i32Value, i64Value, randomConst } from './common.js';
import type { FuncInfo, GlobalInfo, ModuleCtx, SegmentInfo, Sig, TrapFocus, ValType } from './common.js';
import { Rng } from './rng.js';

export type Feature =
  | 'i64' | 'arith' | 'divrem' | 'shifts' | 'bits' | 'compare' | 'convert' | 'locals' | 'globals'
  | 'memory' | 'calls' | 'loops' | 'br_table' | 'call_indirect' | 'select' | 'if' | 'block' | 'traps';

export const ALL_FEATURES: readonly Feature[] = [
  'i64', 'arith', 'divrem', 'shifts', 'bits', 'compare', 'convert', 'locals', 'globals', 'memory',
  'calls', 'loops', 'br_table', 'call_indirect', 'select', 'if', 'block', 'traps',
];

export interface GenOptions {
  seed: number;
  features: Set<Feature>;
  /** generated functions besides main: 1..maxFuncs (default 6) */
  maxFuncs?: number;
  /** nesting depth of expressions and statements (default 4) */
  maxDepth?: number;
  /** statements per block, at most (default 4) */
  maxStmts?: number;
  /** estimated executed instructions of a whole run, at most (default 40000) */
  budget?: number;
  /** with 'traps': fraction of modules that get (one family of) trapping constructs (default 0.15) */
  trapModules?: number;
  /** with 'traps': multiplier of the per-opportunity rates of trapping constructs (default 1) */
  trapRate?: number;
}

export interface Generated {
  wat: string;
  /** the features that actually occur in the text (a subset of the requested ones) */
  features: Set<Feature>;
  /** estimated upper bound of executed instructions (both arms of every if, full loop trips) */
  cost: number;
}

/** The literal that stands for the expected checksum until v8.ts's finalize() replaces it. */
export const PLACEHOLDER = '__EXPECTED__';

/** The feature a family of trapping constructs needs besides 'traps'. */
const TRAP_FEATURE: Record<TrapFocus, Feature> = {
  unreachable: 'traps', divide: 'divrem', overflow: 'divrem', memory: 'memory', bulk: 'memory', indirect: 'call_indirect',
};
/** Per-opportunity rates, inversely to how many opportunities each family has. */
const TRAP_RATE: Record<TrapFocus, number> = {
  unreachable: 0.01, divide: 0.4, overflow: 0.15, memory: 0.03, bulk: 0.3, indirect: 0.6,
};

/** Function bodies over this estimated cost are regenerated shallower. */
const FUNC_CAP_SHARE = 0.2;

export function generate(opts: GenOptions): Generated {
  const rng = new Rng(opts.seed);
  const enabled = opts.features;
  const used = new Set<Feature>();
  const budget = opts.budget ?? 40000;
  const maxDepth = opts.maxDepth ?? 4;
  const has = (f: Feature): boolean => enabled.has(f);
  const valTypes: ValType[] = has('i64') ? ['i32', 'i64'] : ['i32'];
  // at most one family of trapping constructs per module, each with its own rate per opportunity
  const foci = TRAP_FOCI.filter((k) => has(TRAP_FEATURE[k]));
  const trapKind = has('traps') && foci.length && rng.chance(opts.trapModules ?? 0.15) ? rng.pick(foci) : undefined;
  const trapP = trapKind ? (opts.trapRate ?? 1) * TRAP_RATE[trapKind] : 0;

  // ---- signatures and functions (calls go only to higher indexes: no recursion but self-calls)
  const nFuncs = rng.range(1, opts.maxFuncs ?? 6);
  const types: { name: string; sig: Sig }[] = [];
  const typeOf = (sig: Sig): string => {
    const key = JSON.stringify(sig);
    let t = types.find((x) => JSON.stringify(x.sig) === key);
    if (!t) types.push((t = { name: `$t${types.length}`, sig }));
    return t.name;
  };
  const someTypes = (min: number, max: number): ValType[] =>
    Array.from({ length: rng.range(min, max) }, () => rng.pick(valTypes));
  const funcs: FuncInfo[] = [];
  for (let i = 0; i < nFuncs; i++) {
    // reuse an earlier signature now and then, so call_indirect finds several candidates
    const recursive = has('calls') && rng.chance(0.25);
    let sig: Sig = funcs.length && rng.chance(0.3) ? rng.pick(funcs).sig : {
      params: someTypes(0, 4),
      results: someTypes(0, has('block') ? 3 : 1), // multi-value results with 'block'
    };
    if (recursive && sig.params[0] !== 'i32') sig = { params: ['i32', ...sig.params], results: sig.results };
    funcs.push({ name: `$f${i}`, sig, typeName: typeOf(sig), cost: 0, recursive });
  }

  // ---- globals
  const globals: GlobalInfo[] = [];
  if (has('globals')) {
    for (let i = rng.range(1, 4); i > 0; i--) {
      globals.push({ name: `$g${globals.length}`, type: rng.pick(valTypes), mutable: rng.chance(0.75) });
    }
  }

  // ---- memory: 1 page initially, at most 3; active and passive data segments
  const memory = has('memory');
  const passive: SegmentInfo[] = [];
  const dataLines: string[] = [];
  if (memory) {
    for (let i = rng.range(0, 3); i > 0; i--) {
      const bytes = randomBytes(rng, rng.range(1, 24));
      const at = rng.pick([0, 1, 8, rng.int(0x8000), 0x7ff8, 65536 - bytes.length]);
      dataLines.push(`(data (i32.const ${at}) "${escape(bytes)}")`);
    }
    for (let i = rng.range(0, 3); i > 0; i--) {
      const bytes = randomBytes(rng, rng.range(0, 20));
      const s = { name: `$d${passive.length}`, length: bytes.length, droppable: rng.chance(0.4) };
      passive.push(s);
      dataLines.push(`(data ${s.name} "${escape(bytes)}")`);
    }
  }

  // ---- table: runs of functions separated by null slots, null slots at the end
  const table: (number | null)[] = [];
  const elemLines: string[] = [];
  if (has('call_indirect')) {
    const n = rng.range(nFuncs, 2 * nFuncs + 2);
    for (let i = 0; i < n; i++) table.push(rng.chance(0.2) ? null : rng.int(nFuncs));
    for (let i = rng.range(0, 2); i > 0; i--) table.push(null);
    const modern = rng.chance(0.3); // `funcref (ref.func …) (ref.null func)` elements, nulls inline
    for (let i = 0; i < table.length;) {
      if (table[i] === null) { i++; continue; }
      let j = i;
      while (j < table.length && (table[j] !== null || (modern && j + 1 < table.length && table[j + 1] !== null))) j++;
      const items = table.slice(i, j).map((f) => (f === null ? '(ref.null func)' : modern ? `(ref.func ${funcs[f].name})` : funcs[f].name));
      elemLines.push(`(elem (i32.const ${i}) ${modern ? 'funcref ' : ''}${items.join(' ')})`);
      i = j;
    }
  }

  const m: ModuleCtx = {
    rng, has, use: (f) => used.add(f), valTypes, funcs, globals, memory, passive, table, trapKind, trapP,
    maxStmts: opts.maxStmts ?? 4,
  };

  // ---- function bodies, highest index first so that callee costs are known
  const funcCap = budget * FUNC_CAP_SHARE;
  const bodies: string[][] = [];
  for (let i = nFuncs - 1; i >= 0; i--) {
    const f = funcs[i];
    const cap = f.recursive ? funcCap / 8 : funcCap;
    let gen: FuncGen | undefined;
    for (let depth = maxDepth; depth >= 0; depth--) {
      const snapshot = new Set(used);
      gen = genFunc(m, i, cap, depth);
      if (gen.cost <= cap || depth === 0) break;
      used.clear(), snapshot.forEach((x) => used.add(x)); // the discarded attempt uses nothing
    }
    f.cost = (gen!.cost + 2) * (f.recursive ? 8 : 1); // + entry and return
    const params = f.sig.params.map((t, k) => `(param ${f.recursive && k === 0 ? '$d' : `$p${k}`} ${t})`);
    const results = f.sig.results.map((t) => `(result ${t})`);
    bodies[i] = [
      `(func ${f.name} (type ${f.typeName}) ${[...params, ...results].join(' ')}`.trimEnd(),
      ...gen!.localDecls().map((d) => `  ${d}`),
      ...gen!.lines,
      ')',
    ];
  }

  // ---- main
  const main = genMain(m, budget);

  const lines = ['(module'];
  for (const t of types) lines.push(`  (type ${t.name} (func${sigText(t.sig)}))`);
  lines.push('  (import "env" "assert_eq_i64" (func $assert_eq_i64 (param i64 i64)))');
  if (table.length) lines.push(`  (table $tab ${table.length} funcref)`);
  if (memory) lines.push('  (memory $mem 1 3)');
  const globalLines = globals.map((g) => {
    const init = constText(rng, g.type, g.type === 'i32' ? i32Value(rng) : i64Value(rng));
    return `(global ${g.name} ${g.mutable ? `(mut ${g.type})` : g.type} (${init}))`;
  });
  for (const l of globalLines) lines.push(`  ${l}`);
  for (const b of bodies) lines.push(...b.map((l) => `  ${l}`));
  lines.push(...main.lines.map((l) => `  ${l}`));
  for (const l of [...elemLines, ...dataLines]) lines.push(`  ${l}`);
  lines.push(')');
  // i64 outside main's checksum: in a signature, a global, a local or an instruction of a function
  if (has('i64') && [...globalLines, ...bodies.flat()].some((l) => /\bi64\b/.test(l))) used.add('i64');
  return { wat: lines.join('\n') + '\n', features: used, cost: main.cost };
}

function genFunc(m: ModuleCtx, i: number, cap: number, depth: number): FuncGen {
  const f = m.funcs[i];
  const g = new FuncGen(m, i, cap);
  f.sig.params.forEach((t, k) => g.addParam(f.recursive && k === 0 ? '$d' : `$p${k}`, t, !(f.recursive && k === 0)));
  if (m.has('locals')) {
    for (let k = m.rng.range(0, 4); k > 0; k--) g.newLocal(m.rng.pick(m.valTypes), true);
  }
  if (f.recursive) g.emit('local.get $d'), g.emit('i32.const 7'), g.emit('i32.and'), g.emit('local.set $d');
  const n = m.rng.range(1, m.maxStmts + 1);
  const selfAt = f.recursive ? m.rng.int(n + 1) : -1;
  for (let k = 0; k <= n; k++) {
    if (k === selfAt) g.selfCall(depth);
    if (k < n) g.stmt(depth);
  }
  g.exprs(f.sig.results, depth);
  return g;
}

/**
 * main: calls each function (in random order, then some more at random) while the estimated cost
 * fits the budget, with constant arguments; folds every result into $cs; then folds the mutable
 * globals, some memory and memory.size, and asserts.
 */
function genMain(m: ModuleCtx, budget: number): { lines: string[]; cost: number } {
  const { rng, funcs } = m;
  const lines: string[] = [];
  let cost = 0; // one per instruction emitted, plus the callees' costs
  const emit = (s: string): void => void (lines.push(`  ${s}`), cost++);
  const FOLD = 9; // instructions of one fold, at most
  const tail = (m.globals.length + 4) * (FOLD + 2) + 3; // the final folds and the assert
  const fold = (t: ValType): void => {
    if (t === 'i32') emit('i64.extend_i32_u');
    emit('local.set $v');
    emit('local.get $cs');
    if (m.has('bits')) m.use('bits'), emit('i64.const 7'), emit('i64.rotl');
    else if (m.has('arith')) m.use('arith'), emit('i64.const 0x100000001b3'), emit('i64.mul');
    else if (m.has('shifts')) m.use('shifts'), emit('i64.const 1'), emit('i64.shl');
    emit('local.get $v');
    emit(m.has('arith') && !m.has('bits') ? 'i64.add' : 'i64.xor');
    emit('local.set $cs');
  };
  const order = funcs.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  for (let k = rng.range(0, funcs.length); k > 0; k--) order.push(rng.int(funcs.length));
  lines.push('(func $main (export "main") (local $cs i64) (local $v i64)');
  emit(randomConst(rng, 'i64')), emit('local.set $cs');
  for (const i of order) {
    const f = funcs[i];
    if (cost + f.cost + f.sig.params.length + 2 + FOLD * f.sig.results.length + tail > budget) continue;
    cost += f.cost;
    for (const t of f.sig.params) emit(randomConst(rng, t));
    const slot = m.table.findIndex((x) => x === i);
    const bad = m.trapKind === 'indirect' && rng.chance(m.trapP / 2) ? badSlot(m, f) : undefined;
    if (bad !== undefined) {
      m.use('call_indirect'), m.use('traps');
      emit(`i32.const ${bad}`), emit(`call_indirect (type ${f.typeName})`);
    } else if (slot >= 0 && rng.chance(0.3)) {
      m.use('call_indirect');
      emit(`i32.const ${slot}`), emit(`call_indirect (type ${f.typeName})`);
    } else emit(`call ${f.name}`);
    for (let r = f.sig.results.length - 1; r >= 0; r--) fold(f.sig.results[r]);
  }
  for (const g of m.globals) if (g.mutable) emit(`global.get ${g.name}`), fold(g.type);
  if (m.memory) {
    emit('memory.size'), fold('i32');
    for (let k = rng.range(1, 4); k > 0; k--) {
      emit(`i32.const ${rng.pick([0, 8, rng.int(0x8000) & ~7, 0x7ff8, 0xfff8])}`), emit('i64.load'), fold('i64');
    }
  }
  emit('local.get $cs');
  emit(`i64.const ${PLACEHOLDER}`);
  emit('call $assert_eq_i64');
  lines.push(')');
  return { lines, cost };
}

function sigText(sig: Sig): string {
  return [...sig.params.map((t) => ` (param ${t})`), ...sig.results.map((t) => ` (result ${t})`)].join('');
}

function randomBytes(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => (rng.chance(0.3) ? rng.pick([0, 0xff, 0x80, 0x7f]) : rng.int(256)));
}

/** A WAT string literal body: every byte as \hh. */
function escape(bytes: number[]): string {
  return bytes.map((b) => `\\${b.toString(16).padStart(2, '0')}`).join('');
}
