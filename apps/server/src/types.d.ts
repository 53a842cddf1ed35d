import type { Actor, Action, Clock, Resource, Target } from '@esep/domain';
import type { Database, Db, UserRow } from '@esep/db';
import type { Config } from './config.ts';

export interface AuthState {
  user: UserRow;
  actor: Actor;
  session: { id: string; kind: 'cookie' | 'bearer'; csrfToken: string };
}

/**
 * How a route is guarded, declared with the route and enforced in one place (access.plugin).
 * `locate` finds the record the request is about; the policy decides on it.
 */
export type RouteAccess =
  | { public: true }
  | { authenticated: true }
  | { resource: Resource; action: Action; locate?: (request: import('fastify').FastifyRequest) => Promise<Omit<Target, 'resource'> | null> };

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    database: Database;
    db: Db;
    /** Issue 15, part 2: the read replica (DATABASE_READ_URL), else the same as `db`. Heavy read-only boards only, through `ctx.readDb`. */
    readDb: Db;
    /** The one clock of the server (the system clock in production; tests set their own). */
    clock: Clock;
  }
  interface FastifyRequest {
    auth: AuthState | null;
    /** Today's date in Asia/Almaty, fixed for the whole request. */
    today: string;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}
