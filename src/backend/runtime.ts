// Runtime helpers: shared zkASM subroutines the lowering calls (`__w2z_<name>`), written as
// templates in templates/runtime/ (parsed by our own zkASM parser), plus the generated tables
// (powers of two, the clz comparison tree), trap handlers and the failure sink.
// Helpers take arguments in A, B, C and return in A, B; they clobber A–E.

import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import type { Statement } from '../zkasm/ast.js';
import { parseZkasm } from '../zkasm/parse.js';
import { TRAP_CODES } from '../ir/ops.js';
import type { TrapKind } from '../ir/ir.js';
import { Emitter, condJump, freeIn, jmp, konst, memE, mload, mstore, reg, simple, varAddr } from './emit.js';
import { dataImage } from './data-image.js';
import { LABELS } from './labels.js';
import { CAUGHT_LABEL, FAIL_LABEL, resetLabel, PAGE_BYTES, SHIFT_HELPERS, VARS, trapHandlerLabel, type ProgramContext } from './context.js';

const TEMPLATE_DIR = new URL('../../templates/runtime/', import.meta.url);
const cache = new Map<string, HandlebarsTemplateDelegate>();

function render(file: string, data: object): Statement[] {
  let t = cache.get(file);
  if (!t) {
    t = Handlebars.compile(readFileSync(new URL(file, TEMPLATE_DIR), 'utf8'), { noEscape: true, strict: true });
    cache.set(file, t);
  }
  return parseZkasm(t(data), `templates/runtime/${file}`).statements;
}

const hex = (v: bigint): string => (v < 2n ** 32n ? `0x${v.toString(16)}` : `0x${v.toString(16)}n`);


/** Every helper the program used, its tables, the trap handlers and the failure sink. */
export function emitRuntime(ctx: ProgramContext): Statement[] {
  const out: Statement[] = [];
  const h = ctx.helpers;
  // a standalone partial line loses its newline in handlebars: the partial brings its own
  const memBytesPartial = ctx.dynamicMemory ? `$ => D :MLOAD(${VARS.memBytes})\n` : `${ctx.staticMemoryBytes} => D\n`;
  Handlebars.registerPartial('memBytes', memBytesPartial);
  if (h.has('divu64')) out.push(...render('divu64.zkasm', {}));
  if (h.has('divs64')) out.push(...render('divs64.zkasm', {}), ...render('divs32.zkasm', {}));
  const shifts = SHIFT_HELPERS.filter((n) => h.has(n)).map((name) => {
    const bits = name.endsWith('32') ? 32 : 64;
    const kind = name.slice(0, -2);
    return {
      name, mask: bits - 1, sext: name === 'shr_s32', negate: kind === 'rotr', plus32: bits === 32 && (kind === 'shl' || kind.startsWith('rot')),
      shl: name === 'shl64', shl32: name === 'shl32', rot64: bits === 64 && kind.startsWith('rot'),
      rot32: bits === 32 && kind.startsWith('rot'), shr_u: kind === 'shr_u', shr_s: kind === 'shr_s',
    };
  });
  if (shifts.length > 0) out.push(...render('shift.zkasm.hbs', { helpers: shifts }));
  if (h.has('popcnt64')) out.push(...render('popcnt64.zkasm', {}));
  if (h.has('ctz64')) out.push(...render('ctz64.zkasm', {}));
  if (h.has('clz64')) out.push(...clzTree());
  if (h.has('pow2')) out.push(...pow2Table());
  if (h.has('ld64') || h.has('st64')) out.push(...render('ld64.zkasm', {}));
  if (h.has('ld')) {
    out.push(...render('ld.zkasm.hbs', { shifted: [1, 2, 3].map((o) => ({ o, pow: hex(2n ** BigInt(64 - 8 * o)) })) }));
  }
  for (const bits of [8, 16, 32] as const) {
    if (!h.has(`st${bits}`)) continue;
    const mask = (1n << BigInt(bits)) - 1n;
    out.push(...render('st.zkasm.hbs', {
      bits, bytes: bits / 8, mask: hex(mask),
      offsets: [0, 1, 2, 3].map((o) => ({
        o, pow: hex(1n << BigInt(8 * o)), clear: hex(~(mask << BigInt(8 * o)) & 0xffffffffffffffffn),
      })),
    }));
  }
  if (h.has('grow')) {
    const maxPages = ctx.maxMemoryBytes / PAGE_BYTES;
    out.push(...render('grow.zkasm.hbs', { maxPages, limit: maxPages + 1 }));
  }
  const inits = [...ctx.initSegments].sort((a, b) => a - b).map((k) => ({ k }));
  if (h.has('fill') || h.has('copy') || inits.length > 0) {
    ctx.traps.add('out of bounds memory access');
    out.push(...render('bulk.zkasm.hbs', { fill: h.has('fill'), copy: h.has('copy'), inits, memBytes: ctx.staticMemoryBytes }));
  }
  for (const c of [...ctx.resets].sort((a, b) => a - b)) out.push(...instanceReset(ctx, c));
  out.push(...trapHandlers(ctx.traps, ctx.usesGuard));
  // the range checks of the memory helpers end here when a prover lies
  if (ctx.needsFail || h.has('ld') || h.has('st8') || h.has('st16') || h.has('st32')) out.push(...failSink());
  return out;
}

