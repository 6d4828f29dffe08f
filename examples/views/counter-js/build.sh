#!/usr/bin/env bash
# Builds examples/views/counter-js/counter.wasm from counter.js (componentize-js and jco from npm; see ../build-view).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec "$here/../build-view" "$here/counter.js"
