#!/usr/bin/env bash
# What `Document::parse` and the rules other than dates and officials cost per
# byte, in instructions rather than seconds (the figure does not move when the
# machine is busy): runs the throughput example under callgrind over DIR and
# over DIR's first file alone (start-up and one-off costs), with the D and O
# rules off, and prints the difference for parsing, for `lint_with` (rules,
# diagnostics, suppression) and for the whole run.
# Prints figures; asserts nothing about speed.
#
# usage: tests/bench/parse_cost.sh [DIR]   (default /tmp/c500; make one with
#   python3 tests/bench/gen_corpus.py /tmp/c500 --files 500)
# needs: valgrind (Debian package `valgrind`), for callgrind and callgrind_annotate
set -euo pipefail

cd "$(dirname "$0")/../.."
# BIN=path runs an already built binary (e.g. a copy of an older build).
BIN="${BIN:-}"
DIR="${1:-/tmp/c500}"

if ! command -v valgrind > /dev/null; then
    echo "parse_cost.sh needs valgrind (apt-get install valgrind)" >&2
    exit 2
fi
if [ -z "$BIN" ]; then
    cargo build --release -p cablelint-core --example throughput >&2
    BIN=target/release/examples/throughput
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/one"
first=$(find "$DIR" -type f \( -name '*.cable' -o -name '*.txt' \) | sort | awk 'NR == 1')
if [ -z "$first" ]; then
    echo "no .cable or .txt file in $DIR" >&2
    exit 2
fi
cp "$first" "$work/one/"
bytes=$(find "$DIR" -type f \( -name '*.cable' -o -name '*.txt' \) -exec cat {} + | wc -c)
one_bytes=$(wc -c < "$first")

# Instructions of the whole run, or only inside one function (with
# --toggle-collect, which counts a function exactly however the compiler split
# its inlined parts across source files; the inclusive entries of
# callgrind_annotate move between builds).
instructions() { # NAME DIR [FUNCTION]
    local collect=()
    [ -n "${3:-}" ] && collect=(--toggle-collect="$3")
    valgrind --tool=callgrind "${collect[@]}" --callgrind-out-file="$work/$1.out" \
        "$BIN" "$2" --rounds 1 --ignore D,O > /dev/null 2>&1
    callgrind_annotate "$work/$1.out" 2> /dev/null |
        awk '/PROGRAM TOTALS/ { n = $1; gsub(",", "", n); print n + 0 }'
}

profile() { # NAME DIR
    echo "$(instructions "$1" "$2") \
$(instructions "$1-parse" "$2" 'cablelint_core::model::Document::parse') \
$(instructions "$1-lint" "$2" 'cablelint_core::lint::lint_with')"
}

read -r all_total all_parse all_lint < <(profile all "$DIR")
read -r one_total one_parse one_lint < <(profile one "$work/one")
awk -v b="$((bytes - one_bytes))" \
    -v t="$((all_total - one_total))" -v p="$((all_parse - one_parse))" -v l="$((all_lint - one_lint))" 'BEGIN {
    printf "bytes past the first file: %d\n", b
    printf "Document::parse: %13d instructions  %6.1f per byte\n", p, p / b
    printf "lint_with (no D, O): %9d instructions  %6.1f per byte\n", l, l / b
    printf "whole run:       %13d instructions  %6.1f per byte\n", t, t / b
    print "(one-off costs met past the first file, such as compiling another profile'\''s patterns, are included)"
}'
