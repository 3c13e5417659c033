// The spec runner: every module of a .wast script is compiled once, with an entry label per
// invocation that uses it; its instance (memory, globals, tables) lives in one machine memory
// that each invocation's run continues from, as WebAssembly instances do. Assertions on values
// and traps compare the program's result words and status; assert_invalid / assert_malformed
// ask our loader (decoder + validator) to refuse the module. Floating point, SIMD and reference
// values, and modules only newer proposals make valid, are counted as skipped, with the reason.

import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseWast } from './parse.js';
import type { Action, WastCommand, WastModule, WastScript, WastValue } from './script.js';
import { watToWasm } from '../wasm/wat.js';
import { loadWasmBytes, type LoadedWasm } from '../wasm/load.js';
import { compileWasm, runRom, type RunResult } from '../compile.js';
import { invocationLabel, type Invocation } from '../backend/program.js';
import { reachableFunctions } from '../ir/module.js';
import { funcName } from '../wasm/names.js';
import { isArithmeticNaN, isCanonicalNaN } from '../wasm/float-bits.js';
import { PagedMemory } from '../machine/memory.js';
import { ABI_VARS, readVar } from '../abi.js';
import { isW2zError } from '../diagnostics.js';
import { repairModuleText } from './repair.js';
import type { Rom } from '../zkasm/rom.js';
import type { IrGlobal } from '../ir/ir.js';

export interface SpecReport {
  file: string;
  passed: number;
  failed: number;
  skipped: number;
  failures: { line: number; message: string }[];
  /** reason → count */
  skips: Record<string, number>;
  ms: number;
}

const MAX_STEPS_PER_INVOCATION = 20_000_000;

/**
 * wabt's complaints about modules a newer proposal makes valid (multiple memories, extended
 * constant expressions, GC's globals in initializers, syntax it does not know): skipped. Any
 * other reason a module does not load makes its assertions fail.
 */
const NEWER_PROPOSAL = /Specifying memory variable is not allowed|only one memory block allowed|not valid in initializer expression|initializer expression can only reference an imported global|unexpected token|opcode not allowed/;

interface Instance {
  rom: Rom;
  /** exported immutable integer globals, for modules that import them after a `register` */
  globals: Map<string, IrGlobal>;
  memory: PagedMemory;
  /** invocation index per command (by the command object) */
  entries: Map<Action, number>;
  /** command → why it cannot run here */
  skipped: Map<Action, string>;
  /** command → what is wrong with the script's action (it fails) */
  scriptErrors: Map<Action, string>;
  /** command → the result types of the function it invokes */
  resultTypes: Map<Action, readonly string[]>;
  /** names of the functions compiled as a trap (SIMD/reference code only a table reaches) */
  stubbed: Set<string>;
  /** set once a bare action (run for its effect on the state) was skipped: what follows cannot be trusted */
  unknownState?: string;
}

export async function runWastFile(path: string): Promise<SpecReport> {
  const t0 = performance.now();
  const script = parseWast(await readFile(path, 'utf8'), basename(path));
  const report: SpecReport = { file: basename(path), passed: 0, failed: 0, skipped: 0, failures: [], skips: {}, ms: 0 };
  await new Runner(script, report).run();
  report.ms = Math.round(performance.now() - t0);
  return report;
}

class Runner {
  private current: Instance | string | undefined;
  private readonly named = new Map<string, Instance | string>();
  private readonly registered = new Set<string>();
  private readonly linked = new Map<string, IrGlobal>();

  constructor(private readonly script: WastScript, private readonly report: SpecReport) {}

  private pass(): void { this.report.passed++; }
  private fail(line: number, message: string): void {
    this.report.failed++;
    this.report.failures.push({ line, message });
  }
  private skip(reason: string): void {
    this.report.skipped++;
    this.report.skips[reason] = (this.report.skips[reason] ?? 0) + 1;
  }

  async run(): Promise<void> {
    const cmds = this.script.commands;
    for (let k = 0; k < cmds.length; k++) {
      const c = cmds[k]!;
      switch (c.kind) {
        case 'module': {
          if (c.definition) { await this.checkValid(c); break; }
          const inst = await this.instantiate(c, this.actionsFor(c, k));
          this.current = inst;
          if (c.name) this.named.set(c.name, inst);
          break;
        }
        case 'register': {
          // immutable globals link; anything else an importer needs does not resolve (skipped)
          this.registered.add(c.as);
          const inst = c.module !== undefined ? this.named.get(c.module) : this.current;
          if (inst && typeof inst !== 'string') for (const [n, g] of inst.globals) this.linked.set(`${c.as}.${n}`, g);
          break;
        }
        case 'action':
          await this.action(c.action, c.line, null);
          break;
        case 'assert_return':
          await this.action(c.action, c.line, c.alternatives ?? [c.expected]);
          break;
        case 'assert_trap':
          if (c.module) await this.assertModuleTrap(c.module, c.message, c.line);
          else await this.action(c.action!, c.line, { trap: c.message });
          break;
        case 'assert_exhaustion':
          await this.action(c.action, c.line, { trap: 'call stack exhausted' });
          break;
        case 'assert_invalid':
        case 'assert_malformed':
        case 'assert_unlinkable':
        case 'assert_uninstantiable':
          await this.assertRejected(c.module, c.kind, c.line);
          break;
      }
    }
  }

