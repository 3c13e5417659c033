// Assembler: zkASM AST → ROM rows (the fields of zkasmcom's rom.json), applying zkasmcom's
// compile-time rules so that what we accept, Polygon's compiler accepts too.

import type { Address, JumpTarget, Op, Step, ZkasmProgram } from './ast.js';
import { zkasmAssemble } from '../diagnostics.js';
import { REGISTER_BY_NAME, SIMPLE_OPS } from '../machine/isa.js';
import { emptyRow, type Rom, type RomRow, type SourceLoc } from './rom.js';
import { parseSourceMarker } from './sourcemap.js';
import { printStep } from './print.js';
import { assertNever } from '../util.js';

const SHORT_MIN = -(2n ** 31n);
const SHORT_MAX = 2n ** 32n - 1n;
const LONG_MAX = 2n ** 64n - 1n;

type NumField = { [K in keyof RomRow]-?: RomRow[K] extends number ? K : never }[keyof RomRow];

export function assemble(program: ZkasmProgram, fileName: string): Rom {
  const labels = new Map<string, number>();
  const vars: Rom['vars'] = new Map();
  const constants: Rom['constants'] = new Map();
  const where = (line: number) => `${fileName}:${line}`;

  // Pass 1: label addresses, variables, constants.
  let pc = 0;
  let globalOffset = 0;
  let ctxOffset = 0;
  for (const s of program.statements) {
    switch (s.kind) {
      case 'label':
        if (labels.has(s.name)) throw zkasmAssemble(where(s.line), `label ${s.name} defined twice`);
        labels.set(s.name, pc);
        break;
      case 'step':
        pc++;
        break;
      case 'var': {
        if (vars.has(s.name)) throw zkasmAssemble(where(s.line), `variable ${s.name} defined twice`);
        const size = s.size ?? 1;
        if (s.scope === 'GLOBAL') {
          vars.set(s.name, { scope: 'GLOBAL', offset: globalOffset, size });
          globalOffset += size;
        } else {
          vars.set(s.name, { scope: 'CTX', offset: ctxOffset, size });
          ctxOffset += size;
          globalOffset += size; // zkasmcom bumps the global counter for CTX vars too
        }
        if (globalOffset > 0x10000) throw zkasmAssemble(where(s.line), 'GLOBAL memory is too big');
        break;
      }
      case 'constDef':
        if (constants.has(s.name)) throw zkasmAssemble(where(s.line), `constant %${s.name} defined twice`);
        constants.set(s.name, { value: s.value, long: s.long });
        break;
      case 'include':
        throw zkasmAssemble(where(s.line), 'INCLUDE is not supported by this assembler', );
      case 'command':
      case 'comment':
        break;
      default:
        assertNever(s);
    }
  }

  // Pass 2: rows.
  const rows: RomRow[] = [];
  let source: SourceLoc | undefined;
  for (const s of program.statements) {
    if (s.kind === 'comment') {
      const m = parseSourceMarker(s);
      if (m) source = m;
      continue;
    }
    if (s.kind !== 'step') continue;
    rows.push(assembleStep(s, rows.length, { labels, vars, constants, where, fileName, source }));
  }
  return { rows, labels, vars, constants, fileName };
}

interface Ctx {
  labels: Map<string, number>;
  vars: Rom['vars'];
  constants: Rom['constants'];
  where: (line: number) => string;
  fileName: string;
  source: SourceLoc | undefined;
}

const IN_FIELD: Record<string, NumField> = {
  A: 'inA', B: 'inB', C: 'inC', D: 'inD', E: 'inE', SP: 'inSP', CTX: 'inCTX', PC: 'inPC', GAS: 'inGAS',
  RR: 'inRR', RCX: 'inRCX', HASHPOS: 'inHASHPOS', STEP: 'inSTEP', ROTL_C: 'inROTL_C',
  CNT_ARITH: 'inCntArith', CNT_BINARY: 'inCntBinary', CNT_KECCAK_F: 'inCntKeccakF', CNT_MEM_ALIGN: 'inCntMemAlign',
};
const SET_FIELD: Record<string, NumField> = {
  A: 'setA', B: 'setB', C: 'setC', D: 'setD', E: 'setE', SP: 'setSP', CTX: 'setCTX', PC: 'setPC', GAS: 'setGAS',
  RR: 'setRR', RCX: 'setRCX', HASHPOS: 'setHASHPOS',
};

