#!/usr/bin/env bash
# The benchmark report: builds Release, seeds the power-law data set once into a temporary directory, starts the
# embedded Api and the SQL baseline on it, runs each figure --runs times (embedded feed reads, baseline feed reads,
# tag pages and post search,
# then the 95/5 read/post mix, which adds posts and so goes last), and renders the charts and summary.csv with
# bench/Report. The result files stay in OUT/results; OUT/seed.txt and OUT/timings.txt say how long it all took.
#
#   bench/report.sh                                                        # full size: 10,000 users, 100,000 posts, 3 runs of 20 s
#   bench/report.sh --users 500 --posts 2000 --runs 1 --seconds 3 --out /tmp/pb-smoke   # smoke run, a few minutes
#   bench/report.sh --cluster   # also durable fan-out on a running cluster (scripts/cluster.sh up, see docs/benchmarks.md)
#
# PLAYBOUND_BENCH_API_PORT / PLAYBOUND_BENCH_BASELINE_PORT (5180 / 5190) move the servers off ports in use;
# PLAYBOUND_BENCH_CELEBRITY_THRESHOLD sets Playbound:Feed:CelebrityThreshold for the seed and the Api alike.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

users=10000 posts=100000 runs=3 seconds=20 concurrency=32 post_percent=5 out=docs/benchmarks cluster=false
while [[ $# -gt 0 ]]; do
  case $1 in
    --users) users=$2; shift 2 ;;
    --posts) posts=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    --post-percent) post_percent=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --cluster) cluster=true; shift ;;
    *) echo "unknown option $1 (see the top of $0)" >&2; exit 2 ;;
  esac
done

api_url=http://127.0.0.1:${PLAYBOUND_BENCH_API_PORT:-5180}
baseline_url=http://127.0.0.1:${PLAYBOUND_BENCH_BASELINE_PORT:-5190}
threshold=${PLAYBOUND_BENCH_CELEBRITY_THRESHOLD:-10000}
work=$(mktemp -d /tmp/playbound-report.XXXXXX)
data=$work/data
results=$out/results
loadgen=(dotnet "$repo/bench/LoadGen/bin/Release/net10.0/Playbound.LoadGen.dll")
server_pids=()

stop_servers() {
  for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${server_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  server_pids=()
}
trap 'stop_servers; rm -rf "$work"' EXIT

# Waits until URL answers with the HTTP status given (the baseline answers 401 to a request without a user).
wait_for() {
  local url=$1 status=$2 log=$3
  for _ in $(seq 1 240); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "$url" || true) == "$status" ]] && return 0
    sleep 0.5
  done
  echo "$url did not answer $status within 2 minutes; its log:" >&2
  tail -n 40 "$log" >&2
  exit 1
}

# Other work on the machine skews every figure; the load average beside each timing shows whether there was any.
timing() { echo "$1: $2 s (load average $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a "$out/timings.txt"; }

mkdir -p "$results"
# Only the figures this script makes are replaced; results run by hand (the cluster's, push latency) stay.
rm -f "$results"/{embedded-reads,baseline-reads,tag-page,post-search,mix}-*.json "$out/timings.txt"
[[ $cluster == true ]] && rm -f "$results"/cluster-fanout-*.json
started=$SECONDS

for project in src/Api bench/LoadGen bench/Baseline bench/Report; do
  dotnet build "$project" -c Release -nologo -v quiet
done
timing build $((SECONDS - started))

phase=$SECONDS
"${loadgen[@]}" seed --data "$data" --graph power-law --users "$users" --posts "$posts" --celebrity-threshold "$threshold" \
  | grep -v '%' | tee "$out/seed.txt"
timing "seed ($users users, $posts posts)" $((SECONDS - phase))

# The Api runs from src/Api, its content root, so its appsettings.json (log levels) applies as in production.
# Its silo gets ports of its own, away from a development Api's defaults (11111, 30000).
(cd src/Api && Playbound__DataDir=$data Playbound__RateLimit__Enabled=false Playbound__Feed__CelebrityThreshold=$threshold \
  Playbound__Cluster__SiloPort=11180 Playbound__Cluster__GatewayPort=30180 \
  exec dotnet bin/Release/net10.0/Playbound.Api.dll --urls "$api_url") >"$work/api.log" 2>&1 &
server_pids+=($!)
dotnet bench/Baseline/bin/Release/net10.0/Playbound.Baseline.dll --data "$data" --urls "$baseline_url" >"$work/baseline.log" 2>&1 &
server_pids+=($!)
wait_for "$api_url/health/ready" 200 "$work/api.log"
wait_for "$baseline_url/api/v1/feed" 401 "$work/baseline.log"

drive() {
  local file=$1; shift
  "${loadgen[@]}" drive --users-file "$data/users.txt" --concurrency "$concurrency" --seconds "$seconds" --out "$results/$file.json" "$@"
}

phase=$SECONDS
for run in $(seq 1 "$runs"); do
  drive "embedded-reads-$run" --url "$api_url" --scenario "embedded feed reads"
  drive "baseline-reads-$run" --url "$baseline_url" --baseline --scenario "baseline feed reads"
done
# Tag pages of popular to rarer tags (the seed draws #tag0..#tag499 Zipf-like), and searches for a common Lorem word,
# rarer ones and pairs; each path takes its turn.
tag_paths=$(printf '/api/v1/tags/tag%s/posts|' 0 1 2 3 5 8 13 21 34 55 89 144)
search_paths=$(printf '/api/v1/search/posts?q=%s|' et aut+qui asperiores amet+hic minima nesciunt+et cupiditate tag3 officiis+aut)
for run in $(seq 1 "$runs"); do
  drive "tag-page-$run" --url "$api_url" --path "${tag_paths%|}" --scenario "tag page"
  drive "post-search-$run" --url "$api_url" --path "${search_paths%|}" --scenario "post search"
done
for run in $(seq 1 "$runs"); do
  drive "mix-$run" --url "$api_url" --post-percent "$post_percent" --scenario "$((100 - post_percent))/$post_percent mix"
done
stop_servers
timing "HTTP figures ($runs runs of $seconds s each)" $((SECONDS - phase))

if [[ $cluster == true ]]; then
  phase=$SECONDS
  for run in $(seq 1 "$runs"); do
    "${loadgen[@]}" cluster-fanout --postgres "Host=127.0.0.1;Username=playbound;Password=playbound;Database=playbound_bench" \
      --cluster-id playbound_bench --authors 10 --followers 1000 --posts 1000 --out "$results/cluster-fanout-$run.json"
  done
  timing "cluster fan-out ($runs runs)" $((SECONDS - phase))
fi

dotnet bench/Report/bin/Release/net10.0/Playbound.Report.dll --results "$results" --out "$out" --baseline "baseline feed reads"
timing "report in all" $((SECONDS - started))
