#!/usr/bin/env bash
# Runs every test project against real PostgreSQL and Redis (installed and started here when missing) and Kafka's protocol
# (librdkafka's mock cluster, which the tests start themselves through tools/KafkaMock), and ends with one line
# "N passed, M failed" summed over all projects. Exits non-zero when anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."

# Set PLAYBOUND_TEST_POSTGRES to test against another PostgreSQL instead of the local one.
if [[ -z "${PLAYBOUND_TEST_POSTGRES:-}" ]]; then
  scripts/ensure-postgres.sh
fi
# Set PLAYBOUND_TEST_REDIS (host:port) to test against another Redis instead of the local one.
if [[ -z "${PLAYBOUND_TEST_REDIS:-}" ]]; then
  scripts/ensure-redis.sh
fi
# chromium + chromedriver and node for tests/EndToEnd.Tests.
scripts/ensure-browser.sh
# The web page's SignalR browser client, installed from src/Api's committed package-lock.json (integrity-checked);
# the Api build copies it into wwwroot/lib/signalr/.
npm ci --prefix src/Api --no-audit --no-fund
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

results="artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet build Playbound.sln -c Release -nologo -clp:ErrorsOnly

status=0
dotnet test Playbound.sln -c Release --no-build -nologo \
  --logger "trx" --results-directory "$results" \
  --blame-hang --blame-hang-timeout 5m -- RunConfiguration.TreatNoTestsAsError=false || status=$?

# Restarting Redis and PostgreSQL under a cluster's fan-out would break the projects above, which share those
# servers; so it runs alone, afterwards, and only against the local servers this script manages.
if [[ -z "${PLAYBOUND_TEST_POSTGRES:-}" && -z "${PLAYBOUND_TEST_REDIS:-}" ]]; then
  PLAYBOUND_TEST_SERVER_RESTART=1 dotnet test tests/Cluster.Tests -c Release --no-build -nologo \
    --filter "FullyQualifiedName~ServerRestartTests" \
    --logger "trx;LogFileName=cluster-server-restarts.trx" --results-directory "$results" \
    --blame-hang --blame-hang-timeout 5m || status=$?
fi

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

# A crashed or hung test host can leave no failed test behind; the run still failed.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $status without a failed test: a test host crashed or hung" >&2
  failed=1
fi

echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
