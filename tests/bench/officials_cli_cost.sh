#!/usr/bin/env bash
# What the O rules (officials) cost a whole `cablelint check` run, in
# instructions (valgrind; steady when the machine is busy): the run over DIR
# with the default rules and with `ignore = ["O"]`, one thread, JSON output.
# The built-in registry is built only when an O rule runs, so a run with O
# pays a fixed start-up; it is measured on one file and shown apart.
# Both runs pass --no-cache: writing a cold result cache costs the same with
# and without O rules, and counting it would make the O share look smaller
# (figures before session 5's end included it).
# Prints figures; asserts nothing about speed.
#
# usage: tests/bench/officials_cli_cost.sh DIR   (its *.txt and *.cable files)
#   REGISTRY=FILE.toml: an officials registry merged over the built-in one
#   in both runs (a large user registry; `registry_scale N --write FILE`,
#   an example of cablelint-officials, writes a generated one of N people).
#   A configured registry is loaded (TOML parse, matcher build) only when
#   an O rule runs; its start-up is measured apart, as a one-file run with
#   O rules and the registry against one with O rules and no registry, and
#   the whole run is also compared with a run with neither O rules nor
#   registry.
# needs: valgrind (Debian package `valgrind`)
set -euo pipefail

cd "$(dirname "$0")/../.."
DIR="${1:?usage: officials_cli_cost.sh DIR}"
source tests/bench/cli_cost_setup.sh
cp "$WORK/bare.toml" "$WORK/with.toml"
printf '\n[rules]\nignore = ["O"]\n' >> "$WORK/bare.toml"
cp "$WORK/bare.toml" "$WORK/without.toml"
cp "$WORK/with.toml" "$WORK/with_bare.toml"
if [ -n "${REGISTRY:-}" ]; then
    for config in "$WORK/with.toml" "$WORK/without.toml"; do
        printf '\n[officials]\nregistries = ["%s"]\n' "$(realpath "$REGISTRY")" >> "$config"
    done
fi

instructions() {
    check_instructions --no-cache --config "$@"
}

one_without=$(instructions "$WORK/without.toml" "$WORK/one")
one_with=$(instructions "$WORK/with.toml" "$WORK/one")
without=$(instructions "$WORK/without.toml" "$DIR")
with=$(instructions "$WORK/with.toml" "$DIR")
awk -v ow="$one_without" -v o="$one_with" -v wo="$without" -v w="$with" 'BEGIN {
    startup = o - ow
    printf "without O rules: %15.0f instructions\n", wo
    printf "with O rules:    %15.0f instructions (+%.1f%%)\n", w, (w - wo) * 100 / wo
    printf "of which the officials start-up (registries, matcher): %.0f (once per run)\n", startup
    printf "O rules per file: +%.1f%% of checking without them (start-up excluded)\n", (w - wo - startup) * 100 / (wo - ow)
}'
if [ -n "${REGISTRY:-}" ]; then
    one_bare=$(instructions "$WORK/bare.toml" "$WORK/one")
    one_with_bare=$(instructions "$WORK/with_bare.toml" "$WORK/one")
    bare=$(instructions "$WORK/bare.toml" "$DIR")
    awk -v ob="$one_bare" -v ow="$one_without" -v owb="$one_with_bare" -v o="$one_with" -v b="$bare" -v w="$with" 'BEGIN {
        printf "the user registry start-up (TOML parse, matcher build): %.0f (once per run with O rules)\n", o - owb
        printf "the user registry without O rules (one file): %.0f\n", ow - ob
        printf "with O rules and the registry vs neither: %.0f vs %.0f instructions (+%.1f%%)\n", w, b, (w - b) * 100 / b
    }'
fi
