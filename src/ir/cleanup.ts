// Structural clean-ups the builder runs on every function: drop blocks no path reaches, remove
// block parameters that only ever receive one value (the trivial phis the all-locals-as-params
// construction creates), and renumber values and blocks densely in program order.

import { mapResults, mapUses, successors, type IrFunction, type ValueId } from './ir.js';
import { reachableBlocks } from './analysis/cfg.js';

export function removeUnreachableBlocks(fn: IrFunction): void {
  const live = reachableBlocks(fn);
  const newId = new Map<number, number>();
  const kept = fn.blocks.filter((b) => live.has(b.id));
  kept.forEach((b, i) => newId.set(b.id, i));
  for (const b of kept) {
    b.id = newId.get(b.id)!;
    for (const r of successors(b.term)) r.block = newId.get(r.block)!;
  }
  fn.blocks = kept;
}

/** Braun et al.'s trivial-phi removal, to a fixed point. */
export function pruneTrivialParams(fn: IrFunction): void {
  const subst = new Map<ValueId, ValueId>();
  const find = (v: ValueId): ValueId => {
    let r = v;
    while (subst.has(r)) r = subst.get(r)!;
    if (r !== v) subst.set(v, r);
    return r;
  };
  const incoming = fn.blocks.map(() => [] as ValueId[][]);
  const refsTo = fn.blocks.map(() => [] as { args: ValueId[] }[]);
  for (const b of fn.blocks) {
    for (const r of successors(b.term)) {
      incoming[r.block]!.push(r.args);
      refsTo[r.block]!.push(r);
    }
  }
  let changed = true;
  while (changed) {
    changed = false;
    for (const b of fn.blocks) {
      if (b.id === 0) continue; // the entry's parameters are the function's
      for (let i = b.params.length - 1; i >= 0; i--) {
        const p = b.params[i]!;
        let unique: ValueId | undefined;
        let trivial = true;
        for (const args of incoming[b.id]!) {
          const a = find(args[i]!);
          if (a === p || a === unique) continue;
          if (unique !== undefined) { trivial = false; break; }
          unique = a;
        }
        if (!trivial || unique === undefined) continue;
        subst.set(p, unique);
        b.params.splice(i, 1);
        for (const r of refsTo[b.id]!) r.args.splice(i, 1);
        changed = true;
      }
    }
  }
  if (subst.size > 0) for (const b of fn.blocks) mapUses(b, find);
}

/** Dense value numbers in definition order (block params, then instruction results). */
export function renumberValues(fn: IrFunction): void {
  const map = new Map<ValueId, ValueId>();
  const types: IrFunction['types'] = [];
  const def = (v: ValueId): ValueId => {
    const n = types.length;
    types.push(fn.types[v]!);
    map.set(v, n);
    return n;
  };
  for (const b of fn.blocks) {
    b.params = b.params.map(def);
    for (const i of b.insts) mapResults(i, def);
  }
  const use = (v: ValueId): ValueId => {
    const n = map.get(v);
    if (n === undefined) throw new Error(`value v${v} is used but never defined`);
    return n;
  };
  for (const b of fn.blocks) mapUses(b, use);
  fn.types = types;
}
