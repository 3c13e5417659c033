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
import { markDirty } from './lower/memory.js';
import { LABELS } from './labels.js';
import { CAUGHT_LABEL, DIRTY_BLOCK_BYTES, FAIL_LABEL, resetLabel, PAGE_BYTES, WORD_BYTES, SHIFT_HELPERS, VARS, trapHandlerLabel, type ProgramContext } from './context.js';

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
    const mark = ctx.ir.dirtyFlags !== undefined;
    out.push(...render('bulk.zkasm.hbs', { fill: h.has('fill'), copy: h.has('copy'), inits, memBytes: ctx.staticMemoryBytes, mark }));
    if (mark) out.push(...markRoutine(ctx));
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

/** Flags the reset's scan reads per loop turn. */
const SCAN_UNROLL = 4;

/**
 * `__w2z_reset<c>`: NEAR contract c on a fresh instance (src/near/link.ts calls it before each
 * method). Once a call has run, the blocks its stores flagged (lower/memory.ts) are zeroed, each
 * with the 2 words after it (a store that crosses into the next block flags only its first), and
 * their flags cleared: the scan reads SCAN_UNROLL flags a turn over the memory's current size.
 * Then c's data is written (a row a non-zero word), its blocks flagged, and the size set to c's
 * initial pages.
 */
function instanceReset(ctx: ProgramContext, c: number): Statement[] {
  const em = new Emitter();
  const label = resetLabel(c);
  const pages = ctx.ir.contractPages?.[c] ?? 0;
  const flags = ctx.ir.dirtyFlags;
  if (flags === undefined) throw new Error('an instance reset without dirty flags');
  const blockWords = DIRTY_BLOCK_BYTES / WORD_BYTES;
  const blocksPerPage = PAGE_BYTES / DIRTY_BLOCK_BYTES;
  // the last block the memory can have: nothing follows it to spill into (the host's memory does)
  const lastBlock = ctx.maxMemoryBytes / DIRTY_BLOCK_BYTES - 1;
  const scan = `${label}_scan`;
  const zero = `${label}_zero`;
  em.label(label);
  em.step([freeIn()], ['A'], [mload(varAddr(VARS.dirty))]);
  em.step([reg('A')], [], [condJump('JMPZ', `${label}_data`)]);
  em.step([freeIn()], ['B'], [mload(varAddr(VARS.memPages))]);
  em.step([konst(0n)], ['E'], []);
  em.label(scan);
  // blocks left while E < 64·pages
  em.step([reg('B', BigInt(blocksPerPage)), reg('E', -1n), konst(-1n)], [], [condJump('JMPN', `${label}_data`)]);
  for (let k = 0; k < SCAN_UNROLL; k++) {
    const next = k + 1 < SCAN_UNROLL ? `${scan}${k + 1}` : `${scan}_on`;
    em.step([freeIn()], [], [mload(memE(flags + k)), condJump('JMPZ', next, `${zero}${k}`)]);
    em.label(next);
  }
  em.step([reg('E'), konst(BigInt(SCAN_UNROLL))], ['E'], [jmp(scan)]);
  for (let k = 0; k < SCAN_UNROLL; k++) {
    em.label(`${zero}${k}`);
    em.step([reg('E'), konst(BigInt(k))], ['E'], [jmp(zero)]);
  }
  // E = a flagged block: clear its flag and its words, go on with the next block
  em.label(zero);
  em.step([konst(0n)], [], [mstore(memE(flags))]);
  em.step([reg('E')], [], [mstore(varAddr(VARS.resetBlock))]);
  em.step([reg('E', BigInt(blockWords))], ['E'], []);
  for (let w = 0; w < blockWords; w++) em.step([konst(0n)], [], [mstore(memE(w))]);
  em.step([reg('E'), konst(-BigInt(lastBlock * blockWords))], [], [condJump('JMPZ', `${zero}_next`)]);
  em.step([konst(0n)], [], [mstore(memE(blockWords))]);
  em.step([konst(0n)], [], [mstore(memE(blockWords + 1))]);
  em.label(`${zero}_next`);
  em.step([freeIn()], ['E'], [mload(varAddr(VARS.resetBlock))]);
  em.step([reg('E'), konst(1n)], ['E'], [jmp(scan)]);
  em.label(`${label}_data`);
  const words = dataImage(ctx, (d) => d.contract === c);
  if (words.length > 0) em.step([konst(0n)], ['E'], []);
  for (const [w, v] of words) em.step([konst(v)], [], [mstore(memE(w))]);
  // the data's blocks are dirty for the next contract's reset (they are not zero)
  for (const b of new Set(words.map(([w]) => Math.floor(w / blockWords)))) em.step([konst(1n)], [], [mstore(memE(flags + b))]);
  em.step([konst(BigInt(pages))], [], [mstore(varAddr(VARS.memPages))]);
  em.step([konst(BigInt(pages * PAGE_BYTES))], [], [mstore(varAddr(VARS.memBytes))]);
  em.step([konst(1n)], [], [mstore(varAddr(VARS.dirty)), simple('RETURN')]);
  return em.out;
}

/** `__w2z_mark`: the bulk helpers' dirty mark of byte A's block (A, B, C, D kept). */
function markRoutine(ctx: ProgramContext): Statement[] {
  const em = new Emitter();
  ctx.needsFail = true;
  em.label(MARK_LABEL);
  markDirty(em, ctx.ir.dirtyFlags!, 'A', 0, `${MARK_LABEL}_ok`);
  em.step([], [], [simple('RETURN')]);
  return em.out;
}

const MARK_LABEL = '__w2z_mark';

/** Reached only when a prover supplied a value that a range check rejects: no valid trace. */
function failSink(): Statement[] {
  const em = new Emitter();
  em.label(FAIL_LABEL);
  em.step([konst(0n)], ['A'], []);
  em.step([konst(1n)], [], [simple('ASSERT')]);
  return em.out;
}

