# syntax=docker/dockerfile:1
# Flagstaff server image: build every workspace in one stage, run the built server as a non-root
# user in a slim stage with production dependencies only.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# Manifests first, so the dependency layer is reused until a package.json or the lockfile changes.
COPY package.json package-lock.json tsconfig.base.json ./
COPY sdk-core/package.json sdk-core/
COPY sdk-node/package.json sdk-node/
COPY sdk-web/package.json sdk-web/
COPY console/package.json console/
COPY migrations/package.json migrations/
COPY server/package.json server/
COPY test/package.json test/
COPY bench/package.json bench/
RUN npm ci --no-audit --no-fund
COPY sdk-core sdk-core
COPY sdk-node sdk-node
COPY migrations migrations
COPY server server
COPY console console
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=4000 \
    FLAGSTAFF_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/sdk-core/package.json sdk-core/
COPY --from=build /app/sdk-core/dist sdk-core/dist
COPY --from=build /app/migrations/package.json migrations/
COPY --from=build /app/migrations/dist migrations/dist
COPY --from=build /app/server/package.json server/
COPY --from=build /app/server/dist server/dist
# The admin console: static files the server serves at /.
COPY --from=build /app/console/dist console/dist
# The data folder is used only on the embedded default (no DATABASE_URL).
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:4000/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "server/dist/main.js"]
