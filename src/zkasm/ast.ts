// The zkASM language as plain data. The printer (print.ts) is the only place that knows zkASM
// spelling; the parser (parse.ts, grammars/zkasm.ohm) turns text back into exactly these nodes, so
// parse(print(ast)) == ast for everything we emit.

/** Registers that may appear as inputs (and, except STEP/ROTL_C/zkPC, as destinations). */
export type RegName =
  | 'A' | 'B' | 'C' | 'D' | 'E'
  | 'CTX' | 'SP' | 'PC' | 'GAS' | 'RR' | 'RCX' | 'HASHPOS' | 'zkPC' | 'STEP' | 'ROTL_C';

export type CounterName = 'CNT_ARITH' | 'CNT_BINARY' | 'CNT_KECCAK_F' | 'CNT_MEM_ALIGN';

/** Expressions inside `${ … }` (the executor's command language). */
export type FreeExpr =
  | { kind: 'num'; value: bigint }
  | { kind: 'reg'; reg: RegName }
  | { kind: 'ident'; name: string }
  | { kind: 'call'; name: string; args: FreeExpr[] }
  | { kind: 'unary'; op: '-' | '~' | '!'; arg: FreeExpr }
  | {
      kind: 'binary';
      op: '+' | '-' | '*' | '/' | '%' | '&' | '|' | '^' | '<<' | '>>' | '&&' | '||'
        | '==' | '!=' | '<' | '<=' | '>' | '>=';
      left: FreeExpr;
      right: FreeExpr;
    }
  | { kind: 'cond'; test: FreeExpr; then: FreeExpr; else: FreeExpr };

/** One summand of a step's input expression. `coef` multiplies it (1n, -1n, 3n …). */
export type Term =
  | { kind: 'reg'; reg: RegName; coef: bigint }
  | { kind: 'counter'; name: CounterName; coef: bigint }
  /** `5`, `-3`, `0xffn`: long = written with the `n` suffix (CONSTL, split into 32-bit limbs) */
  | { kind: 'const'; value: bigint; long: boolean }
  /** `$` (expr = null: the value comes from the row's operation) or `${expr}` */
  | { kind: 'free'; expr: FreeExpr | null; coef: bigint }
  /** `@name`: a label's ROM address or a variable's memory offset */
  | { kind: 'labelRef'; name: string; coef: bigint }
  /** `%NAME` */
  | { kind: 'constRef'; name: string; coef: bigint };

export type JumpCond = 'JMP' | 'JMPN' | 'JMPC' | 'JMPZ' | 'JMPNC' | 'JMPNZ';

export type JumpTarget =
  | { kind: 'label'; name: string }
  | { kind: 'reg'; reg: 'RR' | 'E' }
  /** `@name + RR`, `@name + E` */
  | { kind: 'labelPlus'; name: string; reg: 'RR' | 'E' };

export type Address =
  /** `SP`, `SP + n`, `SP - n` (offset), `SP++` (inc 1), `SP--` (inc -1) */
  | { kind: 'sp'; offset: number; inc: 0 | 1 | -1 }
  /** `MEM:E + n`, `SYS:RR - n`, `STACK:E` */
  | { kind: 'region'; region: 'MEM' | 'SYS' | 'STACK'; index: 'E' | 'RR'; offset: number }
  /** `x`, `x + n`, `x + E`, `x + RR`, `x[E]`, `x[E + n]`, `x[n]` (bracket: written with [ ]) */
  | { kind: 'var'; name: string; index: 'E' | 'RR' | null; offset: number; bracket: boolean };

/** Operations without operands, in the spelling of the language. */
export type SimpleOpName =
  | 'ASSERT' | 'ARITH'
  | 'ADD' | 'SUB' | 'LT' | 'SLT' | 'EQ' | 'AND' | 'OR' | 'XOR'
  | 'MEM_ALIGN_RD' | 'MEM_ALIGN_WR' | 'MEM_ALIGN_WR8'
  | 'RETURN';

export type Op =
  | { kind: 'mload'; addr: Address }
  | { kind: 'mstore'; addr: Address }
  | { kind: 'jump'; cond: JumpCond; target: JumpTarget; elseLabel?: string }
  | { kind: 'call'; target: JumpTarget }
  | { kind: 'repeat' }
  | { kind: 'simple'; name: SimpleOpName };

/** One ROM row: `inputs => dests :ops`. `line` is the 1-based source line (0 when built in memory). */
export interface Step {
  kind: 'step';
  inputs: Term[];
  dests: RegName[];
  ops: Op[];
  /** trailing `; …` comment text (without the `;`), if any */
  comment?: string;
  line: number;
}

export interface Label {
  kind: 'label';
  name: string;
  line: number;
}

export interface VarDef {
  kind: 'var';
  scope: 'GLOBAL' | 'CTX';
  name: string;
  /** array size, when declared `VAR GLOBAL x[n]` */
  size?: number;
  line: number;
}

export interface ConstDef {
  kind: 'constDef';
  long: boolean;
  name: string;
  value: bigint;
  line: number;
}

/** `$${ … }`: an executor-side command; no ROM row. `text` is what stands between the braces. */
export interface Command {
  kind: 'command';
  text: string;
  line: number;
}

/** A full-line comment `; text` (text without the `;`). Source markers use it, see sourcemap.ts. */
export interface Comment {
  kind: 'comment';
  text: string;
  line: number;
}

export interface Include {
  kind: 'include';
  path: string;
  line: number;
}

export type Statement = Step | Label | VarDef | ConstDef | Command | Comment | Include;

export interface ZkasmProgram {
  statements: Statement[];
}
