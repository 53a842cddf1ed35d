# syntax=docker/dockerfile:1
#
# Esep's production image (issue 12; docs/deployment.md). Three stages:
#   build   — every dependency, the web app (Vite) and the server bundles (esbuild);
#   deps    — the server's production dependencies only (no web, test or build packages);
#   runtime — Node 20, the bundles, the built web app, the migrations, as the unprivileged user.
# Nothing at run time needs Chromium or LibreOffice: PDFs are drawn by pdfmake with its own Roboto
# fonts, DOCX by `docx`; LibreOffice only converts DOCX in the test suite.
#
#   docker build -t esep .
#   docker run --rm -p 3000:3000 -e DATABASE_URL=postgres://… -e NODE_ENV=production \
#     -e ESEP_SIGNING_KEY=… -e PUBLIC_URL=https://esep.example.kz -v esep-data:/data esep

ARG NODE_IMAGE=node:20-bookworm-slim
# package-lock.json is written by npm 11; the npm 10 that comes with Node 20 refuses it in `npm ci`
# ("Missing: esbuild@0.28.2 from lock file"): the build stages use npm 11.
ARG NPM_VERSION=11.19.1

# --- build ------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
ARG NPM_VERSION
WORKDIR /src
ENV npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
RUN npm install -g "npm@${NPM_VERSION}"
# The manifests first: the dependency layer is rebuilt only when one of them changes.
COPY package.json package-lock.json ./
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY packages/contracts/package.json packages/contracts/
COPY packages/db/package.json packages/db/
COPY packages/domain/package.json packages/domain/
COPY e2e/package.json e2e/
RUN npm ci
COPY . .
# apps/web/dist, and apps/server/dist/{main,migrate,user-create,audit-verify,protocol-verify,demo-seed}.js
RUN npm run build:web && npm run build:server

# --- deps: what the bundles import at run time ------------------------------------------------
FROM ${NODE_IMAGE} AS deps
ARG NPM_VERSION
WORKDIR /app
ENV npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
RUN npm install -g "npm@${NPM_VERSION}"
COPY package.json package-lock.json ./
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY packages/contracts/package.json packages/contracts/
COPY packages/db/package.json packages/db/
COPY packages/domain/package.json packages/domain/
COPY e2e/package.json e2e/
# The server's workspaces only: the web app's libraries are in its built files already. @esep/*
# are bundled into dist/*.js; only @esep/db is looked up at run time (for its migrations).
RUN npm ci --omit=dev --ignore-scripts \
      --workspace=@esep/server --workspace=@esep/db --workspace=@esep/contracts --workspace=@esep/domain \
 && find node_modules/@esep -mindepth 1 -maxdepth 1 ! -name db -exec rm -rf {} + \
 && rm -rf /root/.npm

# --- runtime ------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
# MALLOC_MMAP_THRESHOLD_ as `npm start` sets it: glibc returns freed buffers of 128 kB and more.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data \
    MALLOC_MMAP_THRESHOLD_=131072
WORKDIR /app
# The server runs no package manager: npm, npx, corepack and yarn go.
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack /opt/yarn-* \
      /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack /usr/local/bin/yarn /usr/local/bin/yarnpkg
# Owned by root, read-only for the server; the server writes only under DATA_DIR (and /tmp).
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /src/package.json ./package.json
COPY --from=build /src/packages/db/package.json ./packages/db/package.json
COPY --from=build /src/packages/db/migrations ./packages/db/migrations
COPY --from=build /src/apps/server/package.json ./apps/server/package.json
COPY --from=build /src/apps/server/dist ./apps/server/dist
COPY --from=build /src/apps/web/dist ./apps/web/dist
# DATA_DIR: stored files (scans, proofs, attachments, signed protocols' PDFs), videos when no S3
# bucket is set, and the embedded database when DATABASE_URL is not set. A named volume mounted
# here starts with this ownership.
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
# GET /api/health answers 200 while the database answers (probed at most every 2 s), 503 else.
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# The operator's commands: node apps/server/dist/migrate.js | user-create.js | audit-verify.js |
# protocol-verify.js | demo-seed.js (the same as `npm run migrate` and the others).
CMD ["node", "apps/server/dist/main.js"]
