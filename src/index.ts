// wasm2zkasm — the pipeline, each stage a function over plain data:
//
//   input.wasm | input.wat
//     └─ wasm/load      bytes → validated (wabt) → Module           (decoded by our own decoder)
//     └─ ir/module      Module → IrModule                           (SSA; verifier holds)
//     └─ passes         IrModule → IrModule                         (verifier holds after each)
//     └─ backend        IrModule → ZkasmProgram (AST)               (only zkASM-64 instructions)
//     └─ zkasm/print    ZkasmProgram → text                         (accepted by zkasmcom)
//     └─ zkasm/parse    text → ZkasmProgram                         (grammars/zkasm.ohm; parse∘print = id)
//     └─ zkasm/assemble ZkasmProgram → Rom                          (rom.json fields per row)
//     └─ machine/exec   Rom → ExecResult (steps, counters, pass/fail)
//
// The executor always runs the *emitted text* parsed back, never an internal shortcut.

export { compileWasm, compileFile, runZkasm, zkasmNameFor, type Compiled, type CompileOptions } from './compile.js';
export { execute, type ExecResult, type ExecOptions, type Counters } from './machine/exec.js';
export { W2zError, isW2zError } from './diagnostics.js';
