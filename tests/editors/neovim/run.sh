#!/usr/bin/env bash
# Neovim 0.7 (Debian's `neovim` package) drives `cablelint lsp --stdio`:
# diagnostics, a quick fix, and the exact buffer text after it.
#   tests/editors/neovim/run.sh [path/to/cablelint]
# Without an argument it builds and uses target/debug/cablelint.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
if [ $# -ge 1 ]; then
  bin=$(realpath "$1")
else
  (cd "$repo" && cargo build --quiet -p cablelint)
  bin="$repo/target/debug/cablelint"
fi
command -v nvim >/dev/null || { echo "nvim not found: apt-get install neovim" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
run() { # input expected
  cp "$1" test.cable
  # A fresh HOME/XDG so no user configuration or swap file takes part.
  HOME="$work" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state" \
  CABLELINT_BIN="$bin" EXPECTED="$2" \
    timeout 120 nvim --headless --clean -n -c "luafile $here/test.lua" test.cable
}
run "$here/input.cable" "$here/expected.cable"
# The same with CRLF line ends (Neovim then sends "\r\n" to the server).
sed 's/$/\r/' "$here/input.cable" > input-crlf.cable
sed 's/$/\r/' "$here/expected.cable" > expected-crlf.cable
run input-crlf.cable "$work/expected-crlf.cable"
