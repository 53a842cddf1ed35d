/**
 * The database work of one self-registration, as statements (the floor of the registration
 * lines in bench/registration.bench.ts): what the request sends, without HTTP, Fastify, zod or
 * the service's code around it. Keep in step with participant.service.ts / self-registration.limit.ts.
 */
import { createHash } from 'node:crypto';
import type { AuditInput, Db, Executor } from '@esep/db';
import { sql } from 'drizzle-orm';

export async function rawRegistration(db: Db, meetingId: string, fullName: string, address: string, now: Date, appendAudit: (tx: Executor, input: AuditInput) => Promise<void>) {
  const bucket = `self-registration:${createHash('sha256').update(`${meetingId}\n127.0.0.1`).digest('hex')}`;
  const windowStart = new Date(now.getTime() - (now.getTime() % 60_000));
  // The limit's window (unlogged: no WAL flush at commit).
  await db.execute(sql`insert into rate_windows (bucket, window_start, hits) values (${bucket}, ${windowStart}, 1)
    on conflict (bucket, window_start) do update set hits = rate_windows.hits + 1 returning hits`);
  await db.execute(sql`select * from meetings where id = ${meetingId}`);
  const key = `${fullName}|${address}`.toLowerCase();
  // The same person, client key or invitation already in the register: one query.
  await db.execute(sql`select * from participants where meeting_id = ${meetingId} and person_key = ${key}`);
  // The number, drawn in its own statement from the unlogged counter.
  const { rows } = await db.execute(sql`insert into participant_counters (meeting_id, participants)
    select ${meetingId}::uuid, coalesce(max(number), 0) + 1 from participants where meeting_id = ${meetingId}
    on conflict (meeting_id) do update set participants = greatest(participant_counters.participants, excluded.participants - 1) + 1
    returning participants`) as unknown as { rows: Array<{ participants: number }> };
  const number = Number(rows[0]!.participants);
  await db.transaction(async (tx) => {
    await tx.execute(sql`select * from meetings where id = ${meetingId} for share`);
    const inserted = await tx.execute(sql`insert into participants (meeting_id, number, full_name, address, category, consent_version, consent_at, arrived_at, attendance, channel, person_key)
      values (${meetingId}, ${number}, ${fullName}, ${address}, 'resident', '1', ${now}, ${now}, 'in_person', 'self', ${key}) returning *`) as unknown as { rows: Array<{ id: string }> };
    await appendAudit(tx, {
      at: now, actorId: null, actorName: null, clientAddress: '127.0.0.1', action: 'participant.create', entityType: 'meeting', entityId: meetingId,
      after: { participantId: inserted.rows[0]!.id, number, channel: 'self', category: 'resident' },
    });
  });
}
