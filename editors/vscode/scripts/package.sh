#!/usr/bin/env bash
# Builds the extension's .vsix: installs the pinned npm packages, copies the
# grammar in, type-checks, bundles with esbuild and packages with vsce.
#
#   editors/vscode/scripts/package.sh                 universal .vsix (server from settings or PATH)
#   editors/vscode/scripts/package.sh --bundle-server target/release/cablelint
#                                                     platform .vsix with that binary inside
#
# Prints the path and size of the .vsix. Output: editors/vscode/dist/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

bundle=""
while [ $# -gt 0 ]; do
  case "$1" in
    --bundle-server) bundle="${2:?--bundle-server needs the path of a cablelint binary}"; shift 2 ;;
    *) echo "package.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npx tsc --noEmit -p .
node scripts/build.mjs

rm -rf server
version="$(node -p 'require("./package.json").version')"
target_args=()
name="cablelint-$version"
if [ -n "$bundle" ]; then
  platform="$(node -p 'process.platform + "-" + process.arch')"
  [ -x "$bundle" ] || { echo "package.sh: $bundle is not an executable file" >&2; exit 2; }
  mkdir -p "server/$platform"
  cp "$bundle" "server/$platform/cablelint"
  # vsce names targets like linux-x64, darwin-arm64, win32-x64: the same as Node's.
  target_args=(--target "$platform")
  name="cablelint-$platform-$version"
fi
out="dist/$name.vsix"
# README images are served from the repository (package.json "repository"), not packed.
repo_url="$(node -p 'require("./package.json").repository.url.replace(/\.git$/, "")')"
base="$repo_url/raw/HEAD/editors/vscode/"
npx vsce package --no-dependencies "${target_args[@]}" --baseContentUrl "$base" --baseImagesUrl "$base" -o "$out" >/dev/null
size=$(stat -c %s "$out")
echo "$here/$out"
echo "size: $size bytes ($(( (size + 1023) / 1024 )) KiB)"
