#!/usr/bin/env bash
# Builds examples/views/balances/balances.wasm from balances.c (clang and wasm-ld from Debian, jco from npm; see ../build-view).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec "$here/../build-view" "$here/balances.c"
