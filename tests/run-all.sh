#!/usr/bin/env bash
# Runs every test of the project: the Rust workspace (unit, data-driven, corpus,
# CLI and LSP tests), then the cross-component suites under tests/.
# Installs what it needs first (idempotent), so it works on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

bash tests/install-deps.sh

echo "== cargo test (workspace)"
cargo test --workspace --locked 2>&1

for suite in tests/suites/*.sh; do
  [ -e "$suite" ] || continue
  echo "== $suite"
  bash "$suite"
done