function assembleStep(s: Step, address: number, ctx: Ctx): RomRow {
  const at = ctx.where(s.line);
  const row = emptyRow(ctx.fileName, s.line, printStep(s).trim());
  if (ctx.source) row.source = ctx.source;
  const defined = new Set<string>();
  /** zkasmcom's "Var X already defined": two parts of a row may not set the same field */
  const define = (field: NumField, value: number) => {
    if (defined.has(field) && row[field] !== value) throw zkasmAssemble(at, `Var ${field} already defined`);
    defined.add(field);
    (row as unknown as Record<string, number>)[field] = value;
  };

  // ---- inputs
  let constSum = 0n;
  let hasShort = false;
  let hasLong = false;
  let freeSeen = false;
  const addIn = (field: NumField, coef: bigint) => {
    (row as unknown as Record<string, number>)[field] += Number(coef);
  };
  for (const t of s.inputs) {
    switch (t.kind) {
      case 'reg':
        if (t.reg === 'zkPC') { constSum += t.coef * BigInt(address); hasShort = true; break; }
        addIn(IN_FIELD[t.reg]!, t.coef);
        break;
      case 'counter':
        addIn(IN_FIELD[t.name]!, t.coef);
        break;
      case 'const':
        constSum += t.value;
        if (t.long) hasLong = true; else hasShort = true;
        break;
      case 'free':
        if (freeSeen) throw zkasmAssemble(at, 'Only one tag allowed');
        freeSeen = true;
        row.inFREE += Number(t.coef);
        row.freeInTag = t.expr;
        break;
      case 'labelRef': {
        const addr = ctx.labels.get(t.name) ?? ctx.vars.get(t.name)?.offset;
        if (addr === undefined) throw zkasmAssemble(at, `undefined label or variable @${t.name}`);
        constSum += t.coef * BigInt(addr);
        hasShort = true;
        break;
      }
      case 'constRef': {
        const c = ctx.constants.get(t.name);
        if (!c) throw zkasmAssemble(at, `undefined constant %${t.name}`);
        constSum += t.coef * c.value;
        if (c.long) hasLong = true; else hasShort = true;
        break;
      }
      default:
        assertNever(t);
    }
  }
  if (hasLong && hasShort) throw zkasmAssemble(at, 'Not allowed CONST and CONSTL in same operation');
  if (hasLong) {
    if (constSum < 0n || constSum > LONG_MAX) throw zkasmAssemble(at, `Long-constant value ${constSum} out of range`);
    row.constLong = true;
    row.CONST0 = Number(constSum & 0xffffffffn);
    row.CONST1 = Number(constSum >> 32n);
  } else if (hasShort) {
    if (constSum < SHORT_MIN || constSum > SHORT_MAX) throw zkasmAssemble(at, `Constant value ${constSum} out of range`);
    row.CONST0 = Number(constSum);
  }

  // ---- destinations
  for (const d of s.dests) {
    const info = REGISTER_BY_NAME.get(d);
    if (!info?.settable) throw zkasmAssemble(at, `register ${d} cannot be set`);
    const f = SET_FIELD[d]!;
    if (row[f]) throw zkasmAssemble(at, `register ${d} set twice`);
    (row as unknown as Record<string, number>)[f] = 1;
  }

  // ---- operations
  let needsInput = false;
  let hasBin = false;
  let hasCarryJump = false;
  let producers = 0;
  for (const op of s.ops) {
    switch (op.kind) {
      case 'mload':
      case 'mstore':
        needsInput = true;
        define('mOp', 1);
        define('mWR', op.kind === 'mstore' ? 1 : 0);
        assembleAddress(op.addr, define, ctx, at);
        if (op.kind === 'mload') producers++;
        break;
      case 'jump':
        assembleJump(op, address, define, ctx, at);
        if (op.cond === 'JMPC' || op.cond === 'JMPNC') hasCarryJump = true;
        break;
      case 'call':
        define('call', 1);
        assembleTarget(op.target, define, ctx, at);
        break;
      case 'repeat':
        define('repeat', 1);
        break;
      case 'simple': {
        const info = SIMPLE_OPS[op.name];
        define(info.flag, 1);
        if (info.flag === 'bin') { define('binOpcode', info.binOpcode!); hasBin = true; }
        if (info.flag !== 'return') needsInput = true;
        if (info.producesFree) producers++;
        break;
      }
      default:
        assertNever(op);
    }
  }
  if (row.call && row.setRR) throw zkasmAssemble(at, 'CALL and => RR on the same row');
  if (needsInput && s.inputs.length === 0) throw zkasmAssemble(at, 'Left assignment required');
  if (hasCarryJump && !hasBin) throw zkasmAssemble(at, 'JMPC/JMPNC need a binary operation on the same row');
  if (row.freeInTag === null && producers === 0) throw zkasmAssemble(at, 'Empty freeIn without a valid instruction');
  if (producers > 1 && row.freeInTag === null) throw zkasmAssemble(at, 'Only one instruction that requires freeIn is allowed');
  return row;
}

