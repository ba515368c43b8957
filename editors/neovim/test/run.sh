#!/usr/bin/env bash
# Tests editors/neovim/cablelint.lua in Neovim (Debian's 0.7, headless): the
# server is found on PATH as a user would have it.
#   editors/neovim/test/run.sh [path/to/cablelint]   (default: $CABLELINT_BIN, else target/debug/cablelint)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
bin=$(realpath "${1:-${CABLELINT_BIN:-$repo/target/debug/cablelint}}")
[ -x "$bin" ] || { echo "no cablelint binary at $bin (build it or set CABLELINT_BIN)" >&2; exit 1; }
command -v nvim >/dev/null || { echo "nvim not found: apt-get install neovim" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/project"
ln -s "$bin" "$work/bin/cablelint"
for ending in lf crlf; do
  if [ $ending = crlf ]; then
    sed 's/$/\r/' "$here/input.cable" > "$work/project/test.cable"
    sed 's/$/\r/' "$here/expected.cable" > "$work/expected.cable"
  else
    cp "$here/input.cable" "$work/project/test.cable"
    cp "$here/expected.cable" "$work/expected.cable"
  fi
  (cd "$work/project" &&
    PATH="$work/bin:$PATH" HOME="$work" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state" \
    TEST_DIR="$here" CABLE="$work/project/test.cable" EXPECTED="$work/expected.cable" \
    timeout 120 nvim --headless --clean -n -c "luafile $here/test.lua")
  echo "  ($ending line endings)"
done
