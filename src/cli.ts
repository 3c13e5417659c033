// The command line: `wasm2zkasm input.wasm -o out.zkasm`, `wasm2zkasm run …`.
// Exit codes: 0 success / PASS, 1 FAIL, 2 bad input or compile error, 3 TRAP, 70 internal error.

import { Command, CommanderError } from 'commander';
import { readFile } from 'node:fs/promises';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compileFile, runZkasm, zkasmNameFor } from './compile.js';
import { runWastFile, type SpecReport } from './wast/run.js';
import {
  badInputTape, badOption, conflictingOptions, fileNotFound, isW2zError, unknownEmitKind, unreadableFile,
} from './diagnostics.js';
import { printModule } from './ir/print.js';
import type { CompileOptions, RunResult } from './compile.js';
import { checkCommand, checkSegmentsCommand, proveCommand, proveSegmentsCommand, readKey, setupCommand, verifyCommand, writePilArtifacts } from './cli-pil.js';
import { withOutputs } from './output.js';
import { DEFAULT_MAX_OUTPUTS, MAX_OUTPUTS_LIMIT, parseInputTape, type TrapOutcome } from './abi.js';
import { MAX_NBITS, MIN_NBITS, type SecurityProfile } from './pil/stark/index.js';
import { availableParallelism } from 'node:os';
import { connectionOf } from './segments/redis-url.js';
import { isNearProofFile, nearCheckCommand, nearProveCommand, nearRunCommand, nearVerifyCommand } from './cli-near.js';
import { readBatchFile, singleCallBatch } from './near/run.js';

export const EXIT = { ok: 0, fail: 1, input: 2, trap: 3, internal: 70 } as const;

const HELP_EXAMPLES = `
Examples:
  $ wasm2zkasm golden/m1/add.wat -o add.zkasm        compile to zkASM
  $ wasm2zkasm golden/m1/add.wat --emit ir           print the SSA IR instead
  $ wasm2zkasm run golden/m2/counter.wat             compile and execute: PASS / FAIL + counters
  $ wasm2zkasm run add.zkasm --json                  execute zkASM text, one JSON object
  $ wasm2zkasm run prog.wasm --entry fib_main        choose the entry function
  $ wasm2zkasm run prog.wat --input in.json          private inputs from a JSON array; prints the outputs
  $ wasm2zkasm check golden/m3/fib.wat               execute and check the trace against the PIL
  $ wasm2zkasm prog.wat -o p.zkasm --pil p.pil       also write the PIL of the program
  $ wasm2zkasm setup golden/m3/fib.wat -o fib.vkey  the verification key of a program
  $ wasm2zkasm prove golden/m3/fib.wat -o fib.proof  prove a run with pil-stark
  $ wasm2zkasm verify fib.proof --vkey fib.vkey      check a proof against the key
  $ wasm2zkasm verify fib.proof --program golden/m3/fib.wat

Host imports (module "env"): assert_eq(i32, i32), assert_eq_i32(i32, i32), assert_eq_i64(i64, i64),
  input_i32() -> i32, input_i64() -> i64, output_i32(i32), output_i64(i64)   (docs/abi.md)
Exit codes: 0 ok/PASS, 1 FAIL, 2 bad input or compile error, 3 TRAP, 70 internal error.`;

