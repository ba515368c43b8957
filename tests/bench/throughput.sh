#!/usr/bin/env bash
# Throughput and peak memory of `cablelint check` over a generated corpus of
# cable-like files (20,000 files, about 3 KB each, from a fixed seed), without
# the result cache, then with it: a cold run that fills a fresh cache and a
# warm second run that reads every result from it.
# Prints figures; asserts nothing about speed.
#
# usage: tests/bench/throughput.sh [FILES]
# needs: python3, GNU time (/usr/bin/time; Debian package `time`)
set -euo pipefail

cd "$(dirname "$0")/../.."
FILES="${1:-20000}"
OUT=tests/bench/out
CORPUS="$OUT/corpus-$FILES"
BIN=target/release/cablelint

if [ ! -x /usr/bin/time ]; then
    echo "throughput.sh needs GNU time at /usr/bin/time (apt-get install time)" >&2
    exit 2
fi

cargo build --release -p cablelint >&2
if [ ! -d "$CORPUS" ]; then
    python3 tests/bench/gen_corpus.py "$CORPUS" --files "$FILES" >&2
fi
BYTES=$(find "$CORPUS" -name '*.cable' -printf '%s\n' | awk '{ s += $1 } END { print s }')
COUNT=$(find "$CORPUS" -name '*.cable' | wc -l)
CORES=$(nproc)
echo "corpus: $COUNT files, $BYTES bytes ($(awk "BEGIN { printf \"%.1f\", $BYTES / 1e6 }") MB), $CORES cores"

measure() {
    local label="$1"
    shift
    local log="$OUT/time-$label.txt"
    local status=0
    # Exit status 1 only means findings were reported.
    /usr/bin/time -v "$BIN" "$@" > "$OUT/report-$label.txt" 2> "$log" || status=$?
    if [ "$status" -gt 1 ]; then
        echo "cablelint failed ($status):" >&2
        cat "$log" >&2
        exit 1
    fi
    local seconds rss
    seconds=$(grep 'Elapsed (wall clock)' "$log" | awk -F': ' '{ print $2 }' |
        awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
    rss=$(grep 'Maximum resident set size' "$log" | awk -F': ' '{ print $2 }')
    awk -v label="$label" -v s="$seconds" -v b="$BYTES" -v n="$COUNT" -v rss="$rss" 'BEGIN {
        printf "%-30s %7.2f s  %7.1f MB/s  %8.0f files/s  peak RSS %6.1f MB\n",
            label, s, b / 1e6 / s, n / s, rss / 1024
    }'
}

mkdir -p "$OUT"
measure "json, 1 thread" check --no-config --no-cache --threads 1 --format json "$CORPUS"
measure "json, $CORES threads" check --no-config --no-cache --format json "$CORPUS"
measure "human, $CORES threads" check --no-config --no-cache --format human "$CORPUS"
echo "findings (summary of the last run): $(tail -n 1 "$OUT/report-human, $CORES threads.txt")"
# SARIF and GitHub stream as JSON does: their peak RSS should match its.
measure "sarif, $CORES threads" check --no-config --no-cache --format sarif "$CORPUS"
measure "github, $CORES threads" check --no-config --no-cache --format github "$CORPUS"

# The result cache: a fresh one filled (cold), then read back (warm).
CACHE="$OUT/cache"
rm -rf "$CACHE"
measure "json, $CORES threads, cache cold" check --no-config --cache-dir "$CACHE" --format json "$CORPUS"
measure "json, $CORES threads, cache warm" check --no-config --cache-dir "$CACHE" --format json "$CORPUS"
if cmp -s "$OUT/report-json, $CORES threads, cache warm.txt" "$OUT/report-json, $CORES threads.txt"; then
    echo "warm-cache report: byte for byte the uncached one"
else
    echo "warm-cache report DIFFERS from the uncached one" >&2
    exit 1
fi
echo "cache: $(find "$CACHE" -type f | wc -l) files, $(du -sk "$CACHE" | cut -f1) KB"
