import type { Db, Tx, AuditInput } from '@esep/db';
import { appendAudit } from '@esep/db';
import { almatyDate, type Actor, type Clock } from '@esep/domain';
import type { Locale } from '@esep/contracts';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { FastifyRequest } from 'fastify';
import { negotiateLocale } from '../http/locale.ts';
import type { JobQueue } from '../jobs/job.queue.ts';
import { readDbOf } from '../plugins/replica.plugin.ts';

/** What a service needs to know about the request: who acts, from where, on which day. */
export interface ServiceContext {
  db: Db;
  /**
   * Issue 15, part 2: where heavy read-only boards (analytics) read — the read replica when
   * DATABASE_READ_URL is set and the client has not written in the last seconds
   * (plugins/replica.plugin.ts); absent: `db`. Read it through `readerOf(ctx)`, never to write.
   */
  readDb?: Db;
  actor: Actor | null;
  actorName: string | null;
  clientAddress: string | null;
  /** The instant, from the server's one clock (never the wall clock read in a service). */
  now(): Date;
  /** Today's date in Asia/Almaty, fixed for the whole request. */
  today: string;
  /** The language answers are written in (Accept-Language, else the user's own). */
  locale?: Locale;
  /** Base URL of the public site (QR codes, iCal links). */
  publicUrl?: string;
  /** Issue 13: the job queue, to wake the workers for messages queued in the service's transaction. */
  jobs?: Pick<JobQueue, 'send'>;
}

export function contextOf(request: FastifyRequest): ServiceContext {
  return {
    db: request.server.db,
    readDb: readDbOf(request),
    actor: request.auth?.actor ?? null,
    actorName: request.auth?.user.username ?? null,
    clientAddress: request.ip ?? null,
    now: () => request.server.clock.now(),
    today: request.today,
    locale: negotiateLocale(request.headers['accept-language'], request.auth?.user.locale ?? 'kk'),
    publicUrl: request.server.config.publicUrl,
    jobs: request.server.jobs,
  };
}

/** The context of work no user asked for: start-up seeding, scheduled sweeps, command-line tools. */
export function systemContext(db: Db, clock: Clock, actorName = 'system'): ServiceContext {
  return { db, actor: null, actorName, clientAddress: null, now: () => clock.now(), today: almatyDate(clock.now()) };
}

/**
 * The database a read-only board reads: the replica (`ctx.readDb`) — unless `ctx.db` is a
 * transaction, whose work must see its own uncommitted writes and one snapshot: then the
 * transaction.
 */
export function readerOf(ctx: ServiceContext): Db {
  const inTransaction = ctx.db instanceof PgTransaction;
  return inTransaction ? ctx.db : (ctx.readDb ?? ctx.db);
}

export function requireActor(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw new Error('service called without an actor');
  return ctx.actor;
}

/**
 * Runs one use case in one transaction, with its audit entries written inside it: the change
 * and its record commit together or not at all.
 */
export type AuditFn = (entry: Omit<AuditInput, 'at' | 'actorId' | 'actorName' | 'clientAddress'>) => Promise<void>;

export async function inTransaction<T>(ctx: ServiceContext, work: (tx: Tx, audit: AuditFn) => Promise<T>): Promise<T> {
  return ctx.db.transaction(async (tx) => work(tx, (entry) => appendAudit(tx, {
    ...entry, at: ctx.now(), actorId: ctx.actor?.id ?? null, actorName: ctx.actorName, clientAddress: ctx.clientAddress,
  })));
}
