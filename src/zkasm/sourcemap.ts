// Source markers: a full-line comment `; @ <funcName> <hexOffset> <text…>`, e.g.
//         ; @ $main 0x1a i32.add
// says that the rows after it (up to the next marker) come from the WASM instruction at byte
// offset 0x1a of function $main. The backend writes them, the assembler reads them back to name
// the WASM origin of a failing row. They are plain comments to zkasmcom.

import type { Comment } from './ast.js';

export interface SourceMarker {
  funcName: string;
  offset: number;
  text: string;
}

/** `@ name 0x1a text`; a name that is empty or holds white space is written as a JSON string */
const MARKER = /^@ ("(?:[^"\\]|\\.)*"|[^\s"]\S*) 0x([0-9a-f]+)(?: (.*))?$/;

/** The comment that marks the rows after it as coming from `funcName` @ `offset`. */
export function sourceMarker(funcName: string, offset: number, text: string): Comment {
  const name = funcName === '' || /[\s"]/.test(funcName) ? JSON.stringify(funcName) : funcName;
  const rest = text.replace(/[\r\n]+/g, ' ');
  return { kind: 'comment', text: `@ ${name} 0x${offset.toString(16)}${rest === '' ? '' : ` ${rest}`}`, line: 0 };
}

/** The marker a comment holds, or null for any other comment. */
export function parseSourceMarker(c: Comment): SourceMarker | null {
  const m = MARKER.exec(c.text);
  if (!m) return null;
  const raw = m[1]!;
  let funcName = raw;
  if (raw.startsWith('"')) {
    try {
      funcName = JSON.parse(raw) as string;
    } catch {
      return null;
    }
  }
  return { funcName, offset: parseInt(m[2]!, 16), text: m[3] ?? '' };
}
