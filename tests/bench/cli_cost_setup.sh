# Shared set-up of officials_cli_cost.sh and registry_cache_cost.sh, which
# source it from the repository root with DIR set: the binary (BIN, or a
# release build), a scratch folder WORK removed on exit, a configuration
# WORK/bare.toml that includes the corpus's .txt files, and WORK/one
# holding DIR's first file (a one-file run measures the fixed start-up).
BIN="${BIN:-}"
if [ -z "$BIN" ]; then
    cargo build --release -p cablelint >&2
    BIN=target/release/cablelint
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
printf 'include = ["*.txt", "*.cable"]\n' > "$WORK/bare.toml"
mkdir "$WORK/one"
cp "$(find "$DIR" \( -name '*.txt' -o -name '*.cable' \) | sort | awk 'NR == 1')" "$WORK/one/"

# The instructions `$BIN check --threads 1 --no-progress --format json
# --fail-on never ARGS...` executes (valgrind: steady on a busy machine).
check_instructions() {
    valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
        "$BIN" check --threads 1 --no-progress --format json --fail-on never "$@" \
        2>&1 >/dev/null | awk '/I *refs:/ { gsub(",", "", $NF); print $NF }'
}
