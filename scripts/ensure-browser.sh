#!/usr/bin/env bash
# Makes sure the end-to-end tests have what they drive: Debian's chromium + chromedriver (installed here when
# missing; needs root) and node + npm for the tests' node script (Debian's when the machine has none). Idempotent
# and quiet on success: safe to run before every test run.
set -euo pipefail

packages=()
[[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]] || packages+=(chromium chromium-driver)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
if (( ${#packages[@]} > 0 )); then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
fi
