#!/usr/bin/env bash
# Checks that every `include_str!`/`include_bytes!` of a crate names a file
# inside that crate and that `cargo package` ships it: a path that climbs out
# of the crate builds in this repository but not from the packaged crate.
# (The built-in rulesets reach the engine through the symbolic link
# crates/oaslint/rulesets/zalando -> ../../../rulesets/zalando; cargo
# packages the files it points at.)
#
# Also checks the crates published to crates.io (oaslint, oaslint-cli):
# `cargo package --list` gives no warning (cargo warns when the manifest
# lacks crates.io metadata) and the package holds the crate's README.md and
# the licence texts (symbolic links to the top-level LICENSE-MIT and
# LICENSE-APACHE). Building the packaged crates from their own files takes
# a build of its own (minutes): scripts/check-package.sh, for releases.
set -euo pipefail
cd "$(dirname "$0")/.."

failed=0
declare -A listing
for file in $(grep -rlE 'include_(str|bytes)!' crates/*/src); do
  crate=$(cut -d/ -f1-2 <<<"$file")
  dir=$(dirname "$file")
  if [ -z "${listing[$crate]+set}" ]; then
    package=$(sed -n 's/^name = "\(.*\)"$/\1/p' "$crate/Cargo.toml" | head -1)
    listing[$crate]=$(cargo package --list --locked --allow-dirty -p "$package" 2>/dev/null)
  fi
  # The first string literal of each include (a `concat!` prefix included).
  while read -r relative; do
    # -s: a symbolic link inside the crate counts as inside the crate.
    target=$(realpath -m -s --relative-to=. "$dir/$relative")
    case "$target/" in
      "$crate"/*) ;;
      *) echo "$file: include of \"$relative\" leaves $crate" >&2; failed=1; continue ;;
    esac
    # A `concat!` prefix is a folder: at least one packaged file is in it.
    inside=${target#"$crate"/}
    if ! awk -v f="$inside" '$0 == f || index($0, f "/") == 1 { found = 1 } END { exit !found }' \
      <<<"${listing[$crate]}"; then
      echo "$file: \"$relative\" is not in the package of $crate (cargo package --list)" >&2
      failed=1
    fi
  done < <(grep -oE 'include_(str|bytes)!\((concat!\()?"[^"]*"' "$file" | sed -E 's/.*"([^"]*)"$/\1/')
done

for package in oaslint oaslint-cli; do
  warnings=$(cargo package --list --locked --allow-dirty -p "$package" 2>&1 >/dev/null | grep -i 'warning' || true)
  if [ -n "$warnings" ]; then
    echo "cargo package -p $package: $warnings" >&2
    failed=1
  fi
  packaged=$(cargo package --list --locked --allow-dirty -p "$package" 2>/dev/null)
  for file in README.md LICENSE-MIT LICENSE-APACHE; do
    if ! grep -qx "$file" <<<"$packaged"; then
      echo "cargo package -p $package: no $file in the package" >&2
      failed=1
    fi
  done
done

[ "$failed" = 0 ] && echo "includes stay inside their crates and are packaged; published crates package without warnings"
exit "$failed"
