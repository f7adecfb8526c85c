#!/usr/bin/env bash
# Builds the browser editor (web/) and runs its tests in headless Chromium.
# For a fresh clone on Debian, as root: it installs and builds what it needs,
# and every step is skipped or a no-op while its output is up to date (so
# test.sh, which has built the CLI and the wasm module just before, pays a
# few seconds for the checks):
#   - Chromium (apt-get) when /usr/bin/chromium is missing;
#   - the CLI, target/debug/oaslint (cargo build -p oaslint-cli), which the
#     browser tests compare the page with; OASLINT_BIN=PATH uses another;
#   - the wasm module (cargo build -p oaslint-wasm --profile wasm-release)
#     and its JS glue, target/wasm-pkg/web (wasm-bindgen-cli, installed at
#     the version of the wasm-bindgen crate in Cargo.lock when missing);
#   - npm ci, wasm-opt, the type check and vite build (web/dist).
# On a fresh clone the builds take minutes (web/README.md, "Test").
# Output: the site in web/dist, screenshots in target/web-screenshots/, and
# node's test runner summary (# pass N / # fail N) at the end.
set -euo pipefail
shopt -s inherit_errexit 2>/dev/null || true
cd "$(dirname "$0")/.."
root=$PWD
. scripts/retry.sh

step() { printf '\n==> %s\n' "$*"; }

step "web: headless Chromium"
if [ ! -x /usr/bin/chromium ]; then
  export DEBIAN_FRONTEND=noninteractive
  retry apt-get update
  retry apt-get install -y --no-install-recommends chromium
fi
/usr/bin/chromium --version 2>/dev/null || true

if [ -z "${OASLINT_BIN:-}" ]; then
  step "web: the CLI the tests compare with (cargo build -p oaslint-cli)"
  cargo build -p oaslint-cli --locked
fi

step "web: the wasm module and its JS glue (target/wasm-pkg/web)"
rustup target add wasm32-unknown-unknown >/dev/null
cargo build -p oaslint-wasm --target wasm32-unknown-unknown --profile wasm-release --locked
wasm=target/wasm32-unknown-unknown/wasm-release/oaslint_wasm.wasm
glue=target/wasm-pkg/web/oaslint_wasm_bg.wasm
if [ ! -e "$glue" ] || [ "$wasm" -nt "$glue" ]; then
  # The CLI must be the version of the wasm-bindgen crate (Cargo.lock).
  bindgen_version=$(sed -n '/^name = "wasm-bindgen"$/{n;s/^version = "\(.*\)"$/\1/p;q}' Cargo.lock)
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $bindgen_version" ]; then
    # Not --locked: its lockfile wants a crate version this registry lacks.
    retry cargo install wasm-bindgen-cli --version "$bindgen_version"
  fi
  wasm-bindgen --target web --out-dir target/wasm-pkg/web "$wasm"
fi

step "web: npm ci (skipped while node_modules matches package-lock.json)"
lock_sum=$(sha256sum web/package-lock.json | cut -d' ' -f1)
if [ "$(cat web/node_modules/.oaslint-lock-sha256 2>/dev/null || true)" != "$lock_sum" ]; then
  (cd web && retry npm ci --no-audit --no-fund)
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
