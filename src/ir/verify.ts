// The IR verifier: single definitions, definitions dominate uses, types agree with the op table,
// edges pass exactly the target's parameters. Run on every built function in tests and after
// every pass under W2Z_PASS_DEBUG=1.

import { irVerify } from '../diagnostics.js';
import { instArgs, instResults, MEM_ACCESS, successors, termArgs, type IrFunction, type IrModule, type IrType, type ValueId } from './ir.js';
import { BINARY_OPS, HOST_FUNCS, UNARY_OPS } from './ops.js';
import { dominators } from './analysis/dominators.js';

export function verifyModule(m: IrModule): void {
  const sigs = new Map(m.funcs.map((f) => [f.index, f]));
  for (const f of m.funcs) verifyFunction(f, sigs);
}

export function verifyFunction(fn: IrFunction, funcs?: Map<number, Pick<IrFunction, 'params' | 'results'>>): void {
  const where = (b?: number) => `func ${fn.name}${b === undefined ? '' : ` block${b}`}`;
  const fail = (b: number | undefined, what: string, ctx?: string): never => { throw irVerify(where(b), what, ctx); };
  if (fn.blocks.length === 0) fail(undefined, 'function has no blocks');

  // definitions: value → (block, position); params at position -1
  const defBlock = new Int32Array(fn.types.length).fill(-1);
  const defPos = new Int32Array(fn.types.length);
  const define = (v: ValueId, b: number, pos: number) => {
    if (v < 0 || v >= fn.types.length) fail(b, `value v${v} has no type`);
    if (defBlock[v] !== -1) fail(b, `value v${v} is defined twice`);
    defBlock[v] = b;
    defPos[v] = pos;
  };
  fn.blocks.forEach((b, bi) => {
    if (b.id !== bi) fail(bi, `block id ${b.id} does not match its position ${bi}`);
    for (const p of b.params) define(p, bi, -1);
    b.insts.forEach((ins, k) => { for (const r of instResults(ins)) define(r, bi, k); });
  });

  const entry = fn.blocks[0]!;
  if (entry.params.length !== fn.params.length || entry.params.some((p, i) => fn.types[p] !== fn.params[i])) {
    fail(0, 'entry block parameters differ from the function parameters');
  }

  const dom = dominators(fn);
  const ty = (v: ValueId) => fn.types[v]!;
  const expectTypes = (b: number, vals: ValueId[], want: readonly IrType[], what: string) => {
    if (vals.length !== want.length) fail(b, `${what} passes ${vals.length} values, expected ${want.length}`);
    vals.forEach((v, i) => {
      if (ty(v) !== want[i]) fail(b, `${what}: v${v} is ${ty(v)}, expected ${want[i]}`);
    });
  };

  fn.blocks.forEach((b, bi) => {
    const use = (v: ValueId, pos: number) => {
      if (v < 0 || v >= fn.types.length || defBlock[v] === -1) fail(bi, `v${v} is used but never defined`);
      const db = defBlock[v]!;
      const ok = db === bi ? defPos[v]! < pos : dom.dominates(db, bi);
      if (!ok) fail(bi, `v${v} is used where its definition does not dominate`);
    };
    b.insts.forEach((ins, k) => {
      for (const a of instArgs(ins)) use(a, k);
      switch (ins.kind) {
        case 'const':
          if (ty(ins.result) !== ins.type) fail(bi, `const v${ins.result} has type ${ty(ins.result)}, expected ${ins.type}`);
          if (ins.value < 0n || ins.value >= (ins.type === 'i32' ? 1n << 32n : 1n << 64n)) fail(bi, `const v${ins.result} out of range`);
          break;
        case 'unary': {
          const info = UNARY_OPS[ins.op];
          expectTypes(bi, [ins.arg], info.args, ins.op);
          expectTypes(bi, [ins.result], [info.result], `${ins.op} result`);
          break;
        }
        case 'binary': {
          const info = BINARY_OPS[ins.op];
          expectTypes(bi, [ins.lhs, ins.rhs], info.args, ins.op);
          expectTypes(bi, [ins.result], [info.result], `${ins.op} result`);
          break;
        }
        case 'call': {
          const callee = funcs?.get(ins.func);
          if (funcs && !callee) fail(bi, `call to unknown function #${ins.func}`);
          if (callee) {
            expectTypes(bi, ins.args, callee.params, `call #${ins.func}`);
            expectTypes(bi, ins.results, callee.results, `call #${ins.func} results`);
          }
          break;
        }
        case 'host': {
          const h = HOST_FUNCS[ins.name];
          expectTypes(bi, ins.args, h.params, ins.name);
          expectTypes(bi, ins.results, h.results, `${ins.name} results`);
          break;
        }
        case 'select':
          expectTypes(bi, [ins.cond], ['i32'], 'select condition');
          expectTypes(bi, [ins.a, ins.b], [ty(ins.result), ty(ins.result)], 'select');
          break;
        case 'call_indirect':
          expectTypes(bi, [ins.index], ['i32'], 'call_indirect index');
          break;
        case 'load':
          expectTypes(bi, [ins.addr], ['i32'], `${ins.op} address`);
          expectTypes(bi, [ins.result], [MEM_ACCESS[ins.op].type], `${ins.op} result`);
          break;
        case 'store':
          expectTypes(bi, [ins.addr, ins.value], ['i32', MEM_ACCESS[ins.op].type], ins.op);
          break;
        case 'memory.size':
          expectTypes(bi, [ins.result], ['i32'], 'memory.size result');
          break;
        case 'memory.grow':
          expectTypes(bi, [ins.delta, ins.result], ['i32', 'i32'], 'memory.grow');
          break;
        case 'memory.fill':
          expectTypes(bi, [ins.dst, ins.value, ins.len], ['i32', 'i32', 'i32'], 'memory.fill');
          break;
        case 'memory.copy':
        case 'memory.init':
          expectTypes(bi, [ins.dst, ins.src, ins.len], ['i32', 'i32', 'i32'], ins.kind);
          break;
        case 'global.get': case 'global.set': case 'data.drop':
          break;
      }
    });
    const t = b.term;
    for (const a of termArgs(t)) use(a, b.insts.length);
    for (const r of successors(t)) {
      const target = fn.blocks[r.block];
      if (!target) { fail(bi, `edge to missing block${r.block}`); return; }
      if (r.block === 0) fail(bi, 'edge to the entry block');
      expectTypes(bi, r.args, target.params.map(ty), `edge to block${r.block}`);
    }
    if (t.kind === 'branch' && ty(t.cond) !== 'i32') fail(bi, 'branch condition is not i32');
    if (t.kind === 'switch' && ty(t.index) !== 'i32') fail(bi, 'switch index is not i32');
    if (t.kind === 'return') expectTypes(bi, t.values, fn.results, 'return');
  });
}
