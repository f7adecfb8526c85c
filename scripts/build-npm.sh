#!/usr/bin/env bash
# Builds the npm package `oaslint` (crates/oaslint-wasm/js): the command line
# (crates/oaslint-cli compiled to wasm32-wasip1, run by bin/oaslint.js) and
# the engine's wasm-bindgen module for the JavaScript API, into wasm/.
#
#   scripts/build-npm.sh            # what CI tests: both modules, the
#                                   # engine's not run through wasm-opt
#   scripts/build-npm.sh --publish  # the engine's module through wasm-opt -Oz
#                                   # (npm binaryen@132.0.0), then `npm pack`
#                                   # into target/npm/
#
# Both use the `wasm-release` profile for the CLI: the published module is
# the one tested. Then `node --test crates/oaslint-wasm/tests/` packs the
# package, installs the tarball into an empty directory and compares its CLI
# with target/debug/oaslint (docs/decisions.md, "The npm package's CLI").
# Needs rustup, cargo, Node.js 20+ and npm; wasm-bindgen-cli 0.2.130 when
# target/wasm-pkg/web is not built yet (./test.sh builds it).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/retry.sh

publish=false
case "${1:-}" in
  "") ;;
  --publish) publish=true ;;
  *) echo "usage: $0 [--publish]" >&2; exit 2 ;;
esac

step() { printf '\n==> %s\n' "$*"; }

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "Node.js $(node --version) is too old: the package's CLI needs node:wasi preview1 (Node.js 20+)" >&2
  exit 1
fi

step "npm: the command line for wasm32-wasip1 (profile wasm-release)"
rustup target add wasm32-wasip1 >/dev/null
cargo build -p oaslint-cli --bin oaslint --target wasm32-wasip1 --profile wasm-release --locked
cli=target/wasm32-wasip1/wasm-release/oaslint.wasm

step "npm: the engine's wasm-bindgen module"
if [ ! -f target/wasm-pkg/web/oaslint_wasm_bg.wasm ]; then
  cargo build -p oaslint-wasm --target wasm32-unknown-unknown --profile wasm-release --locked
  wasm-bindgen --target web --out-dir target/wasm-pkg/web \
    target/wasm32-unknown-unknown/wasm-release/oaslint_wasm.wasm
fi

step "npm: assemble crates/oaslint-wasm/js/wasm"
if $publish; then
  # wasm-opt from npm (never Debian's binaryen, which breaks the module).
  if [ -z "${WASM_OPT:-}" ] && [ ! -x crates/oaslint-wasm/js/node_modules/.bin/wasm-opt ] \
    && [ ! -x web/node_modules/.bin/wasm-opt ]; then
    (cd crates/oaslint-wasm/js && retry npm install --no-save --no-audit --no-fund binaryen@132.0.0)
  fi
  node crates/oaslint-wasm/js/build.mjs --cli "$cli"
  step "npm: pack into target/npm"
  mkdir -p target/npm
  (cd crates/oaslint-wasm/js && npm pack --pack-destination ../../../target/npm)
else
  # The engine's module unoptimised: wasm-opt takes minutes and changes
  # only its size (scripts/test-web.sh runs it for the editor).
  node crates/oaslint-wasm/js/build.mjs --no-opt --cli "$cli"
fi
