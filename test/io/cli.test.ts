// `wasm2zkasm run --input FILE` and `--max-outputs N` as a user meets them: the outputs after
// the status line (and in --json), one-line messages naming the input file and the problem,
// exit codes. Runs the built bin (npm test builds first).
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COUNT, SUM, WIDE } from './programs.js';

let dir = '';

const cli = (...args: string[]) => runCli(dir, ...args);

beforeAll(() => {
  expect(existsSync(join(ROOT, 'dist', 'cli.js')), 'run `npm run build` first').toBe(true);
  dir = mkdtempSync(join(tmpdir(), 'w2z-io-'));
  writeFileSync(join(dir, 'sum.wat'), SUM);
  writeFileSync(join(dir, 'wide.wat'), WIDE);
  writeFileSync(join(dir, 'count.wat'), COUNT);
  writeFileSync(join(dir, 'in.json'), '[3, 10, "20", "0x1e"]\n');
  writeFileSync(join(dir, 'wide.json'), '["0x8000000000000001", -1, "18364758544493064720"]\n');
});

describe('run --input', () => {
  it('prints the outputs after the status line', () => {
    const r = cli('run', 'sum.wat', '--input', 'in.json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^PASS sum\.zkasm\n {2}outputs: 3 60\n {2}steps \d+ {2}binary \d+/);
  });
  it('prints 64-bit outputs unsigned', () => {
    const r = cli('run', 'wide.wat', '--input', 'wide.json');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[1]).toBe('  outputs: 9223372036854775809 18446744073709551615 9141386507638288913 81985529216486895 1 4275878552 18446744073709551614');
  });
  it('--json has the outputs as decimal strings', () => {
    const r = cli('run', 'sum.wat', '--input', 'in.json', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ status: 'pass', outputs: ['3', '60'] });
    const none = JSON.parse(cli('run', 'count.wat', '--input', in_('[0]'), '--json').out);
    expect(none).toMatchObject({ status: 'pass', outputs: [] });
  });
  it('no outputs, no outputs line', () => {
    const r = cli('run', 'count.wat', '--input', in_('[0]'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^PASS count\.zkasm\n {2}steps /);
  });
  it('an exhausted tape is a FAIL (exit 1)', () => {
    const r = cli('run', 'sum.wat', '--input', in_('[3, 1]'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^FAIL sum\.zkasm:\d+: free input: the input tape is exhausted \(step \d+, func \$main @0x[0-9a-f]+ call input_i32\)\n/);
  });
  it('an i32 input of 2^32 is a FAIL (exit 1)', () => {
    const r = cli('run', 'sum.wat', '--input', in_('[1, "0x100000000"]'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^FAIL sum\.zkasm:\d+: binary operation does not match .*call input_i32\)/);
  });
  it('without --input the tape is empty', () => {
    expect(cli('run', 'sum.wat').out).toMatch(/the input tape is exhausted/);
  });
  it('runs compiled zkASM with a tape', () => {
    expect(cli('sum.wat', '-o', 'sum.zkasm').code).toBe(0);
    const r = cli('run', 'sum.zkasm', '--input', 'in.json');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^PASS sum\.zkasm\n {2}outputs: 3 60\n/);
  });
});

let inputs = 0;
/** a tape file with this text */
function in_(text: string): string {
  const name = `t${inputs++}.json`;
  writeFileSync(join(dir, name), text);
  return name;
}

describe('bad input tapes: one line naming the file, exit 2', () => {
  const FORMAT = '(expected a JSON array of integers: numbers, or strings in decimal or 0x hex, within -2^63 .. 2^64-1)';
  const cases: [string, string | null, string][] = [
    ['missing', null, 'error[W2Z1013]: nope.json: bad input tape: no such file'],
    ['not JSON', '[1, 2', 'error[W2Z1013]: FILE: bad input tape: not JSON'],
    ['not an array', '{"n": 3}', `error[W2Z1013]: FILE: bad input tape: not a JSON array ${FORMAT}`],
    ['a fraction', '[1, 2.5]', `error[W2Z1013]: FILE: bad input tape: element [1] 2.5 is not an integer ${FORMAT}`],
    ['a word', '[1, "ten"]', `error[W2Z1013]: FILE: bad input tape: element [1] "ten" is not an integer ${FORMAT}`],
    ['null', '[null]', `error[W2Z1013]: FILE: bad input tape: element [0] null is not an integer ${FORMAT}`],
    ['2^64', '[1, 2, "0x10000000000000000"]', `error[W2Z1013]: FILE: bad input tape: element [2] 0x10000000000000000 is out of the 64-bit range ${FORMAT}`],
    ['below -2^63', '["-9223372036854775809"]', `error[W2Z1013]: FILE: bad input tape: element [0] -9223372036854775809 is out of the 64-bit range ${FORMAT}`],
    ['a number beyond 2^53', '[9007199254740993]', `error[W2Z1013]: FILE: bad input tape: element [0] 9007199254740992 is beyond 2^53 as a JSON number; write it as a string ${FORMAT}`],
  ];
  it.each(cases)('%s', (_name, text, message) => {
    const file = text === null ? 'nope.json' : in_(text);
    for (const json of text === '[1, "ten"]' ? [false, true] : [false]) {
      const r = cli('run', 'sum.wat', '--input', file, ...(json ? ['--json'] : []));
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err.startsWith(message.replace('FILE', file))).toBe(true);
      if (json) expect(JSON.parse(r.out)).toMatchObject({ status: 'error', code: 'W2Z1013' });
      else expect(r.out).toBe('');
    }
  });
});

describe('--max-outputs', () => {
  it('fewer slots than outputs: TRAP too many outputs (exit 3), the outputs so far', () => {
    const r = cli('run', 'count.wat', '--input', in_('[5]'), '--max-outputs', '2');
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/^TRAP too many outputs \(func \$main @0x[0-9a-f]+ call output_i32\)\n {2}outputs: 0 1\n/);
  });
  it('the default is 8', () => {
    expect(cli('run', 'count.wat', '--input', in_('[8]')).out).toMatch(/^PASS count\.zkasm\n {2}outputs: 0 1 2 3 4 5 6 7\n/);
    expect(cli('run', 'count.wat', '--input', in_('[9]')).code).toBe(3);
    expect(cli('run', 'count.wat', '--input', in_('[9]'), '--max-outputs', '9').code).toBe(0);
  });
  it('compile declares that many slots', () => {
    expect(cli('count.wat', '--max-outputs', '0', '-o', 'c0.zkasm').code).toBe(0);
    const text = readFileSync(join(dir, 'c0.zkasm'), 'utf8');
    expect(text).toMatch(/^VAR GLOBAL __w2z_out_n$/m);
    expect(text).not.toMatch(/__w2z_out\[/);
    expect(cli('count.wat', '--max-outputs', '256').out).toMatch(/^VAR GLOBAL __w2z_out\[256\]$/m);
  });
  it.each(['257', '-1', 'abc', '1.5', ''])('rejects %j (exit 2, one line)', (v) => {
    for (const args of v === '257' ? [['run', 'count.wat'], ['count.wat']] : [['run', 'count.wat']]) {
      const r = cli(...args, '--max-outputs', v);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`error[W2Z1014]: --max-outputs: bad value ${v} (an integer from 0 to 256)\n`);
    }
  });
});
