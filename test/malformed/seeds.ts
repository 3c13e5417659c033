// The valid inputs the fuzzer mutates: our test programs and real toolchains' output (.wasm),
// the small .wat files of the repository, zkASM (golden files, and what the compiler makes of
// the .wat seeds), and small .wast scripts (seeds/, and in the long run the spec suite's small files).

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './harness.js';

export interface Seed<T extends string | Uint8Array> {
  /** repository-relative path (or a made-up name for derived seeds) */
  path: string;
  data: T;
}

function walk(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p, ext));
    else if (e.name.endsWith(ext)) out.push(p);
  }
  return out.sort();
}

const rel = (p: string) => relative(ROOT, p);

/**
 * Binary seeds (seeds/tiny.wasm: `(module (func (export "main")))`). `quick`: the small ones (up to 24 KB: clang's and AssemblyScript's output at
 * every level, our test programs; their mutants are compiled and run); the rest, up to
 * rustc's 370 KB modules, only in the long run.
 */
export function wasmSeeds(quick: boolean): Seed<Uint8Array>[] {
  const files = [
    ...walk(join(import.meta.dirname, 'seeds'), '.wasm'),
    ...walk(join(ROOT, 'test', 'programs', 'wasm'), '.wasm'),
    ...walk(join(ROOT, 'test', 'real', 'wasm'), '.wasm'),
  ];
  return files
    .filter((f) => !quick || statSync(f).size <= 24 * 1024)
    .map((f) => ({ path: rel(f), data: new Uint8Array(readFileSync(f)) }));
}

/**
 * Text-format seeds: every .wat of the repository up to 8 KB (golden programs, soundness corpus,
 * …) but reproducers of open bugs (any `bugs/` folder): their mutants would find the bug again.
 */
export function watSeeds(): Seed<string>[] {
  const dirs = ['golden', 'test'].map((d) => join(ROOT, d));
  return dirs.flatMap((d) => walk(d, '.wat'))
    .filter((f) => !/[/\\](node_modules|bugs|cases)[/\\]/.test(f) && statSync(f).size <= 8 * 1024)
    .map((f) => ({ path: rel(f), data: readFileSync(f, 'utf8') }));
}

/** Hand-written zkASM (golden/); the harness adds compiled text of some .wat seeds. */
export function zkasmSeeds(): Seed<string>[] {
  return walk(join(ROOT, 'golden'), '.zkasm').map((f) => ({ path: rel(f), data: readFileSync(f, 'utf8') }));
}

const SPEC_DIR = join(ROOT, '..', 'shared', 'spec');

/** .wast scripts: seeds/, and in the long run the spec suite's files up to 12 KB (if it is there). */
export function wastSeeds(quick: boolean): Seed<string>[] {
  const own = walk(join(import.meta.dirname, 'seeds'), '.wast');
  const spec = quick ? [] : walk(SPEC_DIR, '.wast').filter((f) => statSync(f).size <= 12 * 1024);
  return [...own, ...spec].map((f) => ({ path: rel(f), data: readFileSync(f, 'utf8') }));
}

/**
 * In the long run, every `(module …)` of the spec suite's scripts that is text (not binary or
 * quote) and at most 4 KB also seeds the .wat mutator.
 */
export function specModuleSeeds(): Seed<string>[] {
  const out: Seed<string>[] = [];
  for (const f of walk(SPEC_DIR, '.wast')) {
    const text = readFileSync(f, 'utf8');
    let k = 0;
    for (const m of topLevelForms(text)) {
      if (!/^\(module\b/.test(m) || /^\(module\s+(\$\S+\s+)?(binary|quote|definition)\b/.test(m) || m.length > 4096) continue;
      out.push({ path: `${rel(f)}#${k++}`, data: m });
    }
  }
  return out;
}

/** The top-level parenthesized forms of a script (strings and comments skipped). */
function topLevelForms(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === ';' && text[i + 1] === ';') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '(' && text[i + 1] === ';') {
      const close = text.indexOf(';)', i + 2);
      i = close < 0 ? text.length : close + 1;
    } else if (c === '(') {
      if (depth++ === 0) start = i;
    } else if (c === ')') {
      if (--depth === 0) out.push(text.slice(start, i + 1));
      if (depth < 0) depth = 0;
    }
  }
  return out;
}
