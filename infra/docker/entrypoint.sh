#!/bin/sh
# The image's entrypoint: one image runs every service, named by the first argument.
#
#   docker run aiwf gateway | workflow | content-processing | knowledge-graph | realtime
#   docker run aiwf migrate <workflow|content> --database-url URL
#   docker run aiwf <any other command>            (e.g. sh, npm run compose)
#
# Services are exec'd as `node` directly, not through `npm run start:<service>`: node then
# gets SIGTERM straight from tini (PID 1) and each main.ts stops gracefully on it; no npm
# process sits in between, holding memory or swallowing signals. The entry files mirror the root package.json's
# start:* and migrate scripts; keep the two in step.
set -eu

run_typescript() {
  exec node -r ./scripts/register.js "$@"
}

service="${1:-}"
case "$service" in
  gateway)
    shift
    run_typescript gateway/src/main.ts "$@"
    ;;
  workflow | content-processing | knowledge-graph | realtime)
    shift
    run_typescript "subgraphs/$service/src/main.ts" "$@"
    ;;
  migrate)
    shift
    run_typescript scripts/migrate.ts "$@"
    ;;
  "" | help | --help | -h)
    sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
    [ -n "$service" ]
    ;;
  *)
    exec "$@"
    ;;
esac
