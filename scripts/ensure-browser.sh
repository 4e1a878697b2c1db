#!/usr/bin/env bash
# Makes sure the end-to-end tests have what they drive: Debian's chromium + chromedriver (installed here when
# missing; needs root) and node + npm (only checked: the tests' node script and npm ci need them). Idempotent and
# quiet on success: safe to run before every test run.
set -euo pipefail

if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver ]]; then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "ensure-browser: node and npm (Node.js 20 or later) are needed by tests/EndToEnd.Tests; install them, e.g. apt-get install nodejs npm" >&2
  exit 1
fi
