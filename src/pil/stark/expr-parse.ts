// Reads the JavaScript that pil-stark 0.0.58's stark_gen.js (compileCode) generates for a step
// of constraint/FRI expressions, one statement per line, such as
//   ctx.tmp[3] = ctx.F.mul(ctx.cm1_2ns[5 + ((i + 2)%2048)*30], ctx.challenges[4]);
//   [ ctx.q_2ns[i*3], ctx.q_2ns[i*3+1], ctx.q_2ns[i*3+2]]  = ctx.tmp[7];
// into a list of operations we can compile to WebAssembly. The text is all the worker receives,
// and it fully determines what the original would compute. Anything we do not recognise throws
// `Unsupported`, and the caller then runs the original JavaScript instead.

export class Unsupported extends Error {}

/** One 64-bit cell of a section, at row (i, or (i + next) % n) · size + off. */
export interface Cell { section: string; prime?: { next: number; n: number }; size: number; off: number }

export type Ref =
  | { kind: 'tmp'; id: number }
  | { kind: 'cell'; dim: 1 | 3; cell: Cell } // dim 3: cells off, off+1, off+2
  | { kind: 'const'; group: 'publics' | 'challenges' | 'evals' | 'number'; id: number; value?: bigint }
  | { kind: 'zi' };

export interface Op { op: 'add' | 'sub' | 'mul' | 'copy'; dest: Ref; src: Ref[] }

function cellOf(text: string): Cell {
  const m = /^ctx\.(\w+)\[([^\]]*)\]$/.exec(text.trim());
  if (!m) throw new Unsupported(`not a cell: ${text}`);
  const section = m[1]!;
  const idx = m[2]!.replace(/\s+/g, '');
  let r: RegExpExecArray | null;
  if (idx === 'i') return { section, size: 1, off: 0 };
  if ((r = /^(\d+)\*i(?:\+(\d+))?$/.exec(idx)) || (r = /^i\*(\d+)(?:\+(\d+))?$/.exec(idx))) {
    return { section, size: Number(r[1]), off: Number(r[2] ?? 0) };
  }
  if ((r = /^(\d+)\+i\*(\d+)(?:\+(\d+))?$/.exec(idx))) {
    return { section, size: Number(r[2]), off: Number(r[1]) + Number(r[3] ?? 0) };
  }
  if ((r = /^(\d+)\+\(\(i\+(\d+)\)%(\d+)\)\*(\d+)(?:\+(\d+))?$/.exec(idx))) {
    return { section, prime: { next: Number(r[2]), n: Number(r[3]) }, size: Number(r[4]), off: Number(r[1]) + Number(r[5] ?? 0) };
  }
  throw new Unsupported(`index ${idx}`);
}

/** Splits at commas outside brackets/parentheses. */
function splitTop(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (c === ',' && depth === 0) { parts.push(s.slice(start, k)); start = k + 1; }
  }
  parts.push(s.slice(start));
  return parts.map((p) => p.trim());
}

function refOf(text: string): Ref {
  const t = text.trim();
  let m: RegExpExecArray | null;
  if ((m = /^ctx\.tmp\[(\d+)\]$/.exec(t))) return { kind: 'tmp', id: Number(m[1]) };
  if ((m = /^(\d+)n$/.exec(t))) return { kind: 'const', group: 'number', id: 0, value: BigInt(m[1]!) };
  if ((m = /^ctx\.(publics|challenges|evals)\[(\d+)\]$/.exec(t))) return { kind: 'const', group: m[1] as 'publics', id: Number(m[2]) };
  if (t === 'ctx.Zi(i)') return { kind: 'zi' };
  if (t.startsWith('[') && t.endsWith(']')) {
    const cells = splitTop(t.slice(1, -1)).map(cellOf);
    const [a, b, c] = cells;
    const same = (x: Cell, k: number) => x.section === a!.section && x.size === a!.size && x.off === a!.off + k
      && x.prime?.next === a!.prime?.next && x.prime?.n === a!.prime?.n;
    if (cells.length !== 3 || !same(b!, 1) || !same(c!, 2)) throw new Unsupported(`array ${t}`);
    return { kind: 'cell', dim: 3, cell: a! };
  }
  return { kind: 'cell', dim: 1, cell: cellOf(t) };
}

/** The operations of a generated step body, in order. */
export function parseStepCode(src: string): Op[] {
  const ops: Op[] = [];
  for (const line of src.split('\n')) {
    const s = line.trim();
    if (s === '' || s === '"use strict";') continue;
    const eq = s.indexOf(' = ');
    if (eq < 0 || !s.endsWith(';')) throw new Unsupported(`line ${s}`);
    const dest = refOf(s.slice(0, eq));
    if (dest.kind === 'const' || dest.kind === 'zi') throw new Unsupported(`assignment to ${s}`);
    const rhs = s.slice(eq + 3, -1).trim();
    const m = /^ctx\.F\.(add|sub|mul)\((.*)\)$/.exec(rhs);
    if (m) {
      const args = splitTop(m[2]!);
      if (args.length !== 2) throw new Unsupported(`arguments ${rhs}`);
      ops.push({ op: m[1] as 'add', dest, src: args.map(refOf) });
    } else {
      ops.push({ op: 'copy', dest, src: [refOf(rhs)] });
    }
  }
  return ops;
}
