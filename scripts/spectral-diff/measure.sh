#!/usr/bin/env bash
# Measures oaslint against Spectral 6.16.3 on real public Spectral rulesets
# (issue 10, "Done when"; results in docs/spectral-compatibility.md).
#
#   scripts/spectral-diff/measure.sh [RULESETS_DIR] [OUT_DIR] [SPEC…]
#
# RULESETS_DIR holds one folder per ruleset with its entry point
# `ruleset.yaml` (default ../shared/spectral-rulesets, see its SOURCES.md);
# the specs default to eight of ../shared/corpus that Spectral lints in
# seconds. RULESETS=a,b limits the run to some folders. Writes
# OUT_DIR/results.md, differences.md and results.json (default
# target/spectral-measure). Uses $OASLINT_BIN when set, else
# target/debug/oaslint. RUNS (default 3) and CLOSE (default 30): see
# measure.mjs. Takes about 10 minutes (Spectral's part).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
rulesets=${1:-$root/../shared/spectral-rulesets}
out=${2:-$root/target/spectral-measure}
shift $(($# > 2 ? 2 : $#))
if [ $# -eq 0 ]; then
  corpus=$root/../shared/corpus
  set -- "$corpus/oai-petstore.yaml" "$corpus/oai-uspto.yaml" "$corpus/redocly-museum-openapi.yaml" \
    "$corpus/zally-api_tinbox.yaml" "$corpus/argo-workflows-executor-swagger.yml" \
    "$corpus/twilio-twilio_api_v2010.yaml" "$corpus/discord-openapi.json" "$corpus/argo-workflows-swagger.json"
fi
prefix=$("$here/install.sh")
oaslint=${OASLINT_BIN:-$root/target/debug/oaslint}
test -x "$oaslint" || { echo "no oaslint at $oaslint (cargo build -p oaslint-cli, or set OASLINT_BIN)" >&2; exit 2; }
node "$here/measure.mjs" "$prefix" "$oaslint" "$rulesets" "$out" "$@"
