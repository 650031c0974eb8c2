#!/usr/bin/env bash
# Stops what start-local-services.sh started in the background: Dgraph alpha and zero,
# found by the pid files it wrote. PostgreSQL and Redis are left alone: they are the
# machine's own servers, which other projects and sessions may be using.
#
#   infra/scripts/stop-local-services.sh            # keep Dgraph's data
#   infra/scripts/stop-local-services.sh --purge    # and delete it (DGRAPH_DATA_DIR)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DGRAPH_DATA_DIR="${DGRAPH_DATA_DIR:-$ROOT/.data/dgraph}"
STOP_SECONDS=20

log() { printf 'stop-local-services: %s\n' "$*" >&2; }

purge=no
case "${1:-}" in
  "") ;;
  --purge) purge=yes ;;
  *) log "usage: $0 [--purge]"; exit 64 ;;
esac

# stop NAME: SIGTERM to the recorded pid, SIGKILL if it outlives STOP_SECONDS.
stop() {
  local name="$1" pidfile="$DGRAPH_DATA_DIR/$1.pid" pid
  if [[ ! -f "$pidfile" ]]; then
    log "dgraph $name: not started by start-local-services.sh"
    return
  fi
  pid="$(cat "$pidfile")"
  # Only a pid that still runs `dgraph <name>`: after a reboot the number may be another process's.
  if ! kill -0 "$pid" 2>/dev/null || ! ps -o args= -p "$pid" | grep -qw -- "$name"; then
    log "dgraph $name: not running (stale pid file)"
    rm -f "$pidfile"
    return
  fi
  log "dgraph $name: stopping pid $pid"
  kill -TERM "$pid"
  local deadline=$((SECONDS + STOP_SECONDS))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      log "dgraph $name: still running after ${STOP_SECONDS}s, killing it"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.5
  done
  rm -f "$pidfile"
}

# Alpha first: it flushes to zero on the way down.
stop alpha
stop zero

if [[ "$purge" == yes && -d "$DGRAPH_DATA_DIR" ]]; then
  log "dgraph: deleting $DGRAPH_DATA_DIR"
  rm -rf "$DGRAPH_DATA_DIR"
fi
