// setup / prove --vkey / verify as a user meets them: the key file, what verify prints (from the
// key and the proven publics only), its refusals, exit codes and one-line errors. The proof is
// made in-process (test/pil/proof-tamper.ts); the key through the CLI, and checked against the
// in-process one.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli } from '../helpers/cli.js';
import { makeFixture, weakPilForgery, type Fixture } from './proof-tamper.js';
import { parseVkey, serializeVkey } from '../../src/pil/vkey.js';
import { serializeProof } from '../../src/pil/stark/index.js';

let fx: Fixture;
const cli = (...args: string[]) => runCli(fx.dir, ...args);
const write = (name: string, text: string) => writeFileSync(join(fx.dir, name), text);
type Edit = (o: Record<string, unknown> & { publics: string[]; starkInfo: Record<string, unknown[]> }) => void;
const tampered = (f: Edit): string => {
  const o = JSON.parse(fx.text) as Parameters<Edit>[0];
  f(o);
  return JSON.stringify(o);
};
const KEY = ['--vkey', 'out42.vkey'];

beforeAll(async () => {
  expect(existsSync(join(ROOT, 'dist', 'cli.js')), 'run `npm run build` first').toBe(true);
  fx = await makeFixture();
  write('p.json', fx.text);
  const r = cli('setup', 'out42.wat', '-o', 'out42.vkey', '--security', 'test', '--max-outputs', '1');
  expect(r.err).toBe("warning: 'test' profile: proofs for this key are not secure (verify accepts them only with --allow-insecure)\n");
  expect(r.code).toBe(0);
  expect(r.out).toBe(`KEY out42.wat: 2^8 rows (byte table: 256), 'test' profile\n  publics: status outCount out0_lo out0_hi\n`
    + `  program (constRoot): ${fx.key.constRoot.join(' ')}\n`);
}, 120_000);

describe('setup', () => {
  it('writes the key the verifier derives in-process from the program', () => {
    const text = readFileSync(join(fx.dir, 'out42.vkey'), 'utf8');
    expect(text).toBe(serializeVkey(fx.key));
    expect(parseVkey(text, 'out42.vkey')).toEqual(fx.key);
    expect(Object.keys(JSON.parse(text))).toEqual(['format', 'version', 'program', 'security', 'nBits', 'constRoot', 'starkInfoHash', 'pilHash', 'publics']);
  });

  it('--rows must be a power of two, and enough for the program; a failed setup writes nothing', () => {
    const odd = cli('setup', 'out42.wat', '-o', 'k1.vkey', '--rows', '300');
    expect(odd.code).toBe(2);
    expect(odd.err).toBe('error[W2Z1014]: --rows: bad value 300 (a power of two from 8 to 8388608)\n');
    const small = cli('setup', 'out42.wat', '-o', 'k2.vkey', '--rows', '64');
    expect(small.code).toBe(2);
    expect(small.err).toBe('error[W2Z4002]: out42.zkasm: 2^6 rows are too few for this program (it needs 2^8: byte table: 256)\n');
    expect(existsSync(join(fx.dir, 'k1.vkey')) || existsSync(join(fx.dir, 'k2.vkey'))).toBe(false);
  });

  it('never overwrites the program', () => {
    const r = cli('setup', 'out42.wat', '-o', 'out42.wat');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error\[W2Z1008\]: out42\.wat: output file is the input file/);
  });
});

