import {
  appendAudit, AUDIT_CHAINS, AUDIT_LOCK, auditLog, entryHash, GENESIS_HASH, migrateDatabase, openDatabase, rowsOf, verifyAuditChain,
  type ChainReport, type Database, type Db, type Executor,
} from '@esep/db';
import { asc, eq, sql, TransactionRollbackError } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../../test/clock.ts';
import { databaseBefore, testDatabase } from '../../test/database.ts';
import { inTransaction, systemContext } from './context.ts';

/*
 * The audit trail in lanes (issue 10, item 7; audit.repository.ts): many writers at once give
 * chains that verify, with no fork, gap or trace of a rolled-back write; every kind of tampering
 * is named by `verifyAuditChain`; entries written before lanes existed still verify.
 */
const engine = process.env.ESEP_TEST_ENGINE ?? 'pglite';
const clock = new TestClock().set('2027-03-31T23:45:00+05:00');

let database: Database & { url?: string };
/** On PostgreSQL, a pool wide enough for many writers at once. */
let wide: Database;
beforeAll(async () => {
  database = await testDatabase();
  wide = database.url ? await openDatabase({ url: database.url, poolSize: 20 }) : database;
});
afterAll(async () => {
  if (wide !== database) await wide.close();
  await database.close();
});

/** Tampers inside a transaction, verifies what it sees, and rolls everything back (the trigger too). */
async function verifyTampered(db: Db, tamper: (tx: Executor) => Promise<unknown>): Promise<ChainReport> {
  let report: ChainReport | undefined;
  await db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
    await tamper(tx);
    report = await verifyAuditChain(tx, 7);
    tx.rollback();
  }).catch((error: unknown) => { if (!(error instanceof TransactionRollbackError)) throw error; });
  expect((await verifyAuditChain(db)).firstBreak).toBeNull();
  return report!;
}

const lane = (db: Executor, chain: number) => db.select().from(auditLog).where(eq(auditLog.chain, chain)).orderBy(asc(auditLog.seq));

describe('audit lanes under concurrent writers', () => {
  it('200 audited transactions at once from many connections: chains verify, no fork, no gap, no rolled-back entry', async () => {
    const ctx = systemContext(wide.db, clock, 'bench');
    const outcomes = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => inTransaction(ctx, async (tx, audit) => {
      await audit({ action: i % 7 === 3 ? 'test.rolled_back' : 'test.concurrent', entityType: 'test', entityId: String(i), after: { i, fullName: 'Серік Ахметов' } });
      // Hold the lane a little, as a real use case does until it commits, so writers overlap.
      await tx.execute(sql`select pg_sleep(0.005)`);
      if (i % 10 === 0) await audit({ action: 'test.concurrent.second', entityType: 'test', entityId: String(i) });
      if (i % 7 === 3) throw new Error('rolled back on purpose');
    })));
    const all200 = Array.from({ length: 200 }, (_, i) => i);
    const rolledBack = all200.filter((i) => i % 7 === 3);
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(rolledBack.length);

    const report = await verifyAuditChain(database.db);
    expect(report.firstBreak).toBeNull();
    const rows = await database.db.select().from(auditLog).where(sql`${auditLog.entityType} = 'test'`);
    expect(rows.filter((r) => r.action === 'test.rolled_back')).toEqual([]);
    expect(rows.filter((r) => r.action === 'test.concurrent').map((r) => Number(r.entityId)).sort((a, b) => a - b))
      .toEqual(all200.filter((i) => i % 7 !== 3));
    expect(rows.filter((r) => r.action === 'test.concurrent.second')).toHaveLength(all200.filter((i) => i % 10 === 0 && i % 7 !== 3).length);
    // Personal data is masked in lanes as before; `at` is the context's clock.
    expect(rows.every((r) => JSON.stringify(r.after ?? {}).includes('Серік') === false)).toBe(true);
    expect(rows.every((r) => r.at.toISOString() === '2027-03-31T18:45:00.000Z')).toBe(true);
    // A transaction's entries stay together, one after the other in one lane.
    for (const second of rows.filter((r) => r.action === 'test.concurrent.second')) {
      const first = rows.find((r) => r.action === 'test.concurrent' && r.entityId === second.entityId)!;
      expect([second.chain, second.seq]).toEqual([first.chain, first.seq! + 1]);
    }
    // Each lane is 1…n without holes (verify checks links; this checks the numbering directly).
    const all = await database.db.select({ chain: auditLog.chain, seq: auditLog.seq }).from(auditLog);
    const byLane = new Map<number, number[]>();
    for (const { chain, seq } of all) byLane.set(chain, [...(byLane.get(chain) ?? []), seq!]);
    for (const [, seqs] of byLane) {
      seqs.sort((a, b) => a - b);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    }
    // PostgreSQL runs them side by side, so they spread over lanes; PGlite has one connection.
    if (engine === 'postgres') expect(byLane.size).toBeGreaterThan(1);
    else expect([...byLane.keys()]).toEqual([1]);
  });
});

