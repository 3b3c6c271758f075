#!/usr/bin/env bash
# Installs what the real-editor and real-browser tests need on a fresh Debian machine: Chromium (and the tools
# code-server's native modules build with) from Debian, and VS Code 1.100.3 as a server (npm code-server) into
# test/vscode/host, apart from the extension's own dependencies. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null || need+=(chromium)
command -v rg >/dev/null || need+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
command -v pkg-config >/dev/null || need+=(pkg-config)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "install-test-host: need Debian packages ${need[*]} (run as root, or apt-get install them)" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ -x test/vscode/host/node_modules/.bin/code-server ]; then
  echo "install-test-host: code-server already installed"
  exit 0
fi

# @vscode/ripgrep's postinstall downloads rg from GitHub, which these machines cannot reach: seed its cache with
# Debian's rg, in the archive name and layout that the pinned version (1.15.11) looks for.
seed=$(mktemp -d)
mkdir -p "$seed/pack" "$seed/vscode-ripgrep-cache-1.15.11"
cp "$(command -v rg)" "$seed/pack/rg"
tar -czf "$seed/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$seed/pack" rg
(
  cd test/vscode/host
  TMPDIR="$seed" npm_config_unsafe_perm=true npm_config_yes=true npm ci --no-audit --no-fund --loglevel=error
)
rm -rf "$seed"
echo "install-test-host: code-server installed"
