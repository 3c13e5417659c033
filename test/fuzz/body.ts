// Function-body generator of the fuzzer: emits flat (stack-machine) WAT instructions.
//
// Stack discipline, which is what makes every generated body valid by construction:
//   expr(t)   emits code that leaves exactly one value of type t on top of the stack;
//   exprs(ts) emits expr(t) for each t in order;
//   stmt()    emits code whose net stack effect is nothing (it may push and pop in between);
//   sink(t)   pops one value of type t (local.set / global.set / drop).
// Any statement may be placed between the operands of an expression, and a construct's own
// label types are on `labels` while its body is generated, so branches always carry the right
// values. Termination: calls only go to functions with a higher index (plus one self-call guarded
// by a depth parameter masked to 0..7); every loop runs a counter local that nothing else writes.
// `cost` is an upper-bound estimate of executed instructions (both arms of an if counted, loop
// bodies multiplied by their trip count), checked against `cap` before calls and loops.

import {
  BINARY, MIN, RELOPS, SHIFT_COUNTS, UNARY, badSlot, constText, randomConst,
  type Choice, type FuncInfo, type Sig, type ValType,
} from './common.js';
import { Emitter } from './emitter.js';
import type { Feature } from './gen.js';

export class FuncGen extends Emitter {
  // ------------------------------------------------------------ expressions

  exprs(ts: ValType[], d: number): void {
    for (const t of ts) this.expr(t, d);
  }

  /** An i32 used as a condition: usually a comparison when those are enabled. */
  cond(d: number): void {
    if (this.on('compare') && this.rng.chance(0.6) && d > 0) this.compare(d - 1);
    else this.expr('i32', d);
  }

  expr(t: ValType, d: number): void {
    const rng = this.rng;
    if (this.cost > this.cap * 0.7) d = 0; // running out of budget: leaves only
    const opts: Choice[] = [[3, () => this.emit(randomConst(rng, t))]];
    const ls = this.locals.filter((l) => l.type === t);
    if (ls.length) opts.push([4, () => this.emit(`local.get ${rng.pick(ls).name}`)]);
    const gs = this.m.globals.filter((g) => g.type === t);
    if (gs.length && this.on('globals')) opts.push([1, () => { this.m.use('globals'); this.emit(`global.get ${rng.pick(gs).name}`); }]);
    if (this.trap('unreachable')) opts.push([40, () => this.emit('unreachable')]);
    if (d > 0) {
      const e = d - 1;
      const w = 3; // weight of each compound family
      const un = UNARY.filter((u) => this.on(u.feature));
      if (un.length) opts.push([w, () => {
        const u = rng.pick(un);
        this.m.use(u.feature);
        this.expr(t, e);
        this.emit(`${t}.${rng.pick(u[t])}`);
      }]);
      const bin = BINARY.filter((b) => this.on(b.feature));
      if (bin.length) opts.push([2 * w, () => this.binary(t, e, rng.pick(bin))]);
      if (this.on('divrem')) opts.push([w, () => this.divrem(t, e)]);
      if (this.on('compare') && t === 'i32') opts.push([w, () => this.compare(e)]);
      if (this.on('convert') && this.on('i64')) opts.push([w, () => {
        this.m.use('convert');
        this.m.use('i64');
        if (t === 'i32') { this.expr('i64', e); this.emit('i32.wrap_i64'); }
        else { this.expr('i32', e); this.emit(rng.chance(0.5) ? 'i64.extend_i32_s' : 'i64.extend_i32_u'); }
      }]);
      if (this.on('locals')) {
        const wl = this.locals.filter((l) => l.writable && l.type === t);
        if (wl.length) opts.push([1, () => { this.m.use('locals'); this.expr(t, e); this.emit(`local.tee ${rng.pick(wl).name}`); }]);
      }
      if (this.m.memory) {
        opts.push([w, () => this.load(t, e)]);
        if (t === 'i32') opts.push([0.5, () => this.memSizeGrow(e)]);
      }
      if (this.on('select')) opts.push([w, () => {
        this.m.use('select');
        this.expr(t, e);
        this.expr(t, e);
        this.cond(e);
        this.emit(rng.chance(0.5) ? 'select' : `select (result ${t})`);
      }]);
      if (this.on('if')) opts.push([w, () => this.ifExpr(t, e)]);
      if (this.on('block')) opts.push([w, () => this.blockExpr(t, e)]);
      if (this.on('block')) opts.push([1, () => this.multiExpr(t, e)]);
      if (this.on('br_table')) opts.push([1, () => this.brTableExpr(t, e)]);
      if (this.on('loops') && this.canLoop()) opts.push([1, () => this.loopExpr(t, e)]);
      if (this.on('calls')) {
        const callees = this.callees((s) => s.results[0] === t);
        if (callees.length) opts.push([w, () => this.call(rng.pick(callees), e, true)]);
      }
      if (this.on('call_indirect')) {
        const slots = this.slots((s) => s.results[0] === t);
        if (slots.length) opts.push([w, () => this.callIndirect(slots, e, true)]);
      }
    }
    rng.weighted(opts)();
  }

