#!/usr/bin/env bash
# Regenerates tests/fixtures/jsonpath-plus/expected.json with the pinned
# jsonpath-plus (npm ci from package-lock.json) and fails when it differs
# from the committed file, so the expectations the Rust differential test
# (crates/oaslint/src/jsonpath/plus_diff_tests.rs) reads are what
# jsonpath-plus really selects. Needs node and npm (Debian: apt-get install
# nodejs npm).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../retry.sh"
fixture="$here/../../tests/fixtures/jsonpath-plus/expected.json"
cd "$here"
retry npm ci --silent --no-audit --no-fund
fresh="$(mktemp)"
trap 'rm -f "$fresh"' EXIT
node generate.js "$fresh"
if ! diff -u "$fixture" "$fresh"; then
  echo "jsonpath-plus: $fixture is stale: run node scripts/jsonpath-plus/generate.js and review the diff" >&2
  exit 1
fi
echo "jsonpath-plus: expected results match jsonpath-plus $(node -p "require('jsonpath-plus/package.json').version")"
