import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { addDays, almatyDate, quarterOf, quarterStart } from '@esep/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from '../../test/access.records.ts';
import { TestClock } from '../../test/clock.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { districtIds } from '../../test/holding.ts';
import { meetingDates } from '../../test/meetings.ts';

/*
 * A meeting entered after the fact: the inspector enters a meeting held during an outage, the
 * point lead confirms it, it is marked everywhere and audited, and the notice is
 * judged from the publications recorded, exactly as for any meeting.
 *
 * The server's clock stands on the 20th day of the current quarter at 10:00 Almaty, so "three
 * days ago" is in this quarter and the day before the previous quarter began is out of bounds,
 * whatever day the suite runs.
 */
const clock = new TestClock();
const quarterBegan = quarterStart(quarterOf(almatyDate(clock.now())));
clock.set(`${addDays(quarterBegan, 19)}T10:00:00+05:00`);
const { today, at } = meetingDates(clock);
const LEAD_NAME = 'Ерболов Асқар Ғалымұлы';
const REASON = 'Ауылда интернет болмады, тізілім қағазға жазылды';

let t: TestApp;
const c: Record<string, Client> = {};
let ids: Record<string, string>;
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'esep-late-int-'));

/** What took place three days ago in the inspector's district, announced 5 days before it (not 10). */
const entry = (over: Record<string, unknown> = {}) => ({
  districtIds: [ids['ALM-KAR-P2-D01']], setting: 'gathering', format: 'indoor',
  venueName: 'Шамалған ауылдық клубы', venueAddress: 'Шамалған а., Жібек жолы к-сі, 12',
  startsAt: at(-3, 18), endsAt: at(-3, 20), lateReason: REASON,
  publications: [{ channel: 'mass_media', outlet: '«Қарасай» газеті', publishedOn: addDays(today, -8) }],
  ...over,
});
const line = (meeting: { checklist: Array<{ key: string }> }, key: string) => meeting.checklist.find((x) => x.key === key) as { status: string; rule: string; message: string } | undefined;

beforeAll(async () => {
  t = await testApp({}, clock);
  for (const name of ['admin', 'inspector', 'lead', 'chief', 'inspector2', 'assistant', 'regional']) c[name] = await login(t.app, name);
  ids = await districtIds(c.admin!);
}, 120_000);
afterAll(async () => { await t.close(); rmSync(dir, { recursive: true, force: true }); });

describe('entering a meeting after the fact: what is refused', () => {
  it('a meeting in the future (422, R-27.1): it is planned and announced instead', async () => {
    const response = await c.inspector!.send('POST', '/api/v1/meetings/late-entries', entry({ startsAt: at(2, 18), endsAt: at(2, 20) }), { 'accept-language': 'ru' });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ code: 'rule_violation', details: { reason: 'late_entry_in_future', rule: 'R-27.1', field: 'startsAt' } });
    expect(response.json().error.message).toContain('не позднее чем за 10 дней');
  });
  it('a meeting that has not ended yet (422)', async () => {
    const response = await c.inspector!.send('POST', '/api/v1/meetings/late-entries', entry({ startsAt: at(0, 9), endsAt: at(0, 11) }));
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details.reason).toBe('late_entry_not_over');
  });
  it('no reason (400, the field named)', async () => {
    for (const lateReason of ['', '   ']) {
      const response = await c.inspector!.send('POST', '/api/v1/meetings/late-entries', entry({ lateReason }));
      expect(response.statusCode).toBe(400);
      expect(JSON.stringify(response.json().error.details)).toContain('lateReason');
    }
    const missing = entry();
    delete (missing as { lateReason?: string }).lateReason;
    expect((await c.inspector!.send('POST', '/api/v1/meetings/late-entries', missing)).statusCode).toBe(400);
  });
  it('a meeting older than the previous quarter (422, R-22.13, the first day allowed named)', async () => {
    const previousBegan = quarterStart(quarterOf(addDays(quarterBegan, -1)));
    const day = addDays(previousBegan, -1);
    const response = await c.inspector!.send('POST', '/api/v1/meetings/late-entries', entry({ startsAt: `${day}T18:00:00+05:00`, endsAt: `${day}T20:00:00+05:00`, publications: [] }));
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details).toMatchObject({ reason: 'late_entry_too_old', rule: 'R-22.13', params: { earliest: previousBegan } });
  });
  it('the planning rules as ever: another territory (404), districts not adjacent (422, R-27.4), a publication after the meeting (422, R-27.1)', async () => {
    expect((await c.inspector!.send('POST', '/api/v1/meetings/late-entries', entry({ districtIds: [ids['ALM-TAL-P1-D01']] }))).statusCode).toBe(404);
    const apart = await c.lead!.send('POST', '/api/v1/meetings/late-entries', entry({ districtIds: [ids['ALM-KAR-P2-D01'], ids['ALM-KAR-P2-D06']] }));
    expect(apart.statusCode).toBe(422);
    expect(apart.json().error.details.rule).toBe('R-27.4');
    const after = await c.inspector!.send('POST', '/api/v1/meetings/late-entries', entry({ publications: [{ channel: 'mass_media', outlet: 'Газет', publishedOn: addDays(today, -1) }] }));
    expect(after.statusCode).toBe(422);
    expect(after.json().error.details).toMatchObject({ reason: 'publication_after_meeting', rule: 'R-27.1', field: 'publications.0.publishedOn' });
  });
  it('the administrator, who holds no meeting, enters none (403)', async () => {
    expect((await c.admin!.send('POST', '/api/v1/meetings/late-entries', entry())).statusCode).toBe(403);
  });
});

