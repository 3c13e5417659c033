// Float arithmetic by linking: the float instructions our machine has no rows for (add, mul, div,
// sqrt, rounding, conversions …) become calls of integer-only routines, written in C
// (templates/float/softfloat.c) and compiled to WebAssembly once (softfloat.wasm, committed).
// The routines are appended to the program's functions, so they are compiled, executed, checked
// and proven exactly like the program's own integer code: no new free input, no new constraint.
//
// A routine for instruction `t.op` is the export `__w2z_t_op` (`f64.add` → `__w2z_f64_add`,
// `i32.trunc_sat_f64_s` → `__w2z_i32_trunc_sat_f64_s`); values are IEEE bit patterns (f32 as
// i32, f64 as i64), as everywhere in the IR. A trapping conversion's routine returns the value and
// a status (0 converted, 1 a NaN, 2 out of range): its call is followed by the pseudo-instruction
// `w2z.conversion_status`, which the IR builder turns into the trap at the program's own
// instruction (its offset), so the trap names where the program converts.

import { readFileSync } from 'node:fs';
import { decodeModule } from './decode.js';
import type { Instr, Module } from './module.js';
import { importedFuncCount } from './names.js';

const SOFTFLOAT_URL = new URL('../../templates/float/softfloat.wasm', import.meta.url);
const ROUTINE_PREFIX = '__w2z_';

/** Pops a trapping conversion's status, traps unless it is 0 (see build.ts). */
export const CONVERSION_STATUS_OP = 'w2z.conversion_status';

interface SoftFloat {
  module: Module;
  /** instruction spelling → routine's function index in `module` */
  routines: Map<string, number>;
}

let loaded: SoftFloat | undefined;

function softFloat(): SoftFloat {
  if (loaded) return loaded;
  const module = decodeModule(readFileSync(SOFTFLOAT_URL), 'templates/float/softfloat.wasm');
  const routines = new Map<string, number>();
  for (const e of module.exports) {
    if (e.kind !== 'func' || !e.name.startsWith(ROUTINE_PREFIX)) continue;
    const rest = e.name.slice(ROUTINE_PREFIX.length);
    const cut = rest.indexOf('_'); // `f64_add` → `f64.add`
    routines.set(`${rest.slice(0, cut)}.${rest.slice(cut + 1)}`, e.index);
  }
  loaded = { module, routines };
  return loaded;
}

/** Instructions that become routine calls (every float instruction the IR builder lacks). */
export function isSoftFloatOp(op: string): boolean {
  return softFloat().routines.has(op);
}

/** Only these may appear in a routine: its code runs inside the program's frame, with no memory or globals of its own. */
const ROUTINE_OP = /^(i32|i64)\.|^(local\.|block$|loop$|if$|else$|end$|br$|br_if$|br_table$|return$|call$|select$|drop$|nop$|unreachable$)/;

/**
 * `m` with every routine it needs appended and each of its float instructions rewritten into a
 * call of its routine; `m` itself when it has none. The routines' instructions carry offset -1:
 * they are no bytes of the user's file.
 */
export function linkSoftFloat(m: Module): Module {
  if (!m.codes.some((c) => c.body.some((i) => isSoftFloatOp(i.op)))) return m;
  const sf = softFloat();
  if (sf.module.imports.length > 0) throw new Error('softfloat.wasm has imports, which the linker does not take');
  const funcBase = importedFuncCount(m) + m.funcs.length;
  const typeBase = m.types.length;
  const relocate = (i: Instr): Instr => {
    if (!ROUTINE_OP.test(i.op)) throw new Error(`softfloat.wasm uses ${i.op}, which a routine may not`);
    if (i.op === 'call') return { ...i, index: funcBase + i.index!, offset: -1 };
    if (i.blockType?.kind === 'func') return { ...i, blockType: { kind: 'func', typeIndex: typeBase + i.blockType.typeIndex }, offset: -1 };
    return { ...i, offset: -1 };
  };
  // a routine with a second result (a status) is a trapping conversion
  const withStatus = (f: number): boolean => sf.module.types[sf.module.funcs[f]!]!.results.length === 2;
  const callRoutine = (i: Instr): Instr[] => {
    const f = sf.routines.get(i.op);
    if (f === undefined) return [i];
    const call: Instr = { op: 'call', index: funcBase + f, offset: i.offset };
    return withStatus(f) ? [call, { op: CONVERSION_STATUS_OP, offset: i.offset }] : [call];
  };
  const names = new Map(m.names.funcs);
  for (const e of sf.module.exports) if (e.kind === 'func') names.set(funcBase + e.index, e.name);
  return {
    ...m,
    types: [...m.types, ...sf.module.types],
    funcs: [...m.funcs, ...sf.module.funcs.map((t) => typeBase + t)],
    codes: [
      ...m.codes.map((c) => ({ ...c, body: c.body.flatMap(callRoutine) })),
      ...sf.module.codes.map((c) => ({ ...c, body: c.body.map(relocate), offset: -1 })),
    ],
    names: { ...m.names, funcs: names },
  };
}
