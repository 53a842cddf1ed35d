import { auditLog, meetings, participants } from '@esep/db';
import { CONSENT_VERSION } from '@esep/domain';
import { and, eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { districtIds, meetingInProgress } from '../../test/holding.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';

/*
 * under concurrency (issue 11, part 5): register numbers are drawn without locking the
 * meeting for the registration's transaction (`drawParticipantNumber`), and the register's state
 * is checked under a share lock on the meeting row. Both routes at once into one meeting, and
 * registrations racing the register's closing.
 */
let t: TestApp;
let inspector: Client;
let ids: Record<string, string>;

const person = (i: number) => ({ fullName: `Қатысушы ${i} Нұрланов`, address: `Қаскелең қ., Райымбек к-сі, ${i}`, consent: true, consentVersion: CONSENT_VERSION });
const self = (meetingId: string, i: number) =>
  t.app.inject({ method: 'POST', url: `/api/v1/public/meetings/${meetingId}/registrations`, payload: person(i) });
const form = (meetingId: string, i: number) => t.app.inject({
  method: 'POST', url: `/m/${meetingId}`, headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams({ fullName: person(i).fullName, address: person(i).address, consent: 'on', consentVersion: CONSENT_VERSION }).toString(),
});
const staff = (meetingId: string, i: number) => inspector.send('POST', `/api/v1/meetings/${meetingId}/participants`, { ...person(i), category: 'resident' });
const rowsOf = (meetingId: string) => t.database.db.select().from(participants).where(eq(participants.meetingId, meetingId));
const auditedOf = async (meetingId: string) => (await t.database.db.select({ after: auditLog.after }).from(auditLog)
  .where(and(eq(auditLog.action, 'participant.create'), eq(auditLog.entityId, meetingId)))).map((a) => (a.after as { participantId: string }).participantId);

beforeAll(async () => {
  t = await testApp({ selfRegistrationRate: 100_000 });
  inspector = await login(t.app, 'inspector');
  ids = await districtIds(inspector);
}, 120_000);
afterAll(async () => { await t.close(); });

describe('registrations into one meeting at once', () => {
  it('100 at once through the API, the HTML form and the staff form: numbers 1..100, each entry once, each audited once', async () => {
    const id = await meetingInProgress(t, inspector, ids['ALM-KAR-P2-D01']!);
    const responses = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? self(id, i) : i % 3 === 1 ? form(id, i) : staff(id, i))));
    expect(responses.filter((r) => r.statusCode !== 201 && r.statusCode !== 200).map((r) => `${r.statusCode} ${r.body.slice(0, 200)}`)).toEqual([]);
    const rows = await rowsOf(id);
    expect(rows).toHaveLength(100);
    // Nobody was refused, so no drawn number went unused: gap-free.
    expect(rows.map((r) => r.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    // Every acknowledged number is the stored entry's, once.
    const acknowledged = responses.filter((_, i) => i % 3 !== 1).map((r) => (r.json().number ?? r.json().participant?.number) as number);
    for (const n of acknowledged) expect(rows.filter((r) => r.number === n)).toHaveLength(1);
    expect(new Set(rows.map((r) => r.personKey)).size).toBe(100);
    const audited = await auditedOf(id);
    expect(audited.sort()).toEqual(rows.map((r) => r.id).sort());
  }, 240_000);

  it('a removed last entry does not give its number to the next one', async () => {
    const id = await meetingInProgress(t, inspector, ids['ALM-KAR-P2-D01']!);
    const first = await staff(id, 1);
    const second = await staff(id, 2);
    expect([first.json().number, second.json().number]).toEqual([1, 2]);
    expect((await inspector.send('DELETE', `/api/v1/participants/${second.json().id}`)).statusCode).toBeLessThan(300);
    expect((await staff(id, 3)).json().number).toBe(3);
  }, 120_000);
});

describe('registrations racing the register\'s closing', () => {
  it('each one is either stored before the meeting is cancelled or refused after it, never half-written', async () => {
    const id = await meetingInProgress(t, inspector, ids['ALM-KAR-P2-D01']!);
    const requests = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? self(id, i) : i % 3 === 1 ? form(id, i) : staff(id, i)));
    const cancel = inspector.send('POST', `/api/v1/meetings/${id}/transitions`, { action: 'cancel', reason: 'Ауа райы' });
    const [responses, cancelled] = await Promise.all([Promise.all(requests), cancel]);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const rows = await rowsOf(id);
    const accepted = responses.filter((r) => r.statusCode === 201 || (r.statusCode === 200 && r.body.includes('№')));
    const refused = responses.filter((r) => r.statusCode === 409);
    expect(accepted.length + refused.length).toBe(60);
    for (const r of refused.filter((x) => x.headers['content-type']?.toString().includes('json'))) {
      const error = r.json().error as { code: string; details?: { reason?: string } };
      expect(error.code === 'rule_violation' ? error.details?.reason : error.code).toMatch(/^(registration_closed|recording_closed)$/);
    }
    expect(rows).toHaveLength(accepted.length);
    expect(new Set(rows.map((r) => r.number)).size).toBe(rows.length);
    expect((await auditedOf(id)).sort()).toEqual(rows.map((r) => r.id).sort());
    // After the cancellation nothing more gets in.
    expect((await self(id, 1000)).statusCode).toBe(409);
    expect((await staff(id, 1001)).statusCode).toBe(409);
    expect(await rowsOf(id)).toHaveLength(rows.length);
  }, 240_000);

  it.runIf(process.env.ESEP_TEST_ENGINE === 'postgres')('a registration that read the meeting open waits for a change of the meeting in progress and is refused after it', async () => {
    const id = await meetingInProgress(t, inspector, ids['ALM-KAR-P2-D01']!);
    const other = new pg.Client({ connectionString: t.database.url });
    await other.connect();
    try {
      // Another transaction changes the meeting (as closing the register does) and has not committed yet.
      await other.query('begin');
      await other.query(`update meetings set status = 'cancelled' where id = $1`, [id]);
      let settled = false;
      const pending = self(id, 1).then((r) => { settled = true; return r; });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(settled).toBe(false);
      await other.query('commit');
      const response = await pending;
      expect(response.statusCode).toBe(409);
      expect(response.json().error.code).toBe('registration_closed');
      expect(await rowsOf(id)).toHaveLength(0);

      // And the other way round: a registration holding its share lock makes the change wait.
      await t.database.db.update(meetings).set({ status: 'announced' }).where(eq(meetings.id, id));
      await other.query('begin');
      await other.query('select 1 from meetings where id = $1 for share', [id]);
      let changed = false;
      const change = t.database.db.update(meetings).set({ status: 'cancelled' }).where(eq(meetings.id, id)).then(() => { changed = true; });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(changed).toBe(false);
      await other.query('commit');
      await change;
      expect(changed).toBe(true);
    } finally {
      await other.end();
    }
  }, 120_000);
});
