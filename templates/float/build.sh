#!/bin/sh
# Builds templates/float/softfloat.wasm, the software floating-point library the compiler links
# into programs that use WebAssembly float instructions, from softfloat.c, and writes
# softfloat.c.sha256 (the source's hash, which test/float/softfloat.test.ts compares to tell a stale
# .wasm). The .wasm is committed, so CI and users need no clang; run this after editing
# softfloat.c (needs clang and wasm-ld 14 or later, installed with apt-get when missing, and
# `npm install` for wabt).
#
# Then checks what the compiler relies on, failing otherwise: the functions contain only integer
# instructions, locals, control flow and calls (no float instruction, load, store, global,
# memory.* or call_indirect), the module imports nothing and exports only the __w2z_ functions. wasm-ld always defines a
# linear memory (exported), an empty table and the stack-pointer global; they are dropped here:
# the check above makes sure no instruction uses them.
set -eu
dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$dir/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# shellcheck source=../clang-tools.sh
. "$dir/../clang-tools.sh"

# -fno-builtin: no libc calls synthesized; the multi-value ABI returns a struct of two scalars
# as two results (the trapping conversions). Compiled and linked in two steps: clang's driver
# would run binaryen's wasm-opt after linking whenever one is on PATH, so the output would depend
# on the machine. --strip-all: no name, producers or custom sections.
"$CLANG" --target=wasm32-unknown-unknown -O2 -ffreestanding -fno-builtin \
  -mmultivalue -Xclang -target-abi -Xclang experimental-mv \
  -Wall -Wextra -Werror -c -o "$tmp/softfloat.o" "$dir/softfloat.c"
"$WASM_LD" --no-entry --strip-all -o "$tmp/linked.wasm" "$tmp/softfloat.o"

node --input-type=module - "$root" "$tmp/linked.wasm" "$dir/softfloat.wasm" <<'EOF'
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const [root, input, output] = process.argv.slice(-3);
const wabt = await createRequire(`${root}/`)('wabt')();
const fail = (msg) => { console.error(`build.sh: ${msg}`); process.exit(1); };

const linked = wabt.readWasm(readFileSync(input), { readDebugNames: false });
linked.validate();
// drop wasm-ld's memory and its export, its empty table and its stack-pointer global
const text = linked.toText({ foldExprs: false, inlineExport: false })
  .split('\n')
  .filter((line) => !/^\s*\((memory|table|global)\b|^\s*\(export "memory"/.test(line))
  .join('\n');

const forbidden = /\b(f32|f64)\.|\b[if](32|64)\.(load|store)|\bglobal\.|\bmemory\.|\bcall_indirect\b|\btable\.|^\s*\((memory|global|table|data|elem)\b/;
const bad = text.split('\n').filter((line) => forbidden.test(line));
if (bad.length) fail(`forbidden instructions or sections:\n${bad.slice(0, 10).join('\n')}`);
for (const m of text.matchAll(/\(import "([^"]*)" "([^"]*)"/g)) fail(`unexpected import ${m[1]}.${m[2]}`);
for (const m of text.matchAll(/\(export "([^"]*)"/g)) {
  if (!m[1].startsWith('__w2z_')) fail(`unexpected export ${m[1]}`);
}

const module = wabt.parseWat('softfloat.wat', text);
module.validate();
writeFileSync(output, module.toBinary({ write_debug_names: false }).buffer);
EOF

(cd "$dir" && sha256sum softfloat.c | cut -d' ' -f1) > "$dir/softfloat.c.sha256"
echo "wrote $dir/softfloat.wasm ($(wc -c < "$dir/softfloat.wasm") bytes) and softfloat.c.sha256"