  /** The actions later commands run on module `m` (the one at command index k). */
  private actionsFor(m: WastModule, k: number): Action[] {
    const out: Action[] = [];
    const cmds = this.script.commands;
    let latest = true;
    for (let j = k + 1; j < cmds.length; j++) {
      const c = cmds[j]!;
      if (c.kind === 'module' && !c.definition) latest = false;
      const a = actionOf(c);
      if (!a) continue;
      if (a.module !== undefined ? a.module === m.name : latest) out.push(a);
    }
    return out;
  }

  private async bytesOf(m: WastModule): Promise<Uint8Array> {
    switch (m.source.kind) {
      case 'binary': return m.source.bytes;
      case 'text': return watToWasm(m.source.text, `${this.report.file}:${m.line}`);
      case 'quote': {
        const t = m.source.text.trim();
        return watToWasm(t.startsWith('(module') ? t : `(module ${t})`, `${this.report.file}:${m.line}`);
      }
    }
  }

  private async load(m: WastModule): Promise<LoadedWasm> {
    return loadWasmBytes(await this.bytesOf(m), `${this.report.file}:${m.line}`);
  }

  private async checkValid(m: WastModule): Promise<void> {
    try { await this.load(m); } catch { /* a definition the tools cannot read is not an assertion */ }
  }

  private async instantiate(m: WastModule, actions: Action[]): Promise<Instance | string> {
    let loaded: LoadedWasm;
    let removed = new Set<string>();
    let proposal = '';
    try {
      loaded = await this.load(m);
    } catch (e) {
      // too deep for wabt: no repair helps (and wabt would not return on it)
      if (isW2zError(e) && e.code === 'W2Z1016') return `module does not compile: ${firstLine(e)}`;
      // only what newer proposals make wabt say is theirs; anything else (a type error…) is a bad script
      if (!NEWER_PROPOSAL.test(firstLine(e))) return `module does not compile: ${firstLine(e)}`;
      // fields a newer proposal makes valid are blanked; the rest of the module still runs
      const fixed = m.source.kind === 'text' ? await repairModuleText(m.source.text) : undefined;
      if (!fixed) return `module not readable by wabt/our decoder (a newer proposal): ${firstLine(e)}`;
      try {
        loaded = await this.load({ ...m, source: { kind: 'text', text: fixed.text } });
      } catch (e2) {
        return `module not readable by wabt/our decoder (a newer proposal): ${firstLine(e2)}`;
      }
      if (process.env.W2Z_DBG) console.error('REPAIRED', firstLine(e));
      removed = fixed.removedExports;
      proposal = fixed.reason;
    }
    const exports = new Map(loaded.module.exports.filter((e) => e.kind === 'func').map((e) => [e.name, e.index]));
    const skipped = new Map<Action, string>();
    const scriptErrors = new Map<Action, string>();
    const resultTypes = new Map<Action, readonly string[]>();
    let usable: { action: Action; inv: Invocation }[] = [];
    for (const a of actions) {
      if (removed.has(a.name)) { skipped.set(a, `function uses a newer proposal (${proposal})`); continue; }
      const problem = actionProblem(a, loaded, exports);
      if (problem && 'skip' in problem) { skipped.set(a, problem.skip); continue; }
      if (problem) { scriptErrors.set(a, problem.fail); continue; }
      resultTypes.set(a, functionType(loaded, exports.get(a.name)!).results);
      usable.push({ action: a, inv: { func: exports.get(a.name)!, args: a.args.map(wordOf) } });
    }
    // functions with SIMD/reference code cannot be compiled: drop the invocations that call them; one
    // that only a table reaches becomes a trap (an invocation that calls it through the table
    // would trap — and fail the assertion, visibly)
    const stubs = new Set<number>();
    for (;;) {
      try {
        const compiled = compileWasm(loaded, { invocations: usable.map((u) => u.inv), host: { spectest: true, globals: this.linked }, stubs });
        const rom = compiled.rom;
        const memory = new PagedMemory();
        const setup = runRom(rom, { memory, maxSteps: MAX_STEPS_PER_INVOCATION });
        if (setup.status !== 'pass') return `instantiation ended with ${setup.status}: ${setup.trap?.kind ?? setup.result.failure?.message}`;
        const globals = new Map(loaded.module.exports.filter((e) => e.kind === 'global' && !compiled.ir.globals[e.index]?.mutable
          && compiled.ir.globals[e.index]).map((e) => [e.name, compiled.ir.globals[e.index]!]));
        const stubbed = new Set([...stubs].map((f) => funcName(loaded.module, f)));
        return { rom, memory, globals, entries: new Map(usable.map((u, i) => [u.action, i])), skipped, scriptErrors, resultTypes, stubbed };
      } catch (e) {
        const f = simdFunction(e);
        const linked = /(import|unknown import) (\S+)\./.exec(firstLine(e))?.[2];
        if (f === undefined && linked !== undefined && this.registered.has(linked)) {
          return `imports from another module (register ${linked}): linking modules is not supported`;
        }
        if (f === undefined) return `module does not compile: ${firstLine(e)}`;
        const before = usable.length;
        usable = usable.filter((u) => {
          const reach = reachableFunctions(loaded.module, [u.inv.func], []);
          if (!reach.includes(f.func)) return true;
          skipped.set(u.action, `SIMD/reference code (${f.what})`);
          return false;
        });
        if (usable.length === before) {
          if (stubs.has(f.func)) return `module does not compile: ${firstLine(e)}`;
          stubs.add(f.func);
        }
      }
    }
  }

