#!/usr/bin/env bash
# A Playbound cluster on this machine: 3 silos and 2 Api nodes (Orleans clients) on loopback ports, against the local
# PostgreSQL and Redis (started here when they are not running, and stopped again by `down` only if `up` started them)
# and a Kafka: librdkafka's in-memory mock cluster (tools/KafkaMock), for development only. Production points
# Playbound:Streams:Kafka:BootstrapServers at a real Kafka.
#
#   scripts/cluster.sh up       start everything (idempotent), wait until every /health/ready is 200, print the URLs
#   scripts/cluster.sh down     stop the nodes gracefully (SIGTERM, then SIGKILL after a while) and the servers `up` started
#   scripts/cluster.sh status   what is running
#
# Environment (defaults in brackets):
#   PLAYBOUND_CLUSTER_STATE [.cluster]              pids, logs, the signing key, which servers `up` started
#   PLAYBOUND_CLUSTER_API_PORT [5080]               Api nodes listen on this port and the next ones
#   PLAYBOUND_CLUSTER_SILO_HTTP_PORT [5090]         silos' health endpoints, likewise
#   PLAYBOUND_CLUSTER_SILO_PORT [11111]             silos' silo-to-silo TCP ports, likewise
#   PLAYBOUND_CLUSTER_GATEWAY_PORT [30000]          silos' gateway ports (Api nodes connect there), likewise
#   PLAYBOUND_CLUSTER_DATABASE [playbound_cluster]  the cluster's database (created when missing, owner playbound);
#                                                   also its Orleans cluster and service id in Redis
#   PLAYBOUND_CLUSTER_NO_BUILD [unset]              1: do not build; use what src/*/bin/Release holds
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

readonly SILOS=3 APIS=2
state="${PLAYBOUND_CLUSTER_STATE:-.cluster}"
mkdir -p "$state"
state="$(cd "$state" && pwd)"
api_port="${PLAYBOUND_CLUSTER_API_PORT:-5080}"
silo_http_port="${PLAYBOUND_CLUSTER_SILO_HTTP_PORT:-5090}"
silo_port="${PLAYBOUND_CLUSTER_SILO_PORT:-11111}"
gateway_port="${PLAYBOUND_CLUSTER_GATEWAY_PORT:-30000}"
database="${PLAYBOUND_CLUSTER_DATABASE:-playbound_cluster}"
readonly PG_HOST=127.0.0.1 PG_PORT=5432 PG_ROLE=playbound PG_PASSWORD=playbound
connection="Host=$PG_HOST;Port=$PG_PORT;Username=$PG_ROLE;Password=$PG_PASSWORD;Database=$database"
silo_dll="$root/src/Silo/bin/Release/net10.0/Playbound.Silo.dll"
api_dll="$root/src/Api/bin/Release/net10.0/Playbound.Api.dll"
kafka_dll="$root/tools/KafkaMock/bin/Release/net10.0/Playbound.KafkaMock.dll"
readonly KAFKA_TOPIC=playbound-events KAFKA_PARTITIONS=8

# Node names and their HTTP ports: silo-1..3, api-0..1.
nodes() {
  local i
  for ((i = 1; i <= SILOS; i++)); do echo "silo-$i $((silo_http_port + i - 1))"; done
  for ((i = 0; i < APIS; i++)); do echo "api-$i $((api_port + i))"; done
}

running() { [[ -f "$state/$1.pid" ]] && kill -0 "$(cat "$state/$1.pid")" 2>/dev/null; }

ready() { [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$1/health/ready" || true)" == 200 ]]; }

