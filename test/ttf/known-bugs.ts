// Compiler bugs the ttf fuzzing found and that are not fixed yet (KNOWN_BUGS.md has each with
// its reproducer). A verdict is a known bug when its kind and message match. The test checks
// that the seeds listed in ttf.test.ts still fail with their bug: a fix makes it fail, telling
// you to remove the seeds (and the entry here, and in KNOWN_BUGS.md).

export interface KnownBug {
  id: string;
  title: string;
  what: 'disagree' | 'crash' | 'refusal' | 'run failed';
  pattern: RegExp;
}

export const KNOWN_BUGS: KnownBug[] = [];

/** The binaryen version KNOWN_BAD_SEEDS holds for (the same seed gives another module in another). */
export const KNOWN_BAD_SEEDS_BINARYEN = 108;

/**
 * Seeds of the CI range (1..200) that fail with a known bug, per variant. Re-record with
 *   TTF_RECORD=1 SEEDS=200 npx vitest run --config test/ttf/vitest.config.ts
 */
export const KNOWN_BAD_SEEDS: Record<number, Partial<Record<'defloat' | 'opt' | 'keep', string>>> = {};

