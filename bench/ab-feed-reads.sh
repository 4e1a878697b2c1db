#!/usr/bin/env bash
# A/B of embedded feed reads: ab-feed-reads.sh REPO_DIR LABEL [DATA_SET]
# Copies the seeded data set (default /tmp/pb-bench, from `LoadGen seed`), starts REPO_DIR's Release Api on it (port
# 5180), runs `LoadGen drive` for 20 s at concurrency 32 with this checkout's load generator, and stops the Api.
# Build both first: dotnet build REPO_DIR/src/Api -c Release; dotnet build bench/LoadGen -c Release.
set -euo pipefail
repo=$(cd "$1" && pwd); label=$2; data=${3:-/tmp/pb-bench}
here=$(cd "$(dirname "$0")/.." && pwd)
copy=$(mktemp -d /tmp/pb-ab.XXXXXX)
cp -r "$data"/. "$copy"
cd "$repo/src/Api"
Playbound__DataDir="$copy" Playbound__RateLimit__Enabled=false Logging__LogLevel__Default=Warning \
  dotnet bin/Release/net10.0/Playbound.Api.dll --urls http://127.0.0.1:5180 > "$copy/api.log" 2>&1 &
api=$!
trap 'kill $api 2>/dev/null; wait $api 2>/dev/null; rm -rf "$copy"' EXIT
for _ in $(seq 1 60); do curl -sf http://127.0.0.1:5180/health/ready >/dev/null && break; sleep 1; done
dotnet "$here/bench/LoadGen/bin/Release/net10.0/Playbound.LoadGen.dll" drive --users-file "$copy/users.txt" \
  --url http://127.0.0.1:5180 --concurrency 32 --seconds 20 | tail -1 | sed "s/^/$label: /"