  private instanceOf(a: Action): Instance | string | undefined {
    return a.module !== undefined ? this.named.get(a.module) : this.current;
  }

  private async action(a: Action, line: number, want: WastValue[][] | { trap: string } | null): Promise<void> {
    const inst = this.instanceOf(a);
    if (inst === undefined) { this.fail(line, 'no module to run on'); return; }
    if (typeof inst === 'string') {
      if (/does not compile|instantiation/.test(inst)) this.fail(line, inst); else this.skip(inst);
      return;
    }
    if (inst.unknownState !== undefined) { this.skip(`${inst.unknownState} (the state after a skipped action)`); return; }
    const why = inst.skipped.get(a);
    if (why) {
      if (want === null) inst.unknownState = why;
      this.skip(why);
      return;
    }
    const scriptError = inst.scriptErrors.get(a);
    if (scriptError !== undefined) { this.fail(line, scriptError); return; }
    if (want !== null && !('trap' in want)) {
      const results = inst.resultTypes.get(a) ?? [];
      const bad = want.find((alt) => alt.length !== results.length || alt.some((v, i) => v.type !== results[i]));
      if (bad) { this.fail(line, `"${a.name}" returns (${results.join(' ')}), the script expects (${bad.map((v) => v.type).join(' ')})`); return; }
    }
    const k = inst.entries.get(a);
    if (k === undefined) { this.fail(line, 'invocation missing from the program'); return; }
    const r = runRom(inst.rom, { memory: inst.memory, startLabel: invocationLabel(k), maxSteps: MAX_STEPS_PER_INVOCATION });
    if (r.status === 'fail') { this.fail(line, `run failed: ${r.result.failure?.message}`); return; }
    // a call through the table reached a function compiled as a trap: this run says nothing
    if (r.status === 'trap' && r.trap?.site && inst.stubbed.has(r.trap.site.funcName)) {
      this.skip(`reached SIMD/reference code through a table (${r.trap.site.funcName})`);
      return;
    }
    if (want === null) {
      if (r.status === 'trap') this.fail(line, `unexpected trap ${r.trap!.kind}`); else this.pass();
      return;
    }
    if ('trap' in want) {
      if (r.status !== 'trap') { this.fail(line, `expected trap "${want.trap}", returned`); return; }
      if (trapMatches(r, want.trap)) this.pass(); else this.fail(line, `expected trap "${want.trap}", got "${r.trap!.kind}"`);
      return;
    }
    if (r.status === 'trap') { this.fail(line, `unexpected trap ${r.trap!.kind}`); return; }
    const got = want[0]!.map((v, i) => {
      const raw = readVar(inst.rom, inst.memory, ABI_VARS.result(i)) ?? 0n;
      return v.type === 'i32' || v.type === 'f32' ? raw & 0xffffffffn : raw;
    });
    const ok = want.some((alt) => alt.every((v, i) => resultMatches(v, got[i]!)));
    if (ok) this.pass();
    else this.fail(line, `expected ${want[0]!.map(show).join(' ')}, got ${got.map((g) => `0x${g.toString(16)}`).join(' ')}`);
  }

