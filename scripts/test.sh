#!/usr/bin/env bash
# Builds and runs every test. First makes sure the servers the tests need are installed and running (idempotent);
# set PLAYBOUND_TEST_POSTGRES to use another PostgreSQL instead of the local one.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z "${PLAYBOUND_TEST_POSTGRES:-}" ]]; then
  scripts/ensure-postgres.sh
fi

dotnet build Playbound.sln
dotnet test Playbound.sln --no-build
