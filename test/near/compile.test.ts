// The three real NEAR contracts of ../shared/near (built by near-sdk-rs, float code from
// serde_json in each) compile: every exported method at once, their NEAR host imports stubbed
// (`--stub-imports`; `wasm2zkasm near` runs them with their host: calls.test.ts). Without the flag the first host
// import is refused by name. Each method, run on our machine, must stop at the same host call
// V8 makes first when every import throws: the import the trap site calls is the one V8 called.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWasm } from '../../src/wasm/load.js';
import { compileWasm, runRom } from '../../src/compile.js';
import { invocationLabel } from '../../src/backend/program.js';
import { isW2zError } from '../../src/diagnostics.js';
import { PagedMemory } from '../../src/machine/memory.js';
import type { LoadedWasm } from '../../src/wasm/load.js';

const NEAR = join(import.meta.dirname, '../../../shared/near');
const CONTRACTS = ['status_message', 'fungible_token', 'test_contract'];

/** The import a method calls first in V8, when every import throws. */
async function firstImportInV8(bytes: Uint8Array, method: string): Promise<string> {
  const module = await WebAssembly.compile(bytes);
  const imports: Record<string, Record<string, unknown>> = {};
  for (const i of WebAssembly.Module.imports(module)) {
    if (i.kind !== 'function') throw new Error(`the harness stubs only functions: ${i.module}.${i.name} is a ${i.kind}`);
    (imports[i.module] ??= {})[i.name] = () => { throw new Error(`stub ${i.module}.${i.name}`); };
  }
  const instance = await WebAssembly.instantiate(module, imports as WebAssembly.Imports);
  try {
    (instance.exports[method] as () => void)();
  } catch (e) {
    const m = /^stub (.+)$/.exec((e as Error).message);
    if (m) return m[1]!;
    throw e;
  }
  throw new Error(`${method} returned in V8 without calling an import`);
}

/** `module.name` of the import called by the `call` instruction at `offset`. */
function importCalledAt(loaded: LoadedWasm, offset: number): string {
  for (const code of loaded.module.codes) {
    const ins = code.body.find((i) => i.offset === offset);
    if (!ins) continue;
    if (ins.op !== 'call') throw new Error(`the trap site @${offset} is ${ins.op}, not a call`);
    const imp = loaded.module.imports.filter((i) => i.desc.kind === 'func')[ins.index!];
    if (!imp) throw new Error(`the trap site @${offset} calls function ${ins.index}, which is no import`);
    return `${imp.module}.${imp.name}`;
  }
  throw new Error(`no instruction at offset ${offset}`);
}

describe.each(CONTRACTS)('NEAR contract %s', (contract) => {
  const file = join(NEAR, `${contract}.wasm`);

  it('is refused without --stub-imports, naming a host import', async () => {
    const loaded = await loadWasm(file);
    let err: unknown;
    try { compileWasm(loaded); } catch (e) { err = e; }
    expect(isW2zError(err) && err.code, String(err)).toBe('W2Z2002');
    expect((err as Error).message).toMatch(/env\.\w+/);
  });

  it('compiles every method with stubbed imports, and each stops at the host call V8 makes first', async () => {
    const loaded = await loadWasm(file);
    const methods = loaded.module.exports.filter((e) => e.kind === 'func');
    expect(methods.length).toBeGreaterThan(0);
    const compiled = compileWasm(loaded, { invocations: methods.map((e) => ({ func: e.index, args: [] })), host: { stubImports: true } });
    const bytes = new Uint8Array(readFileSync(file));
    for (const [k, method] of methods.entries()) {
      // a fresh instance per method, as V8 gets
      const memory = new PagedMemory();
      expect(runRom(compiled.rom, { memory }).status).toBe('pass');
      const r = runRom(compiled.rom, { memory, startLabel: invocationLabel(k) });
      expect(r.status, method.name).toBe('trap');
      expect(r.trap!.kind, method.name).toBe('stubbed import');
      expect(importCalledAt(loaded, r.trap!.site!.offset), method.name).toBe(await firstImportInV8(bytes, method.name));
    }
  }, 60_000);
});
