#!/usr/bin/env bash
# Builds examples/views/counter/counter.wasm from counter.c (clang and wasm-ld from Debian, jco from npm; see ../toolchain.sh).
set -euo pipefail
source "$(cd "$(dirname "$0")/.." && pwd)/toolchain.sh"
build_view counter
