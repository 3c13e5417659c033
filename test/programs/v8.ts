// Runs a module from test/programs in V8 (Node's WebAssembly) as the reference our compiler's
// output is compared with. The module may import only env.assert_eq / assert_eq_i32 /
// assert_eq_i64 and must export `main: () -> ()`.
//   pass: main returned; fail: an assert import saw different values (message names it, its
//   ordinal and both values); trap: a WebAssembly.RuntimeError (or V8's RangeError for call-stack
//   exhaustion) with V8's message.
// A module that does not compile, link or export `main` is not a program outcome: the promise
// rejects.

export interface V8Result {
  status: 'pass' | 'fail' | 'trap';
  message?: string;
  /** assert imports called, including a failing one */
  asserts: number;
}

/** thrown by the assert imports; distinct from anything the module itself can raise */
export class AssertMismatch extends Error {
  override name = 'AssertMismatch';
}

const hex = (v: number | bigint, bits: number) => `0x${BigInt.asUintN(bits, BigInt(v)).toString(16)}`;

export async function runInV8(bytes: Uint8Array): Promise<V8Result> {
  let asserts = 0;
  const check = (name: string, bits: 32 | 64) => (got: number | bigint, want: number | bigint) => {
    asserts++;
    if (got !== want) {
      throw new AssertMismatch(`${name} #${asserts}: got ${hex(got, bits)}, want ${hex(want, bits)}`);
    }
  };
  const imports = {
    env: {
      assert_eq: check('assert_eq', 32),
      assert_eq_i32: check('assert_eq_i32', 32),
      assert_eq_i64: check('assert_eq_i64', 64), // i64 arrives as BigInt
    },
  };
  const module = await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
  const instance = await WebAssembly.instantiate(module, imports);
  const main = instance.exports.main;
  if (typeof main !== 'function') throw new Error('module does not export a function `main`');
  try {
    (main as () => void)();
    return { status: 'pass', asserts };
  } catch (e) {
    if (e instanceof AssertMismatch) return { status: 'fail', message: e.message, asserts };
    if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError) {
      return { status: 'trap', message: e.message, asserts };
    }
    throw e;
  }
}
