# Sourced by the examples' build scripts: makes clang, wasm-ld and jco available, and builds a view.
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

# Builds examples/views/NAME/NAME.wasm from NAME.c: clang + wasm-ld make a freestanding core module, then jco
# embeds the WIT and wraps it into a component (componentize.mjs).
build_view() {
  local name="$1"
  local views root work
  views="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  root="$(cd "$views/../.." && pwd)"
  # Builds may run at once (tests in parallel, the quickstart): one at a time, so apt-get, npm and the output
  # file are never shared half-done; the component is written aside and moved into place whole.
  mkdir -p "$views/.tools"
  exec 9>"$views/.tools/build.lock"
  flock 9
  view_toolchain
  work="$(mktemp -d)"
  trap "rm -rf '$work'" EXIT  # expanded now: $work is local and gone when the trap runs
  clang --target=wasm32-unknown-unknown -O2 -nostdlib -mbulk-memory -Wall -Werror \
    -Wl,--no-entry -Wl,--export=__heap_base -o "$work/core.wasm" "$views/$name/$name.c"
  node "$views/componentize.mjs" "$root/functions/Views/wit/primatomic-machine.wit" "$work/core.wasm" "$views/$name/$name.tmp.wasm"
  mv "$views/$name/$name.tmp.wasm" "$views/$name/$name.wasm"
  echo "built $views/$name/$name.wasm ($(stat -c %s "$views/$name/$name.wasm") bytes)"
}
