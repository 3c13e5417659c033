#!/usr/bin/env bash
# Rebuilds test/programs/wasm/<name>.O0.wasm and <name>.O2.wasm from every src/<name>.c, and
# wasm-negative/ likewise from negative/*.c (programs that must fail or trap), with clang for
# wasm32; checks them (no float / SIMD instruction, no import but env.assert_eq*) and rewrites
# expected.json. The .wasm files are committed, so CI never needs clang.
#
#   bash test/programs/build.sh            # from anywhere
#   CLANG=clang-14 bash test/programs/build.sh
#
# A source may add link flags on a line of its own:  // LDFLAGS: -Wl,--max-memory=262144
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SRC="$HERE/src"
OUT="$HERE/wasm"
OBJDUMP="$ROOT/node_modules/.bin/wasm-objdump"

# The committed binaries were made with this version; another one works but changes them.
EXPECTED_CLANG_MAJOR=14

find_tool() { # find_tool NAME -> prints NAME or NAME-<ver> found on PATH, newest first
  local name="$1" v
  if command -v "$name" >/dev/null 2>&1; then echo "$name"; return 0; fi
  for v in 20 19 18 17 16 15 14 13; do
    if command -v "$name-$v" >/dev/null 2>&1; then echo "$name-$v"; return 0; fi
  done
  return 1
}

CLANG="${CLANG:-$(find_tool clang || true)}"
WASM_LD="${WASM_LD:-$(find_tool wasm-ld || true)}"
if [ -z "$CLANG" ] || [ -z "$WASM_LD" ]; then
  echo "build.sh: clang / wasm-ld not found; installing clang and lld with apt-get" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq clang lld >/dev/null
  CLANG="$(find_tool clang)"
  WASM_LD="$(find_tool wasm-ld)"
fi
WASM_LD="$(command -v "$WASM_LD")"
[ -x "$OBJDUMP" ] || { echo "build.sh: $OBJDUMP missing: run npm install in $ROOT" >&2; exit 1; }

CLANG_VERSION="$("$CLANG" --version | head -n1)"
major="$("$CLANG" -dumpversion | cut -d. -f1)"
if [ "$major" != "$EXPECTED_CLANG_MAJOR" ]; then
  echo "build.sh: warning: $CLANG_VERSION (the committed .wasm files come from clang $EXPECTED_CLANG_MAJOR); output will differ" >&2
fi

CFLAGS=(--target=wasm32 -nostdlib -mbulk-memory -msign-ext -mmutable-globals)
# -mmultivalue only where this clang accepts it
probe="$(mktemp -d)"
trap 'rm -rf "$probe"' EXIT
echo 'void f(void){}' >"$probe/p.c"
if "$CLANG" --target=wasm32 -mmultivalue -c "$probe/p.c" -o "$probe/p.o" 2>/dev/null; then
  CFLAGS+=(-mmultivalue)
fi
CFLAGS+=(-std=gnu11 -Wall -Wextra -Wno-unused-function)
# No --allow-undefined: the env.assert_eq* declarations carry import_module / import_name, so
# they become imports anyway, while an unexpected libcall (memset without -mbulk-memory,
# __multi3 for 128-bit products, ...) is a link error instead of a silent env.* import.
# No --export=main: it names a symbol, and the entry is the C function `program_main`, exported
# as "main" by its export_name attribute (a C `main` would get clang's (i32, i32) -> i32
# argc/argv wrapper around `__original_main`). inspect.mjs checks that "main" is () -> nil.
LDFLAGS=(-Wl,--no-entry -Wl,-z,stack-size=65536 -Wl,--initial-memory=131072)
# clang finds a linker named wasm-ld by itself; a versioned one (wasm-ld-14) must be named
LINKER=()
[ "$(basename "$WASM_LD")" = wasm-ld ] || LINKER=(-fuse-ld="$WASM_LD")

NEG="$HERE/wasm-negative"
mkdir -p "$OUT" "$NEG"
rm -f "$OUT"/*.wasm "$NEG"/*.wasm

# build_dir SRC_DIR OUT_DIR: every SRC_DIR/<name>.c -> OUT_DIR/<name>.O0.wasm, <name>.O2.wasm.
# Run from SRC_DIR with relative paths only, so nothing about this machine ends up in the output.
build_dir() (
  cd "$1"
  shopt -s nullglob
  local sources=(*.c) c name opt line
  [ ${#sources[@]} -gt 0 ] || { echo "build.sh: no sources in $1" >&2; exit 1; }
  for c in $(printf '%s\n' "${sources[@]}" | LC_ALL=C sort); do
    name="${c%.c}"
    local extra=()
    while IFS= read -r line; do
      # shellcheck disable=SC2206
      extra+=(${line#// LDFLAGS:})
    done < <(grep -E '^// LDFLAGS:' "$c" || true)
    for opt in O0 O2; do
      "$CLANG" "${CFLAGS[@]}" "-$opt" ${LINKER[@]+"${LINKER[@]}"} "${LDFLAGS[@]}" ${extra[@]+"${extra[@]}"} "$c" -o "$2/$name.$opt.wasm"
    done
  done
)
build_dir "$SRC" "$OUT"
build_dir "$HERE/negative" "$NEG"

# Checks: integer-only, and only the imports our compiler accepts.
status=0
for w in "$OUT"/*.wasm "$NEG"/*.wasm; do
  dis="$("$OBJDUMP" -d "$w")"
  if bad="$(grep -E '\| *(f32|f64|v128|i8x16|i16x8|i32x4|i64x2|f32x4|f64x2)[._]' <<<"$dis" | head -n3)" && [ -n "$bad" ]; then
    echo "build.sh: $(basename "$w") has float / SIMD instructions:" >&2
    echo "$bad" >&2
    status=1
  fi
  imports="$("$OBJDUMP" -j Import -x "$w" | grep -E '^ - func' || true)"
  if bad="$(grep -v -E '<- env\.(assert_eq|assert_eq_i32|assert_eq_i64)$' <<<"$imports")" && [ -n "$bad" ]; then
    echo "build.sh: $(basename "$w") imports something else than env.assert_eq*:" >&2
    echo "$bad" >&2
    status=1
  fi
done
[ "$status" -eq 0 ] || exit 1

CLANG_VERSION="$CLANG_VERSION" CLANG_FLAGS="${CFLAGS[*]} -O0|-O2 ${LDFLAGS[*]}" \
  node "$HERE/tools/inspect.mjs"
echo "build.sh: built $(ls "$OUT"/*.wasm | wc -l) modules (+ $(ls "$NEG"/*.wasm | wc -l) negative ones) with $CLANG_VERSION"
