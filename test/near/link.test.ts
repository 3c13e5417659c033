// The NEAR linker (src/near/link.ts) with a host of our own in WAT (fixtures/mini-host.wat):
// contract imports bound to host exports, the host's memory beside the contract's, the guest
// memory intrinsics, and the guarded call — a trap in the contract or in a host function it calls
// (unreachable, division by zero, call stack exhausted) returns its code to the host, which goes
// on. The same two modules run in V8 with the glue written in JavaScript give the expected outputs.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWasm } from '../../src/wasm/load.js';
import { runRom } from '../../src/compile.js';
import { compileNear } from '../../src/near/compile.js';
import { callableMethods, HOST_MEMORY_BASE } from '../../src/near/link.js';
import { TRAP_CODES } from '../../src/ir/ops.js';
import { isW2zError } from '../../src/diagnostics.js';
import { checkProgram } from '../../src/pil/run.js';

const FIX = join(import.meta.dirname, 'fixtures');
const M64 = (1n << 64n) - 1n;

/** The trap code V8's error stands for (the kinds the fixture raises). */
function codeOf(e: unknown): number {
  if (e instanceof RangeError) return TRAP_CODES['call stack exhausted'];
  const msg = (e as Error).message;
  if (/unreachable/.test(msg)) return TRAP_CODES.unreachable;
  if (/divide by zero/.test(msg)) return TRAP_CODES['integer divide by zero'];
  throw e;
}

/** Host and contract in V8, glued as the linker glues them. */
async function runInV8(contractBytes: Uint8Array, hostBytes: Uint8Array, tape: bigint[]): Promise<bigint[]> {
  const outputs: bigint[] = [];
  let next = 0;
  let contract: WebAssembly.Instance | undefined;
  const compiled = await WebAssembly.compile(contractBytes);
  const cmem = () => new DataView((contract!.exports.memory as WebAssembly.Memory).buffer);
  const methods = callableMethods((await loadWasmFromBytes(contractBytes)).module);
  const host = await WebAssembly.instantiate(await WebAssembly.compile(hostBytes), {
    env: { input_i64: () => BigInt.asIntN(64, tape[next++]!), output_i64: (v: bigint) => { outputs.push(BigInt.asUintN(64, v)); } },
    w2z_guest: {
      call: (_c: number, m: number) => {
        // each call on a fresh instance, as NEAR runs a receipt
        contract = new WebAssembly.Instance(compiled, { env: host.exports as Record<string, WebAssembly.ExportValue> });
        try { (contract.exports[methods[m]!] as () => void)(); return 0; } catch (e) { return codeOf(e); }
      },
      load_u8: (p: number) => cmem().getUint8(p),
      load_u64: (p: number) => cmem().getBigUint64(p, true),
      store_u64: (p: number, v: bigint) => cmem().setBigUint64(p, v, true),
      methods: () => methods.length,
      memory_size: () => (contract!.exports.memory as WebAssembly.Memory).buffer.byteLength / 65536,
    },
  });
  (host.exports.near_main as () => void)();
  return outputs;
}

async function loadWasmFromBytes(bytes: Uint8Array) {
  const { loadWasmBytes } = await import('../../src/wasm/load.js');
  return loadWasmBytes(bytes, 'contract.wasm');
}

