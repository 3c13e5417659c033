// The program ABI between the compiled zkASM and whoever runs it: where a program leaves its
// status (0, or the code of the trap that ended it), the trap site, its public outputs (count
// and slots), and spec-run results. docs/abi.md describes it for users.

import type { TrapKind } from './ir/ops.js';
import { TRAP_CODES } from './ir/ops.js';
import type { Rom, SourceLoc } from './zkasm/rom.js';
import type { PagedMemory } from './machine/memory.js';
import { badInputTape, execFailure } from './diagnostics.js';

export const ABI_VARS = {
  status: '__w2z_status',
  trapSite: '__w2z_trap_site',
  sp0: '__w2z_sp0',
  /** outputs appended so far (0 ≤ count ≤ maxOutputs) */
  outCount: '__w2z_out_n',
  /** the output slots, one 64-bit word each (declared only when maxOutputs > 0) */
  out: '__w2z_out',
  result: (k: number) => `__w2z_res${k}`,
} as const;

/** Output slots a program has unless told otherwise (`--max-outputs`). */
export const DEFAULT_MAX_OUTPUTS = 8;
/** The most output slots a program may declare. */
export const MAX_OUTPUTS_LIMIT = 256;

const KIND_OF_CODE = new Map(Object.entries(TRAP_CODES).map(([k, c]) => [c, k as TrapKind]));

/** A VAR GLOBAL's value at the end of a run (its limbs as a 64-bit number). */
export function readVar(rom: Rom, memory: PagedMemory, name: string): bigint | undefined {
  const v = rom.vars.get(name);
  if (!v) return undefined;
  const addr = v.scope === 'CTX' ? v.offset : v.offset; // CTX 0 on this machine
  const l0 = memory.get0(addr);
  const l1 = memory.get1(addr);
  return BigInt(l0) + (BigInt(l1) << 32n);
}

/** The output slots a compiled program declared (0 when it has no `__w2z_out` array). */
export function maxOutputsOf(rom: Rom): number {
  return rom.vars.get(ABI_VARS.out)?.size ?? 0;
}

/**
 * The public outputs a finished run appended (`env.output_i32` / `output_i64`), in order, as
 * 64-bit words (an i32 output is its value zero-extended). A ROM without the output variables
 * (zkASM not produced by this compiler) has none.
 */
export function readOutputs(rom: Rom, memory: PagedMemory): bigint[] {
  const count = readVar(rom, memory, ABI_VARS.outCount);
  const slots = rom.vars.get(ABI_VARS.out);
  if (count === undefined || count === 0n) return [];
  // only hand-written zkASM can get here: compiled programs trap before passing their slots
  if (!slots || count > BigInt(slots.size)) {
    throw execFailure(rom.fileName, `the run ended with output count ${count}, beyond its ${slots?.size ?? 0} output slots`, ABI_VARS.outCount);
  }
  const out: bigint[] = [];
  for (let k = 0; k < Number(count); k++) {
    out.push(BigInt(memory.get0(slots.offset + k)) + (BigInt(memory.get1(slots.offset + k)) << 32n));
  }
  return out;
}

export interface TrapOutcome {
  kind: TrapKind;
  site?: SourceLoc;
}

/** The trap a finished run ended with, if any. */
export function trapOf(rom: Rom, memory: PagedMemory): TrapOutcome | undefined {
  const code = readVar(rom, memory, ABI_VARS.status);
  if (code === undefined || code === 0n) return undefined;
  const kind = KIND_OF_CODE.get(Number(code));
  if (!kind) throw execFailure(rom.fileName, `the run ended with status ${code}, which is no trap code`, ABI_VARS.status);
  const site = Number(readVar(rom, memory, ABI_VARS.trapSite) ?? 0n) - 1;
  const loc = rom.rows[site]?.source;
  return loc ? { kind, site: loc } : { kind };
}

const TWO64 = 1n << 64n;

/**
 * A program's private input tape from JSON text (`run --input FILE`): an array of integers,
 * each a JSON number (a safe integer) or a string in decimal or `0x` hex, optionally negative;
 * every value must lie in -2^63 .. 2^64-1 and negatives are taken modulo 2^64 (two's
 * complement). Each element is one `input_i32` / `input_i64` read: a 64-bit word, which an
 * `input_i32` read accepts only below 2^32. Errors name the file and the element.
 */
export function parseInputTape(text: string, fileName: string): bigint[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw badInputTape(fileName, `not JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(json)) throw badInputTape(fileName, 'not a JSON array');
  return json.map((x: unknown, k) => {
    const what = `element [${k}]`;
    let v: bigint;
    if (typeof x === 'number') {
      if (!Number.isInteger(x)) throw badInputTape(fileName, `${what} ${x} is not an integer`);
      if (!Number.isSafeInteger(x)) throw badInputTape(fileName, `${what} ${x} is beyond 2^53 as a JSON number; write it as a string`);
      v = BigInt(x);
    } else if (typeof x === 'string' && /^\s*-?(0x[0-9a-f]+|[0-9]+)\s*$/i.test(x)) {
      const t = x.trim();
      v = t.startsWith('-') ? -BigInt(t.slice(1)) : BigInt(t);
    } else {
      throw badInputTape(fileName, `${what} ${JSON.stringify(x)} is not an integer`);
    }
    if (v < -(1n << 63n) || v >= TWO64) throw badInputTape(fileName, `${what} ${typeof x === 'string' ? x.trim() : x} is out of the 64-bit range`);
    return v < 0n ? v + TWO64 : v;
  });
}
