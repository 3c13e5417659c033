#!/usr/bin/env bash
# Reduce a module on which the ttf check finds a bug, with binaryen's wasm-reduce:
#   bash test/ttf/reduce.sh BUG.wasm [OUT.wasm]
# Builds src/ and test/ttf/ to JavaScript in a scratch directory, then lets wasm-reduce shrink
# the module while the check's (normalised) verdict stays the same; prints the result as text.
# Get a seed's module with: TTF_DUMP=DIR SEEDS=1 FIRST=<seed> npx vitest run --config test/ttf/vitest.config.ts
set -euo pipefail
in=${1:?usage: reduce.sh BUG.wasm [OUT.wasm]}
in=$(realpath "$in")
out=$(realpath -m "${2:-${in%.wasm}.reduced.wasm}")
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
(cd "$root" && npx tsc test/ttf/reduce-cmd.ts --outDir "$build" --rootDir . --module nodenext --moduleResolution nodenext \
  --target es2022 --skipLibCheck --types node --sourceMap false)
ln -s "$root/templates" "$root/grammars" "$root/node_modules" "$build/"
echo '{"type":"module"}' > "$build/package.json"
wasm_opt=${WASM_OPT:-$(command -v wasm-opt)}
bindir=$(dirname "$wasm_opt")
flags="--mvp-features --enable-sign-ext --enable-bulk-memory --enable-mutable-globals --enable-multivalue"
echo "verdict: $(node "$build/test/ttf/reduce-cmd.js" "$in")"
work=$(mktemp -d)
cp "$in" "$work/t.wasm"
(cd "$work" && "$bindir/wasm-reduce" -b "$bindir" t.wasm -t test.wasm -w "$out" --timeout 20 -ef "$flags" \
  --command "node $build/test/ttf/reduce-cmd.js test.wasm" >reduce.log 2>&1) || { tail -20 "$work/reduce.log"; exit 1; }
rm -rf "$work"
echo "reduced: $out ($(wc -c <"$out") bytes), verdict: $(node "$build/test/ttf/reduce-cmd.js" "$out")"
"$wasm_opt" "$out" $flags --print
