#!/usr/bin/env bash
# Builds examples/views/counter/counter.wasm from counter.c: clang + wasm-ld (Debian) make a core module,
# then jco (npm) embeds the WIT and wraps it into a component (componentize.mjs).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
source "$root/examples/views/toolchain.sh"
view_toolchain

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
clang --target=wasm32-unknown-unknown -O2 -nostdlib -mbulk-memory -Wall -Werror \
  -Wl,--no-entry -Wl,--export=__heap_base -o "$work/core.wasm" "$here/counter.c"
node "$root/examples/views/componentize.mjs" "$root/functions/Views/wit/machine.wit" "$work/core.wasm" "$here/counter.wasm"
echo "built $here/counter.wasm ($(stat -c %s "$here/counter.wasm") bytes)"
