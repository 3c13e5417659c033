// Worker thread script that stands in for pil-stark's stark_gen_worker.js (lib.ts swaps the
// script when pil-stark creates that pool): same method name, arguments and result.
import { createRequire } from 'node:module';
import { starkgenExecute } from './expr-exec.js';

const require = createRequire(import.meta.url);
const workerpool = createRequire(require.resolve('pil-stark'))('workerpool') as { worker(methods: Record<string, unknown>): void };

workerpool.worker({ starkgen_execute: starkgenExecute });
