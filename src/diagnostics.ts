// Every error a user can see is built here: one constructor per kind, each with a stable code.
//   W2Z1xxx input (files, decoding, validation)   W2Z2xxx compile (IR, backend)
//   W2Z3xxx execute (zkASM parse/assemble/run)     W2Z4xxx check (PIL constraints)
//   W2Z5xxx job queue (Redis)
// Message format: `<where>: <what> (<context>)` — lower-case, no final period.

export class W2zError extends Error {
  constructor(
    readonly code: string,
    readonly where: string,
    readonly what: string,
    readonly context?: string,
    /** exit code the CLI uses for this error */
    readonly exitCode: number = 2,
  ) {
    super(`${where}: ${what}${context ? ` (${context})` : ''}`);
    this.name = 'W2zError';
  }
}

export function isW2zError(e: unknown): e is W2zError {
  return e instanceof W2zError;
}

const hex = (n: number): string => `0x${n.toString(16)}`;

/** `input.wasm @0x1a` */
export const atOffset = (file: string, offset: number): string => `${file} @${hex(offset)}`;
/** `input.wasm: func $main (#3) @0x1a` */
export const atFunc = (file: string, funcName: string, funcIndex: number, offset?: number): string =>
  `${file}: func ${funcName} (#${funcIndex})${offset === undefined ? '' : ` @${hex(offset)}`}`;

// ---- W2Z1xxx: input ---------------------------------------------------------------------------
export const fileNotFound = (file: string) => new W2zError('W2Z1001', file, 'no such file');
export const unreadableFile = (file: string, why: string) => new W2zError('W2Z1002', file, 'cannot read file', why);
export const notWasm = (file: string, why: string) => new W2zError('W2Z1003', file, 'not a webassembly module', why);
export const malformedWasm = (file: string, offset: number, what: string) =>
  new W2zError('W2Z1004', atOffset(file, offset), `malformed module: ${what}`);
export const invalidWasm = (file: string, what: string, where?: string) =>
  new W2zError('W2Z1005', where ? `${file}: ${where}` : file, `invalid module: ${what}`);
export const watSyntax = (file: string, what: string) => new W2zError('W2Z1006', file, `text format error: ${what}`);
/** A trace (check) or proof that would need more memory than allowed: refused before building it. */
export const traceTooLarge = (file: string, what: string) => new W2zError('W2Z4004', file, what);
/** A module nested deeper than the tools here can take (wabt's parser and validator recurse). */
export const nestingTooDeep = (file: string, where: number | string, what: string) =>
  new W2zError('W2Z1016', typeof where === 'number' ? atOffset(file, where) : `${file}:${where}`, what);
/** A NEAR call's inputs (context, state, args, batch file) that do not parse or do not fit. */
export const badNearInput = (file: string, what: string) => new W2zError('W2Z1017', file, `bad NEAR input: ${what}`);
/** A method the contract does not export as a callable method (an exported `[] -> []` function). */
export const unknownNearMethod = (file: string, method: string, methods: string[]) =>
  new W2zError('W2Z1018', file, `no method ${JSON.stringify(method)}`, methods.length > 0 ? `its methods: ${methods.join(', ')}` : 'it exports no callable method');
export const unknownInputKind = (file: string) =>
  new W2zError('W2Z1007', file, 'unknown input kind', 'expected .wasm, .wat or .zkasm');
export const unknownEmitKind = (kind: string) => new W2zError('W2Z1012', '--emit', `unknown output kind ${kind}`, 'expected zkasm or ir');
/** A program input file (`run --input`) that is not a JSON array of 64-bit integers. */
export const badInputTape = (file: string, what: string, aboutContent = true) =>
  new W2zError('W2Z1013', file, `bad input tape: ${what}`,
    aboutContent ? 'expected a JSON array of integers: numbers, or strings in decimal or 0x hex, within -2^63 .. 2^64-1' : undefined);
/** A command-line option with a value out of its range (`--max-outputs 300`). */
export const badOption = (option: string, value: string, expected: string) =>
  new W2zError('W2Z1014', option, `bad value ${value}`, expected);
/** Two command-line options that exclude each other (`verify --vkey K --program P`). */
export const conflictingOptions = (option: string, other: string, why: string) =>
  new W2zError('W2Z1015', option, `cannot be combined with ${other}`, why);
export const outputWouldOverwriteInput = (file: string) =>
  new W2zError('W2Z1008', file, 'output file is the input file', 'choose another -o');
export const noSuchFunction = (funcIndex: number, count: number) =>
  new W2zError('W2Z1009', `func #${funcIndex}`, 'no such function', `the module has ${count} functions`);
/** A .wast script the grammar does not match; `where` is `file:line:col`. */
export const wastSyntax = (where: string, what: string, context?: string) =>
  new W2zError('W2Z1010', where, `wast syntax error: ${what}`, context);
/** A bad constant or string in a .wast script (`where`: `file:line:col`, or `literal` without a file). */
export const wastLiteral = (where: string, text: string, why: string) =>
  new W2zError('W2Z1011', where, `bad literal ${text}`, why);

