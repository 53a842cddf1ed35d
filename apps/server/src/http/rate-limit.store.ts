import { createHash } from 'node:crypto';
import { countRateHit, LONG_RATE_BUCKET, LONG_RATE_WINDOW_MS } from '@esep/db';
import type { FastifyInstance } from 'fastify';
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';

/*
 * Issue 12: the per-route rate limits (login, token, OIDC, the verification form, the calendar
 * feeds) counted in the database, not in each process's memory: production runs several server
 * processes behind one load balancer, and a limit of 20 logins a minute must stay 20 whichever
 * process answers. The counters are the rows the self-registration limit already uses
 * (`rate_windows`: fixed windows, one atomic upsert-increment per request), swept by it too.
 *
 * The bucket names the route and a digest of the key (the client address by default), so the
 * table never holds an address. Windows are fixed, not sliding: the first request of a window
 * opens it, like @fastify/rate-limit's own LocalStore, but aligned on the clock so that every
 * process agrees on when a window starts.
 */

/**
 * The sweep (self-registration.limit.ts) deletes windows that started more than a minute ago,
 * and those of longer windows (up to an hour, R-29), named with LONG_RATE_BUCKET, an hour later.
 */
export const SHORT_WINDOW_MS = 60_000;
export const LONGEST_WINDOW_MS = LONG_RATE_WINDOW_MS;

interface RouteScope { method: string; url: string }

export function databaseRateStore(app: Pick<FastifyInstance, 'db' | 'clock'>): FastifyRateLimitStoreCtor {
  class DatabaseRateStore implements FastifyRateLimitStore {
    constructor(_options: unknown, private readonly route: RouteScope = { method: '*', url: '*' }) {}

    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow?: number): void {
      const windowMs = timeWindow ?? SHORT_WINDOW_MS;
      const now = app.clock.now().getTime();
      const windowStart = now - (now % windowMs);
      const digest = createHash('sha256').update(key).digest('hex');
      const long = windowMs > SHORT_WINDOW_MS ? LONG_RATE_BUCKET : '';
      countRateHit(app.db, `${long}route:${this.route.method} ${this.route.url}:${digest}`, new Date(windowStart))
        .then((current) => callback(null, { current, ttl: windowStart + windowMs - now }), (error: Error) => callback(error));
    }

    child(options: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      // What the plugin passes at run time: the route's merged limit, with the route as routeInfo.
      const routeOptions = options as unknown as { routeInfo?: { method?: string | string[]; url?: string }; timeWindow?: unknown };
      // A longer window would be swept while it still counts: refuse it when the route is made.
      if (typeof routeOptions.timeWindow === 'number' && routeOptions.timeWindow > LONGEST_WINDOW_MS) {
        throw new Error(`rate limit window ${routeOptions.timeWindow} ms is longer than the sweep keeps (${LONGEST_WINDOW_MS} ms)`);
      }
      const method = [routeOptions.routeInfo?.method ?? '*'].flat().join(',');
      return new DatabaseRateStore(options, { method, url: routeOptions.routeInfo?.url ?? '*' });
    }
  }
  return DatabaseRateStore;
}
