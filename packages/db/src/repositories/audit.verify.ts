import { and, asc, eq, gt, min, sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../client.ts';
import { auditLog } from '../schema/audit.schema.ts';
import { entryHash, GENESIS_HASH, type ChainPosition } from './audit.chain.ts';

/*
 * `npm run audit:verify`: walks every chain of the audit trail (chain 0 in id order, then each
 * lane in seq order; see `audit.repository.ts` for why there are lanes) and names the first
 * entry that does not hold.
 */

export type ChainBreakReason =
  /** The entry's content (or position, or witness) is not what its hash was computed over. */
  | 'hash_mismatch'
  /** The entry does not link to the entry before it: that one was changed, moved or removed. */
  | 'prev_hash_mismatch'
  /** Entries before it in its lane are missing (`missing` names the first). */
  | 'sequence_gap'
  /** The entry of another lane it witnessed (`missing`) is gone or no longer the same. */
  | 'witness_mismatch';

export interface ChainBreak {
  id: number;
  chain: number;
  reason: ChainBreakReason;
  /** The position that is gone or changed, for a gap or a witness. */
  missing?: { chain: number; seq: number };
}

/** The newest intact entry of one chain: keep these elsewhere to notice a cut-off tail. */
export interface ChainHead { chain: number; entries: number; seq: number | null; hash: string }

export interface ChainReport {
  /** Entries found intact (in every chain, up to each chain's first break). */
  checked: number;
  heads: ChainHead[];
  /** The earliest written (lowest id) of the chains' first breaks. */
  firstBreak: ChainBreak | null;
}

type Row = typeof auditLog.$inferSelect;

const contentOf = (row: Row) => ({
  at: row.at, actorId: row.actorId, actorName: row.actorName, action: row.action,
  entityType: row.entityType, entityId: row.entityId, before: row.before, after: row.after, clientAddress: row.clientAddress,
});

interface Walk { checked: number; head: ChainHead; firstBreak: ChainBreak | null }

/** Chain 0, written before lanes: ordered by id, hashed without a position. */
async function walkChainZero(db: Executor, batchSize: number): Promise<Walk> {
  let prevHash = GENESIS_HASH;
  let afterId = 0;
  let checked = 0;
  const result = (firstBreak: ChainBreak | null): Walk => ({ checked, head: { chain: 0, entries: checked, seq: null, hash: prevHash }, firstBreak });
  for (;;) {
    const rows = await db.select().from(auditLog).where(and(eq(auditLog.chain, 0), gt(auditLog.id, afterId)))
      .orderBy(asc(auditLog.id)).limit(batchSize);
    for (const row of rows) {
      if (row.prevHash !== prevHash) return result({ id: row.id, chain: 0, reason: 'prev_hash_mismatch' });
      // A position or witness on a chain-0 entry was never hashed: it was put there afterwards.
      const positioned = row.seq !== null || row.witnessChain !== null || row.witnessSeq !== null || row.witnessHash !== null;
      if (positioned || entryHash(prevHash, contentOf(row)) !== row.hash) return result({ id: row.id, chain: 0, reason: 'hash_mismatch' });
      prevHash = row.hash;
      afterId = row.id;
      checked++;
    }
    if (rows.length < batchSize) return result(null);
  }
}

/** The hashes now stored at the positions a batch of entries witnessed (one query per batch). */
async function witnessed(db: Executor, rows: Row[]): Promise<Map<string, string>> {
  const refs = rows.filter((r) => r.witnessChain !== null && r.witnessSeq !== null);
  if (!refs.length) return new Map();
  // Two integer arrays (as array literals: the same text on both drivers) joined on the (chain, seq) index.
  const chains = `{${refs.map((r) => Number(r.witnessChain)).join(',')}}`;
  const seqs = `{${refs.map((r) => Number(r.witnessSeq)).join(',')}}`;
  const found = rowsOf<{ chain: number; seq: number; hash: string }>(await db.execute(sql`
    select a.chain, a.seq, a.hash from unnest(${chains}::int[], ${seqs}::bigint[]) as w(chain, seq)
    join audit_log a on a.chain = w.chain and a.seq = w.seq`));
  return new Map(found.map((f) => [`${f.chain}:${f.seq}`, f.hash]));
}

/** One lane: seq 1, 2, … each linking to the one before (seq 1 to chain 0's last entry). */
async function walkLane(db: Executor, chain: number, anchor: string, batchSize: number): Promise<Walk> {
  let prevHash = anchor;
  let seq = 0;
  let checked = 0;
  const result = (firstBreak: ChainBreak | null): Walk => ({ checked, head: { chain, entries: checked, seq, hash: prevHash }, firstBreak });
  for (;;) {
    const rows = await db.select().from(auditLog).where(and(eq(auditLog.chain, chain), gt(auditLog.seq, seq)))
      .orderBy(asc(auditLog.seq)).limit(batchSize);
    const seen = await witnessed(db, rows);
    for (const row of rows) {
      const expected = seq + 1;
      if (row.seq !== expected) return result({ id: row.id, chain, reason: 'sequence_gap', missing: { chain, seq: expected } });
      if (row.prevHash !== prevHash) return result({ id: row.id, chain, reason: 'prev_hash_mismatch' });
      const witness: ChainPosition['witness'] = row.witnessHash === null && row.witnessChain === null && row.witnessSeq === null
        ? null : { chain: row.witnessChain ?? -1, seq: row.witnessSeq ?? -1, hash: row.witnessHash ?? '' };
      if (entryHash(prevHash, contentOf(row), { chain, seq: expected, witness }) !== row.hash) return result({ id: row.id, chain, reason: 'hash_mismatch' });
      if (witness && (witness.chain === chain || seen.get(`${witness.chain}:${witness.seq}`) !== witness.hash)) {
        return result({ id: row.id, chain, reason: 'witness_mismatch', missing: { chain: witness.chain, seq: witness.seq } });
      }
      prevHash = row.hash;
      seq = expected;
      checked++;
    }
    if (rows.length < batchSize) return result(null);
  }
}

/** Walks every chain in batches and reports the earliest written broken entry and each chain's head. */
export async function verifyAuditChain(db: Executor, batchSize = 5000): Promise<ChainReport> {
  const walks = [await walkChainZero(db, batchSize)];
  // Each lane starts from the last entry stored in chain 0 (what its first writer read), intact or not.
  const [last] = await db.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.chain, 0)).orderBy(sql`${auditLog.id} desc`).limit(1);
  const anchor = last?.hash ?? GENESIS_HASH;
  // The lanes present, found one by one on the (chain, seq) index rather than by scanning the table.
  for (let chain = 0; ;) {
    const [next] = await db.select({ chain: min(auditLog.chain) }).from(auditLog).where(gt(auditLog.chain, chain));
    if (next?.chain == null) break;
    chain = next.chain;
    walks.push(await walkLane(db, chain, anchor, batchSize));
  }
  const breaks = walks.flatMap((w) => (w.firstBreak ? [w.firstBreak] : [])).sort((a, b) => a.id - b.id);
  return {
    checked: walks.reduce((n, w) => n + w.checked, 0),
    heads: walks.filter((w) => w.head.chain > 0 || w.head.entries > 0).map((w) => w.head),
    firstBreak: breaks[0] ?? null,
  };
}
