// The program ABI between the compiled zkASM and whoever runs it: where a program leaves its
// status (0, or the code of the trap that ended it), the trap site, and spec-run results.

import type { TrapKind } from './ir/ops.js';
import { TRAP_CODES } from './ir/ops.js';
import type { Rom, SourceLoc } from './zkasm/rom.js';
import type { PagedMemory } from './machine/memory.js';

export const ABI_VARS = {
  status: '__w2z_status',
  trapSite: '__w2z_trap_site',
  sp0: '__w2z_sp0',
  result: (k: number) => `__w2z_res${k}`,
} as const;

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

export interface TrapOutcome {
  kind: TrapKind;
  site?: SourceLoc;
}

/** The trap a finished run ended with, if any. */
export function trapOf(rom: Rom, memory: PagedMemory): TrapOutcome | undefined {
  const code = readVar(rom, memory, ABI_VARS.status);
  if (code === undefined || code === 0n) return undefined;
  const kind = KIND_OF_CODE.get(Number(code));
  if (!kind) throw new Error(`unknown trap code ${code}`);
  const site = Number(readVar(rom, memory, ABI_VARS.trapSite) ?? 0n) - 1;
  const loc = rom.rows[site]?.source;
  return loc ? { kind, site: loc } : { kind };
}