function assembleAddress(a: Address, define: (f: NumField, v: number) => void, ctx: Ctx, at: string): void {
  switch (a.kind) {
    case 'sp':
      define('isStack', 1);
      define('useCTX', 1);
      define('offset', a.offset);
      if (a.inc) define('incStack', a.inc);
      return;
    case 'region':
      if (a.region === 'MEM') { define('isMem', 1); define('useCTX', 1); }
      else if (a.region === 'STACK') { define('isStack', 1); define('useCTX', 1); }
      define(a.index === 'E' ? 'ind' : 'indRR', 1);
      define('offset', a.offset);
      return;
    case 'var': {
      const v = ctx.vars.get(a.name);
      if (!v) throw zkasmAssemble(at, `undefined variable ${a.name}`);
      if (v.scope === 'CTX') define('useCTX', 1);
      if (a.index) define(a.index === 'E' ? 'ind' : 'indRR', 1);
      define('offset', v.offset + a.offset);
      return;
    }
    default:
      assertNever(a);
  }
}

function labelAddress(name: string, ctx: Ctx, at: string): number {
  const addr = ctx.labels.get(name);
  if (addr === undefined) throw zkasmAssemble(at, `undefined label ${name}`);
  return addr;
}

function assembleTarget(t: JumpTarget, define: (f: NumField, v: number) => void, ctx: Ctx, at: string): void {
  switch (t.kind) {
    case 'label':
      define('useJmpAddr', 1);
      define('jmpAddr', labelAddress(t.name, ctx, at));
      return;
    case 'reg':
      define(t.reg === 'E' ? 'ind' : 'indRR', 1);
      return;
    case 'labelPlus':
      define(t.reg === 'E' ? 'ind' : 'indRR', 1);
      define('offset', labelAddress(t.name, ctx, at));
      return;
    default:
      assertNever(t);
  }
}

function assembleJump(
  op: Extract<Op, { kind: 'jump' }>, address: number,
  define: (f: NumField, v: number) => void, ctx: Ctx, at: string,
): void {
  const resolve = (name: string) => (name === 'next' ? address + 1 : labelAddress(name, ctx, at));
  switch (op.cond) {
    case 'JMP':
    case 'JMPN':
    case 'JMPC':
    case 'JMPZ':
      define(op.cond, 1);
      if (op.target.kind === 'label' && op.target.name === 'next') {
        define('useJmpAddr', 1);
        define('jmpAddr', address + 1);
      } else {
        assembleTarget(op.target, define, ctx, at);
      }
      if (op.elseLabel !== undefined) {
        define('useElseAddr', 1);
        define('elseAddr', resolve(op.elseLabel));
      }
      return;
    case 'JMPNZ':
    case 'JMPNC': {
      // zkasmcom: the negated forms are JMPZ/JMPC with the two targets swapped
      if (op.target.kind !== 'label') throw zkasmAssemble(at, `${op.cond} takes a label`);
      define(op.cond === 'JMPNZ' ? 'JMPZ' : 'JMPC', 1);
      define('useJmpAddr', 1);
      define('jmpAddr', op.elseLabel !== undefined ? resolve(op.elseLabel) : address + 1);
      define('useElseAddr', 1);
      define('elseAddr', resolve(op.target.name));
      return;
    }
    default:
      assertNever(op.cond);
  }
}

