# Sourced by examples/views/build-view (which every example's build.sh runs): makes the tools available and builds
# a view from one C or JavaScript file.
# clang and lld come from Debian (installed with apt-get when missing and running as root); jco and
# componentize-js come from npm into examples/views/.tools (git-ignored), at the exact versions below. A C build
# needs only jco, so componentize-js (about 400 MB with its SpiderMonkey engine) is installed at the first JS build.
JCO_VERSION=1.35.0
COMPONENTIZE_JS_VERSION=0.23.0
# componentize-js imports @bytecodealliance/preview2-shim without depending on it (it is a devDependency, ^0.17.4):
# installed next to it, at the newest version of that range.
PREVIEW2_SHIM_VERSION=0.17.8

VIEWS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VIEWS_TOOLS="$VIEWS_DIR/.tools"
VIEWS_WIT="$(cd "$VIEWS_DIR/../.." && pwd)/functions/Views/wit/primatomic-machine.wit"
# The service's default Views:MaxComponentBytes (functions/Views/ViewLimits.cs): larger views are refused at deploy.
VIEWS_MAX_COMPONENT_BYTES=$((16 * 1024 * 1024))

view_c_toolchain() {
  if ! command -v clang >/dev/null || ! command -v wasm-ld >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "installing clang and lld from Debian..." >&2
      # A fresh machine may have no package lists yet: update once and retry.
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang lld >/dev/null 2>&1 \
        || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang lld >/dev/null; }
    else
      echo "error: building C views needs clang and wasm-ld (Debian: apt-get install clang lld)" >&2
      exit 1
    fi
  fi
}

# view_npm_tools PACKAGE@VERSION...: installs them when any is missing or at another version, all pinned with
# --save-exact, so that installing one cannot move another.
view_npm_tools() {
  command -v npm >/dev/null || { echo "error: building views needs node (20 or later) and npm" >&2; exit 1; }
  local spec name version have missing=()
  for spec in "$@"; do
    name="${spec%@*}"
    version="${spec##*@}"
    have="$(node -p "require('$VIEWS_TOOLS/node_modules/$name/package.json').version" 2>/dev/null || true)"
    [ "$have" = "$version" ] || missing+=("$spec")
  done
  [ ${#missing[@]} -eq 0 ] && return
  echo "installing ${missing[*]} from npm into $VIEWS_TOOLS..." >&2
  mkdir -p "$VIEWS_TOOLS"
  npm install --silent --no-audit --no-fund --save-exact --prefix "$VIEWS_TOOLS" "$@" >/dev/null \
    || { echo "error: npm could not install $* (is the npm registry reachable?)" >&2; exit 1; }
}

# build_view_source FILE.c|FILE.js: writes FILE.wasm next to the source and prints "built FILE.wasm (N bytes)".
#   .c:  clang + wasm-ld make a freestanding core module (state_machine.h is on the include path), then jco embeds
#        the WIT and wraps it into a component.
#   .js: componentize-js runs the module in SpiderMonkey at build time (wizer) and wraps the engine's snapshot into
#        a component, with every WASI feature disabled: the component imports nothing.
# Both finish in componentize.mjs, which prints a tool's failure as one "error: ..." message, not a stack trace.
build_view_source() {
  local source name dir out work
  source="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
  dir="$(dirname "$source")"
  name="$(basename "$source")"
  name="${name%.*}"
  out="$dir/$name.wasm"
  case "$source" in
    *.c | *.js) ;;
    *) echo "error: $1 is neither a .c nor a .js file" >&2; exit 1 ;;
  esac
  # Builds may run at once (tests in parallel, the quickstart): one at a time, so apt-get, npm and the output
  # file are never shared half-done; the component is written aside and moved into place whole.
  mkdir -p "$VIEWS_TOOLS"
  exec 9>"$VIEWS_TOOLS/build.lock"
  flock 9
  work="$(mktemp -d)"
  # Expanded now: $work is local and gone when the trap runs. The .tmp.wasm is git-ignored like any *.wasm.
  trap "rm -rf '$work' '$dir/$name.tmp.wasm'" EXIT
  case "$source" in
    *.c)
      view_c_toolchain
      view_npm_tools "@bytecodealliance/jco@$JCO_VERSION"
      clang --target=wasm32-unknown-unknown -O2 -nostdlib -mbulk-memory -Wall -Werror -I "$VIEWS_DIR/include" \
        -Wl,--no-entry -Wl,--export=__heap_base -o "$work/core.wasm" "$source" \
        || { echo "error: $source does not compile (clang's messages above)" >&2; exit 1; }
      node "$VIEWS_DIR/componentize.mjs" "$VIEWS_WIT" "$work/core.wasm" "$dir/$name.tmp.wasm"
      ;;
    *.js)
      view_npm_tools "@bytecodealliance/jco@$JCO_VERSION" "@bytecodealliance/componentize-js@$COMPONENTIZE_JS_VERSION" \
        "@bytecodealliance/preview2-shim@$PREVIEW2_SHIM_VERSION"
      # componentize-js keeps its work under TMPDIR and leaves it there when the source does not parse.
      TMPDIR="$work" node "$VIEWS_DIR/componentize.mjs" "$VIEWS_WIT" "$source" "$dir/$name.tmp.wasm"
      ;;
  esac
  mv "$dir/$name.tmp.wasm" "$out"
  local size
  size="$(stat -c %s "$out")"
  echo "built $out ($size bytes)"
  if [ "$size" -gt "$VIEWS_MAX_COMPONENT_BYTES" ]; then
    echo "warning: the service refuses components over $VIEWS_MAX_COMPONENT_BYTES bytes" \
      "unless Views:MaxComponentBytes is raised" >&2
  fi
}

# The examples' former entry point: build_view NAME builds examples/views/NAME/NAME.c.
build_view() {
  build_view_source "$VIEWS_DIR/$1/$1.c"
}
