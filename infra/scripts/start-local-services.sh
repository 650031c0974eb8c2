#!/usr/bin/env bash
# Starts the servers the services and the integration tests use, on a machine WITHOUT
# Docker: PostgreSQL and Redis from the system packages, Dgraph when a binary is at hand.
#
#   eval "$(infra/scripts/start-local-services.sh)"    # start what is missing, export URLs
#
# Idempotent: each server is asked first (pg_isready, redis-cli ping, Dgraph's /health) and
# started only when it does not answer, so running it again changes nothing. Progress goes
# to stderr; stdout carries only `export` lines (and comments), safe to eval.
#
# Settings (environment):
#   PGHOST, PGPORT, PGUSER      PostgreSQL to use          (127.0.0.1, 5432, postgres)
#   REDIS_HOST, REDIS_PORT      Redis to use               (127.0.0.1, 6379)
#   DGRAPH_BIN                  dgraph binary; else `dgraph` on PATH, else .cache/bin/dgraph
#   DGRAPH_PORT_OFFSET          added to Dgraph's ports    (100: zero 5180/6180,
#                               alpha 7180/8180/9180; alpha's HTTP 8080 is workflow's port)
#   DGRAPH_DATA_DIR             Dgraph's files, pids, logs (./.data/dgraph)
#   DGRAPH_CACHE_MB             alpha's cache              (1024)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
REDIS_HOST="${REDIS_HOST:-127.0.0.1}"
REDIS_PORT="${REDIS_PORT:-6379}"
DGRAPH_PORT_OFFSET="${DGRAPH_PORT_OFFSET:-100}"
DGRAPH_DATA_DIR="${DGRAPH_DATA_DIR:-$ROOT/.data/dgraph}"
DGRAPH_CACHE_MB="${DGRAPH_CACHE_MB:-1024}"
# `test` is the database TEST_DATABASE_URL names; integration suites create their own beside it.
DATABASES=(aiwf_workflow aiwf_content test)
STARTUP_SECONDS=60

log() { printf 'start-local-services: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# wait_until SECONDS DESCRIPTION COMMAND...: retries COMMAND every half second.
wait_until() {
  local seconds="$1" what="$2"
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || die "$what did not come up within ${seconds}s"
    sleep 0.5
  done
}

# --- PostgreSQL -----------------------------------------------------------------------------
postgres_ready() { pg_isready -q -h "$PGHOST" -p "$PGPORT"; }

ensure_postgres() {
  command -v pg_isready >/dev/null || die "pg_isready not found: install PostgreSQL (postgresql, postgresql-client)"
  if postgres_ready; then
    log "postgres: running on $PGHOST:$PGPORT"
    return
  fi
  command -v pg_ctlcluster >/dev/null || die "postgres is not answering on $PGHOST:$PGPORT and pg_ctlcluster is not installed"
  # The newest installed cluster version, as Debian lays them out (/etc/postgresql/<version>).
  local version
  # shellcheck disable=SC2012 # cluster folders are plain version numbers
  version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1 || true)"
  [[ -n "$version" ]] || die "no cluster under /etc/postgresql"
  log "postgres: starting cluster $version/main"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start \
    || die "could not start cluster $version/main (is $PGHOST:$PGPORT its address?)"
  wait_until "$STARTUP_SECONDS" "postgres" postgres_ready
}

ensure_databases() {
  local db
  for db in "${DATABASES[@]}"; do
    if [[ "$(psql -d postgres -Atqc "SELECT 1 FROM pg_database WHERE datname = '$db'")" == 1 ]]; then
      log "postgres: database $db exists"
    elif psql -d postgres -qc "CREATE DATABASE $db" >/dev/null 2>&1; then
      log "postgres: created database $db"
    # Another run may have created it between the check and the CREATE.
    elif [[ "$(psql -d postgres -Atqc "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]]; then
      die "could not create database $db"
    fi
  done
  # content-processing stores embeddings with pgvector. Debian's PostgreSQL packages may not
  # ship it; then content's migration cannot run here, and content-processing should keep
  # its embedded PGlite (which has pgvector) by leaving DATABASE_URL unset.
  if [[ "$(psql -d aiwf_content -Atqc "SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")" == 1 ]]; then
    psql -d aiwf_content -qc "CREATE EXTENSION IF NOT EXISTS vector" >/dev/null 2>&1 \
      || log "postgres: warning: could not create extension vector in aiwf_content (needs a superuser)"
    PGVECTOR=yes
  else
    log "postgres: pgvector is not installed; content-processing needs it (leave its DATABASE_URL unset to use embedded PGlite)"
    PGVECTOR=no
  fi
}

