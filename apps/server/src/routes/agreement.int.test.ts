import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { meetingAgreements, MIGRATIONS_FOLDER } from '@esep/db';
import { inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../../test/clock.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { earlyInQuarter, meetingDates } from '../../test/meetings.ts';

/**
 * a joint meeting needs the other reporting inspectors' agreement (or their point
 * lead's, or the leadership's above) before it is announced. The demo `inspector` serves №11
 * (ALM-KAR-P2-D01); №12 and №13 (D02, D03) are his colleagues' in the same point; №3
 * (ALM-KAR-P1-D03) borders №11 from the neighbouring point.
 */
const clock = new TestClock();
clock.set(earlyInQuarter(clock));
const { today, at, plan } = meetingDates(clock);

let t: TestApp;
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};
const staff: Record<string, { id: string; fullName: string }> = {};
const PASSWORD = 'long-enough-password';

beforeAll(async () => {
  t = await testApp({}, clock);
  for (const name of ['admin', 'inspector', 'lead', 'chief', 'inspector2', 'assistant', 'akimat', 'analyst']) c[name] = await login(t.app, name);
  for (const d of (await c.admin!.get('/api/v1/districts?pageSize=200')).json().items) ids[d.code] = d.id;
  for (const s of (await c.admin!.get('/api/v1/staff?pageSize=200')).json().items) staff[s.code] = s;
  // Accounts for the colleagues of №12 and №13, for the inspector of №3 in the neighbouring
  // point, and for that point's lead.
  const accounts: Array<[string, string, Record<string, unknown>]> = [
    ['colleague12', 'S-ALM-KAR-P2-D02', { role: 'inspector' }], ['colleague13', 'S-ALM-KAR-P2-D03', { role: 'inspector' }],
    ['neighbour', 'S-ALM-KAR-P1-D03', { role: 'inspector' }],
  ];
  for (const [username, code, extra] of accounts) {
    const created = await c.admin!.send('POST', '/api/v1/users', { username, displayName: staff[code]!.fullName, password: PASSWORD, staffId: staff[code]!.id, ...extra });
    expect(created.statusCode, created.body).toBe(201);
    c[username] = await login(t.app, username, PASSWORD);
  }
  const point = (await c.admin!.get('/api/v1/points?q=ALM-KAR-P1&pageSize=50')).json().items.find((p: { code: string }) => p.code === 'ALM-KAR-P1');
  expect((await c.admin!.send('POST', '/api/v1/users', { username: 'lead-p1', displayName: 'Жанұзақов Берік', password: PASSWORD, role: 'point_lead', territoryId: point.id })).statusCode).toBe(201);
  c.leadP1 = await login(t.app, 'lead-p1', PASSWORD);
}, 180_000);
afterAll(async () => { await t.close(); });

type Agreement = { id: string; district: { code: string }; staff: { fullName: string }; status: string; reason: string | null; canAnswer: boolean; answeredBy: { displayName: string; onBehalf: boolean } | null };
const agreementOf = (meeting: { agreements: Agreement[] }, code: string) => meeting.agreements.find((a) => a.district.code === code)!;
const check = (meeting: { checklist: Array<{ key: string }> }, key: string) => meeting.checklist.find((x) => x.key === key) as unknown as { status: string; message: string; rule: string; params: Record<string, string> };
const name = (code: string) => staff[`S-${code}`]!.fullName;

/** Plans (as `client`), schedules and publishes a notice today: only the agreements stand between it and `announce`. */
async function jointMeeting(client: Client, codes: string[], days: number, over: Record<string, unknown> = {}) {
  const created = await client.send('POST', '/api/v1/meetings', plan(undefined, { districtIds: codes.map((code) => ids[code]), startsAt: at(days, 18), endsAt: at(days, 20), ...over }), { 'accept-language': 'en' });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  expect((await client.send('POST', `/api/v1/meetings/${id}/transitions`, { action: 'schedule' })).statusCode).toBe(200);
  expect((await client.send('POST', `/api/v1/meetings/${id}/announcements`, { channel: 'mass_media', outlet: '«Қарасай» газеті', publishedOn: today })).statusCode).toBe(201);
  return { id, created: created.json() };
}
const announce = (client: Client, id: string, locale = 'en') => client.send('POST', `/api/v1/meetings/${id}/transitions`, { action: 'announce' }, { 'accept-language': locale });
const answer = (client: Client, agreementId: string, body: Record<string, unknown>, locale = 'en') => client.send('POST', `/api/v1/agreements/${agreementId}/answer`, body, { 'accept-language': locale });

