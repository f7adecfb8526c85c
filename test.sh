#!/usr/bin/env bash
# Runs every check of the project, installing what a fresh machine lacks.
# This is the test command of README.md; CI runs it through .ci/run.
set -euo pipefail
shopt -s inherit_errexit 2>/dev/null || true
cd "$(dirname "$0")"

step() { printf '\n==> %s\n' "$*"; }

step "toolchain: wasm32 target, rustfmt, clippy"
rustup target add wasm32-unknown-unknown >/dev/null
rustup component add rustfmt clippy >/dev/null 2>&1 || true

step "format"
cargo fmt --all --check

step "lint (clippy, warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "core library builds for wasm32-unknown-unknown"
cargo build -p oaslint --target wasm32-unknown-unknown --locked

step "tests (unit, snapshot, acceptance, corpus, doc tests)"
# CI=true makes insta fail on a missing or changed snapshot.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
CI=true cargo test --workspace --locked 2>&1 | tee "$log"
# One closing line for the whole run (cargo prints one per test binary).
awk '/^test result:/ { p += $4; f += $6 } END { printf "\nall tests: %d passed, %d failed\n", p, f }' "$log"
