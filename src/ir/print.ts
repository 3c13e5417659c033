// IR text, for golden tests and `--emit ir`. Deterministic: values and blocks are printed with
// their (dense) numbers; callee names come from the module.

import type { Block, BlockRef, Inst, IrFunction, IrModule, Terminator } from './ir.js';
import { assertNever } from '../util.js';

const v = (x: number) => `v${x}`;
const list = (xs: number[]) => xs.map(v).join(', ');
const ref = (r: BlockRef) => `block${r.block}${r.args.length ? `(${list(r.args)})` : ''}`;

export function printModule(m: IrModule): string {
  const names = new Map(m.funcs.map((f) => [f.index, f.name]));
  return m.funcs.map((f) => printFunction(f, names)).join('\n');
}

export function printFunction(fn: IrFunction, names: Map<number, string> = new Map()): string {
  const lines = [`func ${fn.name}(${fn.params.join(', ')}) -> (${fn.results.join(', ')}) {`];
  for (const b of fn.blocks) lines.push(...printBlock(fn, b, names));
  lines.push('}');
  return lines.join('\n') + '\n';
}

function printBlock(fn: IrFunction, b: Block, names: Map<number, string>): string[] {
  const params = b.params.map((p) => `${v(p)}: ${fn.types[p]}`).join(', ');
  return [
    `block${b.id}${params ? `(${params})` : ''}:`,
    ...b.insts.map((i) => `    ${printInst(i, names)}`),
    `    ${printTerm(b.term)}`,
  ];
}

function printInst(i: Inst, names: Map<number, string>): string {
  switch (i.kind) {
    case 'const': return `${v(i.result)} = ${i.type}.const ${i.value}`;
    case 'unary': return `${v(i.result)} = ${i.op} ${v(i.arg)}`;
    case 'binary': return `${v(i.result)} = ${i.op} ${v(i.lhs)}, ${v(i.rhs)}`;
    case 'call':
    case 'host': {
      const callee = i.kind === 'call' ? `call ${names.get(i.func) ?? `#${i.func}`}` : `host ${i.name}`;
      const res = i.results.length ? `${list(i.results)} = ` : '';
      return `${res}${callee}(${list(i.args)})`;
    }
    case 'call_indirect': {
      const res = i.results.length ? `${list(i.results)} = ` : '';
      return `${res}call_indirect type${i.typeIndex} table${i.table}[${v(i.index)}](${list(i.args)})`;
    }
    case 'select': return `${v(i.result)} = select ${v(i.cond)}, ${v(i.a)}, ${v(i.b)}`;
    case 'global.get': return `${v(i.result)} = global.get ${i.global}`;
    case 'global.set': return `global.set ${i.global}, ${v(i.value)}`;
    case 'load': return `${v(i.result)} = ${i.op}${i.host ? ' host' : ''} ${v(i.addr)}${i.memOffset ? ` +${i.memOffset}` : ''}`;
    case 'store': return `${i.op}${i.host ? ' host' : ''} ${v(i.addr)}${i.memOffset ? ` +${i.memOffset}` : ''}, ${v(i.value)}`;
    case 'memory.size': return `${v(i.result)} = memory.size`;
    case 'memory.grow': return `${v(i.result)} = memory.grow ${v(i.delta)}`;
    case 'memory.fill': return `memory.fill ${list([i.dst, i.value, i.len])}`;
    case 'memory.copy': return `memory.copy ${list([i.dst, i.src, i.len])}`;
    case 'memory.init': return `memory.init ${i.segment}, ${list([i.dst, i.src, i.len])}`;
    case 'data.drop': return `data.drop ${i.segment}`;
    default: return assertNever(i);
  }
}

function printTerm(t: Terminator): string {
  switch (t.kind) {
    case 'jump': return `jump ${ref(t.target)}`;
    case 'branch': return `branch ${v(t.cond)}, ${ref(t.then)}, ${ref(t.else)}`;
    case 'switch': return `switch ${v(t.index)}, [${t.targets.map(ref).join(', ')}], ${ref(t.default)}`;
    case 'return': return `return${t.values.length ? ` ${list(t.values)}` : ''}`;
    case 'trap': return `trap "${t.trap}"`;
    default: return assertNever(t);
  }
}
