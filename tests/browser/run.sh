#!/bin/sh
# Browser smoke test of the web build: installs the pinned npm packages (playwright-core, pngjs)
# when they are missing or the lockfile changed, then runs smoke.test.mjs on this repository.
#   tests/browser/run.sh [--dir <site>] [--screenshot out.png] [--artifacts <dir>]
# Needs Debian's chromium (/usr/bin/chromium) and a built build/web/site/ (or --dir).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
stamp="$here/node_modules/.package-lock.json"
if [ ! -f "$stamp" ] || [ "$here/package-lock.json" -nt "$stamp" ]; then
  (cd "$here" && npm ci --no-audit --no-fund)
fi
exec node "$here/smoke.test.mjs" "$repo" "$@"
