#!/usr/bin/env bash
# Sourced by scripts/dev.sh and .ci/run. Makes Node >= 22 and pnpm 12 available on PATH.
# These machines ship Node 20; when the system Node is older, Node 22 is installed from the
# npm registry into $CITEBOTS_NODE_DIR (default ~/.cache/citebots/node22) and put first on PATH.
set -euo pipefail

CITEBOTS_NODE_DIR="${CITEBOTS_NODE_DIR:-$HOME/.cache/citebots/node22}"
CITEBOTS_PNPM_VERSION="12.4.2"

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" -lt 22 ]; then
  if [ ! -x "$CITEBOTS_NODE_DIR/node_modules/.bin/node" ]; then
    echo "citebots: system Node is $(node -v 2>/dev/null || echo missing); installing Node 22 into $CITEBOTS_NODE_DIR" >&2
    mkdir -p "$CITEBOTS_NODE_DIR"
    npm install --silent --no-audit --no-fund --prefix "$CITEBOTS_NODE_DIR" node@22 >&2
  fi
  export PATH="$CITEBOTS_NODE_DIR/node_modules/.bin:$PATH"
fi

if [ "$(node_major)" -lt 22 ]; then
  echo "citebots: Node 22 or newer is required, and installing it failed." >&2
  exit 1
fi

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm -v 2>/dev/null | cut -d. -f1)" != "12" ]; then
  echo "citebots: installing pnpm@$CITEBOTS_PNPM_VERSION from npm" >&2
  npm install --silent --no-audit --no-fund -g "pnpm@$CITEBOTS_PNPM_VERSION" >&2
fi
