// Float arithmetic by linking: the float instructions our machine has no rows for (add, mul, div,
// sqrt, rounding, conversions …) become calls of integer-only routines, written in C
// (templates/float/softfloat.c) and compiled to WebAssembly once (softfloat.wasm, committed).
// The routines are appended to the program's functions, so they are compiled, executed, checked
// and proven exactly like the program's own integer code: no new free input, no new constraint.
//
// A routine for instruction `t.op` is the export `__w2z_t_op` (`f64.add` → `__w2z_f64_add`,
// `i32.trunc_sat_f64_s` → `__w2z_i32_trunc_sat_f64_s`); values are IEEE bit patterns (f32 as
// i32, f64 as i64), as everywhere in the IR. The routines' two imports, `w2z.trap_*`, become the
// pseudo-instructions `w2z.trap_*`, which the IR builder turns into traps of their kind.

import { readFileSync } from 'node:fs';
import { decodeModule } from './decode.js';
import type { Instr, Module } from './module.js';
import { importedFuncCount } from './names.js';

const SOFTFLOAT_URL = new URL('../../templates/float/softfloat.wasm', import.meta.url);
const ROUTINE_PREFIX = '__w2z_';

/** The pseudo-instructions a routine's trap imports become (see build.ts). */
export const TRAP_PSEUDO_OPS = {
  trap_invalid_conversion: 'w2z.trap_invalid_conversion',
  trap_integer_overflow: 'w2z.trap_integer_overflow',
} as const;

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
  const sfImported = importedFuncCount(sf.module);
  const funcBase = importedFuncCount(m) + m.funcs.length;
  const typeBase = m.types.length;
  const trapOps = sf.module.imports.filter((i) => i.desc.kind === 'func').map((i) => {
    const op = TRAP_PSEUDO_OPS[i.name as keyof typeof TRAP_PSEUDO_OPS];
    if (i.module !== 'w2z' || !op) throw new Error(`softfloat.wasm imports ${i.module}.${i.name}, which the linker does not know`);
    return op;
  });
  const relocate = (i: Instr): Instr => {
    if (!ROUTINE_OP.test(i.op)) throw new Error(`softfloat.wasm uses ${i.op}, which a routine may not`);
    if (i.op === 'call') {
      return i.index! < sfImported ? { op: trapOps[i.index!]!, offset: -1 } : { ...i, index: funcBase + i.index! - sfImported, offset: -1 };
    }
    if (i.blockType?.kind === 'func') return { ...i, blockType: { kind: 'func', typeIndex: typeBase + i.blockType.typeIndex }, offset: -1 };
    return { ...i, offset: -1 };
  };
  const callRoutine = (i: Instr): Instr => {
    const f = sf.routines.get(i.op);
    return f === undefined ? i : { op: 'call', index: funcBase + f - sfImported, offset: i.offset };
  };
  const names = new Map(m.names.funcs);
  for (const e of sf.module.exports) if (e.kind === 'func') names.set(funcBase + e.index - sfImported, e.name);
  return {
    ...m,
    types: [...m.types, ...sf.module.types],
    funcs: [...m.funcs, ...sf.module.funcs.map((t) => typeBase + t)],
    codes: [
      ...m.codes.map((c) => ({ ...c, body: c.body.map(callRoutine) })),
      ...sf.module.codes.map((c) => ({ ...c, body: c.body.map(relocate), offset: -1 })),
    ],
    names: { ...m.names, funcs: names },
  };
}
