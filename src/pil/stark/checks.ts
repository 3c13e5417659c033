// Checks made before proving, each turning what pil-stark would do with bad input (a wrong
// answer, a crash deep inside, or an unsound proof) into an error that says what is wrong.

import { GOLDILOCKS_P } from './proof-file.js';
import { MAX_NBITS, MIN_NBITS } from './struct.js';
import type { PilExpression, PilJson, PolsArray } from './types.js';

/**
 * Every cell must be a bigint in (−p, p): pilcom writes negatives as p − |x| but copies other
 * values as they are, so an unset cell crashes pil-stark and a value ≥ p is silently wrapped or
 * left non-canonical. Returns the trace's nBits.
 */
export function checkPols(pil: PilJson, pols: PolsArray, kind: 'constant' | 'committed'): number {
  const expected = kind === 'constant' ? pil.nConstants : pil.nCommitments;
  if (pols.$$nPols !== expected) {
    throw new Error(`the ${kind} polynomials do not belong to this PIL (${pols.$$nPols} columns, the PIL declares ${expected})`);
  }
  const n = pols.$$n;
  const nBits = Math.log2(n);
  if (expected > 0 && !(Number.isInteger(nBits) && nBits >= MIN_NBITS && nBits <= MAX_NBITS)) {
    throw new Error(`the ${kind} polynomials have ${n} rows: a proof needs a power of two from 2^${MIN_NBITS} to 2^${MAX_NBITS}`);
  }
  for (let j = 0; j < pols.$$nPols; j++) {
    const col = pols.$$array[j]!;
    const def = pols.$$defArray[j]!;
    const name = def.idx === undefined ? def.name : `${def.name}[${def.idx}]`;
    if (col.length !== n) throw new Error(`${kind} polynomial ${name} has ${col.length} rows, expected ${n}`);
    for (let i = 0; i < n; i++) {
      const v = col[i];
      if (typeof v !== 'bigint' || v >= GOLDILOCKS_P || v <= -GOLDILOCKS_P) {
        const what = v === undefined ? 'is not set' : `= ${String(v)} is not a field element (a bigint in (-p, p))`;
        throw new Error(`${kind} polynomial ${name} row ${i} ${what}`);
      }
    }
  }
  return nBits;
}

/**
 * A public is bound to the trace only by a constraint that uses it (`L1 * (a - :in) = 0`):
 * pil-stark reads its value from the declared cell when proving, but the verifier uses publics
 * only in the identities and in the Fiat–Shamir transcript. A public no identity mentions can
 * be anything a modified prover likes, so we refuse to prove such a PIL.
 */
export function checkPublicsBound(pil: PilJson): void {
  const used = new Set<number>();
  const seen = new Set<number>();
  const walk = (e: PilExpression | undefined): void => {
    if (!e) return;
    if (e.op === 'public' && typeof e.id === 'number') used.add(e.id);
    if (e.op === 'exp' && typeof e.id === 'number' && !seen.has(e.id)) {
      seen.add(e.id);
      walk(pil.expressions[e.id]);
    }
    for (const v of e.values ?? []) walk(v);
  };
  const root = (id: number | null | undefined): void => {
    if (typeof id === 'number' && !seen.has(id)) {
      seen.add(id);
      walk(pil.expressions[id]);
    }
  };
  for (const id of pil.polIdentities) root(id.e);
  for (const l of [...pil.plookupIdentities, ...pil.permutationIdentities]) {
    for (const id of [...l.f, ...l.t, l.selF, l.selT]) root(id);
  }
  const unbound = pil.publics.filter((p) => !used.has(p.id)).map((p) => p.name);
  if (unbound.length > 0) {
    throw new Error(`public${unbound.length > 1 ? 's' : ''} ${unbound.map((n) => `'${n}'`).join(', ')} not used by any constraint: `
      + `the proof would not bind ${unbound.length > 1 ? 'them' : 'it'} to the trace (add e.g. \`LLAST * (x - :${unbound[0]}) = 0\`)`);
  }
}

/** pil-stark's lookup, permutation and connection arguments need a constant `Global.L1` (1 on row 0). */
export function checkL1(pil: PilJson): void {
  const needs = pil.plookupIdentities.length + pil.permutationIdentities.length + pil.connectionIdentities.length > 0;
  const l1 = pil.references['Global.L1'];
  if (needs && (!l1 || l1.type !== 'constP')) {
    throw new Error('the PIL uses lookups, permutations or connections, which pil-stark builds on a constant `Global.L1` (1 on row 0, else 0): declare it in namespace Global');
  }
}
