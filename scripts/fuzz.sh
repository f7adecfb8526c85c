#!/usr/bin/env bash
# Builds and runs the coverage-guided fuzz targets in fuzz/ (libFuzzer
# through the libfuzzer-sys crate) with the stable toolchain: no nightly, no
# cargo-fuzz. docs/fuzzing.md explains the targets and how to run a long
# campaign; docs/decisions.md why it is done this way.
#
#   scripts/fuzz.sh build                      build every target
#   scripts/fuzz.sh list                       print the target names
#   scripts/fuzz.sh run TARGET [SECONDS] [-- LIBFUZZER_ARGS...]
#                                              fuzz one target (default 600 s;
#                                              0 = until stopped or a crash)
#   scripts/fuzz.sh smoke [SECONDS]            build, then fuzz every target
#                                              for SECONDS (default 10) each
#                                              from its seeds; what test.sh
#                                              runs
#   scripts/fuzz.sh repro TARGET FILE...       run saved inputs once each
#   scripts/fuzz.sh minimize TARGET FILE       shrink a crashing input
#   scripts/fuzz.sh cmin TARGET                shrink the working corpus to
#                                              the inputs that add coverage
#
# Environment: FUZZ_JOBS=N runs N fuzzing processes (libFuzzer -fork=N) in
# `run`; FUZZ_MAX_LEN caps the input size (default 65536 in `run`);
# FUZZ_SKIP_BUILD=1 uses the targets as last built.
#
# Layout: fuzz/corpus/TARGET holds the committed seeds (never written to);
# inputs that `run` finds go to fuzz/target/corpus/TARGET (those of `smoke`
# to fuzz/target/smoke/TARGET) and crashes to fuzz/artifacts/TARGET (all
# ignored by git). Exit status: 0 when no target
# crashed, 1 when one did (its input and stack are printed), 2 on misuse.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

# SanitizerCoverage through stable codegen options, as cargo-fuzz passes
# them: edge counters for libFuzzer's feedback, a PC table for its coverage
# report, comparison tracing so it can solve `==` against constants.
# `--cfg fuzzing` is the conventional flag for fuzz-only code paths.
# Overflow and debug assertions stay on (the release profile sets them).
# No AddressSanitizer: it needs nightly's -Zsanitizer; the code is safe
# Rust, so a memory error would be a bug in a dependency's unsafe code.
export RUSTFLAGS="-Cpasses=sancov-module \
-Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
-Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares \
--cfg fuzzing"
# Its own target directory whatever the caller's environment says: these
# flags would otherwise rebuild the main workspace's artifacts.
export CARGO_TARGET_DIR="$PWD/target"
# An explicit --target keeps RUSTFLAGS away from build scripts and proc
# macros, which need no instrumentation.
HOST=$(rustc -vV | sed -n 's/^host: //p')
BIN_DIR="$CARGO_TARGET_DIR/$HOST/release"

targets() {
    sed -n 's/^name = "\(.*\)"$/\1/p' Cargo.toml | grep -v '^oaslint-fuzz$'
}

build() {
    [[ -z ${FUZZ_SKIP_BUILD:-} ]] || return 0
    if ! command -v c++ >/dev/null; then
        echo "fuzz.sh: libfuzzer-sys compiles libFuzzer with a C++ compiler (apt-get install g++)" >&2
        exit 2
    fi
    # Not --locked: fuzz/Cargo.lock pins every crate it lists, but when a
    # crate of the main workspace gains a dependency, cargo must add it here
    # too (commit the updated fuzz/Cargo.lock with such a change).
    cargo build --release --target "$HOST" --bins
}

check_target() {
    if ! targets | grep -qx "$1"; then
        echo "fuzz.sh: no target '$1'; targets: $(targets | tr '\n' ' ')" >&2
        exit 2
    fi
}

# libFuzzer options of every run: a hung input fails after 10 s, a memory
# blow-up at 2 GiB; the dictionary, when the target has one.
common_args() {
    local target=$1
    printf '%s\n' -timeout=10 -rss_limit_mb=2048 "-artifact_prefix=artifacts/$target/"
    if [[ -f dict/$target.dict ]]; then
        printf '%s\n' "-dict=dict/$target.dict"
    fi
}

