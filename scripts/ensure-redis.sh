#!/usr/bin/env bash
# Makes sure a local Redis answers on 127.0.0.1:6379 (override with PLAYBOUND_REDIS_PORT), persisting with AOF and
# appendfsync always, so grain state and cluster membership acknowledged to a silo survive a Redis restart.
# Debian's package does not start a server here, so this script starts one of its own under /var/lib/playbound-redis.
# Idempotent and quiet on success. Needs root the first time (installs redis-server).
set -euo pipefail

readonly REDIS_PORT="${PLAYBOUND_REDIS_PORT:-6379}"
readonly REDIS_DIR="/var/lib/playbound-redis/$REDIS_PORT"

if ! command -v redis-server >/dev/null 2>&1; then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
fi

if redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
  exit 0
fi

mkdir -p "$REDIS_DIR"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes \
  --appendonly yes --appendfsync always --dir "$REDIS_DIR" \
  --logfile "$REDIS_DIR/redis.log" --pidfile "$REDIS_DIR/redis.pid" --save ""

for _ in $(seq 1 60); do
  redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && exit 0
  sleep 0.5
done
echo "ensure-redis: Redis did not answer on 127.0.0.1:$REDIS_PORT; see $REDIS_DIR/redis.log" >&2
exit 1
