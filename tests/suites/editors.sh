#!/usr/bin/env bash
# The editor tests (grammar, VS Code extension end to end in code-server,
# Neovim, Emacs); they install their own tools. See tests/editors/run.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tests/editors/run.sh
