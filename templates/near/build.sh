#!/bin/sh
# Builds templates/near/host.wasm, the NEAR host (docs/near.md) the linker (src/near/link.ts) merges
# with NEAR contracts, from host.c, sha256.c, keccak.c and mem.c, and writes host.c.sha256 (the
# sources' hash, which test/near/host-wasm.test.ts compares to tell a stale .wasm). The .wasm is
# committed, so CI and users need no clang; run this after editing a source (needs clang and
# wasm-ld 14 or later, installed with apt-get when missing, and `npm install` for wabt).
#
# Then checks what the linker and the compiler rely on, failing otherwise: the module imports only
# env.input_i64, env.output_i64 and w2z_guest.* with docs/near.md's signatures; its code has no
# float instruction and no memory.grow / memory.size / memory.fill / memory.copy / memory.init
# (the host's memory is fixed); its memory is MEM_PAGES pages with no growth; it exports near_main,
# exactly the NEAR host functions below with nearcore's signatures, and its memory (read by tests).
set -eu
dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$dir/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# the host's memory: 8 MiB (host.c MEM_SIZE), above the contracts' 48 MiB (link.ts HOST_BASE_PAGES)
MEM_PAGES=128
SOURCES="host.c sha256.c keccak.c mem.c"

# shellcheck source=../clang-tools.sh
. "$dir/../clang-tools.sh"

# -fno-builtin: no libc calls synthesized (mem.c defines the memcpy family clang may still call).
# Compiled and linked in two steps: clang's driver would run binaryen's wasm-opt after linking
# whenever one is on PATH, so the output would depend on the machine. wasm-ld puts the data at
# 1024 (bytes 0-1023: the mailbox), the stack after it, __heap_base after the stack.
# --strip-all: no name, producers or custom sections.
objs=""
for s in $SOURCES; do
  o="$tmp/${s%.c}.o"
  "$CLANG" --target=wasm32-unknown-unknown -O2 -ffreestanding -fno-builtin \
    -Wall -Wextra -Werror -c -o "$o" "$dir/$s"
  objs="$objs $o"
done
# shellcheck disable=SC2086
"$WASM_LD" --no-entry --strip-all -z stack-size=65536 \
  --initial-memory=$((MEM_PAGES * 65536)) --max-memory=$((MEM_PAGES * 65536)) \
  -o "$tmp/linked.wasm" $objs

node --input-type=module - "$root" "$tmp/linked.wasm" "$dir/host.wasm" "$MEM_PAGES" <<'EOF'
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const [root, input, output, memPages] = process.argv.slice(-4);
const wabt = await createRequire(`${root}/`)('wabt')();
const fail = (msg) => { console.error(`build.sh: ${msg}`); process.exit(1); };

const bytes = readFileSync(input);
const linked = wabt.readWasm(bytes, { readDebugNames: false });
linked.validate();
const text = linked.toText({ foldExprs: false, inlineExport: false });
const lines = text.split('\n');

