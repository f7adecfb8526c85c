#!/usr/bin/env bash
# Installs the pinned Spectral CLI (package.json, package-lock.json: npm ci)
# into target/spectral-diff/<hash of the lock file>, once; prints that
# folder. Needs Node.js and npm (installed with apt-get when missing).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/scripts/retry.sh"
if ! command -v npm >/dev/null; then
  { apt-get update -qq && apt-get install -y -qq nodejs npm; } >&2
fi
hash=$(sha256sum "$here/package-lock.json" | cut -c1-16)
prefix=$root/target/spectral-diff/$hash
if [ ! -x "$prefix/node_modules/.bin/spectral" ]; then
  rm -rf "$prefix"
  mkdir -p "$prefix"
  cp "$here/package.json" "$here/package-lock.json" "$prefix/"
  (cd "$prefix" && retry npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) >&2
fi
echo "$prefix"
