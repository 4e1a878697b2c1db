#!/usr/bin/env bash
# Makes sure a local RabbitMQ answers on 127.0.0.1:5672 with the default guest account the tests use
# (see PLAYBOUND_TEST_RABBITMQ in tests/Realtime.RabbitMq.Tests). Idempotent and quiet on success: safe to run
# before every test run. Needs root (installs the package).
set -euo pipefail

if ! command -v rabbitmq-server >/dev/null 2>&1; then
  apt-get update -qq >/dev/null
  # The Debian package starts the broker through the init system, which containers lack; it is started below.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server >/dev/null
fi

# `rabbitmqctl status` fails fast when no broker node runs. `-detached` returns before the Erlang node is up, and
# `await_startup` fails at once (rather than waiting) while that node is not reachable yet, so poll until a deadline.
if ! rabbitmqctl -q status >/dev/null 2>&1; then
  rabbitmq-server -detached >/dev/null 2>&1
fi

deadline=$((SECONDS + 90))
until rabbitmqctl -q await_startup --timeout 30 >/dev/null 2>&1; do
  if (( SECONDS >= deadline )); then
    echo "ensure-rabbitmq: RabbitMQ did not start within 90 s (see /var/log/rabbitmq)" >&2
    exit 1
  fi
  sleep 1
done
