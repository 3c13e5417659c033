#!/usr/bin/env node
import { main } from '../dist/cli.js';

// `wasm2zkasm check x.wat | head`: a reader that closes the pipe early is not an error
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

process.exitCode = await main(process.argv);
