import { Health } from '@esep/contracts';
import { migrationState, type MigrationState } from '@esep/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../http/app-error.ts';

/** The database is asked at most this often (by the server's clock); answers in between come from memory. */
export const HEALTH_PROBE_EVERY_MS = 2_000;
/** A probe that takes longer counts as a failure: a hung database is as unhealthy as a dead one. */
const PROBE_TIMEOUT_MS = 2_000;

type Probe = { at: number; migration: MigrationState } | { at: number; error: unknown };

/**
 * Liveness for load balancers and monitoring, polled often and at any rate. The migration state
 * is read at start-up; after that the database is probed (one query, which also refreshes the
 * migration state) at most once per HEALTH_PROBE_EVERY_MS, on demand: the request that finds the
 * last probe older than that waits for a new one, shared by the requests arriving meanwhile, and
 * everything else is answered from memory. A database that stops answering is reported unhealthy
 * (503) within HEALTH_PROBE_EVERY_MS + PROBE_TIMEOUT_MS; no timer runs while nobody asks.
 */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  const probe = async (): Promise<Probe> => {
    const at = app.clock.now().getTime();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the database did not answer in ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
    });
    try {
      return { at, migration: await Promise.race([migrationState(app.db), timeout]) };
    } catch (error) {
      return { at, error };
    } finally {
      clearTimeout(timer);
    }
  };
  let last = await probe();
  let running: Promise<Probe> | null = null;

  app.get('/api/health', {
    schema: { tags: ['health'], summary: 'Liveness, the database engine and its migration state (the database is asked at most every 2 s)', response: { 200: Health } },
    config: { access: { public: true } },
  }, async () => {
    const now = app.clock.now().getTime();
    if (now - last.at >= HEALTH_PROBE_EVERY_MS || now < last.at) {
      running ??= probe().then((result) => {
        last = result;
        if ('error' in result) app.log.warn({ err: result.error }, 'health: the database probe failed');
        return result;
      }).finally(() => { running = null; });
      await running;
    }
    if ('error' in last) throw new AppError('database_unavailable');
    return { status: 'ok' as const, database: app.database.engine, migration: last.migration };
  });
};
