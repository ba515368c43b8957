#!/usr/bin/env bash
# What the O rules (officials) cost `cablelint check`, in instructions rather
# than seconds (the figure does not move when the machine is busy): runs the
# officials_cost example under valgrind three times — set-up only, all rules
# but O, all rules — and prints the slowdown the O rules cause:
#   (with − without) / (without − set-up).
# Prints figures; asserts nothing about speed.
#
# usage: tests/bench/officials_cost.sh [--registry builtin|synthetic:N|FILE] [--megabytes M] [DIR...]
#   (options as for the example; --megabytes defaults to 2 here, as valgrind is slow)
# needs: valgrind (Debian package `valgrind`)
set -euo pipefail

cd "$(dirname "$0")/../.."
# BIN=path runs an already built binary (e.g. a copy of an older build).
BIN="${BIN:-}"

if ! command -v valgrind > /dev/null; then
    echo "officials_cost.sh needs valgrind (apt-get install valgrind)" >&2
    exit 2
fi
if [ -z "$BIN" ]; then
    cargo build --release -p cablelint-core --example officials_cost >&2
    BIN=target/release/examples/officials_cost
fi

instructions() {
    valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
        "$BIN" --megabytes 2 "$@" 2>&1 >/dev/null |
        awk '/I *refs:/ { gsub(",", "", $NF); print $NF }'
}

"$BIN" --megabytes 2 --rules none "$@" | sed 's/^/  /'
setup=$(instructions "$@" --rules none)
without=$(instructions "$@" --rules without)
with=$(instructions "$@" --rules with)
awk -v s="$setup" -v wo="$without" -v w="$with" 'BEGIN {
    printf "set-up:          %15.0f instructions\n", s
    printf "without O rules: %15.0f instructions (%.0f for linting)\n", wo, wo - s
    printf "with O rules:    %15.0f instructions (%.0f for linting)\n", w, w - s
    printf "O rules cost:    %.1f%% of linting without them\n", (w - wo) * 100 / (wo - s)
}'
