import { announcements, invitations, meetingLateEntries, participants, protocols, rowsOf, users, videos, type Db } from '@esep/db';
import { addDays, quarterStart, quarterOf } from '@esep/domain';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMeetings } from '../../test/bulk.ts';
import { TestClock } from '../../test/clock.ts';
import { testApp, type TestApp } from '../../test/harness.ts';
import { earlyInQuarter, meetingDates } from '../../test/meetings.ts';

/*
 * Issue 15: district_quarter_compliance (migration 0021) is kept by statement triggers in the
 * same transaction as the records. After each of 400 random changes to six meetings, to
 * everything their checklist is judged from and to the structure under them — written straight
 * into the tables, as imports and services do — the rollup holds exactly the rows its view computes from the records
 * (district_quarter_compliance_source). Seeded: the same changes on every run. (Checked: with
 * the invitations' insert trigger dropped it fails at its first invitation that matters.)
 */
const clock = new TestClock();
clock.set(earlyInQuarter(clock));
const { today } = meetingDates(clock);
const day0 = addDays(quarterStart(quarterOf(today)), -45);

let t: TestApp;
let db: Db;
let meetingIds: string[] = [];
let districtIds: string[] = [];
let pointIds: string[] = [];
let unitIds: string[] = [];
let adminId: string;

