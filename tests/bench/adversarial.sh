#!/usr/bin/env bash
# Time and peak memory of the release build on the big adversarial inputs:
# a 50 MB and a 100 MB file (the generated corpus concatenated), one 10 MB
# line of prose and one of brackets. For each: `cablelint check`,
# `cablelint check --fix` (on a copy) and the language server opening it.
# Prints figures; asserts nothing about speed. The files are over the
# default `max-file-size` on purpose: the runs raise it with a config.
#
# usage: tests/bench/adversarial.sh   (CABLELINT_BIN=... to skip the build)
# needs: python3, GNU time (/usr/bin/time)
set -euo pipefail

cd "$(dirname "$0")/../.."
OUT=tests/bench/out
CORPUS="$OUT/corpus-20000"
BIG="$OUT/adversarial"
BIN="${CABLELINT_BIN:-target/release/cablelint}"

if [ ! -x /usr/bin/time ]; then
    echo "adversarial.sh needs GNU time at /usr/bin/time (apt-get install time)" >&2
    exit 2
fi
if [ -z "${CABLELINT_BIN:-}" ]; then
    cargo build --release -p cablelint >&2
fi
if [ ! -d "$CORPUS" ]; then
    python3 tests/bench/gen_corpus.py "$CORPUS" --files 20000 >&2
fi
python3 tests/bench/big_inputs.py "$CORPUS" "$BIG"
# The size limit raised past the inputs, so the whole file is checked; the
# cap on findings stays at its default (the brackets line reaches it).
CONFIG="$BIG/cablelint.toml"
printf '[limits]\nmax-file-size = "1GB"\n' > "$CONFIG"

measure() {
    local label="$1"
    shift
    local log="$OUT/adversarial-time.txt" status=0
    /usr/bin/time -v "$@" > "$OUT/adversarial-report.json" 2> "$log" || status=$?
    if [ "$status" -gt 1 ]; then
        echo "$label failed ($status):" >&2
        tail -n 30 "$log" >&2
        exit 1
    fi
    local seconds cpu rss findings
    seconds=$(grep 'Elapsed (wall clock)' "$log" | awk -F': ' '{ print $2 }' |
        awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
    # CPU time (user + system) too: on a busy machine wall time says little.
    cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$log")
    rss=$(grep 'Maximum resident set size' "$log" | awk -F': ' '{ print $2 }')
    findings=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["diagnostics"])' \
        "$OUT/adversarial-report.json" 2>/dev/null || echo "?")
    awk -v label="$label" -v s="$seconds" -v cpu="$cpu" -v rss="$rss" -v n="$findings" 'BEGIN {
        printf "  %-22s %7.2f s wall %7.2f s cpu  peak RSS %7.1f MB  %8s findings\n",
            label, s, cpu, rss / 1024, n
    }'
}

for name in big-50mb big-100mb line-prose line-brackets; do
    file="$BIG/$name.cable"
    size=$(stat -c %s "$file")
    echo "== $name.cable: $(awk "BEGIN { printf \"%.1f\", $size / 1e6 }") MB"
    measure "check" "$BIN" check --config "$CONFIG" --format json "$file"
    cp "$file" "$OUT/fix-copy.cable"
    measure "check --fix" "$BIN" check --config "$CONFIG" --format json --fix "$OUT/fix-copy.cable"
    rm -f "$OUT/fix-copy.cable"
    printf "  %-22s " "lsp didOpen"
    python3 tests/bench/lsp_open.py "$file" --server "$BIN lsp --stdio"
    printf "  %-22s " "lsp didOpen, pulled"
    python3 tests/bench/lsp_open.py "$file" --pull --server "$BIN lsp --stdio"
done
echo "== over the default limit (64 MB): the 100 MB file is refused at once"
measure "check, no config" "$BIN" check --no-config --format json "$BIG/big-100mb.cable"