export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command()
    .name('wasm2zkasm')
    .description('Compile WebAssembly to Polygon zkASM-64 and run it.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) })
    .addHelpText('after', HELP_EXAMPLES);

  program
    .command('compile <input>', { isDefault: true })
    .description('compile a .wasm or .wat file to zkASM (stdout, or -o FILE)')
    .option('-o, --output <file>', 'write the zkASM here (atomically; never a partial file)')
    .option('--entry <name>', 'entry function, called after the start function: export name or $name (default: main, _start)')
    .option('--emit <kind>', 'what to output: zkasm (default) or ir', 'zkasm')
    .option('--max-outputs <n>', `output slots of the program (0..${MAX_OUTPUTS_LIMIT}, default ${DEFAULT_MAX_OUTPUTS}); more outputs trap`)
    .option('--pil <file>', 'also write the PIL of the machine running this program (sized by a run with --input)')
    .option('--pols <dir>', 'also write the constant and committed polynomials of a run (pilcom\'s binary layout) and the pilJson')
    .option('--input <file>', 'private input tape of the run that sizes --pil and fills --pols')
    .option('--stub-imports', 'compile calls of imports this compiler does not provide (a NEAR contract\'s host functions) as traps')
    .addHelpText('after', '\nExamples:\n  $ wasm2zkasm compile prog.wat -o prog.zkasm\n  $ wasm2zkasm prog.wasm --emit ir\n  $ wasm2zkasm prog.wat --max-outputs 32 -o prog.zkasm\n  $ wasm2zkasm prog.wasm -o prog.zkasm --pil prog.pil --pols polys/')
    .action(async (input: string, o: { output?: string; entry?: string; emit: string; maxOutputs?: string; pil?: string; pols?: string; input?: string; stubImports?: boolean }) => {
      code = await guarded(async () => {
        if (o.emit !== 'ir' && o.emit !== 'zkasm') throw unknownEmitKind(o.emit);
        const inputs = o.input === undefined ? [] : await readInputTape(o.input);
        // every output is staged and takes its place only when everything succeeded
        return withOutputs([input, ...(o.input === undefined ? [] : [o.input])], async (out) => {
          for (const path of [o.output, o.pil]) if (path !== undefined) out.check(path);
          const compiled = await compileFile(input, compileOptions(o));
          for (const w of compiled.warnings) process.stderr.write(`warning: ${w}\n`);
          if (o.pil || o.pols) await writePilArtifacts(input, compileOptions(o), inputs, o.pil, o.pols, out);
          const text = o.emit === 'ir' ? printModule(compiled.ir) : compiled.zkasm;
          if (o.output) await out.write(o.output, text);
          else process.stdout.write(text);
          return EXIT.ok;
        });
      });
    });

  program
    .command('run <input>')
    .description('compile if needed (.wasm, .wat) and execute (.zkasm too); prints PASS / FAIL and the counters')
    .option('--json', 'print one JSON object instead of text')
    .option('--entry <name>', 'entry function (for .wasm / .wat input)')
    .option('--max-steps <n>', 'stop with FAIL after this many steps (default 2^28)')
    .option('--input <file>', 'private input tape: a JSON array of integers (numbers, or decimal / 0x hex strings)')
    .option('--max-outputs <n>', `output slots when compiling (0..${MAX_OUTPUTS_LIMIT}, default ${DEFAULT_MAX_OUTPUTS})`)
    .addHelpText('after', '\nExamples:\n  $ wasm2zkasm run golden/m3/fib.wat\n  $ wasm2zkasm run out.zkasm --json\n  $ wasm2zkasm run sum.wat --input in.json     (in.json: [3, 10, 20, "0xffffffff"])')
    .action(async (input: string, o: { json?: boolean; entry?: string; maxSteps?: string; input?: string; maxOutputs?: string }) => {
      code = await guarded(async () => {
        let text: string;
        let name: string;
        const options = compileOptions(o);
        const inputs = o.input === undefined ? [] : await readInputTape(o.input);
        if (/\.zkasm$/i.test(input)) {
          text = await readText(input);
          name = input;
        } else {
          const compiled = await compileFile(input, options);
          for (const w of compiled.warnings) process.stderr.write(`warning: ${w}\n`);
          text = compiled.zkasm;
          name = zkasmNameFor(input);
        }
        const t0 = performance.now();
        const run = runZkasm(text, name, { inputs, ...(o.maxSteps === undefined ? {} : { maxSteps: positiveInteger('--max-steps', o.maxSteps) }) });
        const ms = performance.now() - t0;
        report(run, name, ms, o.json === true);
        return run.status === 'pass' ? EXIT.ok : run.status === 'trap' ? EXIT.trap : EXIT.fail;
      }, o.json === true);
    });

  program
    .command('check <input>')
    .description('execute in prover shape and check the trace against every constraint of the program\'s PIL; exit 1 on a failure')
    .option('--input <file>', 'private input tape: a JSON array of integers')
    .option('--entry <name>', 'entry function (for .wasm / .wat input)')
    .option('--max-outputs <n>', `output slots when compiling (0..${MAX_OUTPUTS_LIMIT}, default ${DEFAULT_MAX_OUTPUTS})`)
    .option('--pilcom', 'also run pilcom\'s verifyPil on the same trace and report both speeds')
    .option('--max-steps <n>', `refuse a run longer than this (default 2^23, what a proof holds)`)
    .option('--max-memory <GiB>', 'refuse a trace whose check needs more memory (default: 80% of this machine\'s)')
    .option('--segment-rows [n]', 'check the run in segments of this many rows (a power of two; without a value 2^16, or what the program\'s tables need): memory depends on it, not on the run\'s length')
    .option('--json', 'print one JSON object instead of text')
    .addHelpText('after', '\nExamples:\n  $ wasm2zkasm check golden/m3/fib.wat\n  $ wasm2zkasm check sum.wat --input in.json --pilcom\n  $ wasm2zkasm check long.wasm --segment-rows 262144')
    .action(async (input: string, o: { input?: string; entry?: string; maxOutputs?: string; pilcom?: boolean; json?: boolean; maxSteps?: string; maxMemory?: string; segmentRows?: string | true }) => {
      code = await guarded(async () => {
        const segmentRows = segmentRowsOption(o.segmentRows);
        const inputs = o.input === undefined ? [] : await readInputTape(o.input);
        const opts = { json: o.json === true, pilcom: o.pilcom === true, ...limits(o) };
        if (segmentRows !== undefined) return checkSegmentsCommand(input, compileOptions(o), inputs, { ...opts, segmentRows });
        return checkCommand(input, compileOptions(o), inputs, opts);
      }, o.json === true);
    });

  program
    .command('setup <input>')
    .description('write the verification key of a program: what a verifier of its proofs must trust (constRoot, constraint system, N, profile, public names)')
    .requiredOption('-o, --output <file>', 'where to write the key (JSON)')
    .option('--input <file>', 'private input tape of the run that sizes N (default: an empty tape)')
    .option('--rows <n>', `trace size N, a power of two from 2^${MIN_NBITS} to 2^${MAX_NBITS} (default: the size prove picks for the run)`)
    .option('--security <profile>', 'FRI profile: standard (128 queries) or test (8 queries, fast, not secure)', 'standard')
    .option('--entry <name>', 'entry function (for .wasm / .wat input)')
    .option('--max-outputs <n>', `output slots when compiling (0..${MAX_OUTPUTS_LIMIT}, default ${DEFAULT_MAX_OUTPUTS})`)
    .addHelpText('after', '\nExamples:\n  $ wasm2zkasm setup golden/m3/fib.wat -o fib.vkey\n  $ wasm2zkasm setup sum.wat --input in.json -o sum.vkey\n  $ wasm2zkasm setup sum.wat --rows 65536 -o sum.vkey')
    .action(async (input: string, o: { output: string; input?: string; rows?: string; security: string; entry?: string; maxOutputs?: string }) => {
      code = await guarded(async () => {
        const security = securityProfile(o.security);
        const rows = o.rows === undefined ? undefined : traceRows(o.rows);
        const inputFiles = [input, ...(o.input === undefined ? [] : [o.input])];
        return withOutputs(inputFiles, async (out) => {
          out.check(o.output);
          const inputs = o.input === undefined ? undefined : await readInputTape(o.input);
          return setupCommand(input, compileOptions(o), { security, ...(rows === undefined ? {} : { rows }), ...(inputs === undefined ? {} : { inputs }) },
            (text) => out.write(o.output, text));
        });
      });
    });

  program
    .command('prove <input>')
    .description('execute, check and prove a run with pil-stark; writes the proof (publics: status, outputs; constRoot: the program)')
    .requiredOption('-o, --output <file>', 'where to write the proof (JSON)')
    .option('--input <file>', 'private input tape: a JSON array of integers')
    .option('--vkey <file>', 'prove for this verification key (its N and profile); refused if the key is for another program')
    .option('--rows <n>', `trace size N, a power of two from 2^${MIN_NBITS} to 2^${MAX_NBITS} (default: the smallest that fits the run)`)
    .option('--entry <name>', 'entry function (for .wasm / .wat input)')
    .option('--max-outputs <n>', `output slots when compiling (0..${MAX_OUTPUTS_LIMIT}, default ${DEFAULT_MAX_OUTPUTS})`)
    .option('--security <profile>', 'FRI profile: standard (128 queries, the default) or test (8 queries, fast, not secure)')
    .option('--max-steps <n>', `refuse a run longer than this (default 2^23, what a proof holds)`)
    .option('--max-memory <GiB>', 'refuse a proof that needs more memory (default: 80% of this machine\'s)')
    .option('--segment-rows [n]', 'prove the run in segments of this many rows (a power of two; without a value 2^16, or what the program\'s tables need): writes a bundle of segment proofs')
    .option('--jobs <k>', 'with --segment-rows: segments proven at once, each in a worker process (default: the cores of this machine)')
    .option('--redis <url>', 'with --segment-rows: queue the segments as jobs on this Redis (BullMQ) for `wasm2zkasm worker`s to prove')
    .option('--json', 'print one JSON object instead of text')
    .addHelpText('after', '\nExamples:\n  $ wasm2zkasm prove golden/m3/fib.wat -o fib.proof.json\n  $ wasm2zkasm prove sum.wat --input in.json --vkey sum.vkey -o sum.proof.json\n  $ wasm2zkasm prove sum.wat --input in.json -o sum.proof.json --security test\n  $ wasm2zkasm prove long.wasm --segment-rows 65536 -o long.bundle.json\n  $ wasm2zkasm prove long.wasm --segment-rows 65536 --redis redis://queue-host:6379 -o long.bundle.json')
    .action(async (input: string, o: { output: string; input?: string; vkey?: string; rows?: string; entry?: string; maxOutputs?: string; security?: string; json?: boolean; maxSteps?: string; maxMemory?: string; segmentRows?: string | true; jobs?: string; redis?: string }) => {
      code = await guarded(async () => {
        if (o.segmentRows !== undefined && o.vkey !== undefined) throw conflictingOptions('--segment-rows', '--vkey', 'a bundle is verified against its program');
        if (o.segmentRows !== undefined && o.rows !== undefined) throw conflictingOptions('--segment-rows', '--rows', 'a segment has --segment-rows rows');
        if (o.jobs !== undefined && o.segmentRows === undefined) throw conflictingOptions('--jobs', '--rows', '--jobs proves segments: give --segment-rows');
        if (o.redis !== undefined && o.segmentRows === undefined) throw conflictingOptions('--redis', '--rows', '--redis queues segments: give --segment-rows');
        if (o.redis !== undefined && o.jobs !== undefined) throw conflictingOptions('--redis', '--jobs', 'the workers on the queue prove the segments');
        if (o.redis !== undefined) connectionOf(o.redis);
        if (o.segmentRows !== undefined) {
          const segmentRows = segmentRowsOption(o.segmentRows)!;
          const jobs = o.jobs === undefined ? availableParallelism() : positiveInteger('--jobs', o.jobs);
          const security = securityProfile(o.security ?? 'standard');
          const inputs = o.input === undefined ? [] : await readInputTape(o.input);
          const inputFiles = [input, ...(o.input === undefined ? [] : [o.input])];
          return withOutputs(inputFiles, async (out) => {
            out.check(o.output);
            return proveSegmentsCommand(input, compileOptions(o), inputs,
              { security, json: o.json === true, segmentRows, jobs, ...(o.redis === undefined ? {} : { redis: o.redis }), ...limits(o) },
              (text) => out.write(o.output, text));
          });
        }
        if (o.vkey !== undefined && o.rows !== undefined) throw conflictingOptions('--vkey', '--rows', 'the key fixes N');
        if (o.vkey !== undefined && o.security !== undefined) throw conflictingOptions('--vkey', '--security', 'the key fixes the profile');
        const security = securityProfile(o.security ?? 'standard');
        const rows = o.rows === undefined ? undefined : traceRows(o.rows);
        const inputs = o.input === undefined ? [] : await readInputTape(o.input);
        const key = o.vkey === undefined ? undefined : { key: await readKey(o.vkey), file: o.vkey };
        const inputFiles = [input, ...(o.input === undefined ? [] : [o.input]), ...(o.vkey === undefined ? [] : [o.vkey])];
        return withOutputs(inputFiles, async (out) => {
          out.check(o.output); // before minutes of proving
          return proveCommand(input, compileOptions(o), inputs,
            { security, json: o.json === true, ...(rows === undefined ? {} : { rows }), ...(key === undefined ? {} : { key }), ...limits(o) },
            (text) => out.write(o.output, text));
        });
      }, o.json === true);
    });

  program
    .command('worker')
    .description('prove segment jobs queued by `prove --segment-rows N --redis URL` (BullMQ on Redis), until SIGINT / SIGTERM')
    .requiredOption('--redis <url>', 'the Redis the jobs are queued on: redis://[user:password@]host[:port][/db]')
    .option('--concurrency <k>', 'jobs proven at once, each in a process of its own', '1')
    .option('--stall-seconds <s>', 'a job whose worker stops answering for this long goes to another worker', '30')
    .addHelpText('after', '\nExamples:\n  $ wasm2zkasm worker --redis redis://queue-host:6379\n  $ wasm2zkasm worker --redis redis://127.0.0.1:6379 --concurrency 2')
    .action(async (o: { redis: string; concurrency: string; stallSeconds: string }) => {
      code = await guarded(async () => {
        connectionOf(o.redis);
        const concurrency = positiveInteger('--concurrency', o.concurrency);
        const stallSeconds = Number(o.stallSeconds);
        if (!(stallSeconds >= 1 && stallSeconds <= 3600)) throw badOption('--stall-seconds', o.stallSeconds, 'seconds from 1 to 3600');
        const { runQueueWorker } = await import('./segments/queue.js'); // BullMQ only when asked for
        await runQueueWorker(o.redis, { concurrency, stallSeconds, log: (msg) => process.stderr.write(`worker: ${msg}\n`) });
        return EXIT.ok;
      });
    });

  program
    .command('verify <proof>')
    .description('verify a proof against a verification key (--vkey) or a program (--program); prints the publics (status, outputs); exit 1 if invalid')
    .option('--vkey <file>', 'the verification key of the program (wasm2zkasm setup)')
    .option('--program <file>', 'derive the key from this program (.wasm, .wat or .zkasm) at the proof\'s N')
    .option('--entry <name>', 'entry function the program was compiled with (with --program)')
    .option('--max-outputs <n>', 'output slots the program was compiled with (with --program)')
    .option('--allow-insecure', 'accept the \'test\' profile (8 FRI queries: not secure)')
    .option('--json', 'print one JSON object instead of text')
    .addHelpText('after', '\nExamples:\n  $ wasm2zkasm verify fib.proof.json --vkey fib.vkey\n  $ wasm2zkasm verify fib.proof.json --program golden/m3/fib.wat\n  $ wasm2zkasm verify quick.proof.json --vkey quick.vkey --allow-insecure')
    .action(async (proof: string, o: { vkey?: string; program?: string; entry?: string; maxOutputs?: string; allowInsecure?: boolean; json?: boolean }) => {
      code = await guarded(async () => {
        // a NEAR proof names its contracts: it is verified against them (near verify)
        if (isNearProofFile(proof)) {
          if (o.vkey !== undefined || o.program !== undefined) throw conflictingOptions(o.vkey !== undefined ? '--vkey' : '--program', 'a NEAR proof', 'it is verified against the contracts it names (near verify --contract)');
          return nearVerifyCommand(proof, { json: o.json === true, allowInsecure: o.allowInsecure === true });
        }
        if (o.vkey !== undefined && o.program !== undefined) throw conflictingOptions('--vkey', '--program', 'give the key, or the program to derive it from');
        const against = o.vkey !== undefined ? { vkey: o.vkey }
          : o.program !== undefined ? { program: o.program, compile: compileOptions(o) } : undefined;
        return verifyCommand(proof, against, { json: o.json === true, allowInsecure: o.allowInsecure === true });
      }, o.json === true);
    });

  const near = program
    .command('near')
    .description('run, check, prove and verify calls of NEAR contracts, with NEAR\'s host functions inside the proof (docs/near.md)');
  const callOptions = (c: Command): Command => c
    .option('--args <json>', 'the call\'s arguments (JSON text)')
    .option('--args-file <file>', 'the call\'s arguments: the file\'s bytes')
    .option('--context <file>', 'the call\'s context (JSON: signer_account_id, attached_deposit, …; defaults for the rest)')
    .option('--state <file>', 'the contract\'s storage before the call (JSON object: key → value; "base64:…" for bytes)')
    .option('--json', 'print one JSON object instead of text')
    .option('--max-steps <n>', 'stop after this many steps');
  type CallOpts = { args?: string; argsFile?: string; context?: string; state?: string; json?: boolean; maxSteps?: string; maxMemory?: string };
  const callBatch = (contract: string, method: string, o: CallOpts) => singleCallBatch(contract, method, {
    ...(o.args === undefined ? {} : { args: o.args }), ...(o.argsFile === undefined ? {} : { argsFile: o.argsFile }),
    ...(o.context === undefined ? {} : { context: o.context }), ...(o.state === undefined ? {} : { state: o.state }),
  });
  const callInputs = (contract: string, o: CallOpts) => [contract, ...[o.argsFile, o.context, o.state].filter((f): f is string => f !== undefined)];
  callOptions(near.command('run <contract> <method>', { isDefault: true }))
    .description('run one call: prints its outcome (return value, logs, storage changes, receipts, or the failure); exit 3 if the call failed')
    .addHelpText('after', '\nExamples:\n  $ wasm2zkasm near status_message.wasm set_status --args \'{"message":"hello"}\'\n  $ wasm2zkasm near run ft.wasm ft_balance_of --args \'{"account_id":"bob.near"}\' --state ft-state.json')
    .action(async (contract: string, method: string, o: CallOpts) => {
      code = await guarded(async () => nearRunCommand(await callBatch(contract, method, o), { json: o.json === true, ...limits(o) }), o.json === true);
    });
  callOptions(near.command('check <contract> <method>'))
    .description('run one call in prover shape and check the trace against the PIL; exit 1 on a failed constraint')
    .option('--max-memory <GiB>', 'refuse a trace whose check needs more memory')
    .option('--segment-rows [n]', 'check in segments of this many rows (without a value 2^16, or what the program\'s tables need)')
    .action(async (contract: string, method: string, o: CallOpts & { segmentRows?: string | true }) => {
      code = await guarded(async () => nearCheckCommand(await callBatch(contract, method, o), { json: o.json === true, ...checkShape(o), ...limits(o) }), o.json === true);
    });
  callOptions(near.command('prove <contract> <method>'))
    .description('prove one call: writes the proof with its claim (the contracts\' hashes, the tape, the outcome)')
    .requiredOption('-o, --output <file>', 'the proof file (written atomically)')
    .option('--security <profile>', 'standard (default) or test (fast, not secure)')
    .option('--segment-rows <n>', 'rows of each segment proof (default 2^16, or what the program\'s tables need)')
    .option('--jobs <k>', 'segments proven at once (default: this machine\'s cores)')
    .action(async (contract: string, method: string, o: CallOpts & { output: string; security?: string; segmentRows?: string; jobs?: string }) => {
      code = await guarded(async () => {
        const batch = await callBatch(contract, method, o);
        return withOutputs(callInputs(contract, o), async (out) => {
          out.check(o.output);
          return nearProveCommand(batch, { json: o.json === true, security: securityProfile(o.security ?? 'standard'), ...proveShape(o), ...limits(o) }, (t) => out.write(o.output, t));
        });
      }, o.json === true);
    });
  near.command('batch <batch>')
    .description('a list of calls to one or several contracts as one program (storage carried from call to call, a fresh instance each call): run, --check, or --prove -o FILE')
    .option('--check', 'check the trace against the PIL')
    .option('--prove', 'prove it (with -o)')
    .option('-o, --output <file>', 'the proof file (with --prove)')
    .option('--security <profile>', 'standard (default) or test (with --prove)')
    .option('--segment-rows [n]', 'rows of each segment (--prove: always in segments, default 2^16 or what the program\'s tables need; --check: in segments when given)')
    .option('--jobs <k>', 'segments proven at once (with --prove; default: this machine\'s cores)')
    .option('--json', 'print one JSON object instead of text')
    .option('--max-steps <n>', 'stop after this many steps')
    .option('--max-memory <GiB>', 'refuse a trace that needs more memory (with --check)')
    .addHelpText('after', '\nExamples:\n  $ wasm2zkasm near batch calls.json\n  $ wasm2zkasm near batch calls.json --prove -o calls.proof.json\n\nBATCH.json: {"contracts": [{"wasm": "status_message.wasm", "account_id": "status.near", "state": {}}],\n             "calls": [{"contract": "status.near", "method": "set_status", "args": {"message": "hi"}, "context": {"signer_account_id": "bob.near"}}]}')
    .action(async (file: string, o: { check?: boolean; prove?: boolean; output?: string; security?: string; json?: boolean; maxSteps?: string; maxMemory?: string; segmentRows?: string | true; jobs?: string }) => {
      code = await guarded(async () => {
        if (o.check && o.prove) throw conflictingOptions('--check', '--prove', 'a proof checks the trace first');
        if (o.prove && o.output === undefined) throw badOption('--prove', 'without -o', 'the proof file: -o FILE');
        if (!o.prove && o.output !== undefined) throw conflictingOptions('-o', '--prove', '-o names the proof file of --prove');
        const batch = await readBatchFile(file);
        const json = o.json === true;
        if (o.check) return nearCheckCommand(batch, { json, ...checkShape(o), ...limits(o) });
        if (!o.prove) return nearRunCommand(batch, { json, ...limits(o) });
        return withOutputs([file, ...batch.contracts.map((c) => c.loaded.fileName)], async (out) => {
          out.check(o.output!);
          return nearProveCommand(batch, { json, security: securityProfile(o.security ?? 'standard'), ...proveShape(o), ...limits(o) }, (t) => out.write(o.output!, t));
        });
      }, o.json === true);
    });
  near.command('verify <proof>')
    .description('verify a NEAR proof: the program made of its contracts (beside the proof, or --contract), and its outputs the digests of the claimed calls and outcome; prints the proven outcome; exit 1 if invalid')
    .option('--contract <files...>', 'the contracts\' .wasm files, in the proof\'s order')
    .option('--allow-insecure', 'accept the \'test\' profile (not secure)')
    .option('--json', 'print one JSON object instead of text')
    .action(async (proof: string, o: { contract?: string[]; allowInsecure?: boolean; json?: boolean }) => {
      code = await guarded(async () => nearVerifyCommand(proof, { json: o.json === true, allowInsecure: o.allowInsecure === true, ...(o.contract ? { contracts: o.contract } : {}) }), o.json === true);
    });

  program
    .command('spec <files...>')
    .description('run WebAssembly spec-test scripts (.wast): a pass/fail/skip table per file; exit 1 on any failure')
    .option('--json', 'print the tables as JSON')
    .option('-v, --verbose', 'list every failure')
    .addHelpText('after', '\nExamples:\n  $ wasm2zkasm spec ../shared/spec/i32.wast\n  $ wasm2zkasm spec ../shared/spec/*.wast --json')
    .action(async (files: string[], o: { json?: boolean; verbose?: boolean }) => {
      code = await guarded(async () => {
        const reports: SpecReport[] = [];
        for (const f of wastFiles(files)) {
          reports.push(await runWastFile(f));
          if (!o.json) printSpecRow(reports[reports.length - 1]!, o.verbose === true);
        }
        if (o.json) process.stdout.write(`${JSON.stringify(reports, null, 1)}\n`);
        else printSpecTotal(reports);
        return reports.some((r) => r.failed > 0) ? EXIT.fail : EXIT.ok;
      }, o.json === true);
    });

  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.input;
    throw e;
  }
  return code;
}

