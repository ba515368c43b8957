#!/usr/bin/env bash
# Installs what the test suites need, skipping what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v cargo >/dev/null || { echo "cargo is required (rustup toolchain)" >&2; exit 2; }
