#!/usr/bin/env bash
# Proves that the Linux release build needs nothing from the machine: builds
# oaslint for x86_64-unknown-linux-musl, checks that it is statically linked
# (no program interpreter, no shared libraries), then runs it alone in an
# otherwise empty directory tree (chroot as root, else an unprivileged user
# namespace) on specs copied into that tree, and requires its JSON reports,
# exit codes and standard error to equal, byte for byte, those of the host
# build (OASLINT_BIN, default target/debug/oaslint) run on the same files.
#
#   scripts/test-static-binary.sh                               # CI
#   OASLINT_STATIC_PROFILE=release scripts/test-static-binary.sh # the release build itself
#
# CI builds the profile `static-check`, defined here: dev without
# optimisation or debug info. It links exactly as the release build does
# (same target, same static musl C library and start files, same linker);
# only code generation is cheaper (measurements in docs/release.md).
#
# Installs what a fresh Debian machine lacks: the rustup target, binutils
# (readelf), and Debian's musl-tools: the embedded JavaScript engine
# (QuickJS, crates/oaslint-script) is C, compiled for musl by musl-gcc. The
# Rust target ships musl's C library and start files, linked by cc.
set -euo pipefail
cd "$(dirname "$0")/.."

target=x86_64-unknown-linux-musl
profile=${OASLINT_STATIC_PROFILE:-static-check}
target_dir=${CARGO_TARGET_DIR:-target}
profile_config=()
case "$profile" in
  static-check)
    profile_config=(
      --config 'profile.static-check.inherits="dev"'
      --config 'profile.static-check.opt-level=0'
      --config 'profile.static-check.debug=false'
      --config 'profile.static-check.package."*".opt-level=0'
    )
    ;;
  dev) profile=dev ;;
  release) ;;
  *) echo "OASLINT_STATIC_PROFILE is static-check, dev or release, not $profile" >&2; exit 2 ;;
esac
out_dir=$profile
if [ "$profile" = dev ]; then out_dir=debug; fi

rustup target add "$target" >/dev/null
command -v readelf >/dev/null || { apt-get update -qq && apt-get install -y -qq binutils >/dev/null; }
command -v musl-gcc >/dev/null || { apt-get update -qq && apt-get install -y -qq musl-tools >/dev/null; }
export CC_x86_64_unknown_linux_musl=musl-gcc

# The host build to compare with: OASLINT_BIN (test.sh passes the CLI
# that `cargo test` built), else target/debug/oaslint, built here.
if [ -n "${OASLINT_BIN:-}" ]; then
  host=$(cd "$(dirname "$OASLINT_BIN")" && pwd)/$(basename "$OASLINT_BIN")
else
  cargo build -p oaslint-cli --locked
  host=$(cd "$target_dir" && pwd)/debug/oaslint
fi

start=$(date +%s)
cargo build -p oaslint-cli --locked --target "$target" --profile "$profile" "${profile_config[@]}"
echo "static build ($profile): $(($(date +%s) - start)) s"
static=$(cd "$target_dir" && pwd)/$target/$out_dir/oaslint

# Static: no PT_INTERP (no dynamic loader) and no DT_NEEDED (no shared
# library). A static-pie binary has a dynamic section for its own
# relocations only.
if readelf -lW "$static" | grep -q 'INTERP'; then
  echo "FAIL: $static asks for a program interpreter:" >&2
  readelf -lW "$static" | grep -A1 INTERP >&2
  exit 1
fi
if readelf -dW "$static" | grep -q '(NEEDED)'; then
  echo "FAIL: $static needs shared libraries:" >&2
  readelf -dW "$static" | grep '(NEEDED)' >&2
  exit 1
fi
echo "static: no program interpreter, no shared libraries"

# The tree: the binary and the specs, nothing else (no /lib, /etc, /dev,
# /proc, /tmp). Both builds run with the tree's root as their working
# directory and the same relative file names, so their reports are equal.
tree=$(mktemp -d)
out=$(mktemp -d)
trap 'rm -rf "$tree" "$out"' EXIT
mkdir "$tree/bin"
cp "$static" "$tree/bin/oaslint"
cp -R tests/fixtures/specs "$tree/specs"

# Runs /bin/oaslint ARGS with $tree as the root directory and "/" as the
# working directory, with an empty environment: chroot as root, else an
# unprivileged user namespace.
# (env -i empties PATH too: the tools are named by their full path.)
chroot=$(command -v chroot || true)
unshare=$(command -v unshare || true)
if [ "$(id -u)" = 0 ] && [ -n "$chroot" ] && env -i "$chroot" "$tree" /bin/oaslint --version >/dev/null 2>&1; then
  how=chroot
  alone() { env -i "$chroot" "$tree" /bin/oaslint "$@"; }
elif [ -n "$unshare" ] && env -i "$unshare" --user --map-root-user --root="$tree" --wd=/ /bin/oaslint --version >/dev/null 2>&1; then
  how="unshare --user --root"
  alone() { env -i "$unshare" --user --map-root-user --root="$tree" --wd=/ /bin/oaslint "$@"; }
else
  echo "FAIL: cannot change the root directory here (neither chroot as root nor unprivileged user namespaces)" >&2
  exit 1
fi
echo "running $static alone in an empty tree via $how"

# compare NAME ARGS: the same exit code, standard output and standard error,
# byte for byte.
compare() {
  local name=$1 alone_code=0 host_code=0
  shift
  alone "$@" >"$out/alone.out" 2>"$out/alone.err" || alone_code=$?
  (cd "$tree" && env -i "$host" "$@") >"$out/host.out" 2>"$out/host.err" || host_code=$?
  if [ "$alone_code" != "$host_code" ]; then
    echo "FAIL ($name): exit code $alone_code alone, $host_code from the host build" >&2
    cat "$out/alone.err" >&2
    exit 1
  fi
  for stream in out err; do
    if ! cmp -s "$out/alone.$stream" "$out/host.$stream"; then
      echo "FAIL ($name): std$stream of the static build differs from the host build's:" >&2
      diff "$out/host.$stream" "$out/alone.$stream" | head -20 >&2
      exit 1
    fi
  done
  echo "ok ($name): exit code $alone_code, $(wc -c <"$out/alone.out") bytes of output identical to the host build's"
}

# Findings in the spec and in the files its $refs pull in (exit 1), a
# clean spec, and the built-in ruleset's rules.
compare "lint, JSON report" lint --format json specs/pets-api.yaml specs/pets-api.json specs/clean.yaml
# Not an empty agreement: the report has findings in a $ref'd file.
grep -q '"file": *"specs/schemas/pet.yaml"' "$out/alone.out" || { echo "FAIL: no finding in specs/schemas/pet.yaml" >&2; exit 1; }
compare "lint, clean spec" lint --format json specs/clean.yaml
compare "rules" rules --format json
