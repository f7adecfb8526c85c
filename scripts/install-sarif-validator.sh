#!/usr/bin/env bash
# Installs the validators that tests/pipeline.rs runs on oaslint's output:
#
# - Microsoft's SARIF validator (npm @microsoft/sarif-multitool; its Linux
#   package ships a self-contained binary that runs offline) into
#   target/sarif-validator/ (ignored by git; `cargo clean` removes it, and
#   running this again puts it back);
# - xmllint (Debian libxml2-utils) for the JUnit XML schema check.
#
# Idempotent: what is already there is not installed again. Exits non-zero
# when something cannot be installed, so a CI run cannot skip the checks
# silently (tests/pipeline.rs also fails when CI is set and a tool is
# missing).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/retry.sh

MULTITOOL_VERSION=5.7.0
dir=target/sarif-validator
bin=$dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool

installed_version() {
    node -p "require('./$dir/node_modules/@microsoft/sarif-multitool-linux/package.json').version" 2>/dev/null || true
}

if [[ -f $bin && $(installed_version) == "$MULTITOOL_VERSION" ]]; then
    echo "sarif-multitool $MULTITOOL_VERSION: already installed"
else
    if ! command -v npm >/dev/null; then
        echo "install-sarif-validator: npm is needed to install @microsoft/sarif-multitool" >&2
        exit 1
    fi
    mkdir -p "$dir"
    # A package.json of its own, so npm installs here and not in a parent.
    [[ -f $dir/package.json ]] || echo '{"name": "oaslint-sarif-validator", "private": true}' >"$dir/package.json"
    retry npm install --prefix "$dir" --no-audit --no-fund --loglevel=error \
        "@microsoft/sarif-multitool@$MULTITOOL_VERSION" \
        "@microsoft/sarif-multitool-linux@$MULTITOOL_VERSION"
    echo "sarif-multitool $MULTITOOL_VERSION: installed in $dir"
fi
# npm does not run the package's postinstall (`chmod u+x Sarif.Multitool`).
chmod u+x "$bin"

if command -v xmllint >/dev/null; then
    echo "xmllint: already installed"
elif command -v apt-get >/dev/null; then
    sudo=""
    [[ $(id -u) == 0 ]] || sudo="sudo"
    if ! $sudo apt-get install -y -qq libxml2-utils >/dev/null 2>&1; then
        $sudo apt-get update -qq
        $sudo apt-get install -y -qq libxml2-utils >/dev/null
    fi
    echo "xmllint: installed (libxml2-utils)"
else
    echo "install-sarif-validator: xmllint is missing and apt-get is not available; install libxml2 (xmllint)" >&2
    exit 1
fi