/** The scripts to run: files as given, a directory as its .wast files (sorted); checked before any runs. */
function wastFiles(paths: string[]): string[] {
  return paths.flatMap((p) => {
    if (!existsSync(p)) throw fileNotFound(p);
    if (!statSync(p).isDirectory()) return [p];
    const inside = readdirSync(p).filter((f) => f.endsWith('.wast')).sort().map((f) => join(p, f));
    if (inside.length === 0) throw unreadableFile(p, 'a directory without .wast files');
    return inside;
  });
}

/** Compile options shared by `compile` and `run`: the entry and the number of output slots. */
function compileOptions(o: { entry?: string; maxOutputs?: string; stubImports?: boolean }): CompileOptions {
  const out: CompileOptions = {};
  if (o.entry !== undefined) out.entry = o.entry;
  if (o.stubImports === true) out.host = { stubImports: true };
  if (o.maxOutputs !== undefined) {
    const n = /^\s*\d+\s*$/.test(o.maxOutputs) ? Number(o.maxOutputs) : NaN;
    if (!(n >= 0 && n <= MAX_OUTPUTS_LIMIT)) throw badOption('--max-outputs', o.maxOutputs, `an integer from 0 to ${MAX_OUTPUTS_LIMIT}`);
    out.maxOutputs = n;
  }
  return out;
}

