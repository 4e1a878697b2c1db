#!/usr/bin/env bash
# Makes sure a local PostgreSQL 15 answers on 127.0.0.1:5432 with the role and database the tests use
# (see PLAYBOUND_TEST_POSTGRES in tests/Runtime.Tests). Idempotent and quiet on success: safe to run before
# every test run. Needs root (installs the package and runs psql as the postgres user).
set -euo pipefail

readonly PG_VERSION=15
readonly PG_CLUSTER=main
readonly PG_ROLE=playbound
readonly PG_PASSWORD=playbound
readonly PG_DATABASE=playbound_test
readonly PG_MAX_CONNECTIONS=500

as_postgres() {
  if command -v runuser >/dev/null 2>&1; then
    runuser -u postgres -- "$@"
  else
    su postgres -s /bin/bash -c "$(printf '%q ' "$@")"
  fi
}

# Waits up to 30 s for the server to accept connections; exits the script if it does not.
wait_until_ready() {
  for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p 5432 && return 0
    sleep 0.5
  done
  echo "ensure-postgres: PostgreSQL did not become ready on 127.0.0.1:5432" >&2
  exit 1
}

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

# pg_lsclusters prints "<ver> <cluster> <port> <status> ..."; start only when the cluster is not online.
status="$(pg_lsclusters --no-header | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1 == v && $2 == c { print $4 }')"
if [[ -z "$status" ]]; then
  echo "ensure-postgres: cluster $PG_VERSION/$PG_CLUSTER does not exist" >&2
  exit 1
fi
if [[ "$status" != online* ]]; then
  pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start
fi

wait_until_ready

# Test projects run in parallel, and the cluster tests start several silo and Api processes, each with its own
# connection pools: the default 100 connections run out. Raising the limit needs a restart, done once.
max_connections="$(as_postgres psql -XtAq -c "SHOW max_connections")"
if (( max_connections < PG_MAX_CONNECTIONS )); then
  as_postgres psql -Xq -v ON_ERROR_STOP=1 -c "ALTER SYSTEM SET max_connections = $PG_MAX_CONNECTIONS"
  pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" restart
  wait_until_ready
fi

role_exists="$(as_postgres psql -XtAq -c "SELECT 1 FROM pg_roles WHERE rolname = '$PG_ROLE'")"
if [[ "$role_exists" != "1" ]]; then
  as_postgres psql -Xq -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE $PG_ROLE LOGIN PASSWORD '$PG_PASSWORD' CREATEDB"
fi

db_exists="$(as_postgres psql -XtAq -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'")"
if [[ "$db_exists" != "1" ]]; then
  as_postgres psql -Xq -v ON_ERROR_STOP=1 -c "CREATE DATABASE $PG_DATABASE OWNER $PG_ROLE"
fi
