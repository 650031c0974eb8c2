# syntax=docker/dockerfile:1
#
# One image for the gateway and the four subgraphs. The service is chosen when the
# container starts, by the entrypoint's first argument (infra/docker/entrypoint.sh):
#
#   docker build -t aiwf .
#   docker run --env-file … aiwf workflow
#   docker run aiwf migrate workflow --database-url postgres://…
#
# One image rather than a SERVICE build arg: the services share one workspace install and
# most of their code, so five images would be five copies of the same layers.
#
# Services run their TypeScript through SWC at start (scripts/register.js), as in
# development, so the runtime needs the root devDependencies @swc-node/register and
# @swc/core: node_modules is the full `npm ci`, not a --omit=dev one.

ARG NODE_IMAGE=node:20.20-bookworm-slim

# --- manifests: only what `npm ci` and the Prisma generation read ------------------------
# Copying the whole context and deleting the rest keeps the next stage's install layer
# cached across source edits: its input changes only with a package.json, the lockfile or
# a Prisma schema. No hand-kept list of workspaces to forget when one is added.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN find . -type f \
      ! -name package.json ! -name package-lock.json \
      ! -path './prisma/*/schema.prisma' ! -path './scripts/prisma-generate.js' \
      -delete \
 && find . -depth -type d -empty -delete

# --- deps: the locked install and the generated Prisma clients ----------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY --from=manifests /src/ ./
# --ignore-scripts: dependencies' install scripts stay off, as on the project's machines
# (TOOLCHAIN.md); Prisma's own postinstall would try to download engines nobody needs. The
# project's postinstall (Prisma client generation, no network) is then run explicitly.
# The npm is the one Node 20 ships (10.8): it accepts this lockfile, whose platform-specific
# optional packages (e.g. @swc/core-*) are recorded for Linux only.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts --no-audit --no-fund \
 && node scripts/prisma-generate.js

# --- runtime ----------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
# tini as PID 1: forwards SIGTERM to node and reaps orphaned grandchildren (the workflow
# subgraph starts MCP servers over stdio), under compose and Kubernetes alike.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
LABEL org.opencontainers.image.title="ai-workflow-engine" \
      org.opencontainers.image.description="Federated GraphQL gateway and subgraphs of the AI workflow engine (one image, service chosen at start)."
# Production by default: a container that lacks DATABASE_URL, DGRAPH_URL or a real secret
# fails at start naming the variable, instead of quietly using an embedded store.
ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false
WORKDIR /app
# The install (with workspace links and the generated clients), then the sources over it;
# .dockerignore keeps node_modules and generated/ out of the context, so nothing is clobbered.
COPY --from=deps /app ./
COPY . .
# Code stays root-owned and read-only to the service user. DATA_DIR (.data) is the one
# writable folder, used only when a store is left embedded outside production.
RUN mkdir -p .data && chown node:node .data
USER node

# Subgraphs answer /health/live, the gateway /health; the probe tries both (see the script).
# PORT must be set in the container's environment (compose and the k8s manifests do).
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "/app/infra/docker/healthcheck.js"]

# Documentation only: gateway, workflow, realtime, content-processing, knowledge-graph.
EXPOSE 4000 8080 8081 8082 3002
ENTRYPOINT ["tini", "--", "sh", "/app/infra/docker/entrypoint.sh"]
CMD ["help"]
