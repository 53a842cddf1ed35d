import { randomUUID } from 'node:crypto';
import { almatyDate, CONSENT_VERSION, quarterOf } from '@esep/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../../test/clock.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { districtIds } from '../../test/holding.ts';
import { earlyInQuarter, meetingDates } from '../../test/meetings.ts';

/*
 * Issue 14: a practice meeting, so a new inspector can learn the cycle before his real meeting.
 * Anyone who plans meetings creates one for now and holds it at once — no notice period, no
 * waiting for the start — and it never counts: not for the quarter, not on the boards,
 * not in open data, and residents never see it (district page, outcomes, subscriptions).
 * The clock stands early in a quarter, so "now" and the quarter agree whatever day the suite runs.
 */
const clock = new TestClock();
clock.set(earlyInQuarter(clock));
const { at, plan } = meetingDates(clock);
const D01 = 'ALM-KAR-P2-D01';

let t: TestApp;
const c: Record<string, Client> = {};
let ids: Record<string, string>;

beforeAll(async () => {
  t = await testApp({}, clock);
  for (const name of ['inspector', 'lead']) c[name] = await login(t.app, name);
  ids = await districtIds(c.inspector!);
}, 120_000);
afterAll(async () => { await t.close(); });

type BoardRow = { district: { code: string }; status: string; meetings: Array<{ id: string }> };
const boardRow = async () => ((await c.lead!.get('/api/v1/obligations?pageSize=100')).json().districts as BoardRow[]).find((d) => d.district.code === D01)!;

describe('a practice meeting (issue 14)', () => {
  it('is planned for now and held at once, where a real meeting is refused', async () => {
    const now = { startsAt: at(0, 10), endsAt: at(0, 12) };
    const real = await c.inspector!.send('POST', '/api/v1/meetings', plan(ids[D01], now));
    expect(real.statusCode, real.body).toBe(400);
    expect(real.json().error.details).toMatchObject({ reason: 'start_in_past' });

    const before = await boardRow();
    const created = await c.inspector!.send('POST', '/api/v1/meetings', plan(ids[D01], { ...now, practice: true }));
    expect(created.statusCode, created.body).toBe(201);
    const meeting = created.json();
    expect(meeting).toMatchObject({ practice: true, status: 'draft' });
    // Its own number series: the real meetings' numbers keep no gaps.
    expect(meeting.number).toMatch(/-PR/);

    // Announced without a publication 10 days ahead, held without waiting (R-27.1 and do not bind a practice).
    const announced = await c.inspector!.send('POST', `/api/v1/meetings/${meeting.id}/transitions`, { action: 'announce' });
    expect(announced.statusCode, announced.body).toBe(200);
    const person = await c.inspector!.send('POST', `/api/v1/meetings/${meeting.id}/participants`, {
      clientKey: randomUUID(), fullName: 'Жаттығу Қатысушы', address: 'Шамалған а., Жібек жолы к-сі, 1', consent: true, consentVersion: CONSENT_VERSION,
    });
    expect(person.statusCode, person.body).toBe(201);
    const item = await c.inspector!.send('POST', `/api/v1/meetings/${meeting.id}/items`, { clientKey: randomUUID(), kind: 'complaint', topic: 'public_order', text: 'Жаттығу: көшеде жарық жоқ' });
    expect(item.statusCode, item.body).toBe(201);
    const held = await c.inspector!.send('POST', `/api/v1/meetings/${meeting.id}/transitions`, { action: 'hold' });
    expect(held.statusCode, held.body).toBe(200);
    await c.inspector!.get(`/api/v1/meetings/${meeting.id}/protocol`);
    const signed = await c.inspector!.send('POST', `/api/v1/meetings/${meeting.id}/protocol/signatures`, { method: 'builtin', password: 'demo' });
    expect(signed.statusCode, signed.body).toBe(200);
    expect((await c.inspector!.get(`/api/v1/meetings/${meeting.id}`)).json()).toMatchObject({ status: 'protocol_signed', practice: true });

    // Never counted: the district stands where it stood, the board does not list it.
    const after = await boardRow();
    expect(after.status).toBe(before.status);
    expect(after.meetings.map((m) => m.id)).not.toContain(meeting.id);

    // Open data and the residents' pages do not know it.
    const quarter = (() => { const q = quarterOf(almatyDate(clock.now())); return `${q.year}-Q${q.quarter}`; })();
    for (const set of ['meetings', 'outcomes']) {
      const open = await t.app.inject({ method: 'GET', url: `/open-data/${set}.json?quarter=${quarter}&district=${D01}` });
      expect(open.statusCode, open.body).toBe(200);
      expect(open.body).not.toContain(meeting.number);
    }
    const outcomes = await t.app.inject({ method: 'GET', url: `/d/${D01}/outcomes` });
    expect(outcomes.statusCode).toBe(200);
    expect(outcomes.body).not.toContain('Жаттығу: көшеде жарық жоқ');
  });

  it('announced for later today, it is not the district page\'s next meeting', async () => {
    const created = await c.inspector!.send('POST', '/api/v1/meetings', plan(ids[D01], { startsAt: at(0, 18), endsAt: at(0, 20), practice: true }));
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect((await c.inspector!.send('POST', `/api/v1/meetings/${id}/transitions`, { action: 'announce' })).statusCode).toBe(200);
    const page = await t.app.inject({ method: 'GET', url: `/d/${D01}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(`/m/${id}`);
  });
});