  private binary(t: ValType, e: number, b: { feature: Feature; ops: string[] }): void {
    const op = this.rng.pick(b.ops);
    this.m.use(b.feature);
    this.expr(t, e);
    const count = b.feature !== 'arith' && this.rng.chance(0.5);
    if (count) this.emit(constText(this.rng, t, this.rng.pick(SHIFT_COUNTS) + (t === 'i64' && this.rng.chance(0.3) ? 32 : 0)));
    else this.expr(t, e);
    this.emit(`${t}.${op}`);
  }

  /**
   * Division/remainder. Normally guarded so it cannot trap: with `select`, the divisor becomes 1
   * exactly when it is 0 (or −1 with an INT_MIN dividend, for div_s); without it, bit masks keep
   * the divisor odd (and for div_s the dividend or divisor non-negative). In a module whose trap
   * family is 'divide' or 'overflow', rarely unguarded / a zero divisor, or INT_MIN / −1.
   */
  private divrem(t: ValType, e: number): void {
    const rng = this.rng;
    const op = rng.pick(['div_s', 'div_u', 'rem_s', 'rem_u']);
    this.m.use('divrem');
    if (this.trap('overflow')) {
      this.emit(MIN[t]), this.emit(`${t}.const -1`), this.emit(`${t}.div_s`);
      return;
    }
    if (this.trap('divide')) {
      if (rng.chance(0.3)) this.expr(t, e), this.expr(t, e);
      else this.expr(t, e), this.emit(`${t}.const 0`);
      this.emit(`${t}.${op}`);
      return;
    }
    if (this.on('select')) {
      this.m.use('select');
      const a = op === 'div_s' ? this.newLocal(t, false) : undefined;
      const b = this.newLocal(t, false);
      this.expr(t, e);
      if (a) this.emit(`local.tee ${a}`);
      this.emit(`${t}.const 1`);
      this.expr(t, e);
      this.emit(`local.tee ${b}`);
      this.emit(`local.get ${b}`);
      this.emit(`${t}.eqz`);
      if (a) {
        this.emit(`local.get ${a}`), this.emit(MIN[t]), this.emit(`${t}.eq`);
        this.emit(`local.get ${b}`), this.emit(`${t}.const -1`), this.emit(`${t}.eq`);
        this.emit('i32.and'), this.emit('i32.or');
      }
      this.emit('select');
    } else if (op === 'div_s' && rng.chance(0.5)) {
      this.expr(t, e), this.emit(`${t}.const ${t === 'i32' ? '0x7fffffff' : '0x7fffffffffffffff'}`), this.emit(`${t}.and`);
      this.expr(t, e), this.emit(`${t}.const 1`), this.emit(`${t}.or`);
    } else {
      this.expr(t, e);
      this.expr(t, e), this.emit(`${t}.const 1`), this.emit(`${t}.or`);
      if (op === 'div_s') this.emit(`${t}.const ${t === 'i32' ? '0x7fffffff' : '0x7fffffffffffffff'}`), this.emit(`${t}.and`);
    }
    this.emit(`${t}.${op}`);
  }

