#!/usr/bin/env bash
# Proves that the crates published to crates.io build from their own files,
# as `cargo install oaslint-cli` builds them:
# 1. `cargo package` packages oaslint and oaslint-cli and verifies each in
#    order (the CLI against the engine just packaged, through cargo's
#    temporary local registry: nothing is downloaded that is not on
#    crates.io already);
# 2. the two .crate files are unpacked into an empty directory outside the
#    repository (no .git: the commit must come from .cargo_vcs_info.json),
#    the CLI is built there against the unpacked engine ([patch.crates-io])
#    and run: --version names the packaged commit and the built-in rulesets,
#    and a lint with the embedded ruleset finds what it should.
#
# A full build of its own (about 8 minutes on 2 busy cores), so it belongs
# to a release, not to every CI run; scripts/check-includes.sh checks the
# package listings on every run. Extra arguments go to `cargo package`
# (e.g. --allow-dirty to try uncommitted changes).
#
# Always a new target directory: cargo's local registry for the verification
# lives in it, and its unpacked copy in ~/.cargo/registry/src is keyed by
# that path and never refreshed, so a reused target directory would verify
# the CLI against an earlier package of the engine.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

work=$(mktemp -d)
stamp=$(mktemp)
# The unpacked local registry is keyed by the target directory's path:
# remove this run's (made after $stamp, holding only our crates), which no
# later run can use.
cleanup() {
  rm -rf "$work"
  find "${CARGO_HOME:-$HOME/.cargo}/registry/src" -mindepth 1 -maxdepth 1 -type d -newer "$stamp" \
    -exec sh -c 'ls "$1" | grep -qv "^oaslint" || rm -rf "$1"' _ {} \; 2>/dev/null || true
  rm -f "$stamp"
}
trap cleanup EXIT
export CARGO_TARGET_DIR="$work/target"

cargo package --locked -p oaslint -p oaslint-cli "$@"

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
unpacked="$work/unpacked"
mkdir "$unpacked"
for crate in oaslint oaslint-cli; do
  tar -xzf "$CARGO_TARGET_DIR/package/$crate-$version.crate" -C "$unpacked"
done
cli="$unpacked/oaslint-cli-$version"
printf '\n[patch.crates-io]\noaslint = { path = "../oaslint-%s" }\n' "$version" >>"$cli/Cargo.toml"
(cd "$cli" && cargo build --bin oaslint)
oaslint="$CARGO_TARGET_DIR/debug/oaslint"

packaged_commit=$(sed -n 's/.*"sha1": "\([0-9a-f]*\)".*/\1/p' "$cli/.cargo_vcs_info.json")
expected="oaslint $version (${packaged_commit:0:7})"
first=$("$oaslint" --version | head -1)
if [ -z "$packaged_commit" ] || [ "$first" != "$expected" ]; then
  echo "--version of the packaged CLI: '$first', expected '$expected'" >&2
  exit 1
fi
"$oaslint" --version

# The embedded ruleset and schemas work: the README's example spec has
# MUST findings (exit 1), none of them an error (exit 2).
status=0
(cd "$repo/tests/fixtures" && "$oaslint" lint --no-ack specs/pets-api.yaml >"$work/lint.txt") || status=$?
if [ "$status" != 1 ]; then
  echo "the packaged CLI exited with $status on specs/pets-api.yaml (expected 1):" >&2
  cat "$work/lint.txt" >&2
  exit 1
fi
tail -1 "$work/lint.txt"
echo "oaslint and oaslint-cli $version build and run from their packaged files"