// ---- W2Z2xxx: compile -------------------------------------------------------------------------
export const unsupportedInstr = (file: string, funcName: string, funcIndex: number, offset: number, op: string) =>
  new W2zError('W2Z2001', atFunc(file, funcName, funcIndex, offset), `unsupported instruction ${op}`);
export const unknownImport = (file: string, module: string, name: string, offset: number) =>
  new W2zError('W2Z2002', atOffset(file, offset), `unknown import ${module}.${name}`,
    'supported: env.assert_eq, env.assert_eq_i32, env.assert_eq_i64, env.input_i32, env.input_i64, env.output_i32, env.output_i64, env.abort');
export const importSignature = (file: string, module: string, name: string, offset: number, want: string) =>
  new W2zError('W2Z2003', atOffset(file, offset), `import ${module}.${name} has the wrong signature`, `expected ${want}`);
export const noEntry = (file: string, why: string) => new W2zError('W2Z2004', file, 'no entry function', why);
export const entrySignature = (file: string, name: string) =>
  new W2zError('W2Z2005', file, `entry function ${name} must take no parameters`);
export const unsupportedFeature = (file: string, what: string, where?: string) =>
  new W2zError('W2Z2006', where ? `${file}: ${where}` : file, `unsupported ${what}`);
export const irVerify = (where: string, what: string, context?: string) =>
  new W2zError('W2Z2101', where, `ir verifier: ${what}`, context);
export const programTooLarge = (file: string, what: string) => new W2zError('W2Z2201', file, `program too large: ${what}`);
/** The compiler wrote zkASM its own assembler rejects: a bug of ours (exit 70), not the input's. */
export const emittedTextRejected = (where: string, what: string, origin?: string) =>
  new W2zError('W2Z2301', where, `internal error: the compiled zkASM does not assemble: ${what}`, origin, 70);

// ---- W2Z3xxx: execute -------------------------------------------------------------------------
export const zkasmSyntax = (where: string, what: string, context?: string) =>
  new W2zError('W2Z3001', where, `zkasm syntax error: ${what}`, context);
export const zkasmAssemble = (where: string, what: string) => new W2zError('W2Z3002', where, what);
export const execFailure = (where: string, what: string, context?: string) =>
  new W2zError('W2Z3101', where, what, context, 1);
export const execLimit = (where: string, what: string) => new W2zError('W2Z3102', where, what, undefined, 1);
/** A program without the label the executor starts or stops at (hand-written zkASM). */
export const missingLabel = (file: string, label: string, role: string) =>
  new W2zError('W2Z3004', file, `no label ${label} (${role})`);
/** An AST the zkASM printer has no spelling for (a compiler bug: the text would not parse back). */
export const zkasmUnprintable = (what: string) => new W2zError('W2Z3003', 'zkasm printer', `cannot print ${what}`);

// ---- W2Z4xxx: PIL and proofs ---------------------------------------------------------------------
/** A ROM feature the PIL generator has no columns for. */
export const pilUnsupported = (where: string, what: string, line: string) =>
  new W2zError('W2Z4001', where, `the PIL does not support ${what}`, line);
/** A trace size (`--rows`, a key's N) below what the program needs. */
export const tooFewRows = (where: string, rows: number, needed: number, reason: string) =>
  new W2zError('W2Z4002', where, `2^${Math.log2(rows)} rows are too few for this program`, `it needs 2^${Math.log2(needed)}: ${reason}`);
/** The trace breaks a constraint of the PIL (exit 1, like a failed run). */
export const constraintFailed = (where: string, what: string, context?: string) =>
  new W2zError('W2Z4101', where, what, context, 1);
/** A proof file that is not JSON or not in our format. */
export const badProofFile = (file: string, what: string) =>
  new W2zError('W2Z4201', file, 'not a readable proof', what.startsWith(`${file}: `) ? what.slice(file.length + 2) : what);
/** A verification key file that is not JSON or not in our format. */
export const badKeyFile = (file: string, what: string) => new W2zError('W2Z4202', file, 'not a readable verification key', what);
/** `verify` without a key or a program: nothing the verdict could be about. */
export const verifyNeedsKey = (proofFile: string) =>
  new W2zError('W2Z4203', proofFile, 'give --vkey KEY or --program PROG',
    'the proof file alone does not say which program it proves; its constraints and public names are not authenticated');
/** `prove --vkey`: the program, as proven, is not the one the key was made for. */
export const keyForAnotherProgram = (keyFile: string, what: string) =>
  new W2zError('W2Z4204', keyFile, 'the key is for another program', what);

// ---- W2Z5xxx: job queue -----------------------------------------------------------------------
/** `--redis URL` that does not answer (refused, unknown host, wrong password). */
export const redisUnreachable = (url: string, why: string) =>
  new W2zError('W2Z5001', '--redis', `cannot reach Redis at ${url}`, why);
export const badRedisUrl = (url: string) =>
  new W2zError('W2Z5002', '--redis', `bad URL ${url}`, 'expected redis://[user:password@]host[:port][/db] or rediss://...');
/** A queued segment job that failed on every attempt (exit 1: no bundle). */
export const jobFailed = (index: number, why: string) =>
  new W2zError('W2Z5003', `segment ${index}`, 'its job failed on every attempt', why, 1);
