#!/usr/bin/env bash
# Runs every check of the project, installing what a fresh machine lacks.
# This is the test command of README.md; CI runs it through .ci/run.
set -euo pipefail
shopt -s inherit_errexit 2>/dev/null || true
cd "$(dirname "$0")"
. scripts/retry.sh

# Each step prints how long the one before it took: CI has a time budget
# (docs/benchmarks.md, "CI time").
step_started=$SECONDS
step() {
  printf '    (%d s)\n\n==> %s\n' "$((SECONDS - step_started))" "$*"
  step_started=$SECONDS
}

step "toolchain: wasm32 target, rustfmt, clippy"
rustup target add wasm32-unknown-unknown >/dev/null
rustup component add rustfmt clippy >/dev/null 2>&1 || true

step "toolchain version: rustc is the declared rust-version (MSRV) or newer"
# Cargo.toml promises only a version this script has run on
# (docs/decisions.md, "Minimum supported Rust version").
msrv=$(sed -n 's/^rust-version = "\(.*\)"$/\1/p' Cargo.toml)
rustc_version=$(rustc --version | cut -d' ' -f2)
rustc_version=${rustc_version%%-*}
echo "rust-version $msrv; $(rustc --version)"
if [ "$(printf '%s\n%s\n' "$msrv" "$rustc_version" | sort -V | head -1)" != "$msrv" ]; then
  echo "rustc $rustc_version is older than rust-version $msrv (Cargo.toml)" >&2
  exit 1
elif [ "${rustc_version%.*}" != "$msrv" ]; then
  echo "note: rustc $rustc_version is newer than rust-version $msrv: this run does not test $msrv itself"
fi

step "format"
cargo fmt --all --check

step "unused dependencies (cargo-machete)"
# Reads the sources only (no build): a dependency that no file names fails
# the run. Pinned so that a new release cannot change the verdict.
CARGO_MACHETE_VERSION=0.9.2
if [ "$(cargo machete --version 2>/dev/null)" != "$CARGO_MACHETE_VERSION" ]; then
  retry cargo install --locked cargo-machete --version "$CARGO_MACHETE_VERSION"
fi
cargo machete

step "licences, banned and duplicate crates, sources (cargo-deny, offline)"
# Not `advisories`: the RustSec database cannot be fetched from CI machines
# (docs/decisions.md, "Dependency policy"). A debug build: it installs in
# about a third of the time of cargo-deny's fat-LTO release profile, and
# these checks still take under 2 s.
CARGO_DENY_VERSION=0.20.2
if [ "$(cargo deny --version 2>/dev/null)" != "cargo-deny $CARGO_DENY_VERSION" ]; then
  retry cargo install --locked --debug cargo-deny --version "$CARGO_DENY_VERSION"
fi
cargo deny --locked check licenses bans sources

step "embedded files (include_str!) are inside their crate and packaged"
scripts/check-includes.sh

step "lint (clippy, warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "validators for tests/pipeline.rs (SARIF multitool, xmllint); jq and git for tests/gate.rs"
for tool in jq git curl; do
  command -v "$tool" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$tool" >/dev/null; }
done
./scripts/install-sarif-validator.sh

step "tests (unit, snapshot, acceptance, corpus, doc tests)"
# CI=true makes insta fail on a missing or changed snapshot.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
CI=true cargo test --workspace --locked 2>&1 | tee "$log"
# The CLI that the steps below compare with is the one `cargo test` built
# for the acceptance tests: `cargo build -p oaslint-cli` would rebuild it
# with other features (no dev-dependencies), 4.8 minutes of dependencies
# again for the same program.
export OASLINT_BIN=$PWD/target/debug/oaslint
test -x "$OASLINT_BIN" || { echo "cargo test built no $OASLINT_BIN" >&2; exit 1; }

step "fuzz targets compile against the engine (the fuzzing itself: scripts/fuzz.sh)"
# The crashers they found run in every test run (tests/fuzz_regressions.rs);
# a fuzzing run needs its own instrumented build (3.5 of CI's 30 minutes
# for 10 s per target), so it is a release step, not a per-change one
# (docs/fuzzing.md). This keeps the targets building: the main target dir
# shares what it can with the builds above. libfuzzer-sys compiles
# libFuzzer with a C++ compiler.
command -v c++ >/dev/null || { apt-get update -qq && apt-get install -y -qq g++ >/dev/null; }
# Not --locked, as scripts/fuzz.sh: fuzz/Cargo.lock follows the workspace.
CARGO_TARGET_DIR=target cargo check --manifest-path fuzz/Cargo.toml --bins

step "WebAssembly package and its tests in Node.js (the core builds for wasm32 here)"
# The CLI version must equal the wasm-bindgen crate version (Cargo.toml).
WASM_BINDGEN_VERSION=0.2.130
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  # Not --locked: its lockfile wants a crate version this registry lacks.
  # A debug build, as cargo-deny: it installs in a fraction of the time of
  # the release profile and still binds our module in seconds.
  retry cargo install --debug wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi
cargo build -p oaslint-wasm --target wasm32-unknown-unknown --profile wasm-release --locked
wasm=target/wasm32-unknown-unknown/wasm-release/oaslint_wasm.wasm
wasm-bindgen --target nodejs --out-dir target/wasm-pkg/node "$wasm"
wasm-bindgen --target web --out-dir target/wasm-pkg/web "$wasm"
# The npm package: the CLI compiled for wasm32-wasip1 (profile
# wasm-release) and the API's module, packed and installed by the tests.
scripts/build-npm.sh
node --test crates/oaslint-wasm/tests/ 2>&1 | tee -a "$log"

step "differential tests against JSONPath-Plus 10.4.0 and Spectral 6.16.3 (pinned npm projects)"
# Each installs its pinned package with npm ci (cached under target/ and
# scripts/jsonpath-plus/node_modules), then compares: jsonpath-plus selects
# what the committed expectations say (about 2 s), and Spectral's findings
# agree with oaslint's at least as much as scripts/spectral-diff/
# expectations.json records (about 25 s here, 1 minute on CI).
scripts/jsonpath-plus/check.sh
scripts/spectral-diff/run.sh

step "browser editor (web/): build and headless Chromium tests"
scripts/test-web.sh 2>&1 | tee -a "$log"

step "static Linux binary (musl) runs alone in an empty root"
scripts/test-static-binary.sh

step "done in $SECONDS s"

# One closing line for the whole run (each runner prints its own).
awk '/^test result:/ { p += $4; f += $6 } /^# pass / { p += $3 } /^# fail / { f += $3 }
     END { printf "\nall tests: %d passed, %d failed\n", p, f }' "$log"
