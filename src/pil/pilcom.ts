// Polygon's PIL compiler, used as a library: the pilJson of our PIL text, and its verifyPil.

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface Pilcom {
  compile(F: unknown, src: string, _: null, opts: object): Promise<PilJsonLike>;
  verifyPil(F: unknown, pil: PilJsonLike, cm: unknown, cst: unknown, opts?: object): Promise<string[]>;
  newCommitPolsArray(pil: PilJsonLike): unknown;
  newConstantPolsArray(pil: PilJsonLike): unknown;
  F: unknown;
}

/** The parts of pilJson this module relies on; the checker has the full shape. */
export interface PilJsonLike {
  nCommitments: number;
  nConstants: number;
  references: Record<string, { type: string; id: number; isArray?: boolean; len?: number; polDeg?: number }>;
  [k: string]: unknown;
}

let pilcom: Pilcom | undefined;
export function pilcomLib(): Pilcom {
  pilcom ??= require('pilcom') as Pilcom;
  return pilcom;
}

/** Compile PIL text with pilcom (errors name the line of the text). */
export async function compilePil(source: string): Promise<PilJsonLike> {
  const p = pilcomLib();
  // pilcom prints progress with console.log; keep stdout for our own output
  return quiet(() => p.compile(p.F, source, null, { compileFromString: true }));
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
