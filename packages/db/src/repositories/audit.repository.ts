import { and, asc, count, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { auditLog } from '../schema/audit.schema.ts';
import { entryHash, GENESIS_HASH, maskPersonal, type AuditContent } from './audit.chain.ts';
import { orderBy, paged, type Paged, type PageRequest } from './list.query.ts';

export interface AuditInput {
  /** When it happened, from the server's clock. */
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  clientAddress: string | null;
}

/**
 * Appends one entry, inside the caller's transaction so the entry and the write commit or fail
 * together. A transaction-scoped advisory lock orders writers so each entry chains onto the
 * true previous one.
 */
export async function appendAudit(tx: Executor, input: AuditInput): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7301652)`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  const content: AuditContent = {
    at: input.at,
    actorId: input.actorId,
    actorName: input.actorName,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    before: maskPersonal(input.before ?? null),
    after: maskPersonal(input.after ?? null),
    clientAddress: input.clientAddress,
  };
  await tx.insert(auditLog).values({ ...content, prevHash, hash: entryHash(prevHash, content) });
}

export interface AuditFilter {
  actorId?: string; entityType?: string; entityId?: string; action?: string; from?: string; to?: string;
}

const SORTS = { at: auditLog.id, action: auditLog.action, entityType: auditLog.entityType } as const;

export async function listAudit(db: Executor, filter: AuditFilter, request: PageRequest): Promise<Paged<typeof auditLog.$inferSelect>> {
  const conditions: SQL[] = [];
  if (filter.actorId) conditions.push(eq(auditLog.actorId, filter.actorId));
  if (filter.entityType) conditions.push(eq(auditLog.entityType, filter.entityType));
  if (filter.entityId) conditions.push(eq(auditLog.entityId, filter.entityId));
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  // Days are Asia/Almaty calendar days.
  if (filter.from) conditions.push(gte(auditLog.at, new Date(`${filter.from}T00:00:00+05:00`)));
  if (filter.to) conditions.push(lt(auditLog.at, sql`(${filter.to}::date + 1)::timestamp at time zone 'Asia/Almaty'`));
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [total]] = await Promise.all([
    db.select().from(auditLog).where(where)
      .orderBy(...orderBy(SORTS, request.sort ?? '-at', auditLog.id))
      .limit(request.pageSize).offset((request.page - 1) * request.pageSize),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return paged(rows, total?.n ?? 0, request);
}

export interface ChainBreak { id: number; reason: 'hash_mismatch' | 'prev_hash_mismatch' }
export interface ChainReport { checked: number; firstBreak: ChainBreak | null }

/** Walks the whole chain in id order, in batches, and reports the first broken link. */
export async function verifyAuditChain(db: Executor, batchSize = 5000): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let afterId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(sql`${auditLog.id} > ${afterId}`)
      .orderBy(asc(auditLog.id)).limit(batchSize);
    for (const row of rows) {
      if (row.prevHash !== prevHash) return { checked, firstBreak: { id: row.id, reason: 'prev_hash_mismatch' } };
      const expected = entryHash(prevHash, {
        at: row.at, actorId: row.actorId, actorName: row.actorName, action: row.action,
        entityType: row.entityType, entityId: row.entityId, before: row.before, after: row.after,
        clientAddress: row.clientAddress,
      });
      if (expected !== row.hash) return { checked, firstBreak: { id: row.id, reason: 'hash_mismatch' } };
      prevHash = row.hash;
      afterId = row.id;
      checked++;
    }
    if (rows.length < batchSize) return { checked, firstBreak: null };
  }
}
