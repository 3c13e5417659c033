// One random module through V8 and through our pipeline: both must end the same way (the same
// checksum, or a trap of the same kind). Shared by the test and the `fuzz` script.
import { generate, ALL_FEATURES, PLACEHOLDER } from './gen.js';
import { expectedChecksum, finalize, v8TrapKinds } from './v8.js';
import { watToWasm } from '../../src/wasm/wat.js';
import { loadWasmBytes } from '../../src/wasm/load.js';
import { compileWasm, runZkasm } from '../../src/compile.js';

export interface Verdict {
  seed: number;
  ok: boolean;
  why?: string;
  steps?: number;
}

export async function checkSeed(seed: number): Promise<Verdict> {
  const g = generate({ seed, features: new Set(ALL_FEATURES) });
  const v8 = await expectedChecksum(g.wat);
  const wat = v8.outcome === 'value' ? finalize(g.wat, v8.value) : g.wat.replace(PLACEHOLDER, '0');
  const name = `seed${seed}.wat`;
  const compiled = compileWasm(await loadWasmBytes(await watToWasm(wat, name), name));
  const ours = runZkasm(compiled.zkasm, `seed${seed}.zkasm`);
  const steps = ours.result.steps;
  if (v8.outcome === 'value') {
    if (ours.status === 'pass') return { seed, ok: true, steps };
    return { seed, ok: false, steps, why: `V8 checksum ${v8.value}, ours ${ours.status}: ${ours.result.failure?.message ?? ours.trap?.kind}` };
  }
  const kinds = v8TrapKinds(v8.message);
  if (ours.status === 'trap' && kinds.includes(ours.trap!.kind)) return { seed, ok: true, steps };
  return { seed, ok: false, steps, why: `V8 trap "${v8.message}", ours ${ours.status}: ${ours.result.failure?.message ?? ours.trap?.kind ?? ''}` };
}