describe('every lane busy', () => {
  it.skipIf(engine === 'pglite')('a writer waits for a lane and then links onto it', async () => {
    // Another session holds every lane (as AUDIT_CHAINS open audited transactions would).
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query('select pg_advisory_lock($1, lane) from generate_series(1, $2::int) as lane', [AUDIT_LOCK, AUDIT_CHAINS]);
      let done = false;
      const writing = inTransaction(systemContext(database.db, clock), (_tx, audit) => audit({ action: 'test.waited', entityType: 'test', entityId: null }))
        .then(() => { done = true; });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(done).toBe(false);
      await holder.query('select pg_advisory_unlock_all()');
      await writing;
    } finally {
      await holder.end();
    }
    const [entry] = await database.db.select().from(auditLog).where(eq(auditLog.action, 'test.waited'));
    expect(entry!.chain).toBeGreaterThanOrEqual(1);
    expect(entry!.chain).toBeLessThanOrEqual(AUDIT_CHAINS);
    expect((await verifyAuditChain(database.db)).firstBreak).toBeNull();
  });
});

describe('tampering is named', () => {
  // One after another, writes always take the lowest free lane: lane 1 then holds 40 entries more.
  beforeAll(async () => {
    const ctx = systemContext(database.db, clock);
    for (let i = 0; i < 40; i++) await inTransaction(ctx, (_tx, audit) => audit({ action: 'test.sequential', entityType: 'test', entityId: String(i) }));
    expect((await lane(database.db, 1)).length).toBeGreaterThan(40);
  });

  it('an edited entry (trigger disabled): hash_mismatch at that entry', async () => {
    const [target] = (await lane(database.db, 1)).slice(5, 6);
    const report = await verifyTampered(database.db, (tx) => tx.execute(sql`update audit_log set after = '{"forged":true}'::jsonb where id = ${target!.id}`));
    expect(report.firstBreak).toEqual({ id: target!.id, chain: 1, reason: 'hash_mismatch' });
  });

  it('a removed entry: the next one in its lane reports the gap and the missing place', async () => {
    const [removed, next] = (await lane(database.db, 1)).slice(10, 12);
    const report = await verifyTampered(database.db, (tx) => tx.execute(sql`delete from audit_log where id = ${removed!.id}`));
    expect(report.firstBreak).toEqual({ id: next!.id, chain: 1, reason: 'sequence_gap', missing: { chain: 1, seq: removed!.seq } });
  });

  it('two entries swapped in place, or one moved to another place or lane, are named', async () => {
    const [a, b] = (await lane(database.db, 1)).slice(20, 22);
    const swapped = await verifyTampered(database.db, async (tx) => {
      await tx.execute(sql`update audit_log set seq = seq + 1000000 where id in (${a!.id}, ${b!.id})`);
      await tx.execute(sql`update audit_log set seq = ${b!.seq} where id = ${a!.id}`);
      await tx.execute(sql`update audit_log set seq = ${a!.seq} where id = ${b!.id}`);
    });
    expect(swapped.firstBreak).toMatchObject({ id: b!.id, chain: 1, reason: 'prev_hash_mismatch' });
    // Content swapped between the two rows (ids kept): the first one no longer matches its hash.
    const contents = await verifyTampered(database.db, async (tx) => {
      await tx.execute(sql`update audit_log set after = (select after from audit_log where id = ${b!.id}), action = (select action from audit_log where id = ${b!.id}) where id = ${a!.id}`);
    });
    expect(contents.firstBreak).toEqual({ id: a!.id, chain: 1, reason: 'hash_mismatch' });
    // Moved to a lane of its own, hashes untouched: it does not link there (and leaves a gap behind).
    const moved = await verifyTampered(database.db, (tx) => tx.execute(sql`update audit_log set chain = 100, seq = 1 where id = ${a!.id}`));
    expect(moved.firstBreak).toEqual({ id: a!.id, chain: 100, reason: 'prev_hash_mismatch' });
  });

  it('a fake entry inserted between two others (hashes recomputed for its own place) breaks the link of the next one', async () => {
    const entries = await lane(database.db, 1);
    const before = entries[30]!;
    const next = entries[31]!;
    const content = { at: before.at, actorId: null, actorName: 'mallory', action: 'user.create', entityType: 'user', entityId: 'x', before: null, after: null, clientAddress: null };
    const report = await verifyTampered(database.db, async (tx) => {
      // Room is made by shifting the rest of the lane up one place.
      await tx.execute(sql`update audit_log set seq = seq + 100000 where chain = 1 and seq > ${before.seq}`);
      await tx.execute(sql`update audit_log set seq = seq - 100000 + 1 where chain = 1 and seq > 100000`);
      const seq = before.seq! + 1;
      await tx.insert(auditLog).values({ ...content, chain: 1, seq, prevHash: before.hash, hash: entryHash(before.hash, content, { chain: 1, seq, witness: null }) });
    });
    expect(report.firstBreak).toEqual({ id: next.id, chain: 1, reason: 'prev_hash_mismatch' });
  });

  it.skipIf(engine === 'pglite')('the cut-off newest entry of a lane is named by the entry of another lane that witnessed it', async () => {
    const ctx = systemContext(database.db, clock);
    const write = (action: string) => inTransaction(ctx, (_tx, audit) => audit({ action, entityType: 'test', entityId: null }));
    let held = 0;
    // One transaction holds a lane; meanwhile writers take the next free one, then lane `held` is free again.
    await database.db.transaction(async (tx) => {
      await appendAudit(tx, { at: clock.now(), actorId: null, actorName: null, action: 'test.hold', entityType: 'test', entityId: null, clientAddress: null });
      held = (await tx.select({ chain: auditLog.chain }).from(auditLog).where(eq(auditLog.action, 'test.hold')))[0]!.chain;
      for (let i = 0; i < 3; i++) await write('test.beside');
    });
    const beside = await database.db.select().from(auditLog).where(eq(auditLog.action, 'test.beside')).orderBy(asc(auditLog.id));
    const tail = beside.at(-1)!;
    expect(tail.chain).not.toBe(held);
    // Writers go back to the free lane, whose witness rotates over every other lane.
    for (let i = 0; i < 40; i++) await write('test.after');
    const witnessing = (await database.db.select().from(auditLog).where(sql`${auditLog.witnessChain} = ${tail.chain} and ${auditLog.witnessSeq} = ${tail.seq}`).orderBy(asc(auditLog.id)))[0];
    expect(witnessing).toBeDefined();
    const report = await verifyTampered(database.db, (tx) => tx.execute(sql`delete from audit_log where id = ${tail.id}`));
    expect(report.firstBreak).toEqual({ id: witnessing!.id, chain: witnessing!.chain, reason: 'witness_mismatch', missing: { chain: tail.chain, seq: tail.seq } });
  });
});

