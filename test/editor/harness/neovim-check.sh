#!/usr/bin/env bash
# Runs the Neovim LSP check on the editor fixture and prints what Neovim received.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
work="$(mktemp -d)"
cp -r "$here/../fixture/." "$work/"
results="$work/neovim-results.txt"
files="$work/Dockerfile=dockerfile"
if [ "${DH_NEOVIM_COMPOSE:-1}" = "1" ]; then files="$files;$work/compose.yaml=yaml"; fi
status=0
DH_SERVER="$repo/server/bin/docker-harden-language-server.js" DH_RESULTS="$results" DH_FILES="$files" \
  timeout 120 nvim --headless --clean -u NONE -c "luafile $here/neovim-check.lua" || status=$?
cat "$results" 2>/dev/null || echo "(Neovim wrote no results)"
nvim --version | head -1
rm -rf "$work"
if [ "$status" -ne 0 ]; then echo "neovim check: FAILED (exit $status)"; exit 1; fi
echo "neovim check: OK"
