// The emitting half of a function-body generator: lines, cost, locals, labels, sinks, memory
// accesses. Expressions and statements (body.ts) build on it; see body.ts for the stack discipline.

import {
  LOADS, STORES,
  type Choice, type Label, type Local, type ModuleCtx, type TrapFocus, type ValType,
} from './common.js';
import type { Feature } from './gen.js';
import type { Rng } from './rng.js';

export abstract class Emitter {
  readonly lines: string[] = [];
  readonly locals: Local[] = [];
  protected readonly declared: Local[] = [];
  protected readonly labels: Label[] = [];
  protected readonly rng: Rng;
  protected indent = 2;
  protected nextLabel = 0;
  protected nextLocal = 0;
  cost = 0;
  protected mult = 1;

  constructor(
    protected readonly m: ModuleCtx,
    /** index into m.funcs of the function being generated (calls go to higher indexes only) */
    protected readonly self: number,
    protected readonly cap: number,
  ) {
    this.rng = m.rng;
  }

  /** The `(local …)` declarations for every local created on demand. */
  localDecls(): string[] {
    return this.declared.map((l) => `(local ${l.name} ${l.type})`);
  }

  addParam(name: string, type: ValType, writable: boolean): void {
    this.locals.push({ name, type, writable });
  }

  /** A fresh local; `writable` ones may be set by random statements. */
  newLocal(type: ValType, writable: boolean): string {
    const l = { name: `$l${this.nextLocal++}`, type, writable };
    this.locals.push(l);
    this.declared.push(l);
    return l.name;
  }

  emit(line: string, n = 1): void {
    this.lines.push(' '.repeat(this.indent) + line);
    this.cost += this.mult * n;
  }

  protected open(line: string): void {
    this.emit(line);
    this.indent += 2;
  }

  protected close(line = 'end'): void {
    this.indent -= 2;
    this.emit(line);
  }

  /** `if` / `block` without a name: still a label level, for depth-indexed branches (`br_if N`). */
  protected openIf(kw: 'if' | 'block' = 'if'): void {
    this.open(kw);
    this.labels.push({ name: '', types: [], branchable: false });
  }

  protected closeIf(): void {
    this.labels.pop();
    this.close();
  }

  protected label(types: ValType[], branchable = true): Label {
    return { name: `$B${this.nextLabel++}`, types, branchable };
  }

  protected trap(kind: TrapFocus): boolean {
    if (this.m.trapKind !== kind || !this.rng.chance(this.m.trapP)) return false;
    this.m.use('traps');
    return true;
  }

  protected on(f: Feature): boolean {
    return this.m.has(f);
  }

  /** Whether a construct costing `n` more (at the current multiplier) still fits the cap. */
  protected fits(n: number): boolean {
    return this.cost + this.mult * n <= this.cap;
  }

  protected blockType(params: ValType[], results: ValType[]): string {
    return [...params.map((t) => `(param ${t})`), ...results.map((t) => `(result ${t})`)].join(' ');
  }

  protected someTypes(min: number, max: number): ValType[] {
    return Array.from({ length: this.rng.range(min, max) }, () => this.rng.pick(this.m.valTypes));
  }

  // ------------------------------------------------------------ sinks

  sink(t: ValType): void {
    const rng = this.rng;
    const ls = this.locals.filter((l) => l.writable && l.type === t);
    const gs = this.m.globals.filter((g) => g.mutable && g.type === t);
    const opts: Choice[] = [[1, () => this.emit('drop')]];
    if (ls.length && this.on('locals')) opts.push([4, () => { this.m.use('locals'); this.emit(`local.set ${rng.pick(ls).name}`); }]);
    if (gs.length && this.on('globals')) opts.push([1, () => { this.m.use('globals'); this.emit(`global.set ${rng.pick(gs).name}`); }]);
    rng.weighted(opts)();
  }

  sinkAll(ts: ValType[]): void {
    for (let i = ts.length - 1; i >= 0; i--) this.sink(ts[i]);
  }


  /** Pushes one value of type t (see body.ts). */
  abstract expr(t: ValType, d: number): void;

  // ------------------------------------------------------------ memory

