#!/usr/bin/env bash
# Builds examples/views/balances/balances.wasm from balances.c (clang and wasm-ld from Debian, jco from npm; see ../toolchain.sh).
set -euo pipefail
source "$(cd "$(dirname "$0")/.." && pwd)/toolchain.sh"
build_view balances