const forbidden = /\b(f32|f64)\.|\bmemory\.(grow|size|fill|copy|init)\b|\bdata\.drop\b|\b(f32|f64)\b/;
const bad = lines.filter((l) => forbidden.test(l) && !/^\s*\(data\b/.test(l));
if (bad.length) fail(`forbidden instructions or types:\n${bad.slice(0, 10).join('\n')}`);

// imports: docs/near.md's, with their signatures
const I32 = 'i32', I64 = 'i64';
const allowed = {
  'env.input_i64': [[], [I64]],
  'env.output_i64': [[I64], []],
  'w2z_guest.load_u8': [[I32], [I32]],
  'w2z_guest.store_u8': [[I32, I32], []],
  'w2z_guest.load_u32': [[I32], [I32]],
  'w2z_guest.store_u32': [[I32, I32], []],
  'w2z_guest.load_u64': [[I32], [I64]],
  'w2z_guest.store_u64': [[I32, I64], []],
  'w2z_guest.memory_size': [[], [I32]],
  'w2z_guest.contracts': [[], [I32]],
  'w2z_guest.methods': [[I32], [I32]],
  'w2z_guest.call': [[I32, I32], [I32]],
};
// exports: nearcore's host functions (runtime/near-vm-runner/src/imports.rs): every parameter and
// result u64 (i64), but abort's u32 (i32) parameters
const u64s = (n, r) => [Array(n).fill(I64), r ? [I64] : []];
const hostFunctions = {
  read_register: u64s(2, 0), register_len: u64s(1, 1), write_register: u64s(3, 0),
  current_account_id: u64s(1, 0), signer_account_id: u64s(1, 0), signer_account_pk: u64s(1, 0),
  predecessor_account_id: u64s(1, 0), input: u64s(1, 0), block_index: u64s(0, 1),
  block_timestamp: u64s(0, 1), epoch_height: u64s(0, 1), storage_usage: u64s(0, 1),
  account_balance: u64s(1, 0), account_locked_balance: u64s(1, 0), attached_deposit: u64s(1, 0),
  prepaid_gas: u64s(0, 1), used_gas: u64s(0, 1),
  random_seed: u64s(1, 0), sha256: u64s(3, 0), keccak256: u64s(3, 0), keccak512: u64s(3, 0),
  value_return: u64s(2, 0), panic: u64s(0, 0), panic_utf8: u64s(2, 0), log_utf8: u64s(2, 0),
  log_utf16: u64s(2, 0), abort: [[I32, I32, I32, I32], []],
  promise_create: u64s(8, 1), promise_then: u64s(9, 1), promise_and: u64s(2, 1),
  promise_batch_create: u64s(2, 1), promise_batch_then: u64s(3, 1),
  promise_batch_action_create_account: u64s(1, 0), promise_batch_action_deploy_contract: u64s(3, 0),
  promise_batch_action_function_call: u64s(7, 0), promise_batch_action_function_call_weight: u64s(8, 0),
  promise_batch_action_transfer: u64s(2, 0), promise_batch_action_stake: u64s(4, 0),
  promise_batch_action_add_key_with_full_access: u64s(4, 0),
  promise_batch_action_add_key_with_function_call: u64s(9, 0),
  promise_batch_action_delete_key: u64s(3, 0), promise_batch_action_delete_account: u64s(3, 0),
  promise_results_count: u64s(0, 1), promise_result: u64s(2, 1), promise_return: u64s(1, 0),
  storage_write: u64s(5, 1), storage_read: u64s(3, 1), storage_remove: u64s(3, 1), storage_has_key: u64s(2, 1),
};

const mod = new WebAssembly.Module(bytes);
const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
// signatures from the text: (type (;N;) (func (param ...) (result ...)))
const types = [...text.matchAll(/^\s*\(type \(;(\d+);\) \(func([^\n]*)\)\)$/gm)].map((m) => {
  const params = [...m[2].matchAll(/\(param ([^)]*)\)/g)].flatMap((p) => p[1].trim().split(/\s+/));
  const results = [...m[2].matchAll(/\(result ([^)]*)\)/g)].flatMap((p) => p[1].trim().split(/\s+/));
  return [params, results];
});
const funcTypes = []; // function index -> type index: imports first, then (func (;N;) (type T)
for (const m of text.matchAll(/^\s*\(import "[^"]*" "[^"]*" \(func \(;(\d+);\) \(type (\d+)\)\)\)$/gm)) funcTypes[+m[1]] = +m[2];
for (const m of text.matchAll(/^\s*\(func \(;(\d+);\) \(type (\d+)\)/gm)) funcTypes[+m[1]] = +m[2];
const sig = (f) => types[funcTypes[f]];

for (const m of text.matchAll(/^\s*\(import "([^"]*)" "([^"]*)" \((\w+) \(;(\d+);\) \(type (\d+)\)\)\)$/gm)) {
  const name = `${m[1]}.${m[2]}`;
  const want = allowed[name];
  if (!want || m[3] !== 'func') fail(`unexpected import ${name}`);
  const got = types[+m[5]];
  if (!same(got[0], want[0]) || !same(got[1], want[1])) fail(`import ${name} has signature ${JSON.stringify(got)}`);
}
if (WebAssembly.Module.imports(mod).length !== [...text.matchAll(/\(import /g)].length) fail('unparsed imports');

const exported = new Map();
for (const m of text.matchAll(/^\s*\(export "([^"]*)" \((\w+) (\d+)\)\)$/gm)) exported.set(m[1], [m[2], +m[3]]);
if (exported.size !== WebAssembly.Module.exports(mod).length) fail('unparsed exports');
for (const [name, [kind, index]] of exported) {
  if (name === 'memory' && kind === 'memory') continue;
  if (kind !== 'func') fail(`unexpected export ${name} (${kind})`);
  const want = name === 'near_main' ? [[], []] : hostFunctions[name];
  if (!want) fail(`unexpected export ${name}`);
  const got = sig(index);
  if (!got || !same(got[0], want[0]) || !same(got[1], want[1])) fail(`export ${name} has signature ${JSON.stringify(got)}`);
}
for (const name of ['near_main', 'memory', ...Object.keys(hostFunctions)]) if (!exported.has(name)) fail(`missing export ${name}`);

const mem = /^\s*\(memory \(;0;\) (\d+) (\d+)\)$/m.exec(text);
if (!mem || mem[1] !== memPages || mem[2] !== memPages) fail(`the memory is not ${memPages} pages, fixed: ${mem?.[0]}`);
if (/^\s*\(memory \(;1;\)/m.test(text)) fail('more than one memory');

writeFileSync(output, bytes);
const funcs = [...text.matchAll(/^\s*\(func \(;\d+;\)/gm)].length;
console.log(`build.sh: ${funcs} functions, ${exported.size - 1} function exports`);
EOF

(cd "$dir" && cat $SOURCES host.h | sha256sum | cut -d' ' -f1) > "$dir/host.c.sha256"
echo "wrote $dir/host.wasm ($(wc -c < "$dir/host.wasm") bytes) and host.c.sha256"
