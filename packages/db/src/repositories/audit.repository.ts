import { and, count, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor } from '../client.ts';
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

/*
 * Why lanes (issue 10, item 7). With one chain, every audited write in the country took one
 * advisory lock and held it until its transaction committed, so all writes queued behind one
 * another. Now the trail is AUDIT_CHAINS chains ("lanes"), each with its own transaction-scoped
 * advisory lock (AUDIT_LOCK, lane). A writer takes the first lane nobody holds (try-locks, which
 * never wait), so writers wait only when more than AUDIT_CHAINS audited transactions are open at
 * once — more than the connection pools of several server processes together. Lanes are chosen
 * by who is free, not by a key such as the entity or the actor's unit: a key makes two unrelated
 * writers collide whenever their keys share a lane, and a transaction auditing two entities
 * would need two lanes' locks in some order (deadlocks); here a transaction takes one lane for
 * all its entries. Under light load every write lands in lane 1, which is then the one chain the
 * trail always was.
 *
 * What stays tamper-evident (`verifyAuditChain`):
 *  - editing an entry: its hash no longer matches its content (position and witness included);
 *  - removing an entry: the next one in its lane has a gap in `seq` and a dangling prev_hash; if
 *    it was the newest of its lane, the first later entry that witnessed it no longer finds it —
 *    each entry records the newest entry (chain, seq, hash) of another lane, rotating over all
 *    lanes, so a lane's tail is witnessed once other lanes move on. (The newest entries of the
 *    whole trail, not yet witnessed, can be cut off unseen, as the last entry of a single chain
 *    always could: `npm run audit:verify` prints every lane's head to be kept elsewhere);
 *  - reordering or moving entries: position is hashed, and prev_hash must link to seq − 1;
 *  - inserting an entry between two others: the lane's prev_hash links and seq leave no room.
 * Anyone who can disable the append-only trigger can still append new, well-formed entries at a
 * lane's end: the hashes are not keyed with a secret (as before).
 *
 * Concurrency: the lane lock is taken before the lane's head is read, and in READ COMMITTED each
 * statement sees every transaction committed before it started, so the head read is the true
 * head (the previous holder released the lock only after committing). No forks: the unique
 * (chain, seq) index refuses a second entry at one position. No gaps: seq is assigned under the
 * lock from the committed head, so a rolled-back entry leaves no trace and no hole. Audited
 * transactions must run in READ COMMITTED (the default); a REPEATABLE READ snapshot could miss
 * the head and would then fail on the unique index rather than fork the lane.
 */

/** Advisory lock class of the audit lanes: (AUDIT_LOCK, lane) is one lane's lock. */
export const AUDIT_LOCK = 7301652;
/** How many lanes new entries are spread over; chains 1…AUDIT_CHAINS (0 is the pre-lane chain). */
export const AUDIT_CHAINS = 32;

/** The lane a transaction already writes to: all its entries go to that one lane, in order. */
const laneOf = new WeakMap<object, number>();

async function takeLane(tx: Executor): Promise<number> {
  const held = laneOf.get(tx);
  if (held) return held;
  // pg_try_advisory_xact_lock is evaluated lane by lane as LIMIT pulls rows: it stops at the
  // first free lane and takes no other lock.
  const [free] = rowsOf<{ lane: number }>(await tx.execute(sql`
    select lane from generate_series(1, ${AUDIT_CHAINS}::int) as lane
    where pg_try_advisory_xact_lock(${AUDIT_LOCK}::int, lane) limit 1`));
  let lane = free ? Number(free.lane) : 0;
  if (!lane) {
    // Every lane is busy: wait for one, spread by connection so waiters do not pile on lane 1.
    // A transaction waits here only before it holds any lane, so lanes cannot deadlock among
    // themselves (a wait against a row lock is PostgreSQL's to detect, as with the one lock).
    const [taken] = rowsOf<{ lane: number }>(await tx.execute(sql`
      select lane, pg_advisory_xact_lock(${AUDIT_LOCK}::int, lane) from (select (pg_backend_pid() % ${AUDIT_CHAINS}::int) + 1 as lane) as pick`));
    lane = Number(taken!.lane);
  }
  laneOf.set(tx, lane);
  return lane;
}

/**
 * Appends one entry, inside the caller's transaction so the entry and the write commit or fail
 * together: it links onto the head of a free lane and witnesses the head of another lane.
 */
export async function appendAudit(tx: Executor, input: AuditInput): Promise<void> {
  const chain = await takeLane(tx);
  // The lane's head and the head of the lane this entry witnesses. The witnessed lane rotates
  // with the position over every other lane: offset 1 + (seq mod (AUDIT_CHAINS − 1)).
  const [heads] = rowsOf<{ seq: number | null; hash: string | null; w_chain: number | null; w_seq: number | null; w_hash: string | null }>(await tx.execute(sql`
    select h.seq, h.hash, w.chain as w_chain, w.seq as w_seq, w.hash as w_hash
    from (select 1) as one
    left join lateral (select seq, hash from audit_log where chain = ${chain}::int order by seq desc limit 1) as h on true
    left join lateral (select chain, seq, hash from audit_log
      where chain = ((${chain}::int + coalesce(h.seq, 0) % ${AUDIT_CHAINS - 1}::int) % ${AUDIT_CHAINS}::int) + 1
      order by seq desc limit 1) as w on true`));
  let prevHash: string;
  if (heads?.hash) prevHash = heads.hash;
  else prevHash = await legacyHead(tx);
  const seq = Number(heads?.seq ?? 0) + 1;
  const witness = heads?.w_hash ? { chain: Number(heads.w_chain), seq: Number(heads.w_seq), hash: heads.w_hash } : null;
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
  await tx.insert(auditLog).values({
    ...content, prevHash, hash: entryHash(prevHash, content, { chain, seq, witness }),
    chain, seq, witnessChain: witness?.chain ?? null, witnessSeq: witness?.seq ?? null, witnessHash: witness?.hash ?? null,
  });
}

/**
 * The hash every lane starts from: the last entry of chain 0 (written before lanes; it no longer
 * grows), or the genesis hash. Anchoring each lane there makes cutting chain 0's tail visible.
 */
async function legacyHead(db: Executor): Promise<string> {
  const [last] = await db.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.chain, 0)).orderBy(desc(auditLog.id)).limit(1);
  return last?.hash ?? GENESIS_HASH;
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
