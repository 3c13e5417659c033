// Corpus programs re-optimised by binaryen (wasm-opt -O1 … -O4, -Oz with our feature flags):
// new code shapes with the same meaning, each checked against V8 as a whole program
// (program.ts). Levels whose output is byte-identical to an earlier one are run once.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { optimize } from './binaryen.js';
import { compareOutcomes, runProgramOurs, runProgramV8, type ProgramOutcome } from './program.js';

export const LEVELS = ['-O1', '-O2', '-O3', '-O4', '-Oz'] as const;

const ROOT = join(import.meta.dirname, '..');

/** The corpus: test/programs/wasm and wasm-negative (paths relative to test/); test/real has its own, with tapes (reopt.slow.test.ts there). */
export function corpus(): string[] {
  const dirs = ['programs/wasm', 'programs/wasm-negative'];
  return dirs.filter((d) => existsSync(join(ROOT, d)))
    .flatMap((d) => readdirSync(join(ROOT, d)).filter((f) => f.endsWith('.wasm')).sort().map((f) => `${d}/${f}`));
}

export interface LevelResult {
  level: string;
  /** the earlier level with byte-identical output, when not run again */
  sameAs?: string;
  ok: boolean;
  why?: string;
  v8?: ProgramOutcome['status'];
  ms: number;
}

export async function checkReoptimised(file: string): Promise<LevelResult[]> {
  const bytes = new Uint8Array(readFileSync(join(ROOT, file)));
  const original = await runProgramV8(bytes);
  const seen = new Map<string, string>();
  const out: LevelResult[] = [];
  for (const level of LEVELS) {
    const t0 = performance.now();
    const opt = optimize(bytes, level);
    const hash = createHash('sha256').update(opt).digest('hex');
    const earlier = seen.get(hash);
    if (earlier) {
      const r = out.find((x) => x.level === earlier)!;
      out.push({ ...r, level, sameAs: earlier, ms: 0 });
      continue;
    }
    seen.set(hash, level);
    const name = `${file.split('/').pop()!.replace(/\.wasm$/, '')}${level}.wasm`;
    const v8 = await runProgramV8(opt);
    let why: string | undefined;
    if (v8.status !== original.status) why = `wasm-opt ${level} changed the V8 outcome: ${original.status} → ${v8.status} (${v8.message ?? ''})`;
    else {
      try {
        why = compareOutcomes(v8, await runProgramOurs(opt, name));
      } catch (e) {
        why = `ours: ${(e as Error).message.split('\n')[0]}`;
      }
    }
    out.push({ level, ok: why === undefined, ...(why ? { why } : {}), v8: v8.status, ms: Math.round(performance.now() - t0) });
  }
  return out;
}
