import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sendError } from './errors.plugin.ts';

/**
 * Serves the built single-page app from the same port as the API. Unknown non-API paths get
 * index.html so client-side routes survive a reload.
 */
export default fp(async function webPlugin(app: FastifyInstance) {
  const root = app.config.webDist;
  const hasBuild = existsSync(join(root, 'index.html'));
  if (hasBuild) {
    // `preCompressed`: the build's `.br`/`.gz` twins (brotli at quality 11, apps/web/vite.config.ts)
    // go as they are, smaller than compressing on the fly; files without them are compressed
    // by @fastify/compress as before.
    await app.register(fastifyStatic, { root, wildcard: false, maxAge: '1h', index: false, preCompressed: true });
  } else {
    app.log.warn({ root }, 'web build not found: run `npm run build:web`; serving the API only');
  }
  app.setNotFoundHandler((request, reply) => {
    // A missing script or style must fail as such, not come back as the app's HTML page.
    if (request.url.startsWith('/api/') || request.url.startsWith('/assets/') || request.method !== 'GET' || !hasBuild) {
      return sendError(request, reply, 404, 'not_found');
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
});
