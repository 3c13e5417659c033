// The constant polynomials of a program's PIL: Global's tables, the ROM, the secondary machines'
// clocks and the binary table. Everything here is fixed by the program, so pil-stark's constRoot
// over these columns commits to it.

import type { Columns } from './columns.js';
import type { PilModel } from './model.js';
import { ARITH_ROWS_PER_OP } from './model.js';
import { binaryChunk, binaryTableInputs, BINARY_CHUNK_BITS, BINARY_CHUNKS_PER_ROW, BINARY_ROWS_PER_OP, BINARY_TABLE_ROWS, type ChunkResult } from './binary-table.js';

export function constantColumns(m: PilModel): Columns {
  const N = m.N;
  const cols: Columns = new Map();
  const col = (name: string, f: (i: number) => number) => {
    const a = new Float64Array(N);
    for (let i = 0; i < N; i++) a[i] = f(i);
    cols.set(name, a);
  };
  col('Global.L1', (i) => (i === 0 ? 1 : 0));
  col('Global.LLAST', (i) => (i === N - 1 ? 1 : 0));
  if (m.segment) col('Global.LPEN', (i) => (i === N - 2 ? 1 : 0));
  col('Global.STEP', (i) => i);
  col('Global.BYTE', (i) => i & 255);
  for (const p of m.publics) if (!cols.has(`Global.PUB${p.slot}`)) col(`Global.PUB${p.slot}`, (i) => (i === p.row ? 1 : 0));
  if (m.machines.arith && !m.arithBytes) col('Global.R16', (i) => i & 65535);

  // ROM rows past the program repeat line 0; a segment's PIL has the pause line after the program
  const lines = m.segment ? m.romLines + 1 : m.romLines;
  col('Rom.line', (i) => (i < lines ? i : 0));
  if (m.segment) col('Rom.isPause', (i) => (i === m.segment!.pauseLine ? 1 : 0));
  for (const f of m.usedFields) {
    const v = m.rom.get(f)!;
    col(`Rom.${f}`, (i) => (i < lines ? v[i]! : v[0]!));
  }

  if (m.machines.mem) col('Mem.ISNOTLAST', (i) => (i === N - 1 ? 0 : 1));

  if (m.machines.bin) {
    const K = BINARY_ROWS_PER_OP;
    col('Binary.RESET', (i) => (i % K === 0 ? 1 : 0));
    col('Binary.LAST', (i) => (i % K === K - 1 ? 1 : 0));
    const rowBits = BINARY_CHUNK_BITS * BINARY_CHUNKS_PER_ROW;
    col('Binary.FACTOR0', (i) => (i % K < K / 2 ? 2 ** (rowBits * (i % K)) : 0));
    col('Binary.FACTOR1', (i) => (i % K >= K / 2 ? 2 ** (rowBits * (i % K - K / 2)) : 0));
    const names = ['P_OPCODE', 'P_A', 'P_B', 'P_CIN', 'P_LAST', 'P_C', 'P_COUT', 'P_USECARRY'];
    const t = names.map(() => new Float64Array(N));
    const r: ChunkResult = { c: 0, cOut: 0, useCarry: 0 };
    for (let i = 0; i < N; i++) {
      const x = binaryTableInputs(i % BINARY_TABLE_ROWS);
      binaryChunk(x.opcode, x.a, x.b, x.cIn, x.last, r);
      const row = [x.opcode, x.a, x.b, x.cIn, x.last, r.c, r.cOut, r.useCarry];
      for (let k = 0; k < row.length; k++) t[k]![i] = row[k]!;
    }
    names.forEach((n, k) => cols.set(`Binary.${n}`, t[k]!));
  }

  if (m.machines.arith) {
    const K = ARITH_ROWS_PER_OP;
    col('Arith.RESET', (i) => (i % K === 0 ? 1 : 0));
    col('Arith.LAST', (i) => (i % K === K - 1 ? 1 : 0));
    for (let k = 0; k < K; k++) col(`Arith.CLK[${k}]`, (i) => (i % K === k ? 1 : 0));
  }
  return cols;
}
