#!/usr/bin/env bash
# Re-creates the nine public Spectral rulesets that measure.sh runs (issue 10;
# the table "Real public rulesets" in docs/spectral-compatibility.md) from the
# pinned commits of their repositories, one folder each:
# OUT_DIR/<name>/ruleset.yaml (the entry point, renamed), the files it needs
# (extended rulesets, custom functions, schemas it $refs), the repository's
# LICENSE, and SOURCES.md naming repository, commit and paths.
#
#   scripts/spectral-diff/collect-public.sh [MIRRORS_DIR] [OUT_DIR]
#
# MIRRORS_DIR holds one git repository per source, named owner+name: either
# a bare mirror at owner+name/repo, or any clone at owner+name, e.g.
#   git clone https://github.com/adidas/api-guidelines MIRRORS_DIR/adidas+api-guidelines
# (default ../.mirror next to the checkout). OUT_DIR defaults to
# ../shared/spectral-rulesets and is rewritten folder by folder. Needs git,
# tar, and python3 with PyYAML for italia's builder.py.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mirrors=$(cd "${1:-$root/../.mirror}" && pwd)
mkdir -p "${2:-$root/../shared/spectral-rulesets}"
out=$(cd "${2:-$root/../shared/spectral-rulesets}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The git directory of owner/name at the pinned commit, or a message saying
# how to get it.
repo_of() {
  local slug=$1 commit=$2 dir
  for dir in "$mirrors/${slug/\//+}/repo" "$mirrors/${slug/\//+}"; do
    if [ -e "$dir" ] && git -C "$dir" cat-file -e "$commit^{commit}" 2>/dev/null; then
      echo "$dir"
      return
    fi
  done
  echo "missing $slug at $commit: git clone https://github.com/$slug $mirrors/${slug/\//+}" >&2
  return 1
}

# take NAME OWNER/REPO COMMIT ENTRY [PATH…]: exports ENTRY and the PATHs of
# that commit into OUT_DIR/NAME, ENTRY renamed to ruleset.yaml. An ENTRY in a
# subfolder moves up to the folder's top, so it must not refer to files by
# relative path (logius' does not).
take() {
  local name=$1 slug=$2 commit=$3 entry=$4 repo dest=$out/$1
  shift 4
  repo=$(repo_of "$slug" "$commit")
  rm -rf "$dest" && mkdir -p "$dest"
  local extra=()
  git -C "$repo" cat-file -e "$commit:LICENSE" 2>/dev/null && extra=(LICENSE)
  git -C "$repo" archive "$commit" -- "$entry" "$@" "${extra[@]}" | tar -x -C "$dest"
  mv "$dest/$entry" "$dest/ruleset.yaml"
  [ "$entry" = "${entry#*/}" ] || rmdir "$dest/${entry%/*}"
  local files="\`$entry\` (as \`ruleset.yaml\`)"
  [ $# -eq 0 ] || files+=$(printf ', `%s`' "$@")
  sources "$name" "$slug" "$commit" "$files"
}

# sources NAME OWNER/REPO COMMIT WHAT [NOTE]: writes NAME/SOURCES.md.
sources() {
  {
    echo "# $1"
    echo
    echo "- repository: https://github.com/$2"
    echo "- commit: $3"
    echo "- files: $4"
    [ -z "${5:-}" ] || echo "- $5"
    echo "- licence: the repository's own (LICENSE here when it has one); kept out of oaslint's repository"
  } >"$out/$1/SOURCES.md"
}

# italia's rulesets are not committed: its Makefile builds them with
# builder.py (rule files merged in name order, the template's header and
# `extends: spectral:oas` on top), as build_italia NAME RULES_FOLDERS. The
# version in the header comment is 2.3, the release tag at that commit.
italia=italia/api-oas-checker-rules italia_commit=99568c9b0cb8e39ed1c9f5ee40eca90d3717d455
build_italia() {
  local name=$1 folders=$2 title=$3 repo src=$work/$1 dest=$out/$1
  repo=$(repo_of "$italia" "$italia_commit")
  mkdir -p "$src" && git -C "$repo" archive "$italia_commit" | tar -x -C "$src"
  (cd "$src" && RULES_FOLDERS=$folders RULESET_NAME=$title RULESET_VERSION=2.3 \
    RULESET_FILE_NAME=built.yml TEMPLATE_FILE=rules/rules-template.yml.template python3 builder.py)
  rm -rf "$dest" && mkdir -p "$dest"
  cp "$src/built.yml" "$dest/ruleset.yaml" && cp "$src/LICENSE" "$dest/"
  # The Makefile copies security/functions/* next to the built rulesets.
  [ "$folders" != security/ ] || cp -r "$src/security/functions" "$dest/functions"
  sources "$name" "$italia" "$italia_commit" "\`rulesets/$4\` as \`make $4\` builds it: \`builder.py\` over \`$folders\`$([ "$folders" != security/ ] || echo ', with `security/functions/` as `functions/`')" \
    "built here with python3 $(python3 -c 'import yaml; print("PyYAML", yaml.__version__)') (its requirements.txt pins PyYAML 6.0.1)"
}

take adidas adidas/api-guidelines 222b294d13872d55befbf61b3ee60998fcb9e57b adidas-spectral.yaml \
  supermodel/adidas/api/HAL.yaml supermodel/adidas/api/ProblemDetail.yaml
take azure Azure/azure-api-style-guide 4a8717dc4882e701a504106a85fc4afdba49522d spectral.yaml functions
take baloise baloise-incubator/spectral-ruleset 822598933c4f77637faf8835a0986033ffde2231 baloise.yml zalando.yml functions
take digitalocean digitalocean/openapi 7c1300c479fed9c353cda9fc21cd968619552304 .spectral.yml \
  spectral/ruleset.yml spectral/functions
build_italia italia rules/ "Italian Guidelines Full" spectral.yml
build_italia italia-security security/ "Extra Security Checks" spectral-security.yml
take logius-adr Logius-standaarden/API-Design-Rules 6edd13c7661879b1b7231e6e1929cfa6506c85bc media/linter.yaml
take apiaddicts apiaddicts/apiaddicts-style-guide-spectral e89bb32683cb0ccbe5ff69eecb37b4d214b3ad9e apq-spectral.yaml functions

# Spectral's own OpenAPI ruleset, every rule on: the version is the one
# pinned in package.json.
rm -rf "$out/spectral-oas" && mkdir -p "$out/spectral-oas"
echo 'extends: [[spectral:oas, all]]' >"$out/spectral-oas/ruleset.yaml"
{
  echo "# spectral-oas"
  echo
  echo "- Spectral's built-in \`spectral:oas\` with every rule on, as @stoplight/spectral-cli $(sed -n 's/.*"@stoplight\/spectral-cli": "\(.*\)".*/\1/p' "$here/package.json") ships it (scripts/spectral-diff/package.json)"
} >"$out/spectral-oas/SOURCES.md"

folders=("$out"/*/)
cat "$out"/*/SOURCES.md >"$out/SOURCES.md"
echo "wrote ${#folders[@]} rulesets to $out" >&2
