#!/bin/sh
# Installs the oaslint command line from a release, after checking its
# SHA-256 against the release's SHA256SUMS.
#
#   curl -fsSL https://raw.githubusercontent.com/oaslint/oaslint/v0.1.0/install.sh \
#     | OASLINT_VERSION=0.1.0 sh
#
# Environment (all optional):
#   OASLINT_VERSION       the release to install, e.g. 0.1.0 (a leading "v" is
#                         accepted); unset: the latest release
#   OASLINT_DOWNLOAD_URL  where the releases are; default
#                         https://github.com/oaslint/oaslint/releases (the
#                         project's home, as in Cargo.toml's `repository`).
#                         A mirror must keep the same layout:
#                         <URL>/download/v<VERSION>/<asset> and
#                         <URL>/latest/download/<asset>
#   OASLINT_INSTALL_DIR   where `oaslint` goes; default $HOME/.local/bin
#   OASLINT_SHA256        the expected SHA-256 of the archive, to pin it
#                         beyond what the release page says (optional)
#
# Assets (docs/release.md): oaslint-<VERSION>-<TARGET>.tar.gz with `oaslint`
# at its top level, and SHA256SUMS in `sha256sum` format. Nothing that was
# downloaded is unpacked, installed or run before its checksum matches; on a
# mismatch, or when SHA256SUMS has no entry for the archive, the script exits
# non-zero and the install folder is left as it was. Windows: install.ps1.
set -eu

default_url=https://github.com/oaslint/oaslint/releases
base_url=${OASLINT_DOWNLOAD_URL:-$default_url}
base_url=${base_url%/}
version=${OASLINT_VERSION:-}
version=${version#v}
install_dir=${OASLINT_INSTALL_DIR:-${HOME:?HOME is not set; set OASLINT_INSTALL_DIR}/.local/bin}

say() { printf 'oaslint install: %s\n' "$*" >&2; }
fail() {
  say "error: $*"
  exit 1
}

# The release target of this machine. Linux builds are static (musl), so
# they run on any distribution, glibc or not.
target() {
  os=$(uname -s)
  arch=$(uname -m)
  case "$arch" in
    x86_64 | amd64) arch=x86_64 ;;
    aarch64 | arm64) arch=aarch64 ;;
    *) fail "no release build for the processor $arch (build from source: cargo install oaslint-cli)" ;;
  esac
  case "$os" in
    Linux) echo "$arch-unknown-linux-musl" ;;
    Darwin) echo "$arch-apple-darwin" ;;
    MINGW* | MSYS* | CYGWIN* | Windows_NT) fail "on Windows use install.ps1 (PowerShell)" ;;
    *) fail "no release build for the system $os (build from source: cargo install oaslint-cli)" ;;
  esac
}

# download URL FILE: fails on an HTTP error instead of saving the error page.
download() {
  if command -v curl >/dev/null 2>&1; then
    curl --fail --silent --show-error --location --retry 3 --output "$2" "$1"
  elif command -v wget >/dev/null 2>&1; then
    wget --quiet --tries=3 --output-document="$2" "$1"
  else
    fail "neither curl nor wget is installed"
  fi
}

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | cut -d' ' -f1
  else
    fail "neither sha256sum nor shasum is installed: cannot verify the download"
  fi
}

target=$(target)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

if [ -n "$version" ]; then
  release_url="$base_url/download/v$version"
else
  release_url="$base_url/latest/download"
fi

say "downloading $release_url/SHA256SUMS"
download "$release_url/SHA256SUMS" "$tmp/SHA256SUMS" || fail "cannot download $release_url/SHA256SUMS"

# The archive's entry: "<64 hex digits>  <name>" (or " *<name>", binary mode).
# Without a version, the latest release's SHA256SUMS names the version.
if [ -n "$version" ]; then
  asset="oaslint-$version-$target.tar.gz"
  line=$(grep -E "^[0-9a-fA-F]{64} [ *]$asset\$" "$tmp/SHA256SUMS" || true)
else
  line=$(grep -E "^[0-9a-fA-F]{64} [ *]oaslint-[0-9A-Za-z.+-]+-$target\.tar\.gz\$" "$tmp/SHA256SUMS" || true)
fi
case "$line" in
  "") fail "SHA256SUMS of $release_url has no entry for ${asset:-the $target archive}: nothing installed" ;;
  *"
"*) fail "SHA256SUMS of $release_url has more than one entry for the $target archive: nothing installed" ;;
esac
expected=$(printf '%s\n' "$line" | cut -c1-64 | tr 'A-F' 'a-f')
asset=$(printf '%s\n' "$line" | cut -c67-)

say "downloading $release_url/$asset"
download "$release_url/$asset" "$tmp/$asset" || fail "cannot download $release_url/$asset"

actual=$(sha256 "$tmp/$asset")
if [ "$actual" != "$expected" ]; then
  fail "checksum mismatch for $asset: SHA256SUMS says $expected, the download is $actual: nothing installed"
fi
if [ -n "${OASLINT_SHA256:-}" ] && [ "$actual" != "$(printf '%s' "$OASLINT_SHA256" | tr 'A-F' 'a-f')" ]; then
  fail "checksum mismatch for $asset: OASLINT_SHA256 is $OASLINT_SHA256, the download is $actual: nothing installed"
fi
say "checksum verified ($actual)"

# Only the binary is taken from the (verified) archive.
mkdir "$tmp/unpacked"
tar -xzf "$tmp/$asset" -C "$tmp/unpacked" oaslint || fail "$asset has no oaslint at its top level: nothing installed"
[ -f "$tmp/unpacked/oaslint" ] || fail "oaslint in $asset is not a regular file: nothing installed"

mkdir -p "$install_dir"
# Copy next to the destination, then rename: a running or half-copied
# oaslint is never overwritten in place.
cp "$tmp/unpacked/oaslint" "$install_dir/.oaslint.$$"
chmod 755 "$install_dir/.oaslint.$$"
mv -f "$install_dir/.oaslint.$$" "$install_dir/oaslint"
say "installed $install_dir/oaslint (${asset%.tar.gz})"

case ":${PATH:-}:" in
  *":$install_dir:"*) ;;
  *) say "note: $install_dir is not on PATH; add it, e.g. export PATH=\"$install_dir:\$PATH\"" ;;
esac