ensure_servers() {
  # Record only servers that were down before this call, so `down` leaves alone what someone else runs.
  if ! pg_isready -q -h "$PG_HOST" -p "$PG_PORT" 2>/dev/null; then
    touch "$state/started-postgres"
  fi
  scripts/ensure-postgres.sh
  if ! redis-cli -p 6379 ping >/dev/null 2>&1; then
    touch "$state/started-redis"
  fi
  scripts/ensure-redis.sh
  # The playbound role may create databases (ensure-postgres.sh), so the database is created as that role, its owner.
  export PGPASSWORD="$PG_PASSWORD"
  if [[ "$(psql -XtAq -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ROLE" -d playbound_test \
    -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" != 1 ]]; then
    psql -Xq -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ROLE" -d playbound_test -c "CREATE DATABASE \"$database\""
  fi
}

start_node() {
  local name=$1 http=$2 dll dir
  local -a env=(
    "Playbound__Storage=Postgres" "ConnectionStrings__Postgres=$connection" "Playbound__Cluster__Enabled=true"
    "ConnectionStrings__Redis=127.0.0.1:6379"
    # Cluster and service ids named after the database: clusters sharing Redis must not see each other.
    "Playbound__Cluster__ClusterId=$database" "Playbound__Cluster__ServiceId=$database"
    "Playbound__Streams__Kafka__BootstrapServers=$(cat "$state/kafka-bootstrap")"
    "Playbound__Streams__Kafka__Topic=$KAFKA_TOPIC" "Playbound__Streams__Kafka__Partitions=$KAFKA_PARTITIONS"
    # librdkafka's mock broker holds every fetch for the whole fetch.wait.max.ms, where a real broker answers as soon
    # as a record arrives: at the 100 ms default, each event would wait ~50 ms on average here.
    "Playbound__Streams__Kafka__ConsumerFetchWaitMax=00:00:00.010"
    "Playbound__Auth__SigningKey=$(cat "$state/signing-key")"
  )
  if [[ $name == silo-* ]]; then
    local n=${name#silo-}
    dll=$silo_dll dir=src/Silo
    env+=("Playbound__NodeId=$n" "Playbound__Cluster__SiloPort=$((silo_port + n - 1))"
      "Playbound__Cluster__GatewayPort=$((gateway_port + n - 1))" "Playbound__Cluster__AdvertisedHost=127.0.0.1")
  else
    # The Api's content root must be its project directory, for wwwroot (the web page).
    dll=$api_dll dir=src/Api
  fi
  rm -f "$state/$name.pid"
  # setsid detaches the node from this terminal's signals (and may fork to do so), so the node writes its own pid
  # before it becomes dotnet.
  (
    cd "$dir"
    exec env "${env[@]}" setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' node "$state/$name.pid" \
      dotnet "$dll" --urls "http://127.0.0.1:$http"
  ) >"$state/logs/$name.log" 2>&1 </dev/null &
  for _ in $(seq 1 50); do [[ -s "$state/$name.pid" ]] && break; sleep 0.1; done
}

wait_ready() {
  local name=$1 http=$2 deadline=$((SECONDS + 120))
  until ready "$http"; do
    if ! running "$name"; then
      echo "cluster: $name exited; see $state/logs/$name.log" >&2
      exit 1
    fi
    if ((SECONDS >= deadline)); then
      echo "cluster: $name is not ready after 120 s; see $state/logs/$name.log" >&2
      exit 1
    fi
    sleep 0.5
  done
}

print_urls() {
  local i
  for ((i = 0; i < APIS; i++)); do
    local url="http://127.0.0.1:$((api_port + i))"
    echo "api-$i  $url  (REST $url/api/v1, hub $url/hubs/feed, web page $url/, ready $url/health/ready)"
  done
  for ((i = 1; i <= SILOS; i++)); do
    echo "silo-$i $((silo_port + i - 1))/tcp, gateway $((gateway_port + i - 1))/tcp  (ready http://127.0.0.1:$((silo_http_port + i - 1))/health/ready)"
  done
  echo "kafka  $(cat "$state/kafka-bootstrap")  (librdkafka's mock cluster, development only; topic $KAFKA_TOPIC, $KAFKA_PARTITIONS partitions)"
}

# The mock keeps everything in memory and comes back empty on new ports: it is started once and only `down` stops it.
start_kafka() {
  running kafka && return 0
  rm -f "$state/kafka-bootstrap" "$state/kafka.pid"
  setsid dotnet "$kafka_dll" --bootstrap-file "$state/kafka-bootstrap" \
    --topic "$KAFKA_TOPIC:$KAFKA_PARTITIONS" --topic "$KAFKA_TOPIC.dead-letters:1" \
    >"$state/logs/kafka.log" 2>&1 </dev/null &
  echo $! >"$state/kafka.pid"
  for _ in $(seq 1 100); do [[ -s "$state/kafka-bootstrap" ]] && return 0; sleep 0.1; done
  echo "cluster: the Kafka mock did not start; see $state/logs/kafka.log" >&2
  exit 1
}

up() {
  mkdir -p "$state/logs"
  ensure_servers
  if [[ ! -f "$state/signing-key" ]]; then
    (umask 077 && head -c 48 /dev/urandom | base64 -w0 >"$state/signing-key")
  fi
  if [[ -z "${PLAYBOUND_CLUSTER_NO_BUILD:-}" ]]; then
    dotnet build src/Silo -c Release -nologo -clp:ErrorsOnly -v:q >/dev/null
    dotnet build src/Api -c Release -nologo -clp:ErrorsOnly -v:q >/dev/null
    dotnet build tools/KafkaMock -c Release -nologo -clp:ErrorsOnly -v:q >/dev/null
  fi
  start_kafka
  local name http
  # Silos first: an Api node is ready only once a grain call reaches a silo.
  for kind in silo api; do
    while read -r name http; do
      if [[ $name == $kind-* ]] && ! running "$name"; then start_node "$name" "$http"; fi
    done < <(nodes)
    while read -r name http; do
      if [[ $name == $kind-* ]]; then wait_ready "$name" "$http"; fi
    done < <(nodes)
  done
  print_urls
}

stop_node() {
  local name=$1 pid
  pid="$(cat "$state/$name.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    # A silo leaves membership and deactivates its grains on SIGTERM; give it that time before killing.
    for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$state/$name.pid"
}

down() {
  [[ -d "$state" ]] || return 0
  local name http
  # Api nodes first, so no request arrives while the silos leave.
  for kind in api silo; do
    while read -r name http; do
      if [[ $name == $kind-* && -f "$state/$name.pid" ]]; then stop_node "$name"; fi
    done < <(nodes)
  done
  if [[ -f "$state/kafka.pid" ]]; then stop_node kafka; fi
  rm -f "$state/kafka-bootstrap"
  if [[ -f "$state/started-redis" ]]; then
    redis-cli -p 6379 shutdown >/dev/null 2>&1 || true
    rm -f "$state/started-redis"
  fi
  if [[ -f "$state/started-postgres" ]]; then
    pg_ctlcluster 15 main stop
    rm -f "$state/started-postgres"
  fi
}

status() {
  local name http
  while read -r name http; do
    if running "$name"; then
      local health=starting
      ready "$http" && health=ready
      echo "$name pid $(cat "$state/$name.pid") $health http://127.0.0.1:$http"
    else
      echo "$name stopped"
    fi
  done < <(nodes)
  if running kafka; then echo "kafka pid $(cat "$state/kafka.pid") $(cat "$state/kafka-bootstrap")"; else echo "kafka stopped"; fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
