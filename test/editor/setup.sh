#!/usr/bin/env bash
# Installs what the editor tests need, from Debian packages and the npm registry only. Idempotent.
set -euo pipefail
cd "$(dirname "$0")"
export DEBIAN_FRONTEND=noninteractive

# chromium: the browser Playwright drives; neovim: the second LSP client; ripgrep: replaces
# @vscode/ripgrep's GitHub download; build tools and headers: code-server's native modules
# (argon2, node-pty, @vscode/spdlog, kerberos) build from source because prebuilt downloads fail offline.
APT_PKGS="chromium neovim ripgrep build-essential python3 pkg-config libkrb5-dev libsecret-1-dev libxkbfile-dev"
if ! dpkg -s $APT_PKGS >/dev/null 2>&1; then
  apt-get update -qq
  apt-get install -y -qq $APT_PKGS >/dev/null
fi

case "$(node -v)" in v20.*) ;; *) echo "code-server 4.100.3 needs Node 20; found $(node -v)"; exit 1;; esac

mkdir -p .tmp && export TMPDIR="$PWD/.tmp"
# @vscode/ripgrep@1.15.11 (pinned by code-server 4.100.3) looks for this archive before downloading it.
RG_CACHE="$TMPDIR/vscode-ripgrep-cache-1.15.11"
RG_TGZ="$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -s "$RG_TGZ" ]; then
  mkdir -p "$RG_CACHE" && tmp="$(mktemp -d)" && cp "$(command -v rg)" "$tmp/rg" && tar czf "$RG_TGZ" -C "$tmp" rg && rm -rf "$tmp"
fi

export npm_config_unsafe_perm=true   # code-server's postinstall refuses to run as root without it
export npm_config_yes=true           # node-pty's postinstall runs npx node-gyp; an npmrc with yes=false cancels it
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then
  export npm_config_nodedir=/usr     # node-gyp: local headers instead of a download
fi

if [ ! -x node_modules/.bin/code-server ] || [ ! -d node_modules/code-server/lib/vscode/node_modules ]; then
  npm install --no-audit --no-fund --no-package-lock --foreground-scripts > .npm-install.log 2>&1 || { tail -40 .npm-install.log; exit 1; }
fi
node_modules/.bin/code-server --config /dev/null --version 2>/dev/null | tail -1
echo "editor test setup OK"
