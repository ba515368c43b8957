#!/usr/bin/env bash
# What date recognition and the D rules cost per file, in instructions
# rather than seconds: runs the throughput example under callgrind with
# --toggle-collect on each function (inclusive of what it calls, so inlining
# does not hide any of it), over a folder of cables and over one of them,
# and prints (folder − one file) / (files − 1) per function, and the one-file
# figure (which holds the start-up: lazily built tables and regexes).
# A one-off cost the one file does not reach (a regex compiled on first use)
# lands in the per-file figure; to leave it out, pass a smaller folder as
# the second argument (e.g. /tmp/c2k /tmp/c500): the figure is then
# (folder − smaller folder) / (their difference in files).
# Recognition runs inside D001 (the first rule to ask for the dates), so
# D001's figure holds the scan and resolve figures.
# Prints figures; asserts nothing about speed.
#
# usage: tests/bench/dates_cost.sh [DIR [ONE_FILE_DIR]]   (default /tmp/c500 /tmp/c1,
#   made by: python3 tests/bench/gen_corpus.py DIR --files 500)
# needs: valgrind (Debian package `valgrind`)
set -euo pipefail

cd "$(dirname "$0")/../.."
# BIN=path runs an already built binary (e.g. a copy of an older build):
# the throughput example, or the CLI itself (a file named cablelint*), which
# is then run as `check --format json` on one thread without cache or config.
BIN="${BIN:-}"
DIR="${1:-/tmp/c500}"
ONE="${2:-/tmp/c1}"

if ! command -v valgrind > /dev/null; then
    echo "dates_cost.sh needs valgrind (apt-get install valgrind)" >&2
    exit 2
fi
if [ -z "$BIN" ]; then
    cargo build --release -p cablelint-core --example throughput >&2
    BIN=target/release/examples/throughput
fi

count_files() {
    find "$1" -type f \( -name '*.cable' -o -name '*.txt' \) | wc -l
}
files=$(count_files "$DIR")
one_files=$(count_files "$ONE")

case "$(basename "$BIN")" in
cablelint*) cli=1 ;;
*) cli=0 ;;
esac

instructions() {
    local args=("$2" --rounds 1)
    if [ "$cli" = 1 ]; then
        args=(check --no-config --no-cache --threads 1 --no-progress --format json --fail-on never "$2")
    fi
    valgrind --tool=callgrind --toggle-collect="$1" --callgrind-out-file=/dev/null \
        "$BIN" "${args[@]}" 2>&1 >/dev/null |
        awk '/refs:/ { gsub(",", "", $NF); print $NF }'
}

rule() {
    echo "<cablelint_core::rules::dates::$1 as cablelint_core::rules::Rule>::check"
}

printf '%-14s %12s %16s\n' "" "per file" "one file"
for entry in \
    "scan|cablelint_core::model::dates::scan::scan_document" \
    "resolve|cablelint_core::model::dates::resolve::resolve*" \
    "D001+recognise|$(rule d001_impossible_date::ImpossibleDate)" \
    "D002|$(rule d002_date_disagreement::DateDisagreement)" \
    "D003|$(rule d003_stamps_out_of_order::StampsOutOfOrder)" \
    "D004|$(rule d004_relative_day_after_date::RelativeDayAfterDate)" \
    "D005|$(rule d005_mixed_numeric_order::MixedNumericOrder)" \
    "D006|$(rule d006_missing_year::MissingYear)" \
    "lint::check|cablelint_core::lint::check"; do
    name="${entry%%|*}"
    function="${entry#*|}"
    many=$(instructions "$function" "$DIR")
    one=$(instructions "$function" "$ONE")
    printf '%-14s %12d %16d\n' "$name" $(((many - one) / (files - one_files))) "$one"
done