function securityProfile(v: string): SecurityProfile {
  if (v !== 'standard' && v !== 'test') throw badOption('--security', v, 'standard or test');
  return v;
}

/** This build's version, from its package.json. */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** A whole number of at least 1, written in decimal (`1e3`, `abc`, `-5`, `2.5` are refused). */
function positiveInteger(option: string, v: string): number {
  const n = /^\s*[0-9]+\s*$/.test(v) ? Number(v) : NaN;
  if (!(Number.isSafeInteger(n) && n >= 1)) throw badOption(option, v, 'a positive whole number, in decimal digits');
  return n;
}

/** `--max-steps` and `--max-memory` of check and prove. */
function limits(o: { maxSteps?: string; maxMemory?: string }): { maxSteps?: number; memoryBytes?: number } {
  const out: { maxSteps?: number; memoryBytes?: number } = {};
  if (o.maxSteps !== undefined) out.maxSteps = positiveInteger('--max-steps', o.maxSteps);
  if (o.maxMemory !== undefined) {
    const gib = /^\s*[0-9]+(\.[0-9]+)?\s*$/.test(o.maxMemory) ? Number(o.maxMemory) : NaN;
    if (!(gib > 0)) throw badOption('--max-memory', o.maxMemory, 'a number of GiB above 0');
    out.memoryBytes = gib * 2 ** 30;
  }
  return out;
}

