// The input stage's entry point: a path → bytes → validated, decoded `Module`.

import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileNotFound, unknownInputKind, unreadableFile } from '../diagnostics.js';
import { decodeModule } from './decode.js';
import type { Module } from './module.js';
import { validateWasm, watToWasm } from './wat.js';

export interface LoadedWasm {
  /** the path as the user wrote it (used in every message) */
  fileName: string;
  /** the binary module (compiled from the text for .wat input) */
  bytes: Uint8Array;
  module: Module;
}

const TEXT_EXTENSIONS = new Set(['.wat', '.wast']);

/**
 * Load a `.wat` / `.wast` (a single module in text format) or `.wasm` file; any other name is
 * accepted if its content starts with the wasm magic number.
 */
export async function loadWasm(path: string): Promise<LoadedWasm> {
  let data: Uint8Array;
  try {
    data = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw fileNotFound(path);
    throw unreadableFile(path, readErrorText(e));
  }
  const ext = extname(path).toLowerCase();
  let bytes: Uint8Array;
  if (TEXT_EXTENSIONS.has(ext)) {
    bytes = await watToWasm(new TextDecoder().decode(data), path);
  } else if (ext === '.wasm' || hasWasmMagic(data)) {
    bytes = data;
  } else {
    throw unknownInputKind(path);
  }
  return loadWasmBytes(bytes, path);
}

/**
 * Decode and validate a binary. Decoding comes first so that a malformed binary is reported by
 * our decoder (exact byte offset and cause); wabt then type-checks the well-formed module.
 */
export async function loadWasmBytes(bytes: Uint8Array, fileName: string): Promise<LoadedWasm> {
  const module = decodeModule(bytes, fileName);
  await validateWasm(bytes, fileName, module);
  return { fileName, bytes, module };
}

function hasWasmMagic(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x00 && b[1] === 0x61 && b[2] === 0x73 && b[3] === 0x6d;
}

function readErrorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'EISDIR': return 'is a directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    default: return err.code ? err.code.toLowerCase() : String(err.message ?? e).toLowerCase();
  }
}
