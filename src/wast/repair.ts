// Spec modules that wabt cannot read because a few of their fields use a newer proposal (typed
// function references, extended constant expressions, …): blank those fields out and keep the
// rest, so the assertions on everything else still run. The exports that disappear with them are
// reported, and their assertions are counted as skipped (unsupported proposal).

import { getWabt, WASM_FEATURES } from '../wasm/wat.js';

export interface Repaired {
  text: string;
  /** export names that were removed with their fields */
  removedExports: Set<string>;
  /** the first wabt error, which made the repair necessary */
  reason: string;
}

const MAX_ROUNDS = 40;

/** The module text if it is fine as it is, else a repaired copy, else undefined. */
export async function repairModuleText(text: string): Promise<Repaired | undefined> {
  const wabt = await getWabt();
  const removedExports = new Set<string>();
  let reason = '';
  let current = text;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const lines = errorLines(wabt, current);
    if (lines === null) return round === 0 ? undefined : { text: current, removedExports, reason };
    if (round === 0) reason = lines.message;
    const fields = topLevelFields(current);
    const doomed = fields.filter((f) => lines.lines.some((l) => l >= f.firstLine && l <= f.lastLine));
    if (doomed.length === 0) return undefined;
    for (const f of doomed) {
      for (const m of f.text.matchAll(/\(export\s+"((?:[^"\\]|\\.)*)"/g)) removedExports.add(m[1]!);
      // blank the field, keeping line breaks so later error lines still point at the right place
      current = current.slice(0, f.start) + f.text.replace(/[^\n]/g, ' ') + current.slice(f.end);
    }
  }
  return undefined;
}

function errorLines(wabt: Awaited<ReturnType<typeof getWabt>>, text: string): { lines: number[]; message: string } | null {
  let mod: ReturnType<typeof wabt.parseWat> | undefined;
  try {
    mod = wabt.parseWat('m.wat', text, WASM_FEATURES);
    mod.resolveNames();
    mod.validate();
    return null;
  } catch (e) {
    const message = String((e as Error).message);
    const lines = [...message.matchAll(/m\.wat:(\d+):\d+/g)].map((m) => Number(m[1]));
    return { lines, message: message.split('\n').find((l) => l.includes('error:'))?.trim() ?? message.split('\n')[0]! };
  } finally {
    mod?.destroy();
  }
}

interface Field {
  start: number;
  end: number;
  text: string;
  firstLine: number;
  lastLine: number;
}

/** The top-level s-expressions inside `(module …)`, skipping strings and comments. */
function topLevelFields(text: string): Field[] {
  const fields: Field[] = [];
  let depth = 0;
  let line = 1;
  let start = -1;
  let startLine = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') { line++; continue; }
    if (ch === '"') { // string
      for (i++; i < text.length && text[i] !== '"'; i++) { if (text[i] === '\\') i++; else if (text[i] === '\n') line++; }
      continue;
    }
    if (ch === ';' && text[i + 1] === ';') { while (i < text.length && text[i] !== '\n') i++; i--; continue; }
    if (ch === '(' && text[i + 1] === ';') { // block comment (nesting)
      let d = 0;
      for (; i < text.length; i++) {
        if (text[i] === '\n') line++;
        if (text[i] === '(' && text[i + 1] === ';') { d++; i++; } else if (text[i] === ';' && text[i + 1] === ')') { d--; i++; if (d === 0) break; }
      }
      continue;
    }
    if (ch === '(') {
      depth++;
      if (depth === 2) { start = i; startLine = line; }
    } else if (ch === ')') {
      if (depth === 2) fields.push({ start, end: i + 1, text: text.slice(start, i + 1), firstLine: startLine, lastLine: line });
      depth--;
    }
  }
  return fields;
}