describe('verify', () => {
  it('against the key: VALID with the key\'s program name, the proven outputs, N and the profile', () => {
    const r = cli('verify', 'p.json', ...KEY, '--allow-insecure');
    expect(r.code).toBe(0);
    expect(r.out).toBe('VALID p.json (a run of out42.wat)\n  status 0 (finished); outputs: 42\n'
      + `  program (constRoot): ${fx.key.constRoot.join(' ')}\n  2^8 rows, 'test' profile (8 FRI queries)\n`
      + "  warning: 'test' profile: not a secure proof (accepted because of --allow-insecure)\n");
  });

  it('what it prints comes from the key: a renamed key names the run after itself', () => {
    write('renamed.vkey', serializeVkey({ ...fx.key, program: { ...fx.key.program, name: 'renamed.wat' } }));
    const r = cli('verify', 'p.json', '--vkey', 'renamed.vkey', '--allow-insecure', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      status: 'valid', program: 'renamed.wat', N: 256, security: 'test', constRoot: fx.key.constRoot.map(String),
      publics: { status: '0', outCount: '1', out0: '42' },
    });
  });

  it('refuses the test profile without --allow-insecure (INVALID, exit 1)', () => {
    const r = cli('verify', 'p.json', ...KEY);
    expect(r.code).toBe(1);
    expect(r.out).toBe("INVALID p.json: the key uses the insecure 'test' profile (8 FRI queries): refused unless insecure proofs are allowed (--allow-insecure)\n");
  });

  it('refuses to run without a key or a program (one line, exit 2)', () => {
    const r = cli('verify', 'p.json', '--allow-insecure');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe('error[W2Z4203]: p.json: give --vkey KEY or --program PROG (the proof file alone does not say which program it proves; '
      + 'its constraints and public names are not authenticated)\n');
  });

  it('--program derives the key at the proof\'s N: the same program is VALID, another build of it is not', () => {
    const same = cli('verify', 'p.json', '--program', 'out42.wat', '--max-outputs', '1', '--allow-insecure');
    expect(same.code).toBe(0);
    expect(same.out).toMatch(/^VALID p\.json \(a run of out42\.wat\)\n {2}status 0 \(finished\); outputs: 42\n/);
    const other = cli('verify', 'p.json', '--program', 'out42.wat', '--allow-insecure'); // 8 output slots: another ROM
    expect(other.code).toBe(1);
    expect(other.out).toMatch(/^INVALID p\.json: the proof is about other constant polynomials \(another program\)/);
  });

  it('--vkey and --program exclude each other', () => {
    const r = cli('verify', 'p.json', ...KEY, '--program', 'out42.wat');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error\[W2Z1015\]: --vkey: cannot be combined with --program/);
  });

  it('a key file that is not a key is one line, exit 2', () => {
    write('bad.vkey', JSON.stringify({ ...JSON.parse(serializeVkey(fx.key)), extra: 1 }));
    const r = cli('verify', 'p.json', '--vkey', 'bad.vkey');
    expect(r.code).toBe(2);
    expect(r.err).toBe("error[W2Z4202]: bad.vkey: not a readable verification key (field 'extra' is not part of a version 1 key)\n");
  });
});

describe('verify, tampered files through the CLI', () => {
  const cases: [string, Edit, number, RegExp][] = [
    ['a changed output', (o) => { o.publics[2] = '43'; }, 1, /^INVALID t\.json: the STARK proof does not verify/],
    ['names carried in the file (v1 meta)', (o) => { o.meta = { publicNames: ['out0_lo', 'outCount', 'status', 'out0_hi'] }; }, 2,
      /^error\[W2Z4201\]: t\.json: not a readable proof \(malformed proof \(field 'meta' is not part of a version 2 proof\)\)\n$/],
    ['a version 1 file', (o) => { o.version = 1; }, 2, /^error\[W2Z4201\]: t\.json: not a readable proof \(unsupported proof version 1 \(this build reads version 2\)\)\n$/],
    ['a truncated evMap', (o) => { o.starkInfo.evMap!.pop(); }, 1, /^INVALID t\.json: the proof is about another constraint system/],
    ['an unknown field', (o) => { o.note = 'trust me'; }, 2, /^error\[W2Z4201\]: t\.json: .*field 'note' is not part/],
  ];
  it.each(cases)('%s', (_name, edit, code, message) => {
    write('t.json', tampered(edit));
    const r = cli('verify', 't.json', ...KEY, '--allow-insecure');
    expect(r.code).toBe(code);
    expect(code === 1 ? r.out : r.err).toMatch(message);
    if (code === 1) expect(r.out.split('\n')).toHaveLength(2); // one line, nothing from the file's claims
  });

  it('the constraint-free forgery over the real constRoot: INVALID with the key, refused without one', async () => {
    write('forged.json', serializeProof(await weakPilForgery(fx.rom, 43n)));
    const r = cli('verify', 'forged.json', ...KEY, '--allow-insecure', '--json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.status).toBe('invalid');
    expect(j.reason).toMatch(/^the proof is about another constraint system/);
    expect(j.publics).toBeUndefined(); // unproven publics are not reported
    expect(cli('verify', 'forged.json', '--allow-insecure').code).toBe(2);
  }, 60_000);
});

describe('prove --vkey', () => {
  it('refuses a key of another program before proving (exit 2)', () => {
    const r = cli('prove', 'out42.wat', ...KEY, '-o', 'x.json'); // 8 output slots: not the key's ROM
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error\[W2Z4204\]: out42\.vkey: the key is for another program \(it is the key of out42\.wat \(romHash [0-9a-f]{64}\); this program's romHash is [0-9a-f]{64}\)\n$/);
    expect(existsSync(join(fx.dir, 'x.json'))).toBe(false);
  });

  it('takes N and the profile from the key: --rows and --security are refused with it', () => {
    expect(cli('prove', 'out42.wat', ...KEY, '--security', 'test', '-o', 'x.json').err).toMatch(/^error\[W2Z1015\]: --vkey: cannot be combined with --security/);
    expect(cli('prove', 'out42.wat', ...KEY, '--rows', '256', '-o', 'x.json').err).toMatch(/^error\[W2Z1015\]: --vkey: cannot be combined with --rows/);
  });

  it('never writes the proof over the key', () => {
    const r = cli('prove', 'out42.wat', ...KEY, '--max-outputs', '1', '-o', 'out42.vkey');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error\[W2Z1008\]: out42\.vkey: output file is the input file/);
  });
});
