// The pipeline as callable functions (the CLI and the tests use these).

import { basename } from 'node:path';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { loadWasm, type LoadedWasm } from './wasm/load.js';
import { buildModule } from './ir/module.js';
import { verifyModule } from './ir/verify.js';
import type { IrModule } from './ir/ir.js';
import { MACHINE_MAX_PAGES, PAGE_BYTES } from './backend/context.js';
import { runPipeline } from './passes/index.js';
import { lowerProgram, type Invocation } from './backend/program.js';
import type { HostEnvironment } from './ir/imports.js';
import { printProgram } from './zkasm/print.js';
import { parseZkasm } from './zkasm/parse.js';
import { assemble } from './zkasm/assemble.js';
import { execute, type ExecOptions, type ExecResult } from './machine/exec.js';
import type { Rom } from './zkasm/rom.js';
import { DEFAULT_MAX_OUTPUTS, MAX_OUTPUTS_LIMIT, readOutputs, trapOf, type TrapOutcome } from './abi.js';
import { badOption, emittedTextRejected, fileNotFound, isW2zError } from './diagnostics.js';
import { parseSourceMarker, type SourceMarker } from './zkasm/sourcemap.js';

export interface CompileOptions {
  /** entry function (export name or $name) */
  entry?: string;
  /** spec runs: compile these functions and an entry label per invocation instead of one entry */
  invocations?: Invocation[];
  host?: HostEnvironment;
  /** spec runs: functions built as a bare trap */
  stubs?: Set<number>;
  /** output slots the program has (default 8, 0..256): env.output_* beyond them traps */
  maxOutputs?: number;
  /** run the IR verifier after building and after every pass (default: on) */
  verify?: boolean;
  log?: (line: string) => void;
}

export interface Compiled {
  fileName: string;
  /** things the user should know that do not stop compilation */
  warnings: string[];
  /** IR after the pass pipeline */
  ir: IrModule;
  /** the zkASM text */
  zkasm: string;
  /** the text assembled by our own assembler (named `zkasmNameFor(fileName)`) */
  rom: Rom;
}

export function compileWasm(input: LoadedWasm, opts: CompileOptions = {}): Compiled {
  const maxOutputs = opts.maxOutputs ?? DEFAULT_MAX_OUTPUTS;
  if (!Number.isInteger(maxOutputs) || maxOutputs < 0 || maxOutputs > MAX_OUTPUTS_LIMIT) {
    throw badOption('--max-outputs', String(maxOutputs), `an integer from 0 to ${MAX_OUTPUTS_LIMIT}`);
  }
  const ir = buildModule(input.module, input.fileName, {
    ...(opts.entry !== undefined ? { entry: opts.entry } : {}),
    ...(opts.invocations ? { roots: [...new Set(opts.invocations.map((i) => i.func))] } : {}),
    ...(opts.host ? { host: opts.host } : {}),
    ...(opts.stubs ? { stubs: opts.stubs } : {}),
  });
  const verify = opts.verify ?? true;
  if (verify) verifyModule(ir);
  runPipeline(ir, undefined, { verifyEach: verify, ...(opts.log ? { log: opts.log } : {}) });
  const program = lowerProgram(ir, opts.invocations, { maxOutputs });
  const zkasm = printProgram(program);
  return { fileName: input.fileName, ir, zkasm, rom: assembleEmitted(zkasm, zkasmNameFor(input.fileName)), warnings: warnings(ir) };
}

/**
 * Our assembler must accept what we emit: text it rejects is a compiler bug (exit 70), named by
 * its zkASM line and the WASM function and offset the line came from — never written out.
 */
export function assembleEmitted(text: string, name: string): Rom {
  try {
    return assemble(parseZkasm(text, name), name);
  } catch (e) {
    if (!isW2zError(e)) throw e;
    const line = Number(/:(\d+)(?::\d+)?$/.exec(e.where)?.[1] ?? 0);
    const lines = text.split('\n');
    let origin: SourceMarker | null = null;
    for (let k = Math.min(line, lines.length) - 1; k >= 0 && origin === null; k--) {
      const c = /^\s*;\s?(.*)$/.exec(lines[k]!);
      if (c) origin = parseSourceMarker({ kind: 'comment', text: c[1]!, line: k + 1 });
    }
    throw emittedTextRejected(`${name}:${line}`, e.what.split('\n')[0]!, origin ? `func ${origin.funcName} @0x${origin.offset.toString(16)} ${origin.text}`.trimEnd() : undefined);
  }
}

/** Polygon's executor addresses 0x20000 words of MEM: (512 KiB of WASM memory at 4 bytes a word). */
const POLYGON_MEM_BYTES = 0x20000 * 4;

function warnings(ir: IrModule): string[] {
  const out: string[] = [];
  const m = ir.memory;
  if (m) {
    const grows = ir.funcs.some((f) => f.blocks.some((b) => b.insts.some((i) => i.kind === 'memory.grow')));
    const pages = grows ? Math.min(m.maxPages ?? MACHINE_MAX_PAGES, MACHINE_MAX_PAGES) : m.minPages;
    if (pages * PAGE_BYTES > POLYGON_MEM_BYTES) {
      out.push(`${ir.fileName}: memory of up to ${pages} pages exceeds the ${POLYGON_MEM_BYTES / 1024} KiB Polygon's executor addresses; `
        + 'the program runs on this machine and its PIL, not on Polygon\'s executor');
    }
  }
  return out;
}

export async function compileFile(path: string, opts: CompileOptions = {}): Promise<Compiled> {
  return compileWasm(await loadWasm(path), opts);
}

/** The name a compiled program's text goes by in messages: `input.zkasm` for `dir/input.wat`. */
export function zkasmNameFor(inputPath: string): string {
  return basename(inputPath).replace(/\.(wasm|wat|wast)$/i, '') + '.zkasm';
}

export interface RunResult {
  rom: Rom;
  result: ExecResult;
  /** pass: ran to the end; fail: a check failed (no valid trace); trap: the program trapped */
  status: 'pass' | 'fail' | 'trap';
  trap?: TrapOutcome;
  /** the public outputs (64-bit words) of a run that passed or trapped; none when it failed */
  outputs: bigint[];
}

/** Parse, assemble and execute zkASM text; a finished run's status word tells a trap. */
export function runZkasm(text: string, fileName: string, opts: ExecOptions = {}): RunResult {
  const rom = assemble(parseZkasm(text, fileName), fileName);
  return runRom(rom, opts);
}

export function runRom(rom: Rom, opts: ExecOptions = {}): RunResult {
  const result = execute(rom, opts);
  if (result.status !== 'pass') return { rom, result, status: 'fail', outputs: [] };
  const trap = trapOf(rom, result.memory);
  const outputs = readOutputs(rom, result.memory);
  return trap ? { rom, result, status: 'trap', trap, outputs } : { rom, result, status: 'pass', outputs };
}

/** The ROM of a .wasm / .wat (compiled) or .zkasm (parsed) file, and the name its text goes by. */
export async function romOfFile(path: string, opts: CompileOptions = {}): Promise<{ rom: Rom; name: string; warnings: string[] }> {
  if (/\.zkasm$/i.test(path)) {
    if (!existsSync(path)) throw fileNotFound(path);
    const text = await readFile(path, 'utf8');
    return { rom: assemble(parseZkasm(text, path), path), name: path, warnings: [] };
  }
  const compiled = await compileFile(path, opts);
  return { rom: compiled.rom, name: zkasmNameFor(path), warnings: compiled.warnings };
}
