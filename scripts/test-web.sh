#!/usr/bin/env bash
# Builds the browser editor (web/) and runs its tests in headless Chromium.
# Idempotent; for a fresh Debian machine as root. Needs the wasm-bindgen
# output in target/wasm-pkg/web and the CLI in target/debug/oaslint (test.sh
# builds both first). By hand:
#   cargo build -p oaslint-cli
#   cargo build -p oaslint-wasm --target wasm32-unknown-unknown --profile wasm-release
#   wasm-bindgen --target web --out-dir target/wasm-pkg/web \
#     target/wasm32-unknown-unknown/wasm-release/oaslint_wasm.wasm
#   scripts/test-web.sh
# Output: the site in web/dist, screenshots in target/web-screenshots/, and
# node's test runner summary (# pass N / # fail N) at the end.
set -euo pipefail
shopt -s inherit_errexit 2>/dev/null || true
cd "$(dirname "$0")/.."
root=$PWD

step() { printf '\n==> %s\n' "$*"; }

if [ ! -e target/wasm-pkg/web/oaslint_wasm_bg.wasm ]; then
  echo "target/wasm-pkg/web is missing: build it with wasm-bindgen --target web (see the top of $0)" >&2
  exit 1
fi

step "web: headless Chromium"
if [ ! -x /usr/bin/chromium ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends chromium
fi
/usr/bin/chromium --version 2>/dev/null || true

step "web: npm ci (skipped while node_modules matches package-lock.json)"
lock_sum=$(sha256sum web/package-lock.json | cut -d' ' -f1)
if [ "$(cat web/node_modules/.oaslint-lock-sha256 2>/dev/null || true)" != "$lock_sum" ]; then
  (cd web && npm ci --no-audit --no-fund)
  echo "$lock_sum" > web/node_modules/.oaslint-lock-sha256
fi

step "web: wasm-opt -Oz (npm binaryen@132.0.0) into the oaslint-wasm package"
node crates/oaslint-wasm/js/build.mjs --from target/wasm-pkg/web --wasm-opt web/node_modules/.bin/wasm-opt

step "web: type check and vite build"
(cd web && npm run --silent build)

step "web: tests (the JS package in Node.js, the page in headless Chromium)"
mkdir -p target/web-screenshots
OASLINT_BIN=${OASLINT_BIN:-$root/target/debug/oaslint} \
OASLINT_SCREENSHOTS=$root/target/web-screenshots \
  node --test crates/oaslint-wasm/js/test/ web/tests/