  private compare(e: number): void {
    const rng = this.rng;
    const u = rng.pick(this.m.valTypes);
    this.m.use('compare');
    this.expr(u, e);
    if (rng.chance(0.2)) return this.emit(`${u}.eqz`);
    if (rng.chance(0.3)) this.emit(randomConst(rng, u));
    else this.expr(u, e);
    this.emit(`${u}.${rng.pick(RELOPS)}`);
  }

  // ------------------------------------------------------------ control

  private ifExpr(t: ValType, e: number): void {
    const l = this.label([t]);
    this.m.use('if');
    this.cond(e);
    this.open(`if ${l.name} (result ${t})`);
    this.labels.push(l);
    this.stmts(e), this.expr(t, e);
    this.indent -= 2, this.emit('else'), this.indent += 2;
    this.stmts(e), this.expr(t, e);
    this.labels.pop();
    this.close();
  }

  private blockExpr(t: ValType, e: number): void {
    const l = this.label([t]);
    this.m.use('block');
    this.open(`block ${l.name} (result ${t})`);
    this.labels.push(l);
    this.stmts(e);
    if (this.rng.chance(0.5)) { // an early exit carrying a value, and the value left when not taken
      this.expr(t, e), this.cond(e), this.emit(`br_if ${l.name}`), this.sink(t);
    }
    this.stmts(e);
    this.expr(t, e);
    this.labels.pop();
    this.close();
  }

  /**
   * A multi-value block `(param p…) (result t r…)`: its params are sunk inside (or the first is
   * kept as the first result when the types agree), the extra results sunk after it.
   */
  private multiExpr(t: ValType, e: number): void {
    const params = this.someTypes(0, 2);
    const results: ValType[] = [t, ...this.someTypes(1, 2)];
    const keep = params.length > 0 && params[0] === t && this.rng.chance(0.5);
    const l = this.label(results);
    this.m.use('block');
    this.exprs(params, e);
    const kw = params.length === 0 && this.on('loops') && this.rng.chance(0.25) ? 'loop' : 'block';
    this.open(`${kw} ${l.name} ${this.blockType(params, results)}`);
    if (kw === 'block') this.labels.push(l);
    else { this.labels.push({ ...l, types: [], branchable: false }); }
    this.sinkAll(keep ? params.slice(1) : params);
    this.stmts(e);
    this.exprs(keep ? results.slice(1) : results, e);
    this.labels.pop();
    this.close();
    this.sinkAll(results.slice(1));
  }

  /** Nested `(result t)` blocks left through a br_table carrying a value; each exit is altered. */
  private brTableExpr(t: ValType, e: number): void {
    const rng = this.rng;
    const n = rng.range(1, 3);
    const ls = Array.from({ length: n + 1 }, () => this.label([t]));
    this.m.use('br_table');
    for (const l of ls) this.open(`block ${l.name} (result ${t})`), this.labels.push(l);
    this.expr(t, e);
    this.brTableIndex(e);
    const outer = this.labels.filter((l) => l.branchable && l.types.length === 1 && l.types[0] === t);
    const targets = Array.from({ length: rng.range(0, 5) }, () => rng.pick(outer).name);
    this.emit(`br_table ${[...targets, rng.pick(outer).name].join(' ')}`);
    for (let i = n; i >= 0; i--) {
      this.labels.pop(), this.close();
      if (i > 0) this.alter(t);
    }
  }

  /** A t → t change of the value on the stack, so that each br_table exit path is distinguishable. */
  private alter(t: ValType): void {
    const bin = BINARY.filter((b) => this.on(b.feature));
    if (!bin.length) return this.emit('drop'), this.emit(randomConst(this.rng, t));
    const b = this.rng.pick(bin);
    this.m.use(b.feature);
    this.emit(randomConst(this.rng, t)), this.emit(`${t}.${this.rng.pick(b.ops)}`);
  }

