import type { IrFunction } from '../ir/ir.js';

/** An IR → IR transformation over one function; `run` reports what it saved. */
export interface Pass {
  /** kebab-case, equal to the file name */
  name: string;
  /** one lower-case line */
  description: string;
  run(fn: IrFunction): Record<string, number>;
}
