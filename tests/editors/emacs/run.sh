#!/usr/bin/env bash
# Emacs 28 (Debian's emacs-nox) with Eglot 1.9 (elpa-eglot) drives
# `cablelint lsp --stdio` through editors/emacs/cablelint.el.
#   tests/editors/emacs/run.sh [path/to/cablelint]   (default: $CABLELINT_BIN, else target/debug/cablelint)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
bin=$(realpath "${1:-${CABLELINT_BIN:-$repo/target/debug/cablelint}}")
[ -x "$bin" ] || { echo "no cablelint binary at $bin (build it or set CABLELINT_BIN)" >&2; exit 1; }
command -v emacs >/dev/null || { echo "emacs not found: apt-get install emacs-nox elpa-eglot" >&2; exit 1; }
[ -d /usr/share/emacs/site-lisp/elpa/eglot-1.9 ] || ls -d /usr/share/emacs/site-lisp/elpa/eglot-* >/dev/null 2>&1 ||
  { echo "eglot not found: apt-get install elpa-eglot" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/project"
ln -s "$bin" "$work/bin/cablelint"
# Settings as a user sets them: a directory-local variable at the project root.
cat > "$work/project/.dir-locals.el" <<'LISP'
((nil . ((eglot-workspace-configuration . (:cablelint (:severity (:B004 "hint")))))))
LISP
for ending in lf crlf; do
  if [ $ending = crlf ]; then
    sed 's/$/\r/' "$here/input.cable" > "$work/project/test.cable"
    sed 's/$/\r/' "$here/expected.cable" > "$work/expected.cable"
  else
    cp "$here/input.cable" "$work/project/test.cable"
    cp "$here/expected.cable" "$work/expected.cable"
  fi
  (cd "$work/project" &&
    PATH="$work/bin:$PATH" HOME="$work" REPO="$repo" CABLE="$work/project/test.cable" EXPECTED="$work/expected.cable" \
    timeout 120 emacs --batch -Q -l "$here/test.el")
  echo "  ($ending line endings)"
done