  private brTableIndex(e: number): void {
    const rng = this.rng;
    rng.weighted<() => void>([
      [2, () => this.emit(`i32.const ${rng.pick([0, 1, 2, 3, 4, 5, 100, -1])}`)],
      [2, () => { this.expr('i32', e); this.emit(`i32.const ${rng.pick([1, 3, 7])}`); this.emit('i32.and'); }],
      [1, () => this.expr('i32', e)],
    ])();
  }

  private canLoop(): boolean {
    return this.mult <= 25 && this.fits(40 * 5);
  }

  private tripCount(): number {
    return this.rng.pick([0, 1, 1, 2, 2, 3, 3, 4, 5]);
  }

  /** `loop (result t)`: a counter decremented at the top, `br_if` back while it is non-zero. */
  private loopExpr(t: ValType, e: number): void {
    const k = Math.max(1, this.tripCount());
    const c = this.newLocal('i32', false);
    const l = this.label([], false);
    this.m.use('loops');
    this.emit(`i32.const ${k}`), this.emit(`local.set ${c}`);
    this.open(`loop ${l.name} (result ${t})`);
    this.labels.push(l);
    const saved = this.mult;
    this.mult *= k;
    this.emit(`local.get ${c}`), this.emit('i32.const 1'), this.emit('i32.sub'), this.emit(`local.set ${c}`);
    this.stmts(e), this.expr(t, e);
    this.emit(`local.get ${c}`), this.emit(`br_if ${l.name}`);
    this.mult = saved;
    this.labels.pop();
    this.close();
  }

  private callees(pred: (s: Sig) => boolean): number[] {
    const out: number[] = [];
    for (let j = this.self + 1; j < this.m.funcs.length; j++) {
      const f = this.m.funcs[j];
      if (pred(f.sig) && this.fits(f.cost + 10)) out.push(j);
    }
    return out;
  }

  /** Table slots whose function fits `pred`, is callable from here and fits the budget. */
  private slots(pred: (s: Sig) => boolean): number[] {
    const out: number[] = [];
    this.m.table.forEach((j, slot) => {
      if (j !== null && j > this.self && pred(this.m.funcs[j].sig) && this.fits(this.m.funcs[j].cost + 10)) out.push(slot);
    });
    return out;
  }

  private args(f: FuncInfo, e: number): void {
    this.exprs(f.sig.params, e);
  }

  /** A direct call; as an expression, the first result is kept and the others sunk. */
  private call(j: number, e: number, asExpr: boolean): void {
    const f = this.m.funcs[j];
    this.m.use('calls');
    this.args(f, e);
    this.emit(`call ${f.name}`, 1 + f.cost);
    this.sinkAll(asExpr ? f.sig.results.slice(1) : f.sig.results);
  }

  /**
   * call_indirect through a slot known to hold a callee of the wanted signature: a constant index,
   * or `slot + (x & 1)` when the next slot qualifies too. With traps, rarely any slot: null entries,
   * a wrong signature, or past the end of the table.
   */
  private callIndirect(slots: number[], e: number, asExpr: boolean): void {
    const rng = this.rng;
    const table = this.m.table;
    const slot = rng.pick(slots);
    const f = this.m.funcs[table[slot]!];
    this.m.use('call_indirect');
    this.args(f, e);
    let cost = f.cost;
    if (this.trap('indirect')) {
      this.emit(`i32.const ${badSlot(this.m, f)}`);
    } else if (slots.includes(slot + 1) && table[slot + 1] !== null && this.m.funcs[table[slot + 1]!].typeName === f.typeName && rng.chance(0.5)) {
      cost = Math.max(cost, this.m.funcs[table[slot + 1]!].cost);
      this.expr('i32', e), this.emit('i32.const 1'), this.emit('i32.and'), this.emit(`i32.const ${slot}`), this.emit('i32.add');
    } else {
      this.emit(`i32.const ${slot}`);
    }
    this.emit(`call_indirect (type ${f.typeName})`, 2 + cost);
    this.sinkAll(asExpr ? f.sig.results.slice(1) : f.sig.results);
  }

