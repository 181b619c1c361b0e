#!/usr/bin/env bash
# One entry point for a fresh machine: installs the toolchain and dependencies, builds,
# then runs a pnpm script with the rest of the arguments.
#   bash scripts/dev.sh test                  # the whole test suite
#   bash scripts/dev.sh citebots analyze ...  # the CLI
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-toolchain.sh

if [ ! -d node_modules/.pnpm ] || [ pnpm-lock.yaml -nt node_modules/.modules.yaml ]; then
  pnpm install --frozen-lockfile >&2
fi
case "${1:-}" in
  test) ;; # `pnpm test` builds first
  *) pnpm build >&2 ;;
esac
exec pnpm "$@"
