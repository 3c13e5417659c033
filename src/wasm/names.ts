// Function names and types by function index (imported functions first, as in WASM).

import { noSuchFunction } from '../diagnostics.js';
import type { Export, FuncType, Import, Module } from './module.js';

// Lookups are asked per function, so the per-module tables are built once. They are keyed on the
// `imports` / `exports` arrays themselves: a caller that replaces an array gets fresh tables.
const importTypes = new WeakMap<Import[], number[]>();
const exportNames = new WeakMap<Export[], Map<number, string>>();

/** type index of each imported function, in function index order */
function importedFuncTypes(m: Module): number[] {
  let types = importTypes.get(m.imports);
  if (!types) {
    types = [];
    for (const imp of m.imports) if (imp.desc.kind === 'func') types.push(imp.desc.typeIndex);
    importTypes.set(m.imports, types);
  }
  return types;
}

/** Number of imported functions: the index of the first defined function. */
export function importedFuncCount(m: Module): number {
  return importedFuncTypes(m).length;
}

/**
 * `$name` from the name section, else `$` + an export name (the first), else `$f<index>`. A name
 * goes into messages and zkASM comments, each one line: control characters and line breaks in it
 * are written as the text format's escapes (`$a\0ab` for "a\nb").
 */
export function funcName(m: Module, funcIndex: number): string {
  return `$${printable(rawFuncName(m, funcIndex))}`;
}

function rawFuncName(m: Module, funcIndex: number): string {
  const named = m.names.funcs.get(funcIndex);
  if (named !== undefined) return named;
  let exported = exportNames.get(m.exports);
  if (!exported) {
    exported = new Map();
    for (const e of m.exports) if (e.kind === 'func' && !exported.has(e.index)) exported.set(e.index, e.name);
    exportNames.set(m.exports, exported);
  }
  return exported.get(funcIndex) ?? `f${funcIndex}`;
}

/** C0 and C1 controls, DEL and the line and paragraph separators: `\hh`, or `\u{hhhh}` past 0xff. */
export function printable(name: string): string {
  return name.replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029]/g, (c) => {
    const n = c.charCodeAt(0);
    return n < 0x100 ? `\\${n.toString(16).padStart(2, '0')}` : `\\u{${n.toString(16)}}`;
  });
}

/** The signature of function `funcIndex` (W2Z1009 if the index or its type is out of range). */
export function funcType(m: Module, funcIndex: number): FuncType {
  const imported = importedFuncTypes(m);
  const typeIndex = funcIndex < imported.length ? imported[funcIndex] : m.funcs[funcIndex - imported.length];
  const t = typeIndex === undefined ? undefined : m.types[typeIndex];
  // Validation checks every function index before anyone asks: this is a caller's bug.
  if (!t) throw noSuchFunction(funcIndex, imported.length + m.funcs.length);
  return t;
}
