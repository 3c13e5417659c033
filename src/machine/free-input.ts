// Free inputs `${expr}`: the executor's command language, compiled once per ROM row into a
// closure. Values are BigInt (as in Polygon's executor); a result is either a scalar (kept to
// its low 64 bits as two 32-bit limbs, negatives as two's complement) or a field pair returned
// directly by a helper (`beforeLast`, `cond`: field −1 in limb 0).

import type { FreeExpr, RegName } from '../zkasm/ast.js';
import { assertNever } from '../util.js';

/** What a free-input expression may read. Registers A–E are 64-bit; limbs must be canonical. */
export interface FreeEnv {
  reg64(r: 'A' | 'B' | 'C' | 'D' | 'E'): bigint;
  reg1(r: RegName): number;
  step: number;
  /** total rows of the trace in prover shape, or -1 in debug mode */
  stepsN: number;
  /** the next value of the private input tape */
  input(): bigint;
}

/** A pair of field elements (limb 0, limb 1) in the executor's signed representation. */
export type FieldPair = [number, number];
export type FreeValue = bigint | FieldPair;
export type CompiledFree = (env: FreeEnv) => FreeValue;

export class FreeInputError extends Error {}

const MASK64 = (1n << 64n) - 1n;

/** Split a scalar into the two limbs `scalar2fea` produces (bits 0–63 only). */
export function scalarToLimbs(v: bigint, out: FieldPair): void {
  const t = v & MASK64;
  out[0] = Number(t & 0xffffffffn);
  out[1] = Number(t >> 32n);
}

const FIELD_MINUS_ONE: FieldPair = [-1, 0];
const FIELD_ZERO: FieldPair = [0, 0];

export function compileFreeExpr(e: FreeExpr): CompiledFree {
  const num = (f: CompiledFree): ((env: FreeEnv) => bigint) => (env) => {
    const v = f(env);
    if (typeof v === 'bigint') return v;
    throw new FreeInputError('a field pair cannot be used in arithmetic');
  };
  switch (e.kind) {
    case 'num': {
      const v = e.value;
      return () => v;
    }
    case 'reg': {
      const r = e.reg;
      if (r === 'A' || r === 'B' || r === 'C' || r === 'D' || r === 'E') return (env) => env.reg64(r);
      return (env) => BigInt(env.reg1(r));
    }
    case 'ident':
      throw new FreeInputError(`unknown name ${e.name}`);
    case 'unary': {
      const a = num(compileFreeExpr(e.arg));
      switch (e.op) {
        case '-': return (env) => -a(env);
        case '~': return (env) => ~a(env);
        case '!': return (env) => (a(env) === 0n ? 1n : 0n);
        default: return assertNever(e);
      }
    }
    case 'binary': {
      const l = num(compileFreeExpr(e.left));
      const r = num(compileFreeExpr(e.right));
      const b = (x: boolean): bigint => (x ? 1n : 0n);
      switch (e.op) {
        case '+': return (env) => l(env) + r(env);
        case '-': return (env) => l(env) - r(env);
        case '*': return (env) => l(env) * r(env);
        case '/': return (env) => { const d = r(env); if (d === 0n) throw new FreeInputError('division by zero'); return l(env) / d; };
        case '%': return (env) => { const d = r(env); if (d === 0n) throw new FreeInputError('division by zero'); return l(env) % d; };
        case '&': return (env) => l(env) & r(env);
        case '|': return (env) => l(env) | r(env);
        case '^': return (env) => l(env) ^ r(env);
        case '<<': return (env) => l(env) << r(env);
        case '>>': return (env) => l(env) >> r(env);
        case '&&': return (env) => b(l(env) !== 0n && r(env) !== 0n);
        case '||': return (env) => b(l(env) !== 0n || r(env) !== 0n);
        case '==': return (env) => b(l(env) === r(env));
        case '!=': return (env) => b(l(env) !== r(env));
        case '<': return (env) => b(l(env) < r(env));
        case '<=': return (env) => b(l(env) <= r(env));
        case '>': return (env) => b(l(env) > r(env));
        case '>=': return (env) => b(l(env) >= r(env));
        default: return assertNever(e);
      }
    }
    case 'cond': {
      const t = num(compileFreeExpr(e.test));
      const a = compileFreeExpr(e.then);
      const b = compileFreeExpr(e.else);
      return (env) => (t(env) !== 0n ? a(env) : b(env));
    }
    case 'call':
      return compileCall(e.name, e.args.map((a) => num(compileFreeExpr(a))));
    default:
      return assertNever(e);
  }
}

function compileCall(name: string, args: ((env: FreeEnv) => bigint)[]): CompiledFree {
  const arity = (n: number) => {
    if (args.length !== n) throw new FreeInputError(`${name} takes ${n} argument${n === 1 ? '' : 's'}`);
  };
  switch (name) {
    case 'beforeLast': {
      // field −1 until `k` rows before the end of the trace, then 0 (`${beforeLast(2)}` ends the
      // padding loop so that the row after it is the last one)
      if (args.length > 1) throw new FreeInputError('beforeLast takes at most 1 argument');
      const k = args[0];
      return (env) => {
        if (env.stepsN < 0) return FIELD_MINUS_ONE;
        const off = k ? Number(k(env)) : 2;
        return env.step >= env.stepsN - off ? FIELD_ZERO : FIELD_MINUS_ONE;
      };
    }
    case 'cond': {
      arity(1);
      const [x] = args as [(env: FreeEnv) => bigint];
      return (env) => (x(env) !== 0n ? FIELD_MINUS_ONE : FIELD_ZERO);
    }
    case 'input': {
      arity(0);
      return (env) => env.input();
    }
    default:
      throw new FreeInputError(`function ${name} not defined`);
  }
}
