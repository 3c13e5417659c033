// The rest of the corpus against V8: every module differential.test.ts does not sample (about
// a hundred, several minutes: Rust modules take seconds each to compile, -O0 ones more).
import { describe, it } from 'vitest';
import { checkModule, FAST, MODULES } from './check.js';

describe.each(MODULES.filter((m) => !FAST.has(m.file)).map((m) => [m.file, m] as const))('%s', (_, m) => {
  it('agrees with V8 on every tape', async () => { await checkModule(m); });
});