  /**
   * Pushes an address for an access of `width` bytes at static `offset` that is in bounds:
   * masked to the low 32 KiB, a constant, or just below the current end of memory (which moves
   * with memory.grow). With traps, rarely one that is (partly) out of bounds.
   */
  protected address(width: number, offset: number, e: number): void {
    const rng = this.rng;
    if (this.trap('memory')) {
      if (rng.chance(0.3)) return this.expr('i32', e);
      this.emit('memory.size'), this.emit('i32.const 16'), this.emit('i32.shl');
      return this.emit(`i32.const ${offset + width - rng.range(1, width)}`), this.emit('i32.sub');
    }
    rng.weighted<() => void>([
      [4, () => { this.expr('i32', e); this.emit('i32.const 0x7fff'); this.emit('i32.and'); }],
      [2, () => this.emit(`i32.const ${rng.pick([0, 1, 2, 3, 4, 7, 8, rng.int(0x8000), 65536 - offset - width])}`)],
      [1, () => {
        this.emit('memory.size'), this.emit('i32.const 16'), this.emit('i32.shl');
        this.emit(`i32.const ${offset + width + rng.range(0, 9)}`), this.emit('i32.sub');
      }],
    ])();
  }

  /** `offset=… align=…` for an access of `width` bytes: offsets keep masked addresses in bounds. */
  protected memarg(width: number): { offset: number; text: string } {
    const rng = this.rng;
    const offset = rng.chance(0.5) ? 0 : rng.pick([1, 2, 3, 4, 7, 8, 255, 256, 1000, 0x4000, rng.int(0x7ff0)]);
    const align = rng.chance(0.5) ? width : 1 << rng.int(Math.log2(width) + 1);
    const text = (offset ? ` offset=${offset}` : '') + (align !== width ? ` align=${align}` : '');
    return { offset, text };
  }

  protected load(t: ValType, e: number): void {
    const [op, width] = this.rng.pick(LOADS[t]);
    const { offset, text } = this.memarg(width);
    this.m.use('memory');
    this.address(width, offset, e);
    this.emit(`${t}.${op}${text}`);
  }

  protected store(e: number): void {
    const t = this.rng.pick(this.m.valTypes);
    const [op, width] = this.rng.pick(STORES[t]);
    const { offset, text } = this.memarg(width);
    this.m.use('memory');
    this.address(width, offset, e);
    this.expr(t, e);
    this.emit(`${t}.${op}${text}`);
  }

  protected memSizeGrow(e: number): void {
    this.m.use('memory');
    if (this.rng.chance(0.6)) return this.emit('memory.size');
    if (this.rng.chance(0.5)) this.emit(`i32.const ${this.rng.pick([0, 1, 2, 3, 0x10000, -1])}`);
    else this.expr('i32', e), this.emit('i32.const 3'), this.emit('i32.and');
    this.emit('memory.grow');
  }

  /** memory.fill / memory.copy / memory.init / data.drop, in bounds unless trapping. */
  protected bulk(e: number): void {
    const rng = this.rng;
    const bad = this.trap('bulk');
    const dst = (): void => { this.expr('i32', e); this.emit('i32.const 0x7fff'); this.emit('i32.and'); };
    const len = (mask: number): void => {
      if (bad) return this.emit(`i32.const ${rng.pick([0x10001, 0x8000 + rng.int(0x8000), -1])}`);
      if (rng.chance(0.4)) return this.emit(`i32.const ${rng.pick([0, 1, 7, 8, mask])}`);
      this.expr('i32', e), this.emit(`i32.const ${mask}`), this.emit('i32.and');
    };
    this.m.use('memory');
    const segs = this.m.passive;
    const kind = rng.weighted<string>([[3, 'fill'], [3, 'copy'], [segs.length ? 3 : 0, 'init'], [segs.length ? 1 : 0, 'drop']]);
    if (kind === 'fill') {
      dst(), this.expr('i32', e), len(0xff), this.emit('memory.fill', 32);
    } else if (kind === 'copy') {
      // overlapping copies (both directions) are the interesting ones: often src = dst ± a little
      if (rng.chance(0.5)) {
        const a = rng.int(0x7000), b = a + rng.range(-16, 16) + 16;
        this.emit(`i32.const ${a}`), this.emit(`i32.const ${b}`);
      } else dst(), dst();
      len(0x1ff), this.emit('memory.copy', 64);
    } else if (kind === 'init') {
      const s = rng.pick(segs);
      dst();
      if (s.droppable && !bad) {
        this.emit('i32.const 0'), this.emit('i32.const 0'); // valid even after data.drop
      } else if (bad) {
        this.emit(`i32.const ${rng.int(s.length + 1)}`), this.emit(`i32.const ${s.length + rng.range(1, 4)}`);
      } else {
        const from = rng.int(s.length + 1);
        this.emit(`i32.const ${from}`), this.emit(`i32.const ${rng.chance(0.3) ? s.length - from : rng.int(s.length - from + 1)}`);
      }
      this.emit(`memory.init ${s.name}`, 16);
    } else {
      const ds = segs.filter((s) => s.droppable || bad);
      if (ds.length) this.emit(`data.drop ${rng.pick(ds).name}`);
    }
  }

}
