import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained audit trail: each entry's hash covers its content and the previous
 * entry's hash in its chain, so editing or deleting a row breaks the chain at that row.
 *
 * Entries are kept in several chains ("lanes", `chain` 1…AUDIT_CHAINS, each with its own
 * position `seq`) so that concurrent writers do not queue behind one lock; each entry also
 * witnesses the newest entry of another lane (`witness_*`), so removing the newest entries of a
 * lane is caught once another lane has moved on. Chain 0 is the single chain written before
 * lanes existed, ordered by id (no seq, no witness). See `audit.repository.ts`.
 */
export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
  actorId: uuid('actor_id'),
  actorName: text('actor_name'),
  action: text('action').notNull(),
  entityType: text('entity_type').notNull(),
  entityId: text('entity_id'),
  before: jsonb('before'),
  after: jsonb('after'),
  clientAddress: text('client_address'),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
  chain: smallint('chain').notNull().default(0),
  seq: bigint('seq', { mode: 'number' }),
  witnessChain: smallint('witness_chain'),
  witnessSeq: bigint('witness_seq', { mode: 'number' }),
  witnessHash: text('witness_hash'),
}, (t) => [
  index('audit_log_entity_idx').on(t.entityType, t.entityId),
  index('audit_log_actor_idx').on(t.actorId),
  index('audit_log_at_idx').on(t.at),
  // One entry per position: a fork (two entries claiming one place in a lane) cannot commit.
  uniqueIndex('audit_log_chain_seq_idx').on(t.chain, t.seq),
  // The frozen chain 0, walked in id order by the verifier (new entries never enter this index).
  index('audit_log_chain0_idx').on(t.id).where(sql`${t.chain} = 0`),
  check('audit_log_position', sql`(${t.chain} = 0 and ${t.seq} is null) or (${t.chain} > 0 and ${t.seq} > 0)`),
]);
