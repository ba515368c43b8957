#!/usr/bin/env bash
# Side-by-side throughput and peak memory: `cablelint check` next to `typos`
# (the spell-checking linter people run on prose today) and `cat` / `rg` as
# the floor of reading the same bytes. Two inputs: the generated corpus
# (20,000 files, fixed seed, ~65 MB) and one 50 MB file made from it.
# Prints figures and ratios; asserts nothing about speed. The ratios compare
# checking (`--no-cache`); the cached runs are printed beside them.
#
# usage: tests/bench/compare.sh [FILES]   (CABLELINT_BIN=... to skip the build;
#   COMPARE_RUNS=N runs each command N times, default 5, and reports the median)
# needs: python3, GNU time (/usr/bin/time), rg, typos (`pip install typos`)
set -euo pipefail

cd "$(dirname "$0")/../.."
FILES="${1:-20000}"
OUT=tests/bench/out
CORPUS="$OUT/corpus-$FILES"
BIG="$OUT/single-50mb/big.cable"
# CABLELINT_BIN=path measures that binary instead of building release.
BIN="${CABLELINT_BIN:-target/release/cablelint}"
CORES=$(nproc)

for tool in /usr/bin/time rg typos python3; do
    if ! command -v "$tool" >/dev/null; then
        echo "compare.sh needs $tool (GNU time: apt-get install time; rg: apt-get install ripgrep; typos: pip install typos)" >&2
        exit 2
    fi
done

if [ -z "${CABLELINT_BIN:-}" ]; then
    cargo build --release -p cablelint >&2
fi
mkdir -p "$OUT"
if [ ! -d "$CORPUS" ]; then
    python3 tests/bench/gen_corpus.py "$CORPUS" --files "$FILES" >&2
fi
if [ ! -f "$BIG" ]; then
    # The corpus's files in path order, concatenated up to 50 MB: one document.
    mkdir -p "$(dirname "$BIG")"
    python3 - "$CORPUS" "$BIG" <<'EOF'
import os, sys
corpus, big = sys.argv[1], sys.argv[2]
paths = sorted(os.path.join(d, f) for d, _, fs in os.walk(corpus) for f in fs if f.endswith(".cable"))
written = 0
with open(big, "wb") as out:
    while written < 50_000_000:
        for p in paths:
            data = open(p, "rb").read().replace(b"\xef\xbb\xbf", b"")
            out.write(data)
            written += len(data)
            if written >= 50_000_000:
                break
EOF
fi

# measure LABEL BYTES CMD...: runs CMD $RUNS times, prints one row with the
# median wall time and the largest peak RSS, and remembers the median's MB/s.
# One run is too noisy on a shared machine (typos alone varied 2x run to run).
RUNS="${COMPARE_RUNS:-5}"
declare -A SPEED
measure() {
    local label="$1" bytes="$2"
    shift 2
    local log="$OUT/compare-time.txt"
    local times=() rss_max=0
    local run status seconds rss started ended
    for ((run = 0; run < RUNS; run++)); do
        status=0
        # GNU time reports the wall clock to 0.01 s, 2-8% of these runs: the
        # wall time is read in nanoseconds around it instead (GNU time still
        # gives the peak RSS; its own fork costs the same for every tool).
        started=$(date +%s%N)
        /usr/bin/time -v "$@" > /dev/null 2> "$log" || status=$?
        ended=$(date +%s%N)
        # cablelint and typos exit 1 (2 for typos) when they report something.
        if [ "$status" -gt 2 ]; then
            echo "$label failed ($status):" >&2
            tail -n 30 "$log" >&2
            exit 1
        fi
        seconds=$(awk -v a="$started" -v b="$ended" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')
        rss=$(grep 'Maximum resident set size' "$log" | awk -F': ' '{ print $2 }')
        times+=("$seconds")
        if [ "$rss" -gt "$rss_max" ]; then rss_max=$rss; fi
    done
    seconds=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
    local spread
    spread=$(printf '%s\n' "${times[@]}" | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.3f-%.3f", lo, hi }')
    SPEED[$label]=$(awk -v s="$seconds" -v b="$bytes" 'BEGIN { printf "%.3f", b / 1e6 / (s > 0 ? s : 0.0001) }')
    awk -v label="$label" -v s="$seconds" -v b="$bytes" -v rss="$rss_max" -v spread="$spread" 'BEGIN {
        printf "  %-40s %7.3f s (%s)  %8.1f MB/s  peak RSS %7.1f MB\n",
            label, s, spread, b / 1e6 / (s > 0 ? s : 0.0001), rss / 1024
    }'
}

ratio() {
    awk -v a="${SPEED[$1]}" -v b="${SPEED[$2]}" -v t="$3" 'BEGIN {
        printf "  %-60s %6.2fx\n", t, a / b
    }'
}

run_side_by_side() {
    local name="$1" target="$2" bytes="$3"
    echo "== $name: $(awk "BEGIN { printf \"%.1f\", $bytes / 1e6 }") MB, $CORES cores"
    # Warm the page cache so every tool reads from memory.
    find "$target" -type f -exec cat {} + > /dev/null
    measure "cat" "$bytes" sh -c "find '$target' -type f -print0 | xargs -0 cat"
    measure "rg, 1 thread" "$bytes" rg -j1 --no-ignore --no-messages -c 'zqxjkv' "$target"
    measure "rg, $CORES threads" "$bytes" rg --no-ignore --no-messages -c 'zqxjkv' "$target"
    measure "typos, 1 thread" "$bytes" typos --threads 1 --format brief "$target"
    measure "typos, $CORES threads" "$bytes" typos --format brief "$target"
    measure "cablelint json, 1 thread" "$bytes" "$BIN" check --no-config --no-cache --threads 1 --format json "$target"
    measure "cablelint json, $CORES threads" "$bytes" "$BIN" check --no-config --no-cache --format json "$target"
    measure "cablelint human, $CORES threads" "$bytes" "$BIN" check --no-config --no-cache --color never "$target"
    # The result cache on: first run (writing every entry), then the second.
    local cache_dir="$OUT/compare-cache"
    # Each cold run starts from an empty cache (the rm is inside the timing,
    # a few milliseconds).
    measure "cablelint json, $CORES threads, cache cold" "$bytes" sh -c 'rm -rf "$1" && exec "$2" check --no-config --cache-dir "$1" --format json "$3"' sh "$cache_dir" "$BIN" "$target"
    measure "cablelint json, $CORES threads, cache warm" "$bytes" "$BIN" check --no-config --cache-dir "$cache_dir" --format json "$target"
    rm -rf "$cache_dir"
    ratio "cablelint json, 1 thread" "typos, 1 thread" "cablelint / typos, 1 thread (target >= 5)"
    ratio "cablelint json, $CORES threads" "typos, $CORES threads" "cablelint / typos, $CORES threads (target >= 5)"
    ratio "rg, 1 thread" "cablelint json, 1 thread" "rg / cablelint, 1 thread (target <= 4)"
    ratio "rg, $CORES threads" "cablelint json, $CORES threads" "rg / cablelint, $CORES threads (target <= 4)"
}

CORPUS_BYTES=$(find "$CORPUS" -name '*.cable' -printf '%s\n' | awk '{ s += $1 } END { print s }')
run_side_by_side "corpus ($FILES files)" "$CORPUS" "$CORPUS_BYTES"
BIG_BYTES=$(stat -c %s "$BIG")
run_side_by_side "one file" "$(dirname "$BIG")" "$BIG_BYTES"
echo "versions: $("$BIN" --version 2>/dev/null || echo cablelint), $(typos --version), $(rg --version | sed -n 1p)"
