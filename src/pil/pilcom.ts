// Polygon's PIL compiler, used as a library: the pilJson of our PIL text.

import { pilcom } from './check/index.js';
import type { PilJson } from './check/index.js';

/** Compile PIL text with pilcom (its errors name the line of the text). */
export async function compilePil(source: string): Promise<PilJson> {
  const p = pilcom();
  // pilcom prints progress with console.log; keep stdout for our own output
  return quiet(() => p.compile(p.F, source, null, { compileFromString: true }) as Promise<PilJson>);
}

/** Run `fn` with console.log silenced (pilcom and pil-stark log every step). */
export async function quiet<T>(fn: () => Promise<T>): Promise<T> {
  const log = console.log;
  console.log = () => {};
  try {
    return await fn();
  } finally {
    console.log = log;
  }
}
