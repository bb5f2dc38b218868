# syntax=docker/dockerfile:1
# One image for the five Maillage apps; APP picks which one runs:
#   docker build -t maillage .
#   docker run -e APP=membership -e DATABASE_URL=… -e NATS_URL=… maillage
# or name the entry point yourself: docker run maillage node dist/apps/partners/src/main.js

ARG NODE_IMAGE=node:22-bookworm-slim

# npm pinned to the version that wrote package-lock.json: from npm 11 on, dependency
# install scripts run only for packages listed under `allowScripts` in package.json,
# and the npm bundled with the Node image may predate that policy.
FROM ${NODE_IMAGE} AS base
ARG NPM_VERSION=11.19.1
RUN npm install --global --no-audit --no-fund "npm@${NPM_VERSION}" && npm cache clean --force
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false

# All dependencies, dev included: the build needs swc and tsc.
FROM base AS deps
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
RUN npm run build

# Production dependencies only, in their own stage so the runtime gets node_modules without npm's cache.
FROM base AS prod-deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
# tini as PID 1 forwards SIGTERM to node and reaps zombies.
RUN apt-get update \
  && apt-get install --yes --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
  APP=gateway
WORKDIR /app
# Owned by root and read-only for the app user: the container can run with a read-only root filesystem.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# The `node` user of the official image, by number so Kubernetes can check runAsNonRoot.
USER 1000:1000
EXPOSE 3000
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["sh", "-c", "case \"$APP\" in gateway|membership|scheduling|campaigns|partners) exec node --enable-source-maps \"dist/apps/$APP/src/main.js\" ;; *) echo \"APP must be one of gateway, membership, scheduling, campaigns, partners (got '$APP')\" >&2; exit 64 ;; esac"]
