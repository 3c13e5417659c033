// What lowering one function needs to know about the whole program, and what it asks the
// program to provide: labels of functions, globals and runtime helpers, trap handlers, jump
// tables (kept below ROM row 65,536, where computed jumps reach), the memory layout.

import type { IrModule, TrapKind } from '../ir/ir.js';
import { TRAP_CODES } from '../ir/ops.js';
import { ABI_VARS } from '../abi.js';
import { MACHINE_MAX_PAGES } from '../ir/module.js';

export { MACHINE_MAX_PAGES };
export const WORD_BYTES = 4;
export const PAGE_BYTES = 65536;
/**
 * NEAR programs: a contract store marks its 1 KiB block of memory dirty (a flag word); the
 * instance reset zeroes only the flagged blocks (src/backend/runtime.ts)
 */
export const DIRTY_BLOCK_BYTES = 1024;
export const DIRTY_BLOCK_SHIFT = 10n;

export const SHIFT_HELPERS = [
  'shl32', 'shl64', 'shr_u32', 'shr_u64', 'shr_s32', 'shr_s64', 'rotl32', 'rotl64', 'rotr32', 'rotr64',
] as const;

export type HelperName =
  | 'divu64' | 'divs64' | 'divs32' | 'clz64' | 'ctz64' | 'popcnt64' | 'pow2' | (typeof SHIFT_HELPERS)[number]
  | 'ld' | 'ld64' | 'st8' | 'st16' | 'st32' | 'st64'
  | 'grow' | 'fill' | 'copy' | 'init';

export interface JumpTable {
  label: string;
  targets: string[];
}

export class ProgramContext {
  readonly helpers = new Set<HelperName>();
  readonly traps = new Set<TrapKind>();
  readonly jumpTables: JumpTable[] = [];
  /** functions reached through call_indirect, in dispatch-table order */
  readonly dispatch: number[] = [];
  private readonly labels: Map<number, string>;
  /** canonical signature id per type index (structurally equal types share one) */
  readonly typeIds: number[];
  /** memory.grow appears: the size lives in a variable */
  readonly dynamicMemory: boolean;
  /** call_indirect appears: tables are laid out in memory */
  usesTables = false;
  /** data segments some memory.init reads */
  readonly initSegments = new Set<number>();
  /** some code jumps to the failure sink */
  needsFail = false;
  /** result variables the invocation entries need */
  resultVars = 0;
  /** most results a function returns or a call receives (those beyond A–E go through variables) */
  readonly maxResults: number;
  /** output slots (`__w2z_out`): output_* beyond them traps with `too many outputs` */
  maxOutputs = 0;
  /** a guarded call (`__w2z_guard_begin` … `__w2z_guard_end`): traps unwind to it */
  usesGuard = false;
  /** NEAR contracts whose instance reset some code calls (`__w2z_reset<c>`) */
  readonly resets = new Set<number>();
  /** registers the slow paths save (one variable each) */
  readonly saveVars = new Set<string>();

  /** functions that can call themselves (directly, mutually or through a table) */
  readonly recursive: Set<number>;

  constructor(readonly ir: IrModule) {
    this.labels = new Map(ir.funcs.map((f) => [f.index, `f${f.index}_${f.name.replace(/^\$/, '').replace(/[^A-Za-z0-9_]/g, '_')}`]));
    const sigKey = ir.types.map((t) => `${t.params.join(',')}->${t.results.join(',')}`);
    const first = new Map<string, number>();
    this.typeIds = sigKey.map((k, i) => { if (!first.has(k)) first.set(k, i); return first.get(k)!; });
    // a NEAR contract's instance reset sets the memory's size (and contracts may differ in it)
    this.dynamicMemory = ir.funcs.some((f) => f.blocks.some((b) => b.insts.some((i) => i.kind === 'memory.grow'
      || (i.kind === 'host' && i.name === '__w2z_instance_reset'))));
    for (const f of ir.funcs) for (const b of f.blocks) for (const i of b.insts) if (i.kind === 'memory.init') this.initSegments.add(i.segment);
    const defined = new Set(ir.funcs.map((f) => f.index));
    for (const t of ir.tables) for (const e of t.elems) if (e !== null && defined.has(e) && !this.dispatch.includes(e)) this.dispatch.push(e);
    this.recursive = recursiveFunctions(ir, new Set(this.dispatch));
    this.maxResults = maxResults(ir);
  }

  get fileName(): string {
    return this.ir.fileName;
  }

  funcLabel(index: number): string {
    const l = this.labels.get(index);
    if (l === undefined) throw new Error(`no label for function #${index}`);
    return l;
  }

  globalVar(index: number): string {
    return `__w2z_g${index}`;
  }