describe('entries written before lanes', () => {
  it('still verify after the migration, anchor every lane, and a cut of their tail is named', async () => {
    // A database migrated up to the migration before lanes, with a single chain written the old way.
    const { target, close } = await databaseBefore('_audit_lanes');
    try {
      let prev = GENESIS_HASH;
      const legacy: Array<{ id: number; hash: string }> = [];
      for (let i = 1; i <= 5; i++) {
        const content = { at: new Date(clock.now().getTime() + i), actorId: null, actorName: 'admin', action: 'user.create', entityType: 'user', entityId: String(i), before: null, after: { n: i }, clientAddress: '10.0.0.1' };
        const hash = entryHash(prev, content);
        const [row] = rowsOf<{ id: number }>(await target.db.execute(sql`
          insert into audit_log (at, actor_id, actor_name, action, entity_type, entity_id, before, after, client_address, prev_hash, hash)
          values (${content.at.toISOString()}, null, 'admin', 'user.create', 'user', ${String(i)}, null, ${JSON.stringify(content.after)}::jsonb, '10.0.0.1', ${prev}, ${hash}) returning id`));
        legacy.push({ id: Number(row!.id), hash });
        prev = hash;
      }
      await migrateDatabase(target);

      expect(await verifyAuditChain(target.db)).toMatchObject({ checked: 5, firstBreak: null, heads: [{ chain: 0, entries: 5, hash: prev }] });
      for (let i = 0; i < 3; i++) await inTransaction(systemContext(target.db, clock), (_tx, audit) => audit({ action: 'test.after_lanes', entityType: 'test', entityId: String(i) }));
      const report = await verifyAuditChain(target.db);
      expect(report).toMatchObject({ checked: 8, firstBreak: null });
      const [first] = await lane(target.db, 1);
      expect(first).toMatchObject({ seq: 1, prevHash: prev });

      const edited = await verifyTampered(target.db, (tx) => tx.execute(sql`update audit_log set actor_name = 'mallory' where id = ${legacy[1]!.id}`));
      expect(edited.firstBreak).toEqual({ id: legacy[1]!.id, chain: 0, reason: 'hash_mismatch' });
      const cut = await verifyTampered(target.db, (tx) => tx.execute(sql`delete from audit_log where id = ${legacy[4]!.id}`));
      expect(cut.firstBreak).toEqual({ id: first!.id, chain: 1, reason: 'prev_hash_mismatch' });
    } finally {
      await close();
    }
  });
});