  private async assertModuleTrap(m: WastModule, message: string, line: number): Promise<void> {
    const inst = await this.instantiate(m, []);
    if (typeof inst !== 'string') { this.fail(line, `expected instantiation to trap "${message}"`); return; }
    const got = /instantiation ended with trap: (.*)$/.exec(inst)?.[1];
    if (got !== undefined && (message.startsWith(got) || got.startsWith(message))) this.pass();
    else if (/newer proposal/.test(inst)) this.skip(inst);
    else this.fail(line, `expected instantiation trap "${message}", got ${inst}`);
  }

  private async assertRejected(m: WastModule, kind: string, line: number): Promise<void> {
    try {
      await this.load(m);
    } catch {
      this.pass();
      return;
    }
    this.fail(line, `${kind}: the module was accepted`);
  }
}

function actionOf(c: WastCommand): Action | undefined {
  switch (c.kind) {
    case 'action': case 'assert_return': case 'assert_exhaustion': return c.action;
    case 'assert_trap': return c.action;
    default: return undefined;
  }
}

const NUMBER_TYPES = new Set(['i32', 'i64', 'f32', 'f64']);

/** An argument as the program's 64-bit word: an integer's value, a float's bits. */
function wordOf(v: WastValue): bigint {
  if ('value' in v) return v.value;
  if ('bits' in v) return v.bits;
  throw new Error(`${v.type} argument reached a program (actionProblem lets only numbers through)`);
}

/**
 * A result word against the script's pattern: integers and floats bit-exactly; `nan:canonical`
 * is a NaN whose payload is only the quiet bit, `nan:arithmetic` any NaN with the quiet bit
 * (spec 4.3.3, either sign).
 */
function resultMatches(v: WastValue, got: bigint): boolean {
  if ('value' in v) return v.value === got;
  if ('bits' in v) return v.bits === got;
  if ('nan' in v) return v.nan === 'canonical' ? isCanonicalNaN(v.type, got) : isArithmeticNaN(v.type, got);
  return false;
}

/**
 * Why an action cannot run: a script error (no such export, arguments that do not match the
 * parameters) fails the assertion; what this compiler does not do yet (floats, SIMD, reference
 * values, global gets) skips it.
 */
function actionProblem(a: Action, loaded: LoadedWasm, exports: Map<string, number>): { fail: string } | { skip: string } | undefined {
  if (a.kind === 'get') return { skip: 'global get' };
  const f = exports.get(a.name);
  if (f === undefined) return { fail: `no exported function named "${a.name}"` };
  const t = functionType(loaded, f);
  if (a.args.length !== t.params.length) return { fail: `"${a.name}" takes ${t.params.length} arguments, the script gives ${a.args.length}` };
  const mismatch = a.args.findIndex((v, i) => v.type !== t.params[i]);
  if (mismatch >= 0) return { fail: `argument ${mismatch + 1} of "${a.name}" is ${t.params[mismatch]}, the script gives ${a.args[mismatch]!.type}` };
  if (![...t.params, ...t.results].every((v) => NUMBER_TYPES.has(v))) return { skip: 'SIMD/reference values' };
  return undefined;
}

function functionType(loaded: LoadedWasm, f: number) {
  const m = loaded.module;
  const imported = m.imports.filter((i) => i.desc.kind === 'func');
  const typeIndex = f < imported.length ? (imported[f]!.desc as { typeIndex: number }).typeIndex : m.funcs[f - imported.length]!;
  return m.types[typeIndex]!;
}

const SIMD_OR_REFERENCE = /(v128|i8x16|i16x8|i32x4|i64x2|f32x4|f64x2)\.|value type (v128|funcref|externref)/;

/** The function a SIMD/reference compile error names, if that is what it is. */
function simdFunction(e: unknown): { func: number; what: string } | undefined {
  if (!isW2zError(e)) return undefined;
  if (!SIMD_OR_REFERENCE.test(e.what)) return undefined;
  const m = /\(#(\d+)\)/.exec(e.where);
  return m ? { func: Number(m[1]), what: e.what } : undefined;
}

function trapMatches(r: RunResult, message: string): boolean {
  const kind = r.trap!.kind;
  return message.startsWith(kind) || kind.startsWith(message);
}

const show = (v: WastValue): string =>
  'value' in v ? `${v.type}:0x${v.value.toString(16)}` : 'bits' in v ? `${v.type}:0x${v.bits.toString(16)}` : 'nan' in v ? `${v.type}:nan:${v.nan}` : v.type;
const firstLine = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
