import compress from '@fastify/compress';
import rateLimit from '@fastify/rate-limit';
import multipart from '@fastify/multipart';
import type { Database } from '@esep/db';
import type { Clock } from '@esep/domain';
import { systemClock } from './clock.ts';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import accessPlugin from './plugins/access.plugin.ts';
import authPlugin from './plugins/auth.plugin.ts';
import errorsPlugin from './plugins/errors.plugin.ts';
import openapiPlugin from './plugins/openapi.plugin.ts';
import webPlugin from './plugins/web.plugin.ts';
import jobsPlugin from './plugins/jobs.plugin.ts';
import { databaseRateStore } from './http/rate-limit.store.ts';
import retentionPlugin from './plugins/retention.plugin.ts';
import type { Channels } from './notifications/channel.ts';
import { createChannels } from './notifications/channels/channels.ts';
import replicaPlugin from './plugins/replica.plugin.ts';
import securityHeadersPlugin from './plugins/security-headers.plugin.ts';
import tusPlugin from './plugins/tus.plugin.ts';
import { registerRoutes } from './routes/index.ts';

export interface BuildOptions {
  config: Config;
  database: Database;
  /** Tests pass false to keep output quiet. */
  logger?: boolean;
  /** Where "now" comes from; the system clock unless a test sets one. */
  clock?: Clock;
  /** The message channels (issue 12): those configured (ESEP_SMTP_URL …) unless a test passes its own. */
  channels?: Channels;
}

/** Builds the Fastify application: plugins for infrastructure, then the routes. */
export async function buildApp({ config, database, logger = true, clock = systemClock, channels }: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? {
      level: config.logLevel,
      // Personal data never goes to logs: no bodies are logged, and these headers are redacted.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
      hooks: {
        // A phone that hangs up mid-download (a closed tab, a lost signal, a video seek) makes
        // @fastify/compress log "premature close" as an error; nothing failed on the server.
        logMethod(args, method, level) {
          if (level >= 50 && args[0] instanceof Error && args[0].message === 'premature close') {
            return this.debug({ err: args[0] }, 'client closed the connection before the response ended');
          }
          return method.apply(this, args);
        },
      },
    } : false,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.decorate('config', config);
  app.decorate('database', database);
  app.decorate('db', database.db);
  // Issue 15, part 2: the read replica when DATABASE_READ_URL is set, else the primary itself.
  app.decorate('readDb', database.readDb ?? database.db);
  app.decorate('clock', clock);

  await app.register(errorsPlugin);
  // CSP, frame-ancestors, nosniff on every answer (the API, the docs, the web app, files).
  await app.register(securityHeadersPlugin);
  // Phones on slow networks: the app's scripts and the API's JSON go compressed (br or gzip).
  await app.register(compress, { global: true, threshold: 1024 });
  await app.register(openapiPlugin);
  // Per-route limits counted in the database, so several processes share them (issue 12).
  await app.register(rateLimit, { global: false, store: databaseRateStore(app) });
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 12 } });
  // Background work in the database (issue 12): before the plugins that add their own jobs.
  await app.register(jobsPlugin, { channels: channels ?? createChannels(config.notifications) });
  await app.register(authPlugin);
  await app.register(accessPlugin);
  // Issue 15, part 2: a client that has just written reads the analytics from the primary.
  await app.register(replicaPlugin);
  // resumable video uploads (tus) and the video store: the daily retention dry run.
  await app.register(tusPlugin);
  await app.register(retentionPlugin);
  await app.register(registerRoutes);
  await app.register(webPlugin);
  return app;
}
