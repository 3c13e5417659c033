// `node dist/pil/stark/bench.js [nBits…]`: prove / verify time and proof size with both security
// profiles, for a toy PIL of 30 committed columns shaped like a small machine (16 registers with
// degree-2 transitions, 8 product columns, 4 byte columns looked up in a 256-row table, and a
// permutation), 3 constant columns and 2 publics. Each measurement runs in its own process so
// its peak RSS is its own. Default sizes: 2^10, 2^13, 2^16.

import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { prove, serializeProof, type SecurityProfile } from './index.js';
import type { PilJson, PolsArray } from './types.js';

const require = createRequire(import.meta.url);
const pilcom = require('pilcom') as {
  compile(F: unknown, source: string, fileName: null, config: Record<string, unknown>): Promise<PilJson>;
  newConstantPolsArray(pil: PilJson): PolsArray;
  newCommitPolsArray(pil: PilJson): PolsArray;
  F: unknown;
};

const P = 0xffffffff00000001n;
const REGS = 16;
const PRODUCTS = 8;
const BYTES = 4;

function benchPil(nBits: number): string {
  const x = (k: number) => `x${k % REGS}`;
  const lines = [
    `constant %N = 2**${nBits};`,
    'namespace Global(%N);',
    '    pol constant L1, LLAST, BYTE;',
    'namespace Main(%N);',
    `    pol commit ${Array.from({ length: REGS }, (_, k) => x(k)).join(', ')};`,
    `    pol commit ${Array.from({ length: PRODUCTS }, (_, k) => `p${k}`).join(', ')};`,
    `    pol commit ${Array.from({ length: BYTES }, (_, k) => `b${k}`).join(', ')};`,
    '    pol commit e, f;',
    '    public first = x0(0);',
    '    public last = x0(%N-1);',
    '    Global.L1 * (x0 - :first) = 0;',
    '    Global.LLAST * (x0 - :last) = 0;',
    ...Array.from({ length: REGS }, (_, k) => `    (1 - Global.LLAST) * (${x(k)}' - ${x(k)} - ${x(k + 1)}) = 0;`),
    ...Array.from({ length: PRODUCTS }, (_, k) => `    p${k} = ${x(k)} * ${x(k + 1)};`),
    ...Array.from({ length: BYTES }, (_, k) => `    b${k} in Global.BYTE;`),
    '    e is f;',
  ];
  return lines.join('\n') + '\n';
}

async function benchTrace(nBits: number) {
  const pil = await pilcom.compile(pilcom.F, benchPil(nBits), null, { compileFromString: true });
  const n = 1 << nBits;
  const constPols = pilcom.newConstantPolsArray(pil);
  const cmPols = pilcom.newCommitPolsArray(pil);
  const g = constPols.Global as Record<string, bigint[]>;
  const m = cmPols.Main as Record<string, bigint[]>;
  const regs = Array.from({ length: REGS }, (_, k) => BigInt(k + 1));
  for (let i = 0; i < n; i++) {
    g.L1![i] = i === 0 ? 1n : 0n;
    g.LLAST![i] = i === n - 1 ? 1n : 0n;
    g.BYTE![i] = BigInt(i % 256);
    for (let k = 0; k < REGS; k++) m[`x${k}`]![i] = regs[k]!;
    for (let k = 0; k < PRODUCTS; k++) m[`p${k}`]![i] = (regs[k]! * regs[(k + 1) % REGS]!) % P;
    for (let k = 0; k < BYTES; k++) m[`b${k}`]![i] = BigInt((i * (2 * k + 3)) % 256);
    m.e![i] = BigInt((i * 5) % 1000);
    const next = regs.map((v, k) => (v + regs[(k + 1) % REGS]!) % P);
    regs.splice(0, REGS, ...next);
  }
  for (let i = 0; i < n; i++) m.f![i] = m.e![n - 1 - i]!;
  return { pil, constPols, cmPols };
}

/** One measurement (in a child process): prints one JSON line. */
async function one(nBits: number, security: SecurityProfile): Promise<void> {
  const { pil, constPols, cmPols } = await benchTrace(nBits);
  const times: Record<string, number> = {};
  const t0 = performance.now();
  const file = await prove(pil, constPols, cmPols, {
    security,
    log: (msg) => {
      const m = /^(setup|prove|verify) ([\d.]+) s$/.exec(msg);
      if (m) times[m[1]!] = Number(m[2]);
    },
  });
  const total = (performance.now() - t0) / 1000;
  const bytes = Buffer.byteLength(serializeProof(file));
  const starkInfoBytes = Buffer.byteLength(JSON.stringify(file.starkInfo));
  const steps = file.starkInfo.starkStruct.steps.map((s) => s.nBits).join('→');
  const rssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(JSON.stringify({ nBits, security, steps, ...times, total, bytes, starkInfoBytes, rssMiB }));
}

interface Row { nBits: number; security: string; steps: string; setup: number; prove: number; verify: number; total: number; bytes: number; starkInfoBytes: number; rssMiB: number }

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--one') return one(Number(args[1]), args[2] as SecurityProfile);
  const sizes = args.length > 0 ? args.map(Number) : [10, 13, 16];
  const self = fileURLToPath(import.meta.url);
  const kib = (b: number) => `${(b / 1024).toFixed(0)} KiB`;
  const rows: string[][] = [['profile', 'N', 'FRI steps', 'setup s', 'prove s', 'verify s', 'proof', 'of which starkInfo', 'peak RSS']];
  for (const security of ['test', 'standard'] as const) {
    for (const nBits of sizes) {
      const r = spawnSync(process.execPath, ['--max-old-space-size=16000', self, '--one', String(nBits), security], { encoding: 'utf8' });
      const line = r.stdout.trim().split('\n').at(-1) ?? '';
      if (r.status !== 0 || !line.startsWith('{')) {
        console.error(`2^${nBits} ${security}: failed (exit ${r.status})\n${r.stderr}`);
        continue;
      }
      const x = JSON.parse(line) as Row;
      rows.push([security, `2^${nBits}`, x.steps, x.setup.toFixed(2), x.prove.toFixed(2), x.verify.toFixed(2), kib(x.bytes), kib(x.starkInfoBytes), `${x.rssMiB} MiB`]);
      console.error(`done: ${security} 2^${nBits} (${x.total.toFixed(1)} s)`);
    }
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows) console.log(r.map((s, c) => s.padEnd(widths[c]!)).join('  '));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
