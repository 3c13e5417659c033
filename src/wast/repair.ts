// Spec modules that wabt cannot read because a few of their functions use a newer proposal
// (typed function references, call_ref, …): each such function becomes an empty `(func $name)`
// — its index and name stay, so nothing else in the module changes meaning — and its exports
// go; a top-level export that no longer fits goes too. The removed exports are reported and
// their assertions counted as skipped. An error in any other kind of field (a global, data,
// a table…) would change what the rest computes: such a module is not repaired.

import { getWabt, WASM_FEATURES, watBytes } from '../wasm/wat.js';

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
    // later fields first, so earlier offsets stay valid
    for (const f of doomed.sort((a, b) => b.start - a.start)) {
      const kind = /^\(\s*([a-z_]+)/.exec(f.text)?.[1];
      // the last table may go too (no other table's index changes); code that uses it follows
      const lastTable = kind === 'table' && !fields.some((g) => g.start > f.start && /^\(\s*table\b/.test(g.text));
      if (kind !== 'func' && kind !== 'export' && !lastTable) return undefined;
      for (const m of f.text.matchAll(/\(export\s+"((?:[^"\\]|\\.)*)"/g)) removedExports.add(m[1]!);
      let replacement = '';
      if (kind === 'func') {
        if (/^\(\s*func\s*(\$[^\s()]+)?\s*\)$/.test(f.text)) return undefined; // already empty: no progress
        const name = /^\(\s*func\s+(\$[^\s()]+)/.exec(f.text)?.[1];
        replacement = `(func${name ? ` ${name}` : ''})`;
      }
      // the blanked text keeps its line breaks, so later error lines still point at the right place
      current = current.slice(0, f.start) + replacement + blank(f.text) + current.slice(f.end);
    }
  }
  return undefined;
}

/** The text with everything but line breaks turned into spaces (keeps every line number). */
const blank = (text: string): string => text.replace(/[^\n]/g, ' ');

function errorLines(wabt: Awaited<ReturnType<typeof getWabt>>, text: string): { lines: number[]; message: string } | null {
  let mod: ReturnType<typeof wabt.parseWat> | undefined;
  try {
    mod = wabt.parseWat('m.wat', watBytes(text), WASM_FEATURES);
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