# --- Redis ------------------------------------------------------------------------------------
redis_ready() { [[ "$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]; }

ensure_redis() {
  command -v redis-cli >/dev/null || die "redis-cli not found: install Redis (redis-server, redis-tools)"
  if redis_ready; then
    log "redis: running on $REDIS_HOST:$REDIS_PORT"
    return
  fi
  command -v redis-server >/dev/null || die "redis is not answering on $REDIS_HOST:$REDIS_PORT and redis-server is not installed"
  log "redis: starting on port $REDIS_PORT (nothing kept on disk)"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  wait_until "$STARTUP_SECONDS" "redis" redis_ready
}

# --- Dgraph (optional) ------------------------------------------------------------------------
ZERO_GRPC=$((5080 + DGRAPH_PORT_OFFSET))
ZERO_HTTP=$((6080 + DGRAPH_PORT_OFFSET))
ALPHA_INTERNAL=$((7080 + DGRAPH_PORT_OFFSET))
ALPHA_HTTP=$((8080 + DGRAPH_PORT_OFFSET))
ALPHA_GRPC=$((9080 + DGRAPH_PORT_OFFSET))
TELEMETRY_OFF="reports=false; sentry=false;"

find_dgraph() {
  if [[ -n "${DGRAPH_BIN:-}" ]]; then
    [[ -x "$DGRAPH_BIN" ]] || die "DGRAPH_BIN=$DGRAPH_BIN is not an executable"
    printf '%s\n' "$DGRAPH_BIN"
  elif command -v dgraph >/dev/null; then
    command -v dgraph
  elif [[ -x "$ROOT/.cache/bin/dgraph" ]]; then
    # Where TOOLCHAIN.md's `GOBIN=$PWD/.cache/bin go install …` puts it.
    printf '%s\n' "$ROOT/.cache/bin/dgraph"
  fi
  return 0
}

answers() { curl -fsS -o /dev/null --max-time 2 "$1"; }

# start_dgraph NAME HEALTH_URL ARGS...: runs `dgraph ARGS` in the background unless
# HEALTH_URL already answers, records its pid for stop-local-services.sh, waits for it.
start_dgraph() {
  local name="$1" health="$2"
  shift 2
  if answers "$health"; then
    log "dgraph $name: running ($health)"
    return
  fi
  local pidfile="$DGRAPH_DATA_DIR/$name.pid"
  if [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    log "dgraph $name: started earlier (pid $(cat "$pidfile")), waiting for it"
  else
    log "dgraph $name: starting (log: $DGRAPH_DATA_DIR/$name.log)"
    # cd: Dgraph writes its folders (zw, p, w, t, export) relative to the working directory.
    (cd "$DGRAPH_DATA_DIR/$name" && exec nohup "$DGRAPH" "$@") >>"$DGRAPH_DATA_DIR/$name.log" 2>&1 &
    echo $! >"$pidfile"
  fi
  wait_until "$STARTUP_SECONDS" "dgraph $name" answers "$health"
}

# Sets DGRAPH_URL when Dgraph runs; leaves it empty when there is no binary.
ensure_dgraph() {
  DGRAPH_URL=""
  DGRAPH="$(find_dgraph)"
  if [[ -z "$DGRAPH" ]]; then
    log "dgraph: no binary (set DGRAPH_BIN or put dgraph on PATH); knowledge-graph keeps its embedded store"
    return
  fi
  command -v curl >/dev/null || die "curl not found: needed to ask Dgraph's /health"
  mkdir -p "$DGRAPH_DATA_DIR/zero" "$DGRAPH_DATA_DIR/alpha"
  start_dgraph zero "http://127.0.0.1:$ZERO_HTTP/health" \
    zero --my="127.0.0.1:$ZERO_GRPC" --port_offset "$DGRAPH_PORT_OFFSET" --telemetry "$TELEMETRY_OFF"
  start_dgraph alpha "http://127.0.0.1:$ALPHA_HTTP/health" \
    alpha --my="127.0.0.1:$ALPHA_INTERNAL" --zero="127.0.0.1:$ZERO_GRPC" --port_offset "$DGRAPH_PORT_OFFSET" \
    --cache "size-mb=$DGRAPH_CACHE_MB" --security "whitelist=127.0.0.1/32" --telemetry "$TELEMETRY_OFF"
  DGRAPH_URL="dgraph://127.0.0.1:$ALPHA_GRPC"
}

# --- main -------------------------------------------------------------------------------------
ensure_postgres
ensure_databases
ensure_redis
ensure_dgraph

server="postgres://$PGUSER@$PGHOST:$PGPORT"
redis_url="redis://$REDIS_HOST:$REDIS_PORT"
cat <<EOF
# Integration tests (jest) against these servers:
export TEST_DATABASE_URL=$server/test
export TEST_REDIS_URL=$redis_url
${DGRAPH_URL:+export TEST_DGRAPH_URL=$DGRAPH_URL}
# Services on servers (npm run start:<service>):
export EVENT_BUS_URL=$redis_url
export REDIS_URL=$redis_url
${DGRAPH_URL:+export DGRAPH_URL=$DGRAPH_URL}
# DATABASE_URL differs per service, so it is not exported here:
#   workflow:           DATABASE_URL=$server/aiwf_workflow npm run start:workflow
#   content-processing: DATABASE_URL=$server/aiwf_content npm run start:content-processing$([[ "$PGVECTOR" == yes ]] || printf '  (needs pgvector: missing here)')
EOF