/** `:CALL(@__w2z_pow2 + E)` sets B = 2^E (0 ≤ E < 64). */
function pow2Table(): Statement[] {
  const em = new Emitter();
  em.label('__w2z_pow2');
  for (let k = 0n; k < 64n; k++) em.step([konst(1n << k)], ['B'], [simple('RETURN')]);
  return em.out;
}

/**
 * `__w2z_clz64`: count leading zeros by a binary search over thresholds 2^k (six checked LT
 * comparisons and a leaf that sets the count).  in: A = x  out: A.
 */
function clzTree(): Statement[] {
  const em = new Emitter();
  em.label('__w2z_clz64');
  em.step([konst(1n)], ['B'], []);
  em.step([freeIn()], [], [simple('LT'), condJump('JMPC', '__w2z_clz_zero')]);
  let n = 0;
  const node = (lo: number, hi: number): void => { // 2^lo ≤ x < 2^hi
    if (hi - lo === 1) {
      em.step([konst(BigInt(63 - lo))], ['A'], [simple('RETURN')]);
      return;
    }
    const mid = (lo + hi) >> 1;
    const left = `__w2z_clz_l${n++}`;
    em.step([konst(1n << BigInt(mid), mid >= 32)], ['B'], []);
    em.step([freeIn()], [], [simple('LT'), condJump('JMPC', left)]);
    node(mid, hi);
    em.label(left);
    node(lo, mid);
  };
  node(0, 64);
  em.label('__w2z_clz_zero');
  em.step([konst(64n)], ['A'], [simple('RETURN')]);
  return em.out;
}

/**
 * One handler per trap kind: record the site (RR = the row after the trapping call) and the
 * kind, restore SP, end the program. A trap is an outcome the proof states, not a failure.
 */
function trapHandlers(kinds: Set<TrapKind>, guarded: boolean): Statement[] {
  const em = new Emitter();
  const ending = '__w2z_trap_end';
  for (const kind of [...kinds].sort((a, b) => TRAP_CODES[a] - TRAP_CODES[b])) {
    em.comment(`trap: ${kind}`);
    em.label(trapHandlerLabel(kind));
    em.step([reg('RR')], [], [mstore(varAddr(VARS.trapSite))]);
    em.step([konst(BigInt(TRAP_CODES[kind]))], [], [mstore(varAddr(VARS.status)), ...(guarded ? [jmp(ending)] : [])]);
    if (!guarded) em.step([freeIn()], ['SP'], [mload(varAddr(VARS.sp0)), jmp(LABELS.end)]);
  }
  if (guarded) {
    // inside a guarded call the trap unwinds to its guard_end (lower/call.ts), else it ends the run
    em.label(ending);
    em.step([freeIn()], ['A'], [mload(varAddr(VARS.guardOn))]);
    em.step([reg('A')], [], [condJump('JMPZ', `${ending}_run`, CAUGHT_LABEL)]);
    em.label(`${ending}_run`);
    em.step([freeIn()], ['SP'], [mload(varAddr(VARS.sp0)), jmp(LABELS.end)]);
  }
  return em.out;
}

/** Words the reset's zeroing loop clears per iteration (a page is 16,384 words: a multiple). */
const ZERO_UNROLL = 64;

/**
 * `__w2z_reset<c>`: NEAR contract c on a fresh instance (src/near/link.ts calls it before each
 * method): once a call has run, every word of the memory's current size is zeroed (64 stores and
 * 2 rows of loop a turn); then c's data is written (a row a non-zero word) and the size set to
 * c's initial pages.
 */
function instanceReset(ctx: ProgramContext, c: number): Statement[] {
  const em = new Emitter();
  const label = resetLabel(c);
  const pages = ctx.ir.contractPages?.[c] ?? 0;
  em.label(label);
  em.step([freeIn()], ['A'], [mload(varAddr(VARS.dirty))]);
  em.step([reg('A')], [], [condJump('JMPZ', `${label}_data`)]);
  em.step([freeIn()], ['B'], [mload(varAddr(VARS.memBytes))]);
  em.step([konst(0n)], ['E'], []);
  em.label(`${label}_zero`);
  for (let k = 0; k < ZERO_UNROLL; k++) em.step([konst(0n)], [], [mstore(memE(k))]);
  em.step([reg('E'), konst(BigInt(ZERO_UNROLL))], ['E'], []);
  // more words while 4·E < bytes
  em.step([reg('B'), reg('E', -4n), konst(-1n)], [], [condJump('JMPN', `${label}_data`, `${label}_zero`)]);
  em.label(`${label}_data`);
  const words = dataImage(ctx, (d) => d.contract === c);
  if (words.length > 0) em.step([konst(0n)], ['E'], []);
  for (const [w, v] of words) em.step([konst(v)], [], [mstore(memE(w))]);
  em.step([konst(BigInt(pages))], [], [mstore(varAddr(VARS.memPages))]);
  em.step([konst(BigInt(pages * PAGE_BYTES))], [], [mstore(varAddr(VARS.memBytes))]);
  em.step([konst(1n)], [], [mstore(varAddr(VARS.dirty)), simple('RETURN')]);
  return em.out;
}

/** Reached only when a prover supplied a value that a range check rejects: no valid trace. */
function failSink(): Statement[] {
  const em = new Emitter();
  em.label(FAIL_LABEL);
  em.step([konst(0n)], ['A'], []);
  em.step([konst(1n)], [], [simple('ASSERT')]);
  return em.out;
}

