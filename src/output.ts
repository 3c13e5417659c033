// Output files of a command, so that a command that fails leaves every output as it was: each
// output is written to a temporary file beside its target and renamed over it only once the
// whole command has succeeded. What the user named is respected:
//  - a symbolic link is written through (its target is replaced, the link stays);
//  - a path that exists and is not a regular file (/dev/null, a pipe) is written in place, since
//    a rename would replace the device or pipe with a regular file;
//  - an output that is one of the command's inputs is refused.

import { existsSync, lstatSync, realpathSync, statSync } from 'node:fs';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { outputWouldOverwriteInput, unreadableFile } from './diagnostics.js';

interface Pending {
  /** the path the user gave (for messages) */
  path: string;
  /** where the new contents go now */
  writeTo: string;
  /** renamed over this at commit; undefined: written in place */
  target?: string;
}

export class Outputs {
  private readonly pending: Pending[] = [];
  private static counter = 0;

  constructor(private readonly inputs: readonly string[] = []) {}

  /** Refuses an output that is one of the inputs (call it before long work). */
  check(path: string): void {
    const same = (input: string) => resolve(path) === resolve(input)
      || (existsSync(path) && existsSync(input) && realpathSync(path) === realpathSync(input));
    if (this.inputs.some(same)) throw outputWouldOverwriteInput(path);
  }

  /** The path to write `path`'s new contents to; nothing shows at `path` before commit(). */
  file(path: string): string {
    this.check(path);
    let target = path;
    if (existsSync(path)) {
      if (lstatSync(path).isSymbolicLink()) target = realpathSync(path);
      if (!statSync(target).isFile()) {
        this.pending.push({ path, writeTo: target });
        return target;
      }
    }
    const writeTo = join(dirname(target), `.${basename(target)}.${process.pid}.${Outputs.counter++}.tmp`);
    this.pending.push({ path, writeTo, target });
    return writeTo;
  }

  /** Stages a text (or bytes) output. */
  async write(path: string, data: string | Uint8Array): Promise<void> {
    const to = this.file(path);
    try {
      await writeFile(to, data);
    } catch (e) {
      throw unreadableFile(path, `cannot write: ${(e as Error).message}`);
    }
  }

  /** Every staged output takes its place. */
  async commit(): Promise<void> {
    for (const p of this.pending) {
      if (p.target === undefined) continue;
      try {
        await rename(p.writeTo, p.target);
      } catch (e) {
        throw unreadableFile(p.path, `cannot write: ${(e as Error).message}`);
      }
    }
    this.pending.length = 0;
  }

  /** Drops every staged output (the targets are untouched). */
  async abort(): Promise<void> {
    for (const p of this.pending) if (p.target !== undefined) await unlink(p.writeTo).catch(() => undefined);
    this.pending.length = 0;
  }
}

/** Runs `body` with a set of outputs, committed when it returns, dropped when it throws. */
export async function withOutputs<T>(inputs: readonly string[], body: (out: Outputs) => Promise<T>): Promise<T> {
  const out = new Outputs(inputs);
  try {
    const result = await body(out);
    await out.commit();
    return result;
  } catch (e) {
    await out.abort();
    throw e;
  }
}
