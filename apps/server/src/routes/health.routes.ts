import { Health } from '@esep/contracts';
import { migrationState } from '@esep/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/health', {
    schema: { tags: ['health'], summary: 'Liveness, the database engine and its migration state', response: { 200: Health } },
    config: { access: { public: true } },
  }, async () => ({ status: 'ok' as const, database: app.database.engine, migration: await migrationState(app.db) }));
};
