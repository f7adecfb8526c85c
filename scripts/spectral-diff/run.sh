#!/usr/bin/env bash
# The differential test against Spectral 6.16.3 (docs/spectral-compatibility.md):
# the rulesets of tests/fixtures/spectral-diff on a few corpus specs, with
# Spectral (installed from the lock file, cached under target/spectral-diff)
# and with oaslint (`$OASLINT_BIN`, else target/debug/oaslint). Prints the
# agreement per ruleset × file and every difference; fails when agreement
# drops below scripts/spectral-diff/expectations.json or oaslint fails where
# Spectral runs (see diff.mjs). `run.sh --update` records the numbers.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
prefix=$("$here/install.sh")
oaslint=${OASLINT_BIN:-$root/target/debug/oaslint}
test -x "$oaslint" || { echo "no oaslint at $oaslint (cargo build -p oaslint-cli, or set OASLINT_BIN)" >&2; exit 2; }
corpus=$root/../shared/corpus
test -d "$corpus" || { echo "no corpus at $corpus" >&2; exit 2; }
# Specs Spectral lints in about a second each: OpenAPI 3.0 and 3.1, Swagger
# 2.0, a spec with non-ASCII text and a $ref to another file.
node "$here/diff.mjs" "$@" "$prefix" "$oaslint" "$root/tests/fixtures/spectral-diff" "$here/expectations.json" \
  "$corpus/oai-petstore.yaml" "$corpus/oai-uspto.yaml" "$corpus/redocly-museum-openapi.yaml" \
  "$corpus/zally-api_tinbox.yaml" "$corpus/argo-workflows-executor-swagger.yml" \
  "$root/tests/fixtures/spectral-diff/specs/unicode.yaml"
