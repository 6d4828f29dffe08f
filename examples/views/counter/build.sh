#!/usr/bin/env bash
# Builds examples/views/counter/counter.wasm from counter.c (clang and wasm-ld from Debian, jco from npm; see ../build-view).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec "$here/../build-view" "$here/counter.c"
