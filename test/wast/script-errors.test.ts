// A spec script that is itself wrong fails: its mistakes are not "unsupported" skips. Each case
// is a one-module script whose assertion the runner must count as failed, with the reason.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWastFile } from '../../src/wast/run.js';

const DIR = mkdtempSync(join(tmpdir(), 'w2z-wast-'));
const MODULE = '(module (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))';

async function run(name: string, text: string) {
  const path = join(DIR, `${name}.wast`);
  writeFileSync(path, text);
  return runWastFile(path);
}

const CASES: [string, string, RegExp][] = [
  ['wrong result type', `${MODULE}\n(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i64.const 3))`, /returns \(i32\), the script expects \(i64\)/],
  ['missing result', `${MODULE}\n(assert_return (invoke "add" (i32.const 1) (i32.const 2)))`, /returns \(i32\), the script expects \(\)/],
  ['extra argument', `${MODULE}\n(assert_return (invoke "add" (i32.const 1) (i32.const 2) (i32.const 3)) (i32.const 3))`, /takes 2 arguments, the script gives 3/],
  ['argument of the wrong type', `${MODULE}\n(assert_return (invoke "add" (i32.const 1) (i64.const 2)) (i32.const 3))`, /argument 2 of "add" is i32, the script gives i64/],
  ['unknown export', `${MODULE}\n(assert_return (invoke "sub" (i32.const 1) (i32.const 2)) (i32.const 3))`, /no exported function named "sub"/],
  ['invalid module', '(module (func (export "f") (result i32) (i64.const 0)))\n(assert_return (invoke "f") (i32.const 0))', /module does not compile: .*type mismatch/],
];

describe('a wrong script fails', () => {
  it.each(CASES)('%s', async (name, text, why) => {
    const r = await run(name.replace(/\s/g, '-'), text);
    expect(r.failed).toBe(1);
    expect(r.passed + r.skipped).toBe(0);
    expect(r.failures[0]!.message).toMatch(why);
  });

  it('the right script passes', async () => {
    const r = await run('right', `${MODULE}\n(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))`);
    expect([r.passed, r.failed, r.skipped]).toEqual([1, 0, 0]);
  });
});