  helper(name: HelperName): string {
    this.helpers.add(name);
    if (name === 'divs64' || name === 'divs32') for (const n of ['divu64', 'divs64', 'divs32'] as const) this.helpers.add(n);
    if ((SHIFT_HELPERS as readonly string[]).includes(name)) this.helpers.add('pow2');
    if (name === 'fill') this.helpers.add('st8');
    if (name === 'copy' || name === 'init') { this.helpers.add('st8'); this.helpers.add('ld'); }
    if (name === 'ld64' || name === 'st64') for (const n of ['ld', 'st32', 'ld64', 'st64'] as const) this.helpers.add(n);
    if (name === 'ctz64') this.helpers.add('popcnt64');
    return `__w2z_${name}`;
  }

  trapLabel(kind: TrapKind): string {
    this.traps.add(kind);
    return trapHandlerLabel(kind);
  }

  /** Bytes of linear memory at its largest. */
  get maxMemoryBytes(): number {
    return Math.min(this.ir.memory?.maxPages ?? 65536, MACHINE_MAX_PAGES) * PAGE_BYTES;
  }

  /** Bytes of linear memory when it cannot grow. */
  get staticMemoryBytes(): number {
    return (this.ir.memory?.minPages ?? 0) * PAGE_BYTES;
  }

  dispatchIndex(func: number): number {
    return this.dispatch.indexOf(func);
  }
}

/** The most results a function returns or a call receives (a loop: no spread of every instruction). */
function maxResults(ir: IrModule): number {
  let n = 0;
  for (const f of ir.funcs) {
    n = Math.max(n, f.results.length);
    for (const b of f.blocks) for (const i of b.insts) if (i.kind === 'call' || i.kind === 'call_indirect') n = Math.max(n, i.results.length);
  }
  return n;
}

/** Members of call-graph cycles (Tarjan's SCCs); anything callable indirectly counts as such. */
function recursiveFunctions(ir: IrModule, indirect: Set<number>): Set<number> {
  const callees = new Map(ir.funcs.map((f) => [f.index, new Set<number>(
    f.blocks.flatMap((b) => b.insts.flatMap((i) => (i.kind === 'call' ? [i.func] : i.kind === 'call_indirect' ? [...indirect] : [])))
  )]));
  const index = new Map<number, number>();
  const low = new Map<number, number>();
  const onStack = new Set<number>();
  const stack: number[] = [];
  const out = new Set<number>(indirect);
  let next = 0;
  // Tarjan's algorithm with an explicit stack of (function, its remaining callees): a call chain
  // of tens of thousands of functions must not exhaust the JavaScript stack
  const visit = (root: number): void => {
    const work: { v: number; rest: Iterator<number> }[] = [];
    const enter = (v: number) => {
      index.set(v, next); low.set(v, next); next++;
      stack.push(v); onStack.add(v);
      work.push({ v, rest: (callees.get(v) ?? new Set<number>()).values() });
    };
    enter(root);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const step = top.rest.next();
      if (!step.done) {
        const w = step.value;
        if (!callees.has(w)) continue;
        if (!index.has(w)) enter(w);
        else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v)!, index.get(w)!));
        continue;
      }
      work.pop();
      const v = top.v;
      if (low.get(v) === index.get(v)) {
        const scc: number[] = [];
        for (let w = stack.pop()!; ; w = stack.pop()!) { onStack.delete(w); scc.push(w); if (w === v) break; }
        if (scc.length > 1 || callees.get(v)!.has(v)) for (const w of scc) out.add(w);
      }
      const parent = work[work.length - 1];
      if (parent) low.set(parent.v, Math.min(low.get(parent.v)!, low.get(v)!));
    }
  };
  for (const f of callees.keys()) if (!index.has(f)) visit(f);
  return out;
}

/** Where a prover ends up who supplied a value a range check rejects: no valid trace goes on. */
export const FAIL_LABEL = '__w2z_fail';

export const trapHandlerLabel = (kind: TrapKind): string => `__w2z_trap_${TRAP_CODES[kind]}`;

/** Program-level variables (VAR GLOBAL). */
export const VARS = {
  ...ABI_VARS,
  memPages: '__w2z_mem_pages',
  memBytes: '__w2z_mem_bytes',
  tableFn: (t: number) => `__w2z_table${t}_fn`,
  tableSig: (t: number) => `__w2z_table${t}_sig`,
  data: (k: number) => `__w2z_data${k}`,
  dataLen: (k: number) => `__w2z_data${k}_len`,
  save: (r: string) => `__w2z_save_${r}`,
  /** 1 while a guarded call runs */
  guardOn: '__w2z_guard_on',
  /** SP of the function that made the guarded call */
  guardSp: '__w2z_guard_sp',
  /** 1 once a NEAR contract call has run: the next instance reset zeroes memory first */
  dirty: '__w2z_dirty',
  /** the block the instance reset is zeroing */
  resetBlock: '__w2z_reset_block',
} as const;

export const resetLabel = (contract: number): string => `__w2z_reset${contract}`;

/** Where a trap inside a guarded call goes on (the one guard_end of the program). */
export const CAUGHT_LABEL = '__w2z_caught';