/** Mulberry32: a small seeded generator, so a failure is the same on every run. */
function generator(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

async function differences() {
  const [row] = rowsOf<{ missing: number; extra: number; total: number }>(await db.execute(sql`
    select (select count(*) from (select * from district_quarter_compliance_source except select * from district_quarter_compliance) x)::int as missing,
      (select count(*) from (select * from district_quarter_compliance except select * from district_quarter_compliance_source) y)::int as extra,
      (select count(*) from district_quarter_compliance)::int as total`));
  return row!;
}

beforeAll(async () => {
  t = await testApp({}, clock);
  db = t.database.db;
  districtIds = rowsOf<{ id: string }>(await db.execute(sql`select id from districts order by code limit 8`)).map((r) => r.id);
  pointIds = rowsOf<{ id: string }>(await db.execute(sql`select id from police_points order by code limit 4`)).map((r) => r.id);
  unitIds = rowsOf<{ id: string }>(await db.execute(sql`select id from police_units order by code limit 2`)).map((r) => r.id);
  adminId = (await db.select({ id: users.id }).from(users).where(eq(users.username, 'admin')))[0]!.id;
  const statuses = ['held', 'protocol_signed', 'closed', 'announced', 'protocol_signed', 'closed'] as const;
  meetingIds = await insertMeetings(db, Array.from({ length: 6 }, (_, i) => ({
    districtId: districtIds[i % districtIds.length]!, status: statuses[i % statuses.length]!, startsAt: new Date(`${addDays(day0, i * 3)}T08:00:00Z`),
    ...(i % 2 ? { check: { dueDate: addDays(day0, 30), status: 'open' as const } } : {}),
    ...(i % 3 ? { forwarding: { dueDate: addDays(day0, 30), status: 'open' as const } } : {}),
  })));
}, 180_000);
afterAll(async () => { await t.close(); });

describe('district_quarter_compliance (issue 15)', () => {
  it('equals the count from the records after every random change', async () => {
    expect(await differences()).toMatchObject({ missing: 0, extra: 0 });
    const random = generator(1095);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    let person = 0;
    const changes: Array<[string, (m: string) => Promise<unknown>]> = [
      ['status', (m) => db.execute(sql`update meetings set status = ${pick(['held', 'protocol_signed', 'closed', 'cancelled', 'announced'])}::meeting_status where id = ${m}`)],
      ['practice', (m) => db.execute(sql`update meetings set practice = not practice where id = ${m}`)],
      ['date', (m) => {
        const date = addDays(day0, Math.floor(random() * 200) - 60);
        return db.execute(sql`update meetings set starts_at = ${`${date}T08:00:00Z`}::timestamptz, ends_at = ${`${date}T10:00:00Z`}::timestamptz, start_date = ${date}::date where id = ${m}`);
      }],
      ['participant', (m) => {
        person += 1;
        return db.insert(participants).values({
          meetingId: m, number: 1000 + person, fullName: `Қатысушы ${person}`, category: pick(['resident', 'police_leadership', 'akimat', 'akimat']),
          consentVersion: 'v1', consentAt: clock.now(), arrivedAt: clock.now(), attendance: 'in_person', channel: 'staff', personKey: `rollup-${person}`,
        });
      }],
      ['participant gone', (m) => db.execute(sql`delete from participants where id in (select id from participants where meeting_id = ${m} order by number limit 1)`)],
      ['announcement', async (m) => {
        const [row] = rowsOf<{ start_date: string }>(await db.execute(sql`select start_date::text from meetings where id = ${m}`));
        return db.insert(announcements).values({ meetingId: m, channel: 'mass_media', outlet: 'Газет', publishedOn: addDays(row!.start_date, -Math.floor(random() * 20)) });
      }],
      ['announcement voided', (m) => db.execute(sql`update announcements set voided_at = now() where meeting_id = ${m} and voided_at is null`)],
      ['invitation', (m) => db.insert(invitations).values({ meetingId: m, category: pick(['police_leadership', 'akimat']), organisation: 'Әкімдік', personName: `Әкім ${++person}`, status: pick(['attended', 'attended', 'absent'] as const) })],
      ['invitation answered', (m) => db.execute(sql`update invitations set status = ${pick(['attended', 'absent', 'declined'])}::invitation_status where meeting_id = ${m}`)],
      ['protocol', (m) => db.insert(protocols).values({ meetingId: m, status: pick(['draft', 'signed']), content: {}, late: random() < 0.4, lateReason: 'себеп' })
        .onConflictDoUpdate({ target: protocols.meetingId, set: { status: pick(['draft', 'signed']), late: random() < 0.4 } })],
      ['video', (m) => db.insert(videos).values({ meetingId: m, uploadId: `rollup-${++person}`, storage: 'local', storageKey: `k-${person}`, fileName: 'v.mp4', size: 10, status: pick(['complete', 'uploading']) })],
      ['video removed', (m) => db.execute(sql`update videos set status = 'removed' where meeting_id = ${m}`)],
      ['late entry', (m) => db.insert(meetingLateEntries).values({ meetingId: m, reason: 'Кейін', enteredBy: adminId, enteredByName: 'Әкімші', enteredAt: clock.now(), updatedAt: clock.now(), status: pick(['pending', 'confirmed', 'returned']) })
        .onConflictDoUpdate({ target: meetingLateEntries.meetingId, set: { status: pick(['pending', 'confirmed', 'withdrawn']) } })],
      ['late entry gone', (m) => db.execute(sql`delete from meeting_late_entries where meeting_id = ${m}`)],
      ['item resolution', (m) => db.execute(sql`update meeting_items set resolution = ${pick(['answered', 'to_check', 'to_forward'])}::item_resolution where meeting_id = ${m}`)],
      ['check gone', (m) => db.execute(sql`delete from checks where meeting_id = ${m}`)],
      ['forwarding sent', (m) => db.execute(sql`update forwardings set sent_on = ${today}::date, initiator_notified_on = ${random() < 0.5 ? today : null}::date where meeting_id = ${m}`)],
      ['joint', (m) => db.execute(sql`insert into meeting_districts (meeting_id, district_id) values (${m}, ${pick(districtIds)}) on conflict do nothing`)],
      ['joint gone', (m) => db.execute(sql`delete from meeting_districts where meeting_id = ${m} and district_id in (
        select district_id from meeting_districts where meeting_id = ${m} order by district_id offset 1)`)],
      // The structure moves under the meetings (a structure import): the rollup's copy of it follows.
      ['district moved', () => db.execute(sql`update districts set point_id = ${pick(pointIds)} where id = ${pick(districtIds)}`)],
      ['point moved', () => db.execute(sql`update police_points set unit_id = ${pick(unitIds)} where id = ${pick(pointIds)}`)],
    ];
    const seen = new Set<string>();
    let most = 0;
    for (let step = 0; step < 400; step++) {
      const [name, change] = pick(changes);
      const m = pick(meetingIds);
      await change(m);
      seen.add(name);
      const now = await differences();
      expect(now, `after step ${step} (${name} of ${m})`).toMatchObject({ missing: 0, extra: 0 });
      most = Math.max(most, now.total);
    }
    const end = await differences();
    expect(end).toMatchObject({ missing: 0, extra: 0 });
    expect(most, 'the rollup held rows along the way').toBeGreaterThan(3);
    expect(seen.size).toBe(changes.length);
  }, 180_000);
});