describe('an inspector plans a joint meeting of №11, №12 and №13 (R-27.4)', () => {
  let id: string;
  let meeting: { agreements: Agreement[]; checklist: Array<{ key: string }> };

  it('is a draft that asks the colleagues of №12 and №13, and the checklist names them', async () => {
    ({ id, created: meeting } = await jointMeeting(c.inspector!, ['ALM-KAR-P2-D01', 'ALM-KAR-P2-D02', 'ALM-KAR-P2-D03'], 25));
    expect(meeting.agreements.map((a) => [a.district.code, a.staff.fullName, a.status, a.canAnswer])).toEqual([
      ['ALM-KAR-P2-D02', name('ALM-KAR-P2-D02'), 'pending', false],
      ['ALM-KAR-P2-D03', name('ALM-KAR-P2-D03'), 'pending', false],
    ]);
    const line = check(meeting, 'agreement');
    expect(line).toMatchObject({ rule: 'R-27.4', status: 'pending' });
    expect(line.message).toBe(`Awaiting the agreement of: ${name('ALM-KAR-P2-D02')}, ${name('ALM-KAR-P2-D03')}`);
    const ru = (await c.inspector!.get(`/api/v1/meetings/${id}`, { 'accept-language': 'ru' })).json();
    expect(check(ru, 'agreement').message).toContain('Ожидается согласие');
  });

  it('cannot be announced: 409 with the rule, naming who has not agreed', async () => {
    const refused = await announce(c.inspector!, id);
    expect(refused.statusCode).toBe(409);
    const { error } = refused.json();
    expect(error).toMatchObject({ code: 'rule_violation', details: { reason: 'agreement_missing', rule: 'R-27.4' } });
    expect(error.details.params.outstanding.map((o: { districtId: string; status: string }) => [o.districtId, o.status])).toEqual([
      [ids['ALM-KAR-P2-D02'], 'pending'], [ids['ALM-KAR-P2-D03'], 'pending'],
    ]);
    expect(error.message).toContain(name('ALM-KAR-P2-D02'));
    expect(error.message).toContain(name('ALM-KAR-P2-D03'));
    expect((await announce(c.inspector!, id, 'kk')).json().error.message).toContain('келіспегендер');
    expect((await c.inspector!.get(`/api/v1/meetings/${id}`)).json().status).toBe('scheduled');
  });

  it('the colleague of №12 finds it awaiting his agreement and accepts', async () => {
    const mine = (await c.colleague12!.get('/api/v1/agreements/mine')).json().items as Array<Agreement & { meeting: { id: string }; plannedBy: string }>;
    const item = mine.find((a) => a.meeting.id === id)!;
    expect(item).toMatchObject({ status: 'pending', canAnswer: true, district: { code: 'ALM-KAR-P2-D02' } });
    expect(item.plannedBy).toBeTruthy();
    // The planner cannot answer for his colleague: he sees the meeting, so 403.
    expect((await answer(c.inspector!, item.id, { answer: 'accepted' })).statusCode).toBe(403);
    const accepted = await answer(c.colleague12!, item.id, { answer: 'accepted' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', answeredBy: { onBehalf: false } });
  });

  it('the colleague of №13 declines only with a reason; the planner sees it, and the announcement is still refused', async () => {
    const agreementId = agreementOf((await c.colleague13!.get(`/api/v1/meetings/${id}`)).json(), 'ALM-KAR-P2-D03').id;
    expect((await answer(c.colleague13!, agreementId, { answer: 'declined' })).statusCode).toBe(400);
    expect((await answer(c.colleague13!, agreementId, { answer: 'declined', reason: '  ' })).statusCode).toBe(400);
    const declined = await answer(c.colleague13!, agreementId, { answer: 'declined', reason: 'Сол күні кезекшілікте боламын' });
    expect(declined.statusCode, declined.body).toBe(200);
    const seen = (await c.inspector!.get(`/api/v1/meetings/${id}`, { 'accept-language': 'en' })).json();
    expect(agreementOf(seen, 'ALM-KAR-P2-D03')).toMatchObject({ status: 'declined', reason: 'Сол күні кезекшілікте боламын' });
    expect(check(seen, 'agreement')).toMatchObject({ status: 'not_met', message: `Declined: ${name('ALM-KAR-P2-D03')}` });
    const refused = await announce(c.inspector!, id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details.params.outstanding).toEqual([
      { districtId: ids['ALM-KAR-P2-D03'], staffId: staff['S-ALM-KAR-P2-D03']!.id, fullName: name('ALM-KAR-P2-D03'), status: 'declined' },
    ]);
  });

  it('the planner drops №13 (re-plan): its agreement goes, №12\'s answer stands, and the meeting is announced', async () => {
    const body = plan(undefined, { districtIds: [ids['ALM-KAR-P2-D01'], ids['ALM-KAR-P2-D02']], startsAt: at(25, 18), endsAt: at(25, 20), venueName: 'Мектеп' });
    const replanned = await c.inspector!.send('PUT', `/api/v1/meetings/${id}`, body);
    expect(replanned.statusCode, replanned.body).toBe(200);
    expect(replanned.json().agreements.map((a: Agreement) => [a.district.code, a.status])).toEqual([['ALM-KAR-P2-D02', 'accepted']]);
    expect(check(replanned.json(), 'agreement').status).toBe('met');
    expect((await announce(c.inspector!, id)).json().status).toBe('announced');
    // Once announced, the answers stand.
    const late = await answer(c.colleague12!, replanned.json().agreements[0].id, { answer: 'declined', reason: 'Ауырып қалдым' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.details.reason).toBe('wrong_status');
  });

  it('every ask and answer is audited in the meeting\'s trail', async () => {
    const audit = (await c.admin!.get(`/api/v1/audit?entityType=meeting&entityId=${id}&pageSize=100`)).json();
    const actions = audit.items.map((e: { action: string }) => e.action);
    for (const action of ['meeting.agreement.ask', 'meeting.agreement.accept', 'meeting.agreement.decline', 'meeting.announce']) expect(actions).toContain(action);
    const decline = audit.items.find((e: { action: string }) => e.action === 'meeting.agreement.decline');
    expect(decline).toMatchObject({ actorName: 'colleague13', after: { status: 'declined', reason: 'Сол күні кезекшілікте боламын' } });
  });
});

describe('the point lead answers for his inspector', () => {
  it('agrees on behalf of the colleague of №12, and the meeting can be announced', async () => {
    const { id } = await jointMeeting(c.inspector!, ['ALM-KAR-P2-D01', 'ALM-KAR-P2-D02'], 30);
    const mine = (await c.lead!.get('/api/v1/agreements/mine')).json().items as Array<Agreement & { meeting: { id: string } }>;
    const item = mine.find((a) => a.meeting.id === id)!;
    expect(item).toMatchObject({ status: 'pending', canAnswer: true });
    const accepted = await answer(c.lead!, item.id, { answer: 'accepted' });
    expect(accepted.json()).toMatchObject({ status: 'accepted', answeredBy: { onBehalf: true } });
    expect((await announce(c.inspector!, id)).json().status).toBe('announced');
  });

  it('a meeting the lead plans for his own point counts as his inspectors\' agreement, and they see it', async () => {
    const created = await c.lead!.send('POST', '/api/v1/meetings', plan(undefined, { districtIds: [ids['ALM-KAR-P2-D01'], ids['ALM-KAR-P2-D02']], startsAt: at(32, 18), endsAt: at(32, 20) }));
    expect(created.statusCode, created.body).toBe(201);
    const meeting = created.json();
    expect(meeting.agreements.map((a: Agreement) => [a.district.code, a.status, a.answeredBy?.onBehalf])).toEqual([
      ['ALM-KAR-P2-D01', 'accepted', true], ['ALM-KAR-P2-D02', 'accepted', true],
    ]);
    expect(check(meeting, 'agreement').status).toBe('met');
    const mine = (await c.inspector!.get('/api/v1/agreements/mine')).json().items as Array<Agreement & { meeting: { id: string } }>;
    const item = mine.find((a) => a.meeting.id === meeting.id)!;
    expect(item).toMatchObject({ status: 'accepted', canAnswer: true, answeredBy: { onBehalf: true } });
    // He may still decline with a reason while it is being planned; his lead then sees it.
    expect((await answer(c.inspector!, item.id, { answer: 'declined', reason: 'Демалыста боламын' })).json().status).toBe('declined');
    expect(agreementOf((await c.lead!.get(`/api/v1/meetings/${meeting.id}`)).json(), 'ALM-KAR-P2-D01').reason).toBe('Демалыста боламын');
  });
});

describe('a change of plan asks again (R-27.4)', () => {
  let id: string;
  let agreementId: string;
  beforeAll(async () => {
    ({ id } = await jointMeeting(c.inspector!, ['ALM-KAR-P2-D01', 'ALM-KAR-P2-D02'], 35));
    agreementId = agreementOf((await c.colleague12!.get(`/api/v1/meetings/${id}`)).json(), 'ALM-KAR-P2-D02').id;
    expect((await answer(c.colleague12!, agreementId, { answer: 'accepted' })).statusCode).toBe(200);
  });
  const replan = (over: Record<string, unknown>) => c.inspector!.send('PUT', `/api/v1/meetings/${id}`, plan(undefined, {
    districtIds: [ids['ALM-KAR-P2-D01'], ids['ALM-KAR-P2-D02']], startsAt: at(35, 18), endsAt: at(35, 20), ...over,
  }));

  it('a new venue keeps the answer', async () => {
    const response = await replan({ venueName: 'Жаңа клуб', venueAddress: 'Шамалған а., Абай к-сі, 3' });
    expect(agreementOf(response.json(), 'ALM-KAR-P2-D02')).toMatchObject({ id: agreementId, status: 'accepted' });
  });
  it('a new time asks again, and the announcement waits', async () => {
    const response = await replan({ startsAt: at(35, 17), endsAt: at(35, 19) });
    expect(agreementOf(response.json(), 'ALM-KAR-P2-D02')).toMatchObject({ status: 'pending', answeredBy: null });
    expect((await announce(c.inspector!, id)).statusCode).toBe(409);
    const again = agreementOf(response.json(), 'ALM-KAR-P2-D02').id;
    expect((await answer(c.colleague12!, again, { answer: 'accepted' })).statusCode).toBe(200);
    expect((await announce(c.inspector!, id)).json().status).toBe('announced');
  });
  it('postponing to a new date asks again', async () => {
    const postponed = await c.inspector!.send('POST', `/api/v1/meetings/${id}/transitions`, { action: 'postpone', reason: 'Су тасқыны', startsAt: at(40, 18), endsAt: at(40, 20) });
    expect(postponed.statusCode, postponed.body).toBe(200);
    expect(agreementOf(postponed.json(), 'ALM-KAR-P2-D02').status).toBe('pending');
    await c.inspector!.send('POST', `/api/v1/meetings/${id}/announcements`, { channel: 'mass_media', outlet: '«Қарасай» газеті', publishedOn: today });
    expect((await announce(c.inspector!, id)).json().error.details.reason).toBe('agreement_missing');
  });
});

describe('an acting inspector from the neighbouring point (R-2.2)', () => {
  let id: string;
  let agreementId: string;
  it('is the one asked, and reads the meeting although it lies outside his territory', async () => {
    const neighbour = staff['S-ALM-KAR-P1-D03']!;
    const { id: created, created: meeting } = await jointMeeting(c.inspector!, ['ALM-KAR-P2-D01', 'ALM-KAR-P2-D02'], 45, {
      inspectors: [{ districtId: ids['ALM-KAR-P2-D02'], staffId: neighbour.id, acting: true }],
    });
    id = created;
    agreementId = agreementOf(meeting, 'ALM-KAR-P2-D02').id;
    expect(agreementOf(meeting, 'ALM-KAR-P2-D02').staff.fullName).toBe(neighbour.fullName);
    const seen = await c.neighbour!.get(`/api/v1/meetings/${id}`);
    expect(seen.statusCode).toBe(200);
    expect(agreementOf(seen.json(), 'ALM-KAR-P2-D02').canAnswer).toBe(true);
    expect(seen.json().abilities).toMatchObject({ read: true, update: false });
    // He reads it, he does not change it (visible, so 403).
    expect((await c.neighbour!.send('POST', `/api/v1/meetings/${id}/transitions`, { action: 'cancel', reason: 'x' })).statusCode).toBe(403);
    // The usual inspector of №12 is not asked: he sees the meeting (his district) but does not answer.
    expect((await answer(c.colleague12!, agreementId, { answer: 'accepted' })).statusCode).toBe(403);
  });
  it('his own point lead reads it and may answer for him', async () => {
    const mine = (await c.leadP1!.get('/api/v1/agreements/mine')).json().items as Array<Agreement & { meeting: { id: string } }>;
    expect(mine.find((a) => a.meeting.id === id)).toMatchObject({ canAnswer: true, status: 'pending' });
    expect((await c.leadP1!.get(`/api/v1/meetings/${id}`)).statusCode).toBe(200);
    expect((await answer(c.neighbour!, agreementId, { answer: 'accepted' })).json()).toMatchObject({ status: 'accepted', answeredBy: { onBehalf: false } });
  });
});

describe('outside the territory', () => {
  let id: string;
  let agreementId: string;
  beforeAll(async () => {
    ({ id } = await jointMeeting(c.inspector!, ['ALM-KAR-P2-D01', 'ALM-KAR-P2-D02'], 50));
    agreementId = agreementOf((await c.inspector!.get(`/api/v1/meetings/${id}`)).json(), 'ALM-KAR-P2-D02').id;
  });

  it('an inspector elsewhere gets 404 for the meeting and the agreement, and nothing in his list', async () => {
    expect((await c.inspector2!.get(`/api/v1/meetings/${id}`)).statusCode).toBe(404);
    expect((await answer(c.inspector2!, agreementId, { answer: 'accepted' })).statusCode).toBe(404);
    expect((await c.inspector2!.get('/api/v1/agreements/mine')).json().items).toEqual([]);
    // The neighbouring point's lead is not asked about this one: his inspectors do not report at it.
    expect((await c.leadP1!.get(`/api/v1/meetings/${id}`)).statusCode).toBe(404);
    expect((await answer(c.leadP1!, agreementId, { answer: 'accepted' })).statusCode).toBe(404);
  });
  it('those who see the meeting but do not answer for the inspector get 403', async () => {
    for (const who of ['assistant', 'akimat', 'admin', 'analyst']) {
      expect((await answer(c[who]!, agreementId, { answer: 'accepted' })).statusCode, who).toBe(403);
    }
    // Roles that answer no agreement have no such list.
    for (const who of ['assistant', 'akimat', 'admin']) expect((await c[who]!.get('/api/v1/agreements/mine')).statusCode, who).toBe(403);
  });
  it('the unit head answers for an inspector of his unit', async () => {
    expect((await answer(c.chief!, agreementId, { answer: 'accepted' })).json()).toMatchObject({ status: 'accepted', answeredBy: { onBehalf: true } });
  });
});

describe('the migration (0006, hand-written part)', () => {
  it('asks the colleagues of joint meetings planned before agreements existed, and leaves announced ones as they are', async () => {
    const { id: planned } = await jointMeeting(c.inspector!, ['ALM-KAR-P2-D01', 'ALM-KAR-P2-D02'], 60);
    const { id: announced } = await jointMeeting(c.inspector!, ['ALM-KAR-P2-D01', 'ALM-KAR-P2-D02'], 61);
    const lead = agreementOf((await c.lead!.get(`/api/v1/meetings/${announced}`)).json(), 'ALM-KAR-P2-D02');
    expect((await answer(c.lead!, lead.id, { answer: 'accepted' })).statusCode).toBe(200);
    expect((await announce(c.inspector!, announced)).statusCode).toBe(200);
    // As before the migration: no agreements recorded.
    await t.database.db.delete(meetingAgreements).where(inArray(meetingAgreements.meetingId, [planned, announced]));
    const file = readFileSync(join(MIGRATIONS_FOLDER, '0006_joint_agreements.sql'), 'utf8');
    const handWritten = file.slice(file.indexOf('-- hand-written:'));
    await t.database.db.execute(sql.raw(handWritten));
    const rows = await t.database.db.select().from(meetingAgreements).where(inArray(meetingAgreements.meetingId, [planned, announced]));
    expect(rows.map((r) => [r.meetingId, r.districtId, r.staffId, r.status])).toEqual([[planned, ids['ALM-KAR-P2-D02'], staff['S-ALM-KAR-P2-D02']!.id, 'pending']]);
    expect((await announce(c.inspector!, planned)).json().error.details.reason).toBe('agreement_missing');
  });
});