/** `--segment-rows N` and `--jobs K` of the NEAR proofs (always in segments). */
function proveShape(o: { segmentRows?: string | true; jobs?: string }): { jobs: number; segmentRows?: number } {
  return {
    jobs: o.jobs === undefined ? availableParallelism() : positiveInteger('--jobs', o.jobs),
    ...(o.segmentRows === undefined || o.segmentRows === true ? {} : { segmentRows: traceRows(o.segmentRows, '--segment-rows') }),
  };
}

/** `--segment-rows [N]` of the NEAR checks (in segments only when given). */
function checkShape(o: { segmentRows?: string | true }): { segmentRows?: number | 'default' } {
  const rows = segmentRowsOption(o.segmentRows);
  return rows === undefined ? {} : { segmentRows: rows };
}

/** `--rows N`: a trace size pil-stark accepts. */
/** `--segment-rows N`, or `--segment-rows` alone: the default size, chosen once the program is known. */
function segmentRowsOption(value: string | true | undefined): number | 'default' | undefined {
  if (value === undefined) return undefined;
  return value === true ? 'default' : traceRows(value, '--segment-rows');
}

function traceRows(v: string, option = '--rows'): number {
  const n = /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  const bits = Math.log2(n);
  if (!(Number.isInteger(bits) && bits >= MIN_NBITS && bits <= MAX_NBITS)) {
    throw badOption(option, v, `a power of two from ${2 ** MIN_NBITS} to ${2 ** MAX_NBITS}`);
  }
  return n;
}

