#!/usr/bin/env bash
# What a user officials registry costs `cablelint check` with the cache on,
# in instructions (valgrind): runs whose compiled registry
# (.cablelint_cache/officials/) is warm and whose result cache is cold, with
# the registry and without, on one file (start-up) and on DIR (whole run).
# Prints figures; asserts nothing about speed.
#
# usage: REGISTRY=FILE.toml tests/bench/registry_cache_cost.sh DIR
#   (`registry_scale N --write FILE`, an example of cablelint-officials,
#   writes a generated registry of N people)
#   BIN=path/to/cablelint (default: a release build)
# needs: valgrind (Debian package `valgrind`)
set -euo pipefail

cd "$(dirname "$0")/../.."
DIR="${1:?usage: REGISTRY=FILE.toml registry_cache_cost.sh DIR}"
REGISTRY="${REGISTRY:?set REGISTRY to an officials registry file}"
source tests/bench/cli_cost_setup.sh
cp "$WORK/bare.toml" "$WORK/registry.toml"
printf '\n[officials]\nregistries = ["%s"]\n' "$(realpath "$REGISTRY")" >> "$WORK/registry.toml"

# A first run fills the cache; its result packs are removed, the compiled
# registry kept.
warm_registry() {
    local config=$1 target=$2 cache="$WORK/cache"
    rm -rf "$cache"
    "$BIN" check --threads 1 --no-progress --format json --fail-on never \
        --cache-dir "$cache" --config "$config" "$target" >/dev/null 2>&1 || true
    rm -rf "$cache"/v[0-9]*
    check_instructions --cache-dir "$cache" --config "$config" "$target"
}

one_bare=$(warm_registry "$WORK/bare.toml" "$WORK/one")
one_registry=$(warm_registry "$WORK/registry.toml" "$WORK/one")
bare=$(warm_registry "$WORK/bare.toml" "$DIR")
registry=$(warm_registry "$WORK/registry.toml" "$DIR")
awk -v ob="$one_bare" -v o="$one_registry" -v b="$bare" -v r="$registry" 'BEGIN {
    printf "user registry start-up, compiled registry warm: %.0f instructions\n", o - ob
    printf "whole run with the registry vs without: %.0f vs %.0f (+%.1f%%)\n", r, b, (r - b) * 100 / b
}'