describe('NEAR linker with a WAT host', () => {
  it('binds imports, shares memory through the intrinsics, and catches traps below the call', async () => {
    const contract = await loadWasm(join(FIX, 'mini-contract.wat'));
    const host = await loadWasm(join(FIX, 'mini-host.wat'));
    expect(callableMethods(contract.module)).toEqual(['ok', 'boom', 'div0', 'hostfail', 'deep', 'count', 'grow', 'dirty']);
    const compiled = compileNear([contract], { host: { module: host.module, name: 'mini-host.wat' }, maxOutputs: 24 });
    // ok, boom (unreachable), div0, hostfail (a trap in a host function), deep (stack), ok again,
    // count and grow twice each (a fresh instance each time)
    const tape = [0n, 1n, 2n, 3n, 4n, 0n, 5n, 5n, 6n, 6n, M64];
    const run = runRom(compiled.rom, { inputs: tape });
    expect(run.status).toBe('pass');
    const expected = await runInV8(contract.bytes, host.bytes, tape);
    expect(run.outputs).toEqual(expected);
    // and the expectations V8 produced are the ones the fixture is about
    expect(expected.slice(0, 20)).toEqual([0n, 7n, 1n, 9n, 2n, 0n, 1n, 0n, 8n, 0n, 0n, 7n, 0n, 102n, 0n, 102n, 0n, 2n, 0n, 2n]);
    expect(expected.slice(20)).toEqual([0x0102030405060708n + 42n + 8n, 2n, 5n]);
  });

  it('a trace of caught traps and instance resets meets every constraint of the PIL', async () => {
    const contract = await loadWasm(join(FIX, 'mini-contract.wat'));
    const host = await loadWasm(join(FIX, 'mini-host.wat'));
    const compiled = compileNear([contract], { host: { module: host.module, name: 'mini-host.wat' }, maxOutputs: 24 });
    const tape = [1n, 5n, 6n, 4n, M64];
    expect(runRom(compiled.rom, { inputs: tape }).outputs).toEqual(await runInV8(contract.bytes, host.bytes, tape));
    const checked = await checkProgram(compiled.rom, tape);
    expect(checked.failures).toEqual([]);
    expect(checked.result.ok).toBe(true);
  });

  it('zeroes what a call wrote before the next call: across blocks, unaligned, bytes, fills, grown pages', async () => {
    const contract = await loadWasm(join(FIX, 'mini-contract.wat'));
    const host = await loadWasm(join(FIX, 'mini-host.wat'));
    const compiled = compileNear([contract], { host: { module: host.module, name: 'mini-host.wat' }, maxOutputs: 24 });
    // dirty twice, count in between (its own store and the data block), dirty again
    const tape = [7n, 7n, 5n, 7n, M64];
    const run = runRom(compiled.rom, { inputs: tape });
    expect(run.status).toBe('pass');
    const expected = await runInV8(contract.bytes, host.bytes, tape);
    expect(run.outputs).toEqual(expected);
    expect(expected.slice(0, 8)).toEqual([0n, 0n, 0n, 0n, 0n, 102n, 0n, 0n]);
    const checked = await checkProgram(compiled.rom, tape);
    expect(checked.failures).toEqual([]);
    expect(checked.result.ok).toBe(true);
  });

  it('puts the host memory above every contract access', async () => {
    const contract = await loadWasm(join(FIX, 'mini-contract.wat'));
    const host = await loadWasm(join(FIX, 'mini-host.wat'));
    const compiled = compileNear([contract], { host: { module: host.module, name: 'mini-host.wat' }, maxOutputs: 16 });
    const hostStores = compiled.ir.funcs.flatMap((f) => f.blocks.flatMap((b) => b.insts)).filter((i) => (i.kind === 'store' || i.kind === 'load') && i.host);
    expect(hostStores.length).toBeGreaterThan(0);
    for (const i of hostStores) expect((i as { memOffset: number }).memOffset).toBeGreaterThanOrEqual(HOST_MEMORY_BASE);
    expect(compiled.ir.memory!.maxPages).toBeLessThanOrEqual(HOST_MEMORY_BASE / 65536);
  });

  it('refuses a contract import the host does not provide, naming it', async () => {
    const host = await loadWasm(join(FIX, 'mini-host.wat'));
    const { loadWasmBytes } = await import('../../src/wasm/load.js');
    const wabt = await (await import('wabt')).default();
    const bytes = wabt.parseWat('x.wat', '(module (import "env" "storage_write" (func (param i64))) (func (export "m")))').toBinary({}).buffer;
    const contract = await loadWasmBytes(bytes, 'x.wasm');
    let err: unknown;
    try { compileNear([contract], { host: { module: host.module, name: 'mini-host.wat' } }); } catch (e) { err = e; }
    expect(isW2zError(err)).toBe(true);
    expect((err as Error).message).toMatch(/x\.wasm.*env\.storage_write/);
  });
});
