# Sourced by the examples' build scripts: makes clang, wasm-ld and jco available.
# clang and lld come from Debian (installed with apt-get when missing and running as root);
# jco comes from npm into examples/views/.tools (git-ignored), pinned below.
JCO_VERSION=1.35.0

view_toolchain() {
  if ! command -v clang >/dev/null || ! command -v wasm-ld >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "installing clang and lld from Debian..." >&2
      # A fresh machine may have no package lists yet: update once and retry.
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang lld >/dev/null 2>&1 \
        || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang lld >/dev/null; }
    else
      echo "error: building views needs clang and wasm-ld (Debian: apt-get install clang lld)" >&2
      exit 1
    fi
  fi
  command -v npm >/dev/null || { echo "error: building views needs node and npm (for jco)" >&2; exit 1; }
  local tools
  tools="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/.tools"
  if [ ! -x "$tools/node_modules/.bin/jco" ]; then
    echo "installing @bytecodealliance/jco@$JCO_VERSION from npm..." >&2
    mkdir -p "$tools"
    npm install --silent --no-audit --no-fund --prefix "$tools" "@bytecodealliance/jco@$JCO_VERSION" >/dev/null
  fi
  JCO="$tools/node_modules/.bin/jco"
}