function printSpecRow(r: SpecReport, verbose: boolean): void {
  process.stdout.write(`${r.file.padEnd(24)} ${String(r.passed).padStart(6)} passed ${String(r.failed).padStart(5)} failed ${String(r.skipped).padStart(5)} skipped  ${(r.ms / 1000).toFixed(1)}s\n`);
  for (const f of verbose ? r.failures : r.failures.slice(0, 3)) process.stdout.write(`    ${r.file}:${f.line}: ${f.message}\n`);
  if (!verbose && r.failures.length > 3) process.stdout.write(`    … and ${r.failures.length - 3} more (-v)\n`);
  if (verbose) for (const [why, n] of Object.entries(r.skips)) process.stdout.write(`    skipped ${n}: ${why}\n`);
}

function printSpecTotal(rs: SpecReport[]): void {
  const t = rs.reduce((a, r) => ({ p: a.p + r.passed, f: a.f + r.failed, s: a.s + r.skipped }), { p: 0, f: 0, s: 0 });
  process.stdout.write(`${'total'.padEnd(24)} ${String(t.p).padStart(6)} passed ${String(t.f).padStart(5)} failed ${String(t.s).padStart(5)} skipped\n`);
}

function report(run: RunResult, name: string, ms: number, json: boolean): void {
  const r = run.result;
  const where = (t: TrapOutcome) => (t.site ? ` (func ${t.site.funcName} @0x${t.site.offset.toString(16)} ${t.site.text})` : '');
  if (json) {
    const out = {
      status: run.status, steps: r.steps, counters: r.counters, file: name, timeMs: Math.round(ms * 10) / 10,
      outputs: run.outputs.map((v) => v.toString()),
      ...(r.failure ? { failure: { message: r.failure.message, line: r.failure.line, step: r.failure.step, source: r.failure.source } } : {}),
      ...(run.trap ? { trap: run.trap } : {}),
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return;
  }
  const c = r.counters;
  const line = run.status === 'pass' ? `PASS ${name}` : run.status === 'trap' ? `TRAP ${run.trap!.kind}${where(run.trap!)}`
    : `FAIL ${r.failure!.message}`;
  const outputs = run.outputs.length > 0 ? `  outputs: ${run.outputs.join(' ')}\n` : '';
  process.stdout.write(`${line}\n${outputs}  steps ${r.steps}  binary ${c.binary}  arith ${c.arith}  memAlign ${c.memAlign}  mem ${c.mem}\n`);
}

/** Run a command body; user errors print one line and give exit 2, bugs exit 70. */
async function guarded(body: () => Promise<number>, json = false): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (isW2zError(e)) {
      if (json) process.stdout.write(`${JSON.stringify({ status: 'error', code: e.code, message: e.message })}\n`);
      process.stderr.write(`error[${e.code}]: ${e.message}\n`);
      return e.exitCode;
    }
    process.stderr.write(`internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    return EXIT.internal;
  }
}

/** The private input tape of `run --input FILE`; every problem names the file. */
async function readInputTape(path: string): Promise<bigint[]> {
  if (!existsSync(path)) throw badInputTape(path, 'no such file', false);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw badInputTape(path, `cannot read (${(e as Error).message})`, false);
  }
  return parseInputTape(text, path);
}

async function readText(path: string): Promise<string> {
  if (!existsSync(path)) throw fileNotFound(path);
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw unreadableFile(path, (e as Error).message);
  }
}

