// From an assembled program to its PIL, constants and witness: the pieces `check`, `prove`
// and `--pil`/`--pols` put together.

import type { Rom } from '../zkasm/rom.js';
import { execute, type ExecOptions, type ExecResult } from '../machine/exec.js';
import { pilModel, type PilModel } from './model.js';
import { generatePil } from './generate.js';
import { constantColumns } from './constants.js';
import { buildWitness, type Witness } from './witness.js';
import type { Columns } from './columns.js';

export interface ProgramPil {
  model: PilModel;
  /** the PIL source text */
  source: string;
  constants: Columns;
}

/**
 * The PIL of a program, sized by a debug run with these inputs (N depends on the run: a longer
 * run needs more rows).
 */
export function programPil(rom: Rom, opts: Pick<ExecOptions, 'inputs'> & { N?: number; debugRun?: ExecResult } = {}): ProgramPil & { debugRun: ExecResult } {
  const debugRun = opts.debugRun ?? execute(rom, opts.inputs ? { inputs: opts.inputs } : {});
  const model = pilModel(rom, debugRun.counters, opts.N);
  return { model, source: generatePil(model), constants: constantColumns(model), debugRun };
}

export function programWitness(rom: Rom, p: ProgramPil, opts: Pick<ExecOptions, 'inputs' | 'tamper' | 'unchecked'> = {}): Witness {
  return buildWitness(rom, p.model, opts);
}

export type { PilModel } from './model.js';
export type { Witness } from './witness.js';
