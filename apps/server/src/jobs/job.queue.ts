import { JOB_SCHEMA, type Database, type Executor } from '@esep/db';
import { sql, type SQL } from 'drizzle-orm';
import PgBoss from 'pg-boss';

/*
 * Issue 12, part 1: every piece of background work is a pg-boss job in the database, so it
 * survives a restart and runs once across all processes:
 *   - a job is queued in the same transaction as the change that causes it (`send(tx, …)`),
 *   - a schedule (cron, UTC) makes one job per slot, whichever process's clock ticks first,
 *   - a worker fetches with SKIP LOCKED, so two processes never take the same job at once.
 * Queues deliver at least once (a worker that dies mid-job leaves it to be retried after it
 * expires), so every handler is idempotent; delivery of messages adds its own exactly-once row
 * (delivery.service.ts).
 *
 * On the embedded database pg-boss talks through `database.executeSql`, the one in-process
 * PGlite connection (it waits for an open transaction instead of interleaving with it); on
 * PostgreSQL through the same pool as the rest of the server.
 */
export const QUEUES = {
  /** Send one delivery (data: { deliveryId }). */
  deliver: 'deliver',
  /** Work out which reminders are due and make them (every minute). */
  remindersScan: 'reminders-scan',
  /** Release held deliveries, make digests, settle deliveries stuck mid-send (every minute). */
  deliveriesSweep: 'deliveries-sweep',
  /** the retention dry run (daily). */
  retentionDryRun: 'retention-dry-run',
  /** uploads left unfinished expire (hourly). */
  uploadsExpire: 'uploads-expire',
  /** Expired sessions removed (hourly). */
  sessionsSweep: 'sessions-sweep',
  /** Issue 13: the day-before reminder to the district's subscribers (every 10 minutes; keyed, so once). */
  subscribersDayBefore: 'subscribers-day-before',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** When each scheduled queue runs (cron in UTC; Almaty is UTC+5: 22:00 UTC is 03:00 there). */
export const SCHEDULES: Partial<Record<QueueName, string>> = {
  [QUEUES.remindersScan]: '* * * * *',
  [QUEUES.deliveriesSweep]: '* * * * *',
  [QUEUES.retentionDryRun]: '0 22 * * *',
  [QUEUES.uploadsExpire]: '7 * * * *',
  [QUEUES.sessionsSweep]: '37 * * * *',
  [QUEUES.subscribersDayBefore]: '*/10 * * * *',
};

export type JobHandler = (data: Record<string, unknown>) => Promise<unknown>;

export interface SendOptions {
  /** Not before this instant. */
  startAfter?: Date;
  /** At most one queued job with this key (pg-boss singletonKey). */
  singletonKey?: string;
}

/** A pg-boss `Db` over a Drizzle executor: how a job joins the caller's transaction. */
export function executorDb(db: Executor): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const result = await db.execute(statement(text, values));
      return { rows: (result as unknown as { rows: unknown[] }).rows };
    },
  };
}

/** `$n` placeholders of one statement → a Drizzle SQL with those values bound. */
export function statement(text: string, values: readonly unknown[]): SQL {
  if (!values.length) return sql.raw(text);
  const parts = text.split(/\$(\d+)\b/);
  // An undefined value (pg-boss leaves options unset so) is SQL null; Drizzle would drop the chunk.
  const chunks: SQL[] = parts.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${values[Number(part) - 1] ?? null}`));
  return sql.join(chunks, sql.raw(''));
}

export type JobMode = 'all' | 'none' | 'only';

export interface JobQueueOptions {
  database: Database;
  /** Whether this process works jobs and keeps the schedule ('none': it only queues them). */
  work: boolean;
  onError(error: unknown): void;
  /** How often an idle worker looks for jobs. */
  pollingIntervalSeconds?: number;
}

export class JobQueue {
  readonly boss: PgBoss;
  private readonly handlers = new Map<QueueName, JobHandler>();
  private started = false;

  constructor(private readonly options: JobQueueOptions) {
    const { database } = options;
    this.boss = new PgBoss({
      db: { executeSql: (text, values) => database.executeSql(text, values) as Promise<{ rows: unknown[] }> },
      schema: JOB_SCHEMA,
      // Esep's migrations install the schema (jobs.schema.ts); pg-boss upgrades its own.
      migrate: true,
      supervise: options.work,
      schedule: options.work,
      // Handlers are idempotent; a failed run is retried with backoff, then kept for the log.
      retryLimit: 5,
      retryDelay: 30,
      retryBackoff: true,
      expireInMinutes: 15,
      // No state monitoring: the key must be absent (pg-boss asserts a present one is at least 1).
    });
    this.boss.on('error', (error) => options.onError(error));
  }

  /** Registers what a queue does; started workers poll for it once `start` has run. */
  handle(name: QueueName, handler: JobHandler): void {
    this.handlers.set(name, handler);
  }

  async start(): Promise<void> {
    await this.boss.start();
    await this.createQueues();
    this.started = true;
    if (!this.options.work) return;
    for (const [name, cron] of Object.entries(SCHEDULES)) await this.boss.schedule(name, cron, {}, { tz: 'UTC', singletonKey: name });
    for (const [name, handler] of this.handlers) {
      await this.boss.work<Record<string, unknown>>(name, { pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 2, batchSize: 1 }, async ([job]) => {
        if (job) await handler(job.data ?? {});
      });
    }
  }

  /**
   * Makes the queues that do not exist yet. Processes started together (a deployment) race here:
   * two `create_queue` calls on one new queue deadlock in PostgreSQL (seen: 40P01 between two
   * starting processes), so a failed round looks again and retries what is still missing.
   */
  private async createQueues(): Promise<void> {
    for (let round = 1; ; round += 1) {
      const existing = new Set((await this.boss.getQueues()).map((q) => q.name));
      const missing = Object.values(QUEUES).filter((name) => !existing.has(name));
      if (!missing.length) return;
      try {
        for (const name of missing) await this.boss.createQueue(name);
        return;
      } catch (error) {
        if (round >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * round + Math.random() * 100));
      }
    }
  }

  /** Queues a job inside `db` (a transaction: it commits with the change, or not at all). */
  async send(db: Executor, name: QueueName, data: Record<string, unknown>, options: SendOptions = {}): Promise<void> {
    if (!this.started) throw new Error('JobQueue.send before start');
    await this.boss.send(name, data, {
      db: executorDb(db),
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
    });
  }

  /**
   * Runs, in this process, every job of these queues that is due now, until none is left (tests,
   * and the command line; a worker does the same by polling). Answers how many ran.
   */
  async drain(names: readonly QueueName[] = [...this.handlers.keys()]): Promise<number> {
    let ran = 0;
    for (let more = true; more;) {
      more = false;
      for (const name of names) {
        const handler = this.handlers.get(name);
        if (!handler) continue;
        const [job] = await this.boss.fetch<Record<string, unknown>>(name, { batchSize: 1 });
        if (!job) continue;
        more = true;
        ran += 1;
        try {
          await handler(job.data ?? {});
          await this.boss.complete(name, job.id);
        } catch (error) {
          await this.boss.fail(name, job.id, { message: error instanceof Error ? error.message : String(error) });
          throw error;
        }
      }
    }
    return ran;
  }

  /** Runs a queue's handler once, now, without a job (the schedule's work on demand). */
  async run(name: QueueName, data: Record<string, unknown> = {}): Promise<unknown> {
    const handler = this.handlers.get(name);
    if (!handler) throw new Error(`no handler for ${name}`);
    return handler(data);
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, timeout: 5_000, close: false });
  }
}
