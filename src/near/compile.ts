// A NEAR program: contracts linked with the NEAR host (link.ts), then compiled like any module.

import { readFileSync } from 'node:fs';
import { compileWasm, type Compiled } from '../compile.js';
import { decodeModule } from '../wasm/decode.js';
import type { LoadedWasm } from '../wasm/load.js';
import type { Module } from '../wasm/module.js';
import { linkNear } from './link.js';

const HOST_URL = new URL('../../templates/near/host.wasm', import.meta.url);
export const HOST_NAME = 'templates/near/host.wasm';

let host: Module | undefined;

/** The NEAR host module (templates/near/host.wasm, built by templates/near/build.sh). */
export function nearHost(): Module {
  host ??= decodeModule(readFileSync(HOST_URL), HOST_NAME);
  return host;
}

export interface NearCompileOptions {
  /** another host module (tests) */
  host?: { module: Module; name: string };
  /** public output slots (default 8: the two digests, docs/near.md) */
  maxOutputs?: number;
}

export interface CompiledNear extends Compiled {
  /** per contract: its callable methods in index order */
  methods: string[][];
}

/**
 * Link the contracts (index = contract number on the tape) with the host and compile; `calls`:
 * per contract, the callable methods (by index) the program may call (default: all).
 */
export function compileNear(contracts: LoadedWasm[], opts: NearCompileOptions = {}, calls?: ReadonlySet<number>[]): CompiledNear {
  const h = opts.host ?? { module: nearHost(), name: HOST_NAME };
  const linked = linkNear(contracts.map((c, k) => ({ fileName: c.fileName, module: c.module, ...(calls ? { calls: calls[k]! } : {}) })), h.module, h.name);
  // messages about the program as a whole name the (first) contract
  const fileName = contracts[0]!.fileName;
  const compiled = compileWasm({ fileName, bytes: new Uint8Array(0), module: linked.module }, {
    entry: linked.entry,
    host: { internal: true },
    maxOutputs: opts.maxOutputs ?? 8,
  });
  return { ...compiled, methods: linked.methods };
}
