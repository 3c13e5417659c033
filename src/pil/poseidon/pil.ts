// The PIL text of the Poseidon namespace (templates/pil/poseidon.pil.hbs), with the MDS matrix
// inlined from pil-stark's constants. It reads Global.L1 and Global.LLAST, which a program's PIL
// declares; `standalonePoseidonPil` adds a Global namespace with just those two for tests.

import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { digestRow, ROWS_PER_PERM, slotsOf, type PoseidonLayout } from './layout.js';
import { CAPACITY, poseidonParams, RATE, WIDTH } from './params.js';

const TEMPLATE = new URL('../../../templates/pil/poseidon.pil.hbs', import.meta.url);
let template: HandlebarsTemplateDelegate | undefined;

const range = (n: number, from = 0): number[] => Array.from({ length: n }, (_, k) => from + k);
const names = (prefix: string, n: number): string => range(n).map((k) => `${prefix}${k}`).join(', ');

/** Name of the constant that selects the row of a digest public. */
export function digestSelector(name: string): string {
  return `DIGEST_${name}`;
}

/** The Poseidon namespace (needs `constant %N` and Global.L1, Global.LLAST declared elsewhere). */
export function poseidonPil(layout: PoseidonLayout): string {
  const nSlots = slotsOf(layout.N);
  const { mds } = poseidonParams();
  const terms = (i: number, col: (j: number) => string): string =>
    range(WIDTH - 1, 1).map((j) => `${mds[i]![j]!}*${col(j)}`).join(' + ');
  const seen = new Set<string>();
  const digests = layout.digests.map((d) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(d.name) || seen.has(d.name)) throw new Error(`Poseidon: bad or repeated digest name '${d.name}'`);
    if (!(Number.isInteger(d.slot) && d.slot >= 0 && d.slot < nSlots)) throw new Error(`Poseidon: digest ${d.name} at slot ${d.slot}, N = ${layout.N} has ${nSlots}`);
    seen.add(d.name);
    return {
      name: d.name,
      sel: digestSelector(d.name),
      row: digestRow(d.slot),
      lanes: range(CAPACITY).map((lane) => ({ lane, pub: `${d.name}_${lane}` })),
    };
  });
  template ??= Handlebars.compile(readFileSync(TEMPLATE, 'utf8'), { noEscape: true, strict: true });
  return template({
    rowsPerPerm: ROWS_PER_PERM,
    constList: names('C', WIDTH),
    stateList: names('s', WIDTH),
    cubeList: names('cube', WIDTH),
    powList: names('pow', WIDTH),
    dataList: names('d', RATE),
    lanes: range(WIDTH),
    mix: range(WIDTH).map((i) => ({
      i,
      lane0: `${mds[i]![0]!}*pow0`,
      full: terms(i, (j) => `pow${j}`),
      partial: terms(i, (j) => `x${j}`),
    })),
    digestLanes: range(CAPACITY),
    otherLanes: range(WIDTH - CAPACITY, CAPACITY),
    rateLanes: range(RATE),
    dataChain: range(RATE - 1, 1).map((k) => ({ k, prev: k - 1 })),
    capLinks: range(CAPACITY).map((lane) => ({ lane, cap: RATE + lane })),
    digests,
    singleHash: layout.singleHash === true,
  });
}

/** A whole PIL: N, a Global namespace with L1 and LLAST, and the Poseidon namespace. */
export function standalonePoseidonPil(layout: PoseidonLayout): string {
  slotsOf(layout.N);
  return `constant %N = ${layout.N};\n\nnamespace Global(%N);\n    pol constant L1;       // 1 on row 0\n`
    + `    pol constant LLAST;    // 1 on row N-1\n\n${poseidonPil(layout)}`;
}
