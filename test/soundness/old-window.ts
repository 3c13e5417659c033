// The JMPN constraint of before issue 8, for tests that show what it let through.

/**
 * The PIL with the constraint that keeps op0 = 0 off JMPN's negative side removed (and
 * op0IsZero with it where JMPZ does not use it: pilcom refuses an unused expression).
 */
export function restoreOldJmpnWindow(pil: string): string {
  const fix = /^\s*isNeg \* op0IsZero = 0;.*\n/m;
  if (!fix.test(pil)) throw new Error('test setup: the PIL has no `isNeg * op0IsZero = 0` line');
  const old = pil.replace(fix, '');
  return /JMPZ \* op0IsZero/.test(old) ? old : old.replace(/^\s*pol op0IsZero = .*\n/m, '');
}
