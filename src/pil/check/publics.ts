// Publics: each names a polynomial (committed, constant or intermediate) and a row. Their values
// are what expressions read as `:name`; given values (opts.publics, like verifyPil's
// config.publics) must equal the bound cells — verifyPil does not check that, the prover does.

import { exactCell } from './columns.js';
import type { Context } from './context.js';
import { mod, showField } from './field.js';

export function resolvePublics(ctx: Context, given: readonly (bigint | number | string)[] | undefined): void {
  const pubs = ctx.pil.publics;
  if (given !== undefined && given.length !== pubs.length) {
    throw new Error(`checkTrace: ${given.length} publics given, the PIL declares ${pubs.length}`);
  }
  const values: bigint[] = [];
  for (let k = 0; k < pubs.length; k++) {
    const pb = pubs[k]!;
    if (!(Number.isInteger(pb.idx) && pb.idx >= 0 && pb.idx < ctx.N)) {
      throw new Error(`pilJson: public ${pb.name} reads row ${pb.idx}, outside 0..${ctx.N - 1}`);
    }
    // An intermediate may itself read earlier publics: they are set before it is evaluated.
    ctx.setPublics(values);
    let cell: bigint;
    let where: string;
    if (pb.polType === 'cmP' || pb.polType === 'constP') {
      const kind = pb.polType === 'cmP' ? 'cm' : 'const';
      cell = exactCell(ctx.col(kind, pb.polId), pb.idx);
      where = ctx.polName(kind, pb.polId);
    } else if (pb.polType === 'imP') {
      cell = ctx.exact(pb.polId)(pb.idx);
      where = ctx.polName('im', pb.polId);
    } else {
      throw new Error(`pilJson: public ${pb.name} has unknown polType ${String(pb.polType)}`);
    }
    const value = given !== undefined ? mod(BigInt(given[k]!)) : cell;
    values.push(value);
    if (value !== cell) {
      ctx.report('public', k, pb.idx, { fileName: '', line: 0 },
        `public ${pb.name} (#${k}) = ${where}(${pb.idx}): the trace holds ${showField(cell)}, the given value is ${showField(value)}`);
    }
  }
  ctx.setPublics(values);
}
