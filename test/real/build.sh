#!/usr/bin/env bash
# Rebuilds the corpus of test/real: every src/rust/<name>.rs at rustc -C opt-level=0,1,2,3,s,z,
# every src/c/<name>.c at clang -O0,-O1,-O2,-O3,-Os,-Oz and every src/as/<name>.ts at asc
# -O0,-O1,-O2,-O3,-Os,-Oz, into wasm/<lang>/<name>.<level>.wasm; strips custom sections (names,
# producers); checks that no module has a SIMD instruction (floats are fine: the compiler links
# soft-float routines) or an import our compiler does not take; then (unless NO_TABLE=1) rebuilds
# the compiler and rewrites steps.json and the table in README.md with tools/table.mjs. The .wasm
# files are committed: CI needs none of this.
#
#   bash test/real/build.sh                  # from anywhere
#   NO_TABLE=1 bash test/real/build.sh       # modules only
#   ONLY=rust bash test/real/build.sh        # one language (rust, c or as)
#
# A C source may add compiler flags on a line ` * CFLAGS: …` of its header comment (fconv_sat.c:
# -mnontrapping-fptoint); an AssemblyScript source picks its runtime with `// RUNTIME: …`.
#
# Missing toolchains are installed with apt-get: clang and lld (C), rustc and
# libstd-rust-dev-wasm32 (Debian's rustc with the wasm32-unknown-unknown std). AssemblyScript is
# the devDependency in node_modules (npm install).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BIN="$ROOT/node_modules/.bin"
OUT="$HERE/wasm"
ONLY="${ONLY:-rust c as}"

