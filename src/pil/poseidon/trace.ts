// Named columns to the id-ordered trace of a compiled PIL (columns.ts's orderColumns, for columns
// that may be raw 64-bit elements).

import type { Column, PilJson, Trace } from '../check/index.js';
import type { NamedColumns } from './constants.js';

function order(pil: PilJson, type: 'cmP' | 'constP', cols: NamedColumns, n: number): Column[] {
  const out: Column[] = new Array<Column>(n);
  for (const [name, ref] of Object.entries(pil.references)) {
    if (ref.type !== type) continue;
    const all = ref.isArray ? Array.from({ length: ref.len! }, (_, k) => `${name}[${k}]`) : [name];
    all.forEach((nm, k) => {
      const c = cols.get(nm);
      if (!c) throw new Error(`no values for the ${type === 'cmP' ? 'committed' : 'constant'} polynomial ${nm}`);
      out[ref.id + k] = c;
    });
  }
  return out;
}

export function traceOf(pil: PilJson, N: number, cm: NamedColumns, cst: NamedColumns): Trace {
  return { N, cm: order(pil, 'cmP', cm, pil.nCommitments), cst: order(pil, 'constP', cst, pil.nConstants) };
}
