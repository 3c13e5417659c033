// `npm run pil-report [files…]`: for each program, the PIL's shape (N, columns, rows per
// machine), our checker against pilcom's verifyPil on the same trace (cells/s, conversion to
// pilcom's BigInt arrays excluded), and the forgery catalogue run through both.
// Set PROVE=standard|test to also time a STARK proof.

import { romOfFile } from '../compile.js';
import { checkProgram, traceOf } from './run.js';
import { forgeries } from './forgery.js';
import { checkTrace, pilcom, toPilcomPols } from './check/index.js';
import { quiet } from './pilcom.js';
import { proveProgram } from './prove-program.js';

const DEFAULT = [
  'golden/m1/add.wat', 'golden/m2/counter.wat', 'golden/m3/fib.wat', 'golden/m3/calls.wat',
  '../shared/bench/near/fibonacci_handwritten_wat.wat', '../shared/bench/near/sha256_from_rust.wat', 'test/pil/programs/divmem.wat',
];
const M = (cells: number, ms: number) => `${(cells / ms / 1000).toFixed(1)} M cells/s`;

async function main(): Promise<void> {
  const files = process.argv.slice(2).length > 0 ? process.argv.slice(2) : DEFAULT;
  const skipPilcomForgeries = process.env.PILCOM_FORGERIES === '0';
  for (const file of files) {
    const { rom } = await romOfFile(file);
    const c = await checkProgram(rom);
    const m = c.pil.model;
    const cells = c.result.cells;
    // best of 3 for our checker (the first call compiles the identities)
    let best = Infinity;
    for (let k = 0; k < 3; k++) {
      const t = performance.now();
      checkTrace(c.pilJson, c.trace, { publics: c.witness.publics });
      best = Math.min(best, performance.now() - t);
    }
    const p = pilcom();
    const { cm, cst } = toPilcomPols(c.pilJson, c.trace);
    const t1 = performance.now();
    const errs = await quiet(() => p.verifyPil(p.F, c.pilJson, cm, cst, { publics: c.witness.publics }));
    const pilcomMs = performance.now() - t1;
    console.log(`\n${file}: N = 2^${m.nBits} (${m.nReason}); ${c.pilJson.nCommitments} committed + ${c.pilJson.nConstants} constant columns, ${c.pilJson.nIm} intermediates; ${cells.toLocaleString('en-US')} cells`);
    console.log(`  rows: main ${m.rows.main}, mem ${m.rows.mem}, binary ${m.rows.binary}, arith ${m.rows.arith}; machines: ${Object.entries(m.machines).filter(([, v]) => v).map(([k]) => k).join(', ')}`);
    console.log(`  honest trace: ours ${c.result.ok ? 'OK' : 'FAIL'} in ${best.toFixed(1)} ms (${M(cells, best)}); verifyPil ${errs.length === 0 ? 'OK' : 'FAIL'} in ${pilcomMs.toFixed(0)} ms (${M(cells, pilcomMs)}); ${(pilcomMs / best).toFixed(0)}x`);
    let n = 0, ours = 0, theirs = 0;
    const kinds: string[] = [];
    for (const f of forgeries({ rom, model: m, cm: c.witness.cm, publics: c.witness.publics, inputs: [] })) {
      n++;
      const tr = traceOf(c.pilJson, c.pil, f);
      if (!checkTrace(c.pilJson, tr, { publics: f.publics, maxFailures: 1 }).ok) ours++;
      if (!skipPilcomForgeries) {
        const pp = toPilcomPols(c.pilJson, tr);
        if ((await quiet(() => p.verifyPil(p.F, c.pilJson, pp.cm, pp.cst, { publics: f.publics }))).length > 0) theirs++;
      }
      kinds.push(f.name);
    }
    console.log(`  forgeries: ${n}; rejected by ours ${ours}/${n}${skipPilcomForgeries ? '' : `, by verifyPil ${theirs}/${n}`}`);
    console.log(`    ${kinds.join(' ')}`);
    const profile = process.env.PROVE;
    if (profile === 'standard' || profile === 'test') {
      const t = performance.now();
      const { file: proof } = await proveProgram(rom, [], { security: profile, log: (s) => console.log(`    ${s}`), name: file });
      console.log(`  proof ('${profile}'): ${((performance.now() - t) / 1000).toFixed(1)} s, ${(JSON.stringify(proof.proof).length / 1024).toFixed(0)} KiB`);
    }
  }
}

await main();