# The committed binaries come from these versions; others work but change the bytes.
EXPECTED_CLANG_MAJOR=14
EXPECTED_RUSTC=1.63

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
apt_install() {
  echo "build.sh: installing $* with apt-get" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

find_tool() { # find_tool NAME -> prints NAME or NAME-<ver> found on PATH, newest first
  local name="$1" v
  if command -v "$name" >/dev/null 2>&1; then echo "$name"; return 0; fi
  for v in 20 19 18 17 16 15 14 13; do
    if command -v "$name-$v" >/dev/null 2>&1; then echo "$name-$v"; return 0; fi
  done
  return 1
}

for t in wasm-objdump wasm-strip asc; do
  [ -x "$BIN/$t" ] || { echo "build.sh: $BIN/$t missing: run npm install in the repository" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# ---------------------------------------------------------------- Rust
# Debian's rustc: /usr/bin/rustc, with the wasm32 std from libstd-rust-dev-wasm32. A rustup
# toolchain earlier on PATH usually lacks the wasm32 target, so the default is the Debian one.
RUSTC="${RUSTC:-/usr/bin/rustc}"
rust_ok() {
  [ -x "$RUSTC" ] && [ -d "$("$RUSTC" --print sysroot)/lib/rustlib/wasm32-unknown-unknown/lib" ]
}
RUST_LEVELS=(0 1 2 3 s z)
build_rust() {
  rust_ok || apt_install rustc libstd-rust-dev-wasm32
  rust_ok || { echo "build.sh: $RUSTC has no wasm32-unknown-unknown std" >&2; exit 1; }
  local version
  version="$("$RUSTC" --version)"
  case "$version" in
    "rustc $EXPECTED_RUSTC."*) ;;
    *) echo "build.sh: warning: $version (the committed modules come from rustc $EXPECTED_RUSTC); output will differ" >&2 ;;
  esac
  mkdir -p "$OUT/rust"
  rm -f "$OUT/rust"/*.wasm
  # relative paths from the source directory only: the panic locations in the data name the
  # file as `vec_ops.rs`, nothing of this machine
  (
    cd "$HERE/src/rust"
    for src in $(ls ./*.rs | LC_ALL=C sort); do
      src="${src#./}"
      name="${src%.rs}"
      [ "$name" = io ] && continue
      for o in "${RUST_LEVELS[@]}"; do
        "$RUSTC" --target wasm32-unknown-unknown --crate-type cdylib -C panic=abort \
          -C opt-level="$o" -C debuginfo=0 -C strip=symbols --edition 2021 \
          "$src" -o "$work/$name.O$o.wasm"
        mv "$work/$name.O$o.wasm" "$OUT/rust/$name.O$o.wasm"
      done
    done
  )
  echo "build.sh: rust: $(ls "$OUT/rust"/*.wasm | wc -l) modules with $version" >&2
}

# ---------------------------------------------------------------- C
C_LEVELS=(0 1 2 3 s z)
build_c() {
  local CLANG WASM_LD
  CLANG="${CLANG:-$(find_tool clang || true)}"
  WASM_LD="${WASM_LD:-$(find_tool wasm-ld || true)}"
  if [ -z "$CLANG" ] || [ -z "$WASM_LD" ]; then
    apt_install clang lld
    CLANG="$(find_tool clang)"
    WASM_LD="$(find_tool wasm-ld)"
  fi
  CLANG="$(readlink -f "$(command -v "$CLANG")")"
  WASM_LD="$(command -v "$WASM_LD")"
  local major version
  major="$("$CLANG" -dumpversion | cut -d. -f1)"
  version="$("$CLANG" --version | head -n1)"
  [ "$major" = "$EXPECTED_CLANG_MAJOR" ] \
    || echo "build.sh: warning: $version (the committed modules come from clang $EXPECTED_CLANG_MAJOR); output will differ" >&2
  # clang runs `wasm-opt` after linking whenever it finds one on PATH (and, without feature
  # flags, that run rejects bulk memory). PATH holds only clang and the linker, so the modules
  # are clang's alone, with or without binaryen installed.
  mkdir -p "$work/cbin"
  ln -sf "$CLANG" "$work/cbin/clang"
  local CFLAGS=(--target=wasm32 -nostdlib -mbulk-memory -msign-ext -mmutable-globals -std=gnu11
    -Wall -Wextra -Wno-unused-function -g0)
  local LDFLAGS=(-fuse-ld="$WASM_LD" -Wl,--no-entry -Wl,--strip-all -Wl,-z,stack-size=65536
    -Wl,--initial-memory=131072)
  mkdir -p "$OUT/c"
  rm -f "$OUT/c"/*.wasm
  (
    cd "$HERE/src/c"
    for src in $(ls ./*.c | LC_ALL=C sort); do
      src="${src#./}"
      name="${src%.c}"
      # a source may add flags on a line of its own in its header comment:  * CFLAGS: -mfoo
      # shellcheck disable=SC2207
      extra=($(sed -n 's|^ *\* *CFLAGS: *\(.*\)$|\1|p' "$src" | head -n1))
      for o in "${C_LEVELS[@]}"; do
        PATH="$work/cbin" clang "${CFLAGS[@]}" ${extra[@]+"${extra[@]}"} "-O$o" "${LDFLAGS[@]}" "$src" -o "$OUT/c/$name.O$o.wasm"
      done
    done
  )
  echo "build.sh: c: $(ls "$OUT/c"/*.wasm | wc -l) modules with $version" >&2
}

# ---------------------------------------------------------------- AssemblyScript
AS_LEVELS=(0 1 2 3 s z)
build_as() {
  local version
  version="$("$BIN/asc" --version)"
  mkdir -p "$OUT/as"
  rm -f "$OUT/as"/*.wasm
  (
    cd "$HERE/src/as"
    for src in $(ls ./*.ts | LC_ALL=C sort); do
      src="${src#./}"
      name="${src%.ts}"
      [ "$name" = io ] && continue
      # a source may pick its runtime on a line of its own:  // RUNTIME: stub
      runtime="$(sed -n 's|^// RUNTIME: *\([a-z]*\).*|\1|p' "$src" | head -n1)"
      for o in "${AS_LEVELS[@]}"; do
        "$BIN/asc" "$src" "-O$o" --runtime "${runtime:-incremental}" -o "$OUT/as/$name.O$o.wasm"
      done
    done
  )
  echo "build.sh: as: $(ls "$OUT/as"/*.wasm | wc -l) modules with AssemblyScript $version" >&2
}

for lang in $ONLY; do "build_$lang"; done

# ---------------------------------------------------------------- checks
status=0
for w in "$OUT"/*/*.wasm; do
  "$BIN/wasm-strip" "$w"
  dis="$("$BIN/wasm-objdump" -d "$w")"
  if bad="$(grep -E '\| *(v128|i8x16|i16x8|i32x4|i64x2|f32x4|f64x2)[._]' <<<"$dis" | head -n3)" && [ -n "$bad" ]; then
    echo "build.sh: ${w#"$HERE/"} has SIMD instructions:" >&2
    echo "$bad" >&2
    status=1
  fi
  imports="$("$BIN/wasm-objdump" -j Import -x "$w" | grep -E '^ - ' || true)"
  if bad="$(grep -v -E '<- env\.(input_i32|input_i64|output_i32|output_i64|abort|assert_eq|assert_eq_i32|assert_eq_i64)$' <<<"$imports")" && [ -n "$bad" ]; then
    echo "build.sh: ${w#"$HERE/"} imports something our compiler does not take:" >&2
    echo "$bad" >&2
    status=1
  fi
done
[ "$status" -eq 0 ] || exit 1
echo "build.sh: $(ls "$OUT"/*/*.wasm | wc -l) modules, $(du -cb "$OUT"/*/*.wasm | tail -n1 | cut -f1) bytes" >&2

if [ "${NO_TABLE:-0}" != 1 ]; then
  (cd "$ROOT" && npx tsc -p tsconfig.json && node "$HERE/tools/table.mjs")
fi
