import { auditLog, meetings } from '@esep/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedMeeting } from '../../test/followup.ts';
import { districtIds } from '../../test/holding.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { today } from '../../test/meetings.ts';

/*
 * The working-day calendar the APPK terms are counted on: read by everyone, kept by the
 * administrator per year (seeded for 2026–2027, defaults from the law for other years); a change
 * moves the due dates of open checks and unsent forwardings.
 */
let t: TestApp;
const c: Record<string, Client> = {};
let meetingId: string;

beforeAll(async () => {
  t = await testApp();
  for (const name of ['admin', 'inspector', 'lead', 'akimat']) c[name] = await login(t.app, name);
  const ids = await districtIds(c.admin!);
  ({ id: meetingId } = await signedMeeting(t, c.inspector!, ids['ALM-KAR-P2-D01']!, [{ resolution: 'to_check' }, { resolution: 'to_forward' }]));
  // The meeting was held on Wednesday 2026-03-18, and its follow-up opened that day.
  await t.database.db.update(meetings).set({ startDate: '2026-03-18' }).where(eq(meetings.id, meetingId));
  t.clock.set('2026-03-18T21:00:00+05:00');
  try {
    const opened = await c.admin!.send('POST', `/api/v1/meetings/${meetingId}/follow-ups`);
    expect(opened.json()).toEqual({ checks: 1, forwardings: 1 });
  } finally {
    t.clock.release();
  }
}, 180_000);
afterAll(async () => { await t.close(); });

const dueDates = async () => ({
  check: (await c.inspector!.get(`/api/v1/meetings/${meetingId}/checks`)).json()[0].dueDate as string,
  forwarding: (await c.inspector!.get(`/api/v1/meetings/${meetingId}/forwardings`)).json()[0].dueDate as string,
});

describe('working-day calendar', () => {
  it('counts terms skipping Nauryz (21–23 March, days off moved to 24–25) and weekends', async () => {
    // 15 working days from 18 March: 19, 20, 26, 27, 30, 31 March, 1–3, 6–10, 13 April.
    expect(await dueDates()).toEqual({ check: '2026-04-13', forwarding: '2026-03-26' });
  });

  it('shows a configured year, and the defaults computed from the law for another', async () => {
    for (const client of [c.inspector!, c.akimat!]) expect((await client.get('/api/v1/working-calendar?year=2026')).statusCode).toBe(200);
    const y2026 = (await c.inspector!.get('/api/v1/working-calendar?year=2026')).json();
    expect(y2026.configured).toBe(true);
    expect(y2026.days).toEqual(expect.arrayContaining([
      { date: '2026-03-23', kind: 'day_off', note: 'holiday' }, { date: '2026-03-24', kind: 'day_off', note: 'transferred' },
    ]));
    const y2030 = (await c.inspector!.get('/api/v1/working-calendar?year=2030')).json();
    expect(y2030.configured).toBe(false);
    expect(y2030.days.map((d: { date: string }) => d.date)).toEqual(expect.arrayContaining(['2030-03-21', '2030-03-22', '2030-03-23', '2030-12-16']));
    expect((await c.inspector!.get('/api/v1/working-calendar')).json().year).toBe(Number(today.slice(0, 4)));
    expect((await c.inspector!.get('/api/v1/working-calendar?year=1999')).statusCode).toBe(400);
  });

  it('only the administrator changes a year; bad rows are refused', async () => {
    const days = (await c.admin!.get('/api/v1/working-calendar?year=2026')).json().days;
    expect((await c.lead!.send('PUT', '/api/v1/working-calendar?year=2026', { days })).statusCode).toBe(403);
    expect((await c.admin!.send('PUT', '/api/v1/working-calendar?year=2026', { days: [{ date: '2027-01-01', kind: 'day_off' }] })).statusCode).toBe(400);
    expect((await c.admin!.send('PUT', '/api/v1/working-calendar?year=2026', { days: [{ date: '2026-04-08', kind: 'working_day' }] })).statusCode).toBe(400);
    expect((await c.admin!.send('PUT', '/api/v1/working-calendar?year=2026', { days: [{ date: '2026-04-10', kind: 'day_off' }, { date: '2026-04-10', kind: 'day_off' }] })).statusCode).toBe(400);
    expect(await dueDates()).toEqual({ check: '2026-04-13', forwarding: '2026-03-26' });
  });

  it('a day off added by the administrator moves the due dates of open checks and unsent forwardings', async () => {
    const days = (await c.admin!.get('/api/v1/working-calendar?year=2026')).json().days;
    const saved = await c.admin!.send('PUT', '/api/v1/working-calendar?year=2026', {
      days: [...days, { date: '2026-04-10', kind: 'day_off', note: 'decree' }, { date: '2026-03-19', kind: 'day_off', note: 'decree' }],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ year: 2026, configured: true, moved: 2 });
    expect(saved.json().days).toContainEqual({ date: '2026-04-10', kind: 'day_off', note: 'decree' });
    expect(await dueDates()).toEqual({ check: '2026-04-15', forwarding: '2026-03-27' });
    const [entry] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'working_calendar.replace'));
    expect(entry!.after).toMatchObject({ year: 2026, moved: 2, added: ['2026-03-19:day_off', '2026-04-10:day_off'] });
  });

  it('a Saturday declared a working day counts', async () => {
    const days = (await c.admin!.get('/api/v1/working-calendar?year=2026')).json().days;
    const saved = await c.admin!.send('PUT', '/api/v1/working-calendar?year=2026', { days: [...days, { date: '2026-03-28', kind: 'working_day', note: 'transfer' }] });
    // The check's term now ends a day earlier; the forwarding's 3 days ended before that Saturday.
    expect(saved.json().moved).toBe(1);
    expect(await dueDates()).toEqual({ check: '2026-04-14', forwarding: '2026-03-27' });
  });
});
