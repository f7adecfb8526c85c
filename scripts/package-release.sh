#!/usr/bin/env bash
# Packs one release build into its release asset (docs/release.md):
#   oaslint-<VERSION>-<TARGET>.tar.gz  (Linux, macOS: oaslint at the top level)
#   oaslint-<VERSION>-<TARGET>.zip     (Windows: oaslint.exe at the top level)
# each with README.md, CHANGELOG.md (when present) and the LICENSE files.
# Used by .github/workflows/release.yml and .azure/release-pipeline.yml, so
# that both publish the same files.
#
#   scripts/package-release.sh TARGET VERSION OUT_DIR [BINARY]
#
# BINARY defaults to target/TARGET/release/oaslint(.exe). Prints the
# archive's path.
set -euo pipefail
cd "$(dirname "$0")/.."

target=${1:?usage: package-release.sh TARGET VERSION OUT_DIR [BINARY]}
version=${2:?VERSION, without the leading v}
out_dir=${3:?OUT_DIR}
case "$target" in
  *-windows-*) exe=oaslint.exe ;;
  *) exe=oaslint ;;
esac
binary=${4:-target/$target/release/$exe}
[ -f "$binary" ] || { echo "no build at $binary" >&2; exit 1; }

shopt -s nullglob
licences=(LICENSE*)
if [ ${#licences[@]} -eq 0 ]; then
  echo "no LICENSE file at the repository root: a release carries its licence texts" >&2
  exit 1
fi
extras=(README.md "${licences[@]}")
if [ -f CHANGELOG.md ]; then extras+=(CHANGELOG.md); fi

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
cp "$binary" "$staging/$exe"
chmod 755 "$staging/$exe"
cp "${extras[@]}" "$staging/"

mkdir -p "$out_dir"
out_dir=$(cd "$out_dir" && pwd)
name="oaslint-$version-$target"
case "$target" in
  *-windows-*)
    archive="$out_dir/$name.zip"
    rm -f "$archive"
    # 7-Zip is on GitHub's and Azure's Windows images; zip elsewhere.
    if command -v 7z >/dev/null; then
      (cd "$staging" && 7z a -tzip -bso0 "$archive" ./*)
    else
      (cd "$staging" && zip -q -X "$archive" ./*)
    fi
    ;;
  *)
    archive="$out_dir/$name.tar.gz"
    # Files at the top level, owned by root, in a fixed order (GNU tar on
    # Linux, bsdtar on macOS spell the owner options differently).
    if tar --version 2>/dev/null | grep -q 'GNU tar'; then
      owner=(--owner=0 --group=0 --numeric-owner)
    else
      owner=(--uid 0 --gid 0)
    fi
    tar -C "$staging" "${owner[@]}" -czf "$archive" "$exe" "${extras[@]##*/}"
    ;;
esac
echo "$archive"