  // ------------------------------------------------------------ statements

  stmts(d: number, n = this.rng.range(0, this.m.maxStmts)): void {
    for (let i = 0; i < n; i++) this.stmt(d);
  }

  stmt(d: number): void {
    const rng = this.rng;
    if (this.cost > this.cap * 0.7) d = 0;
    const e = Math.max(0, d - 1);
    const opts: Choice[] = [[1, () => { const t = rng.pick(this.m.valTypes); this.expr(t, e); this.sink(t); }]];
    const wl = this.locals.filter((l) => l.writable);
    if (wl.length && this.on('locals')) opts.push([4, () => {
      const l = rng.pick(wl);
      this.m.use('locals');
      this.expr(l.type, e);
      this.emit(`local.set ${l.name}`);
    }]);
    const gs = this.m.globals.filter((g) => g.mutable);
    if (gs.length && this.on('globals')) opts.push([2, () => {
      const g = rng.pick(gs);
      this.m.use('globals');
      this.expr(g.type, e);
      this.emit(`global.set ${g.name}`);
    }]);
    if (this.m.memory) {
      opts.push([3, () => this.store(e)]);
      opts.push([1, () => this.bulk(e)]);
    }
    if (this.trap('unreachable')) opts.push([20, () => {
      if (this.on('if')) this.cond(e), this.openIf(), this.emit('unreachable'), this.closeIf();
      else this.emit('unreachable');
    }]);
    if (d > 0) {
      if (this.on('if')) opts.push([2, () => this.ifStmt(e)]);
      if (this.on('block')) {
        opts.push([2, () => this.blockStmt(e)]);
        opts.push([1, () => this.multiStmt(e)]);
        if (this.labels.some((l) => l.branchable)) opts.push([3, () => this.branch(e)]);
        opts.push([0.5, () => this.returnStmt(e)]);
      }
      if (this.on('loops') && this.canLoop()) opts.push([3, () => this.loopStmt(e)]);
      if (this.on('br_table')) opts.push([1.5, () => this.brTableStmt(e)]);
      if (this.on('calls')) {
        const callees = this.callees(() => true);
        if (callees.length) opts.push([3, () => this.call(rng.pick(callees), e, false)]);
      }
      if (this.on('call_indirect')) {
        const slots = this.slots(() => true);
        if (slots.length) opts.push([2, () => this.callIndirect(slots, e, false)]);
      }
    }
    rng.weighted(opts)();
  }

  private ifStmt(e: number): void {
    const l = this.label([]);
    this.m.use('if');
    this.cond(e);
    this.open(`if ${l.name}`);
    this.labels.push(l);
    this.stmts(e, this.rng.range(1, this.m.maxStmts));
    if (this.rng.chance(0.5)) {
      this.indent -= 2, this.emit('else'), this.indent += 2;
      this.stmts(e, this.rng.range(1, this.m.maxStmts));
    }
    this.labels.pop();
    this.close();
  }

  private blockStmt(e: number): void {
    const l = this.label([]);
    this.m.use('block');
    this.open(`block ${l.name}`);
    this.labels.push(l);
    this.stmts(e, this.rng.range(1, this.m.maxStmts));
    this.labels.pop();
    this.close();
  }

  /** A multi-value block or if as a statement: operands in, results sunk. */
  private multiStmt(e: number): void {
    const params = this.someTypes(0, 2);
    const results = this.someTypes(0, 3);
    const l = this.label(results);
    this.m.use('block');
    this.exprs(params, e);
    const isIf = this.on('if') && this.rng.chance(0.4);
    if (isIf) this.m.use('if'), this.cond(e);
    this.open(`${isIf ? 'if' : 'block'} ${l.name} ${this.blockType(params, results)}`);
    this.labels.push(l);
    const arm = (): void => { this.sinkAll(params), this.stmts(e), this.exprs(results, e); };
    arm();
    if (isIf) this.indent -= 2, this.emit('else'), this.indent += 2, arm();
    this.labels.pop();
    this.close();
    this.sinkAll(results);
  }

