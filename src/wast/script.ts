// A parsed .wast script (the WebAssembly spec-test format), as plain data: src/wast/parse.ts builds
// it, a runner compiles each module and checks each assertion. Lines are 1-based and point at the
// opening parenthesis of the command (or of the nested module / action).

/**
 * A constant (an argument) or a result pattern (an expected value).
 *  - i32/i64: the two's-complement bit pattern as an unsigned number (i32: 0..2^32-1).
 *  - f32/f64: the raw IEEE bits, or (results only) a NaN pattern: `nan:canonical` (sign ignored,
 *    payload = the canonical one) or `nan:arithmetic` (sign ignored, payload's top bit set).
 *  - v128: the lanes as source text (`i32x4 1 2 3 4`); we never execute SIMD.
 *  - references: `ref` is 'null', a host reference number (`(ref.extern 1)`), or 'any' for the
 *    result patterns `(ref.func)` / `(ref.extern)` (any non-null reference of that type).
 *  - addition: `{ type: 'ref', ref: 'null' }` is the result pattern `(ref.null)` without a heap
 *    type (spec 3.0 test suite, global.wast / select.wast): a null reference of any type.
 */
export type WastValue =
  | { type: 'i32' | 'i64'; value: bigint }
  | { type: 'f32' | 'f64'; bits: bigint }
  | { type: 'f32' | 'f64'; nan: 'canonical' | 'arithmetic' }
  | { type: 'v128'; lanes: string }
  | { type: 'funcref' | 'externref'; ref: 'null' | number | 'any' }
  | { type: 'ref'; ref: 'null' };

/**
 *  - text: exactly the `(module …)` s-expression as written (comments included, a `$name` kept:
 *    wabt accepts it), except that the word `definition` of `(module definition …)` is replaced
 *    by as many spaces (wabt does not know it), so lines and columns still match the .wast file.
 *  - binary: the concatenated, decoded string literals.
 *  - quote: the concatenated, decoded string literals as text (UTF-8; bytes that are not valid
 *    UTF-8 would become U+FFFD, none of the spec files has any). Note: this is either a whole
 *    `(module …)` or only its fields (e.g. `(func …) (start 0)`); a runner wraps the latter in
 *    `(module …)`, as the reference interpreter does.
 */
export type ModuleSource =
  | { kind: 'text'; text: string }
  | { kind: 'binary'; bytes: Uint8Array }
  | { kind: 'quote'; text: string };

export interface WastModule {
  kind: 'module';
  /** `$name` (with the `$`), when the module has one */
  name?: string;
  source: ModuleSource;
  line: number;
  /**
   * Addition: `(module definition …)` (spec 3.0 test suite, memory.wast): the module is only
   * defined (validated/compiled), not instantiated. Absent for ordinary modules.
   */
  definition?: true;
}

export interface Action {
  kind: 'invoke' | 'get';
  /** `$name` of the module (with the `$`); absent: the most recent module */
  module?: string;
  /** export name */
  name: string;
  /** always empty for `get` */
  args: WastValue[];
  line: number;
}

export type WastCommand =
  | WastModule
  | { kind: 'register'; as: string; module?: string; line: number }
  | { kind: 'action'; action: Action; line: number }
  | {
      kind: 'assert_return';
      action: Action;
      /** one pattern per result; with `(either …)`, the first alternative of each */
      expected: WastValue[];
      /**
       * Only when some result is `(either a b …)`: every acceptable result vector (the product of
       * the per-result alternatives, in source order); `expected` is the first of them.
       */
      alternatives?: WastValue[][];
      line: number;
    }
  | { kind: 'assert_trap'; action?: Action; module?: WastModule; message: string; line: number }
  | { kind: 'assert_exhaustion'; action: Action; message: string; line: number }
  | {
      kind: 'assert_invalid' | 'assert_malformed' | 'assert_unlinkable' | 'assert_uninstantiable';
      module: WastModule;
      message: string;
      line: number;
    };

export type WastCommandKind = WastCommand['kind'];

export interface WastScript {
  fileName: string;
  commands: WastCommand[];
}