describe('entering a meeting after the fact: the journey', () => {
  let id: string;

  it('creates it held, marked entered late, pending the lead\'s confirmation', async () => {
    const response = await c.inspector!.send('POST', '/api/v1/meetings/late-entries', entry(), { 'accept-language': 'en' });
    expect(response.statusCode, response.body).toBe(201);
    const meeting = response.json();
    id = meeting.id;
    expect(meeting).toMatchObject({ status: 'held', lateEntry: 'pending', startDate: addDays(today, -3) });
    expect(meeting.inspectors).toHaveLength(1);
    expect(meeting.enteredLate).toMatchObject({
      status: 'pending', reason: REASON, enteredOn: today, enteredAt: clock.now().toISOString(), confirmer: LEAD_NAME,
      decidedBy: null, actions: ['correct', 'withdraw'],
    });
    expect(meeting.enteredLate.enteredBy).toBeTruthy();
    expect(meeting.events[0]).toMatchObject({ action: 'enter_late', fromStatus: null, toStatus: 'held', reason: REASON });
    const late = line(meeting, 'late_entry')!;
    expect(late).toMatchObject({ rule: 'R-33', status: 'pending' });
    expect(late.message).toContain(`Awaiting confirmation by ${LEAD_NAME}`);
    expect(line(meeting, 'quarter')).toMatchObject({ status: 'pending' });
    expect(line(meeting, 'quarter')!.message).toContain('once the point lead confirms');
  });

  it('judges the notice from the publication dates recorded: 5 days ahead is not met (R-27.1)', async () => {
    const meeting = (await c.inspector!.get(`/api/v1/meetings/${id}`)).json();
    expect(meeting.notice.given).toBe(false);
    expect(meeting.announcements).toEqual([expect.objectContaining({ publishedOn: addDays(today, -8), counts: false })]);
    expect(line(meeting, 'notice')!.status).toBe('not_met');
    // A publication found later is recorded while the entry is unconfirmed, and judged the same way.
    const earlier = await c.inspector!.send('POST', `/api/v1/meetings/${id}/announcements`, { channel: 'social_network', outlet: 'Instagram', publishedOn: addDays(today, -14) });
    expect(earlier.statusCode).toBe(201);
    expect(earlier.json().notice.given).toBe(true);
    expect(line(earlier.json(), 'notice')!.status).toBe('met');
    const another = (await c.inspector!.send('POST', '/api/v1/meetings/late-entries', entry({ publications: [{ channel: 'mass_media', outlet: 'Газет', publishedOn: addDays(today, -13) }], startsAt: at(-3, 10), endsAt: at(-3, 11) }))).json();
    expect(another.notice).toMatchObject({ given: true });
    expect((await c.inspector!.send('POST', `/api/v1/meetings/${another.id}/late-entry/withdrawal`, { reason: 'Тест' })).statusCode).toBe(200);
  });

  it('takes the register from the paper sheet and the items before confirmation', async () => {
    const boundary = '----esep-late';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="sheet.png"\r\nContent-Type: image/png\r\n\r\n`), PNG, Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const token = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'inspector', password: 'demo' } })).json().token;
    const sheet = await t.app.inject({ method: 'POST', url: `/api/v1/meetings/${id}/paper-sheets`, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: `Bearer ${token}` } });
    expect(sheet.statusCode, sheet.body).toBe(201);
    const person = await c.inspector!.send('POST', `/api/v1/meetings/${id}/participants`, {
      fullName: 'Сапарова Айгүл Маратқызы', address: 'Шамалған а., Абай к-сі, 3', consent: true, consentVersion: 'pd-2026-1', paperSheetId: sheet.json().id, arrivedAt: at(-3, 18),
    });
    expect(person.statusCode, person.body).toBe(201);
    expect(person.json().channel).toBe('paper');
    const item = await c.inspector!.send('POST', `/api/v1/meetings/${id}/items`, { kind: 'remark', text: 'Көше жарығы жоқ', topic: 'public_order', resolution: 'answered', answer: 'Әкімдікке хат жолданды' });
    expect(item.statusCode, item.body).toBeLessThan(300);
  });

  it('drafts the protocol, saying it was entered late, but signs it only once confirmed (409)', async () => {
    const protocol = (await c.inspector!.get(`/api/v1/meetings/${id}/protocol`)).json();
    expect(protocol.content.lateEntry).toMatchObject({ reason: REASON, confirmedBy: null, confirmedAt: null });
    expect(protocol.signing).toBeNull();
    const refused = await c.inspector!.send('POST', `/api/v1/meetings/${id}/protocol/signatures`, { method: 'builtin', password: 'demo', lateReason: REASON });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details).toMatchObject({ reason: 'late_entry_unconfirmed', rule: 'R-33' });
  });

  it('shows the flag in lists, the calendar range and the lead\'s queue', async () => {
    const all = (await c.lead!.get(`/api/v1/meetings?from=${addDays(today, -7)}&to=${today}`)).json();
    expect(all.items.find((m: { id: string }) => m.id === id)).toMatchObject({ lateEntry: 'pending' });
    const queue = (await c.lead!.get('/api/v1/meetings?lateEntry=pending')).json();
    expect(queue.items.map((m: { id: string }) => m.id)).toEqual([id]);
    expect((await c.lead!.get('/api/v1/meetings?lateEntry=confirmed')).json().total).toBe(0);
    expect((await c.lead!.get('/api/v1/meetings?lateEntry=any')).json().total).toBe(2);
  });

  it('does not count for the quarter until confirmed; the board lists it, flagged (R-22.13)', async () => {
    const board = (await c.lead!.get(`/api/v1/obligations?districtId=${ids['ALM-KAR-P2-D01']}`)).json();
    const row = board.districts[0];
    expect(row.meetings.find((m: { id: string }) => m.id === id)).toMatchObject({ lateEntry: 'pending', status: 'held' });
    expect(['open', 'at_risk']).toContain(row.status);
  });

  it('only the lead of that territory confirms: the author 403, another territory 404', async () => {
    const author = await c.inspector!.send('POST', `/api/v1/meetings/${id}/late-entry/confirmation`);
    expect(author.statusCode).toBe(403);
    expect((await c.assistant!.send('POST', `/api/v1/meetings/${id}/late-entry/confirmation`)).statusCode).toBe(403);
    expect((await c.inspector2!.send('POST', `/api/v1/meetings/${id}/late-entry/confirmation`)).statusCode).toBe(404);
    expect((await c.inspector2!.send('POST', `/api/v1/meetings/${id}/late-entry/return`, { reason: 'x' })).statusCode).toBe(404);
    // The lead sees what he may do.
    expect((await c.lead!.get(`/api/v1/meetings/${id}`)).json().enteredLate.actions).toEqual(['confirm', 'return', 'correct', 'withdraw']);
  });

  it('the lead confirms: marked confirmed in the checklist, the quarter and the protocol draft', async () => {
    clock.advance(3600_000);
    const response = await c.lead!.send('POST', `/api/v1/meetings/${id}/late-entry/confirmation`, undefined, { 'accept-language': 'ru' });
    expect(response.statusCode, response.body).toBe(200);
    const meeting = response.json();
    expect(meeting).toMatchObject({ status: 'held', lateEntry: 'confirmed' });
    expect(meeting.enteredLate).toMatchObject({ status: 'confirmed', decidedBy: LEAD_NAME, decidedAt: clock.now().toISOString(), actions: [] });
    expect(line(meeting, 'late_entry')).toMatchObject({ status: 'met' });
    expect(line(meeting, 'late_entry')!.message).toContain(`подтверждена ${today}: ${LEAD_NAME}`);
    expect(meeting.events.at(-1)).toMatchObject({ action: 'late_entry.confirm', toStatus: 'held' });
    const protocol = (await c.inspector!.get(`/api/v1/meetings/${id}/protocol`)).json();
    expect(protocol.content.lateEntry).toMatchObject({ confirmedBy: LEAD_NAME, confirmedAt: clock.now().toISOString() });
    // Now it counts as held for the quarter; a second confirmation is refused by the state.
    const board = (await c.lead!.get(`/api/v1/obligations?districtId=${ids['ALM-KAR-P2-D01']}`)).json();
    expect(board.districts[0]).toMatchObject({ status: 'held' });
    expect((await c.lead!.send('POST', `/api/v1/meetings/${id}/late-entry/confirmation`)).statusCode).toBe(409);
    expect((await c.inspector!.send('POST', `/api/v1/meetings/${id}/announcements`, { channel: 'mass_media', outlet: 'Газет', publishedOn: addDays(today, -20) })).statusCode).toBe(409);
  });

  it('flags it in the inspector\'s calendar feed', async () => {
    const { urls } = (await c.inspector!.send('POST', '/api/v1/calendar/feed-token')).json() as { urls: Record<string, string> };
    const feed = await t.app.inject({ method: 'GET', url: new URL(urls.mine!).pathname + new URL(urls.mine!).search });
    expect(feed.statusCode).toBe(200);
    // iCalendar folds long lines: unfold before reading the event's description.
    const events = feed.body.replace(/\r\n[ \t]/g, '').split('BEGIN:VEVENT');
    const event = events.find((e) => e.includes(`UID:${id}@esep`))!;
    expect(event).toContain('Кейін енгізілді / Внесена после проведения: расталған / подтверждена');
  });

  it('signing after the meeting day still needs the late reason (R-32.3); the signed PDF says who confirmed', async () => {
    const refused = await c.inspector!.send('POST', `/api/v1/meetings/${id}/protocol/signatures`, { method: 'builtin', password: 'demo' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details).toMatchObject({ reason: 'late_reason_required', rule: 'R-32.3' });
    const signed = await c.inspector!.send('POST', `/api/v1/meetings/${id}/protocol/signatures`, { method: 'builtin', password: 'demo', lateReason: REASON });
    expect(signed.statusCode, signed.body).toBeLessThan(300);
    const meeting = (await c.inspector!.get(`/api/v1/meetings/${id}`)).json();
    expect(meeting.status).toBe('protocol_signed');
    expect(line(meeting, 'protocol_same_day')).toMatchObject({ status: 'not_met' });
    expect(line(meeting, 'quarter')).toMatchObject({ status: 'met' });
    const pdf = await c.inspector!.get(`/api/v1/meetings/${id}/protocol.pdf?lang=ru`);
    expect(pdf.statusCode).toBe(200);
    const file = join(dir, 'late.pdf');
    writeFileSync(file, pdf.rawPayload);
    const text = (await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout.replace(/\s+/g, ' ');
    expect(text).toContain('Внесение после проведения');
    expect(text).toContain(`Подтверждено: ${LEAD_NAME}`);
  });

  it('audits every step', async () => {
    const page = (await c.admin!.get(`/api/v1/audit?entityType=meeting&entityId=${id}&pageSize=100`)).json();
    const actions = page.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['meeting.enter_late', 'meeting.late_entry.confirm', 'announcement.create', 'protocol.sign']));
    const entered = page.items.find((e: { action: string }) => e.action === 'meeting.enter_late');
    expect(entered).toMatchObject({ actorName: 'inspector', after: expect.objectContaining({ status: 'held', lateEntry: expect.objectContaining({ status: 'pending', reason: REASON }) }) });
    const confirmed = page.items.find((e: { action: string }) => e.action === 'meeting.late_entry.confirm');
    expect(confirmed).toMatchObject({ actorName: 'lead', before: expect.objectContaining({ lateEntry: expect.objectContaining({ status: 'pending' }) }), after: expect.objectContaining({ lateEntry: expect.objectContaining({ status: 'confirmed' }) }) });
  });
});

describe('entering a meeting after the fact: returned, corrected, withdrawn', () => {
  let id: string;
  it('the lead\'s own entry is confirmed by someone else: the unit head (the lead 403)', async () => {
    const created = await c.lead!.send('POST', '/api/v1/meetings/late-entries', entry({ districtIds: [ids['ALM-KAR-P2-D02']], startsAt: at(-2, 18), endsAt: at(-2, 19) }));
    expect(created.statusCode, created.body).toBe(201);
    const own = await c.lead!.send('POST', `/api/v1/meetings/${created.json().id}/late-entry/confirmation`);
    expect(own.statusCode).toBe(403);
    expect(own.json().error.details).toMatchObject({ reason: 'own_late_entry', rule: 'R-33' });
    const chief = await c.chief!.send('POST', `/api/v1/meetings/${created.json().id}/late-entry/confirmation`);
    expect(chief.statusCode).toBe(200);
    expect(chief.json().enteredLate.status).toBe('confirmed');
  });

  it('a return needs its reason; the checklist says who returned it and why', async () => {
    id = (await c.inspector!.send('POST', '/api/v1/meetings/late-entries', entry({ startsAt: at(-5, 18), endsAt: at(-5, 19) }))).json().id;
    expect((await c.lead!.send('POST', `/api/v1/meetings/${id}/late-entry/return`, { reason: ' ' })).statusCode).toBe(400);
    const returned = await c.lead!.send('POST', `/api/v1/meetings/${id}/late-entry/return`, { reason: 'Қағаз парақтың суреті жоқ' }, { 'accept-language': 'en' });
    expect(returned.statusCode).toBe(200);
    const meeting = returned.json();
    expect(meeting.enteredLate).toMatchObject({ status: 'returned', returnReason: 'Қағаз парақтың суреті жоқ', decidedBy: LEAD_NAME });
    expect(line(meeting, 'late_entry')).toMatchObject({ status: 'not_met' });
    expect(line(meeting, 'late_entry')!.message).toContain('Қағаз парақтың суреті жоқ');
    expect(line(meeting, 'quarter')).toMatchObject({ status: 'not_met' });
    expect((await c.lead!.send('POST', `/api/v1/meetings/${id}/late-entry/confirmation`)).statusCode).toBe(409);
  });

  it('the inspector corrects it (the rules apply again) and it waits for confirmation anew', async () => {
    const future = await c.inspector!.send('PUT', `/api/v1/meetings/${id}/late-entry`, { ...entry({ startsAt: at(1, 18), endsAt: at(1, 19) }), publications: undefined });
    expect(future.statusCode).toBe(422);
    const body = entry({ startsAt: at(-5, 17), endsAt: at(-5, 19), venueName: 'Мектеп', lateReason: `${REASON}; суреті қосылды` });
    delete (body as { publications?: unknown }).publications;
    const corrected = await c.inspector!.send('PUT', `/api/v1/meetings/${id}/late-entry`, body);
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json()).toMatchObject({ venueName: 'Мектеп', startsAt: new Date(at(-5, 17)).toISOString(), enteredLate: { status: 'pending', reason: `${REASON}; суреті қосылды`, returnReason: null } });
    expect(corrected.json().events.map((e: { action: string }) => e.action)).toEqual(['enter_late', 'late_entry.return', 'late_entry.correct']);
  });

  it('the inspector withdraws it: the meeting is cancelled and nothing more is decided', async () => {
    expect((await c.inspector!.send('POST', `/api/v1/meetings/${id}/late-entry/withdrawal`, {})).statusCode).toBe(400);
    const withdrawn = await c.inspector!.send('POST', `/api/v1/meetings/${id}/late-entry/withdrawal`, { reason: 'Кездесу басқа күні өткен' });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'cancelled', reason: 'Кездесу басқа күні өткен', lateEntry: 'withdrawn', enteredLate: { status: 'withdrawn', actions: [] } });
    expect((await c.lead!.send('POST', `/api/v1/meetings/${id}/late-entry/confirmation`)).statusCode).toBe(409);
    const audit = (await c.admin!.get(`/api/v1/audit?entityType=meeting&entityId=${id}&pageSize=100`)).json().items.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['meeting.enter_late', 'meeting.late_entry.return', 'meeting.late_entry.correct', 'meeting.late_entry.withdraw']));
  });

  it('an ordinary meeting is no late entry (409) and carries no mark', async () => {
    const planned = (await c.lead!.send('POST', '/api/v1/meetings', meetingDates(clock).plan(ids['ALM-KAR-P2-D03']!))).json();
    expect(planned).toMatchObject({ lateEntry: null, enteredLate: null });
    expect(line(planned, 'late_entry')).toBeUndefined();
    const refused = await c.lead!.send('POST', `/api/v1/meetings/${planned.id}/late-entry/confirmation`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details.reason).toBe('not_late_entry');
  });
});
