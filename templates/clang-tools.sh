# Sourced by the build scripts of the C libraries compiled to committed .wasm files
# (templates/float/build.sh, templates/near/build.sh): sets CLANG and WASM_LD to clang and wasm-ld
# 14 or later (NAME or NAME-<version> on PATH, newest first), installing clang and lld with
# apt-get when either is missing.
find_tool() { # find_tool NAME -> NAME or NAME-<version> on PATH, newest first
  if command -v "$1" >/dev/null 2>&1; then echo "$1"; return 0; fi
  for v in 20 19 18 17 16 15 14; do
    if command -v "$1-$v" >/dev/null 2>&1; then echo "$1-$v"; return 0; fi
  done
  return 1
}
if ! find_tool clang >/dev/null || ! find_tool wasm-ld >/dev/null; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "build.sh: installing clang and lld with apt-get" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq clang lld >/dev/null
fi
CLANG=$(find_tool clang)
WASM_LD=$(find_tool wasm-ld)
