// A job process of parallel.ts: proves the one segment named by its job (argv[2]) and writes
// the result on file descriptor 3 (see JobLine).

import { writeSync } from 'node:fs';
import { romOfFile } from '../compile.js';
import { proveSegments } from '../pil/segment-prove.js';
import { serializeProof } from '../pil/stark/index.js';
import type { JobLine, SegmentJob } from './parallel.js';

const send = (line: JobLine) => writeSync(3, `${JSON.stringify(line)}\n`);

async function main(job: SegmentJob): Promise<void> {
  const { rom } = await romOfFile(job.program, job.compile);
  const log = (msg: string) => send({ log: `[segment ${job.index}] ${msg}` });
  const o = { security: job.security, log, name: job.program, ...(job.maxSteps === undefined ? {} : { maxSteps: job.maxSteps }) };
  for await (const s of proveSegments(rom, job.inputs.map(BigInt), job.N, o, (i) => i === job.index)) {
    send({ index: s.index, proof: serializeProof(s.proof), memory: s.memory });
    return;
  }
  send({ error: 'the run has no such segment' });
}

// The parent holds our stdin's other end: when it is gone, nobody waits for this proof.
process.stdin.on('end', () => process.exit(1));
process.stdin.on('error', () => process.exit(1));
process.stdin.resume();

main(JSON.parse(process.argv[2]!) as SegmentJob).then(() => process.exit(0), (e: unknown) => {
  send({ error: (e as Error).message });
  process.exit(1);
});