  /** br_if (or `if … br … end`) to an enclosing label, with the values it carries. */
  private branch(e: number): void {
    const l = this.rng.pick(this.labels.filter((x) => x.branchable));
    this.m.use('block');
    if (this.on('if') && this.rng.chance(0.3)) {
      this.m.use('if');
      this.cond(e), this.openIf(), this.exprs(l.types, e), this.emit(`br ${l.name}`), this.closeIf();
      return;
    }
    this.exprs(l.types, e);
    this.cond(e);
    this.emit(`br_if ${l.name}`);
    this.sinkAll(l.types);
  }

  /** An early return: `br_if` to the function's own label (by depth), or `if … return end`. */
  private returnStmt(e: number): void {
    const results = this.m.funcs[this.self].sig.results;
    if (this.on('if') && this.rng.chance(0.5)) {
      this.m.use('if');
      this.cond(e), this.openIf(), this.exprs(results, e), this.emit('return'), this.closeIf();
      return;
    }
    this.exprs(results, e);
    this.cond(e);
    this.emit(`br_if ${this.labels.length}`);
    this.sinkAll(results);
  }

  /**
   * A bounded loop: `block $b loop $l  (br_if $b (c == 0))  c -= 1  body  br $l  end end`. The
   * counter is checked at the top, so a `br_if $l` (continue) from the body is also bounded.
   */
  private loopStmt(e: number): void {
    const k = this.tripCount();
    const c = this.newLocal('i32', false);
    const b = this.label([]), l = this.label([]);
    this.m.use('loops');
    this.emit(`i32.const ${k}`), this.emit(`local.set ${c}`);
    this.open(`block ${b.name}`), this.labels.push(b);
    this.open(`loop ${l.name}`), this.labels.push(l);
    const saved = this.mult;
    this.mult *= k + 1;
    this.emit(`local.get ${c}`), this.emit('i32.eqz'), this.emit(`br_if ${b.name}`);
    this.emit(`local.get ${c}`), this.emit('i32.const 1'), this.emit('i32.sub'), this.emit(`local.set ${c}`);
    this.stmts(e, this.rng.range(1, this.m.maxStmts));
    this.emit(`br ${l.name}`);
    this.mult = saved;
    this.labels.pop(), this.close();
    this.labels.pop(), this.close();
  }

  /** `block block block (br_table …) end stmts end stmts end`: a switch. */
  private brTableStmt(e: number): void {
    const rng = this.rng;
    const n = rng.range(1, 4);
    const ls = Array.from({ length: n }, () => this.label([]));
    this.m.use('br_table');
    for (const l of ls) this.open(`block ${l.name}`), this.labels.push(l);
    this.brTableIndex(e);
    const targets = this.labels.filter((l) => l.branchable && l.types.length === 0);
    const list = Array.from({ length: rng.range(0, 6) }, (_, i) => (i < n && rng.chance(0.7) ? ls[n - 1 - i] : rng.pick(targets)).name);
    this.emit(`br_table ${[...list, rng.pick(targets).name].join(' ')}`);
    for (let i = 0; i < n; i++) {
      this.labels.pop(), this.close();
      this.stmts(e, rng.range(0, 2));
    }
  }

  /** The body's self-call of a recursive function: if $d ≠ 0, call with $d − 1 (and random args). */
  selfCall(e: number): void {
    const f = this.m.funcs[this.self];
    this.m.use('calls');
    if (this.on('if')) this.emit('local.get $d'), this.openIf();
    else this.openIf('block'), this.emit('local.get $d'), this.emit('i32.eqz'), this.emit('br_if 0');
    this.emit('local.get $d'), this.emit('i32.const 1'), this.emit('i32.sub');
    this.exprs(f.sig.params.slice(1), e);
    this.emit(`call ${f.name}`);
    this.sinkAll(f.sig.results);
    this.closeIf();
  }
}
