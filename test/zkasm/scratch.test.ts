import { test } from 'vitest';
import { parseZkasm } from '../../src/zkasm/parse.js';
const pats = [
 (i: number)=>`func_${i}:`,
 (i: number)=>`        $ => A                  :MLOAD(SP + ${i%50})`,
 (i: number)=>`        ${i} => B`,
 (i: number)=>`        $ => C                  :ADD`,
 (i: number)=>`        A => B, C               :MSTORE(SP - ${i%7})`,
 (i: number)=>`        \${(A*B + C) >> 64} => D :ARITH ; hi ${i}`,
 (i: number)=>`        A - 10                  :JMPN(func_${i}, else_${i})`,
 (i: number)=>`        ; @ $main 0x${i.toString(16)} i32.add`,
 (i: number)=>`        0xffffffffn => B`,
 (i: number)=>`        3*A - B + %N => E       :MLOAD(MEM:E + 3), JMPZ(@tbl + RR)`,
];
test('speed', () => {
  const lines: string[] = []; for (let i=0;i<100000;i++) lines.push(pats[i%pats.length]!(i));
  const text = 'CONST %N = 5\n' + lines.join('\n') + '\n';
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    const p = parseZkasm(text, 'big.zkasm');
    console.log(p.statements.length, (performance.now()-t).toFixed(0), 'ms');
  }
});