# Runs TARGET for SECONDS, writing new inputs to the directory WORK, on
# WORK's inputs and the seeds; extra arguments go to libFuzzer. Returns
# libFuzzer's status.
fuzz_target() {
    local target=$1 seconds=$2 work=$3
    shift 3
    mkdir -p "$work" "artifacts/$target" "corpus/$target"
    local args
    mapfile -t args < <(common_args "$target")
    # The working corpus comes first: libFuzzer writes new inputs there,
    # so the committed seeds stay as they are.
    "$BIN_DIR/$target" "${args[@]}" -max_total_time="$seconds" -print_final_stats=1 \
        "$@" "$work" "corpus/$target"
}

command=${1:-}
[[ $# -gt 0 ]] && shift
case $command in
build)
    build
    ;;
list)
    targets
    ;;
run)
    target=${1:?usage: fuzz.sh run TARGET [SECONDS] [-- LIBFUZZER_ARGS...]}
    check_target "$target"
    seconds=${2:-600}
    shift $(($# >= 2 ? 2 : 1))
    [[ ${1:-} == -- ]] && shift
    build
    extra=(-max_len="${FUZZ_MAX_LEN:-65536}")
    if [[ -n ${FUZZ_JOBS:-} ]]; then
        extra+=(-fork="$FUZZ_JOBS" -ignore_crashes=1)
    fi
    fuzz_target "$target" "$seconds" "target/corpus/$target" "${extra[@]}" "$@"
    ;;
smoke)
    seconds=${1:-10}
    started=$SECONDS
    build
    echo "fuzz: built in $((SECONDS - started)) s"
    mkdir -p target/logs
    failed=()
    for target in $(targets); do
        log=target/logs/$target.log
        # From the seeds only, into a scratch directory: a grown working
        # corpus would take longer to replay than the time box.
        rm -rf "target/smoke/$target"
        if fuzz_target "$target" "$seconds" "target/smoke/$target" >"$log" 2>&1; then
            stats=$(grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added):' "$log" |
                sed 's/^stat:://' | tr -s ' \n' ' ')
            echo "fuzz: $target ok: $stats"
        else
            failed+=("$target")
            echo "fuzz: $target FAILED; the end of $PWD/$log:"
            # The panic message, the stack and libFuzzer's crash report.
            grep -v -e '^#[0-9]' -e '^INFO:' -e '^WARNING:' "$log" | tail -60
            echo "fuzz: reproduce with: scripts/fuzz.sh repro $target fuzz/$(
                sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)"
        fi
    done
    echo "fuzz: ${#failed[@]} of $(targets | wc -l) targets failed in $((SECONDS - started)) s"
    [[ ${#failed[@]} -eq 0 ]] || exit 1
    ;;
repro)
    target=${1:?usage: fuzz.sh repro TARGET FILE...}
    check_target "$target"
    shift
    [[ $# -gt 0 ]] || { echo "fuzz.sh: repro needs input files" >&2; exit 2; }
    build
    files=()
    for f in "$@"; do files+=("$(cd "$OLDPWD" && realpath "$f")"); done
    RUST_BACKTRACE=1 "$BIN_DIR/$target" -timeout=10 -rss_limit_mb=2048 "${files[@]}"
    ;;
minimize)
    target=${1:?usage: fuzz.sh minimize TARGET FILE}
    check_target "$target"
    file=$(cd "$OLDPWD" && realpath "${2:?usage: fuzz.sh minimize TARGET FILE}")
    build
    mkdir -p "artifacts/$target"
    "$BIN_DIR/$target" -minimize_crash=1 -max_total_time=60 -timeout=10 \
        "-exact_artifact_path=artifacts/$target/minimized" "$file"
    echo "fuzz: smallest crashing input: fuzz/artifacts/$target/minimized"
    ;;
cmin)
    target=${1:?usage: fuzz.sh cmin TARGET}
    check_target "$target"
    build
    mkdir -p "target/corpus/$target" "target/corpus/$target.min"
    "$BIN_DIR/$target" -merge=1 -timeout=10 -rss_limit_mb=2048 \
        "target/corpus/$target.min" "target/corpus/$target" "corpus/$target"
    rm -rf "target/corpus/$target"
    mv "target/corpus/$target.min" "target/corpus/$target"
    echo "fuzz: working corpus now $(find "target/corpus/$target" -type f | wc -l) files"
    ;;
*)
    sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
