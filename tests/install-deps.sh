#!/usr/bin/env bash
# Installs what the test suites need, skipping what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v cargo >/dev/null || { echo "cargo is required (rustup toolchain)" >&2; exit 2; }

# The CLI links jemalloc on x86-64 Linux (tikv-jemalloc-sys builds it from
# source with cc and make).
missing=()
command -v cc >/dev/null || missing+=(gcc libc6-dev)
command -v make >/dev/null || missing+=(make)
if [ ${#missing[@]} -gt 0 ]; then
    echo "== apt-get install ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
