import { randomUUID } from 'node:crypto';
import { auditLog, meetingItems, meetings } from '@esep/db';
import { CONSENT_VERSION } from '@esep/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { districtIds, meetingInProgress } from '../../test/holding.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { at, meetingPlan, today } from '../../test/meetings.ts';

let t: TestApp;
const c: Record<string, Client> = {};
let ids: Record<string, string>;
let meetingId: string;
let meetingNumber: string;

const item = (over: Record<string, unknown> = {}) => ({ kind: 'complaint', text: 'Көшеде жарық жоқ, кешке қорқынышты', topic: 'public_order', ...over });
const countItems = async (id: string) => (await t.database.db.select().from(meetingItems).where(eq(meetingItems.meetingId, id))).length;

beforeAll(async () => {
  t = await testApp();
  for (const name of ['admin', 'inspector', 'assistant', 'inspector2', 'akimat']) c[name] = await login(t.app, name);
  ids = await districtIds(c.admin!);
  meetingId = await meetingInProgress(t, c.inspector!, ids['ALM-KAR-P2-D01']!);
  meetingNumber = (await c.inspector!.get(`/api/v1/meetings/${meetingId}`)).json().number;
}, 120_000);
afterAll(async () => { await t.close(); });

/** Registers a participant through the live sync (the register itself belongs to its own routes). */
async function participant(fullName: string, address = 'Шамалған а., Абай к-сі, 3'): Promise<string> {
  const clientKey = randomUUID();
  const response = await c.inspector!.send('POST', `/api/v1/meetings/${meetingId}/live/sync`, {
    operations: [{ kind: 'participant', clientKey, data: { fullName, address, consent: true, consentVersion: CONSENT_VERSION } }],
  });
  expect(response.statusCode, response.body).toBe(200);
  expect(response.json().results[0].status, response.body).toBe('created');
  return response.json().results[0].id;
}

describe('items raised at the meeting (R-31)', () => {
  let first: string;

  it('numbers items <meeting number>/1, /2 …, anonymous or by a participant', async () => {
    const anonymous = await c.inspector!.send('POST', `/api/v1/meetings/${meetingId}/items`, item());
    expect(anonymous.statusCode, anonymous.body).toBe(201);
    expect(anonymous.json()).toMatchObject({ number: 1, reference: `${meetingNumber}/1`, participantId: null, participantName: null, resolution: null, outcome: 'unclassified' });
    first = anonymous.json().id;

    const personId = await participant('Серікбаев Ерлан Маратұлы');
    const byPerson = await c.assistant!.send('POST', `/api/v1/meetings/${meetingId}/items`, item({ kind: 'proposal', participantId: personId, topic: 'road_safety', resolution: 'to_check' }));
    expect(byPerson.statusCode, byPerson.body).toBe(201);
    expect(byPerson.json()).toMatchObject({ number: 2, reference: `${meetingNumber}/2`, participantId: personId, participantName: 'Серікбаев Ерлан Маратұлы', outcome: 'check_open' });

    const answered = await c.inspector!.send('POST', `/api/v1/meetings/${meetingId}/items`, item({ kind: 'question', resolution: 'answered', answer: 'Шам ертең орнатылады' }));
    expect(answered.json()).toMatchObject({ number: 3, reference: `${meetingNumber}/3`, outcome: 'answered', answer: 'Шам ертең орнатылады' });

    const list = await c.inspector!.get(`/api/v1/meetings/${meetingId}/items`);
    expect(list.statusCode).toBe(200);
    expect(list.json().map((i: { number: number }) => i.number)).toEqual([1, 2, 3]);
    expect(list.json()[1].participantName).toBe('Серікбаев Ерлан Маратұлы');
  });

  it('a repeated clientKey returns the first item (200), never a copy', async () => {
    const clientKey = randomUUID();
    const once = await c.inspector!.send('POST', `/api/v1/meetings/${meetingId}/items`, item({ clientKey }));
    expect(once.statusCode).toBe(201);
    const before = await countItems(meetingId);
    const again = await c.inspector!.send('POST', `/api/v1/meetings/${meetingId}/items`, item({ clientKey }));
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(once.json().id);
    expect(await countItems(meetingId)).toBe(before);
  });

  it('an item naming a participant of another meeting is refused', async () => {
    const response = await c.inspector!.send('POST', `/api/v1/meetings/${meetingId}/items`, item({ participantId: randomUUID() }));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].field).toBe('participantId');
  });

  it('those who may not read the register see items without names', async () => {
    const response = await c.akimat!.get(`/api/v1/meetings/${meetingId}/items`);
    expect(response.statusCode).toBe(200);
    expect(response.json().length).toBeGreaterThan(1);
    expect(response.json().every((i: { participantName: string | null }) => i.participantName === null)).toBe(true);
    expect((await c.inspector2!.get(`/api/v1/meetings/${meetingId}/items`)).statusCode).toBe(404);
  });

  it('an unknown topic → 400 (field topic)', async () => {
    const response = await c.inspector!.send('POST', `/api/v1/meetings/${meetingId}/items`, item({ topic: 'no_such_topic' }), { 'accept-language': 'en' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'validation_failed', details: [{ field: 'topic', reason: 'unknown_topic' }] });
  });

  it('answered without the answer → 422 with rule R-31', async () => {
    const before = await countItems(meetingId);
    const response = await c.inspector!.send('POST', `/api/v1/meetings/${meetingId}/items`, item({ resolution: 'answered', answer: '   ' }), { 'accept-language': 'ru' });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ code: 'rule_violation', details: { reason: 'answer_required', rule: 'R-31', field: 'answer' } });
    expect(response.json().error.message).toContain('ответ');
    expect(await countItems(meetingId)).toBe(before);
  });

  it('an item without text → 400 validation_failed and nothing stored', async () => {
    const before = await countItems(meetingId);
    for (const text of [undefined, '', '   ', '\u202E']) {
      const response = await c.inspector!.send('POST', `/api/v1/meetings/${meetingId}/items`, item({ text }));
      expect(response.statusCode, String(text)).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
    }
    expect(await countItems(meetingId)).toBe(before);
  });

  it('hostile text is stored and returned as text: markup kept verbatim, U+202E removed, 5000 chars refused', async () => {
    const hostile = '<img src=x onerror=alert(1)> \u202Eтерс мәтін';
    const response = await c.inspector!.send('POST', `/api/v1/meetings/${meetingId}/items`, item({ text: hostile }));
    expect(response.statusCode).toBe(201);
    expect(response.json().text).toBe('<img src=x onerror=alert(1)> терс мәтін');
    const [row] = await t.database.db.select().from(meetingItems).where(eq(meetingItems.id, response.json().id));
    expect(row!.text).toBe('<img src=x onerror=alert(1)> терс мәтін');
    const long = await c.inspector!.send('POST', `/api/v1/meetings/${meetingId}/items`, item({ text: 'а'.repeat(5000) }));
    expect(long.statusCode).toBe(400);
    expect(long.json().error.code).toBe('validation_failed');
  });

  it('classifies later via PATCH; answered needs the answer; the item keeps its number', async () => {
    const refused = await c.inspector!.send('PATCH', `/api/v1/items/${first}`, { resolution: 'answered' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.rule).toBe('R-31');
    const response = await c.inspector!.send('PATCH', `/api/v1/items/${first}`, { resolution: 'to_forward', topic: 'housing' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ number: 1, reference: `${meetingNumber}/1`, resolution: 'to_forward', topic: 'housing', outcome: 'forward_open' });
    expect((await c.inspector!.send('PATCH', `/api/v1/items/${first}`, { resolution: null, topic: 'no_such_topic' })).statusCode).toBe(400);
    expect((await c.inspector2!.send('PATCH', `/api/v1/items/${first}`, { resolution: 'to_check' })).statusCode).toBe(404);
    expect((await c.akimat!.send('PATCH', `/api/v1/items/${first}`, { resolution: 'to_check' })).statusCode).toBe(403);
    // The audit entry names the item by id and number, never what was said or by whom.
    const entries = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'item.classify'));
    expect(JSON.stringify(entries.at(-1)!.after)).not.toContain('Көшеде');
  });

  it('once held, the checklist item items_classified is met after every item is classified', async () => {
    const held = await meetingInProgress(t, c.inspector!, ids['ALM-KAR-P2-D01']!, { held: true });
    const a = await c.inspector!.send('POST', `/api/v1/meetings/${held}/items`, item());
    const b = await c.inspector!.send('POST', `/api/v1/meetings/${held}/items`, item({ kind: 'remark', resolution: 'to_check' }));
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    const check = async () => (await c.inspector!.get(`/api/v1/meetings/${held}`)).json().checklist.find((x: { key: string }) => x.key === 'items_classified');
    expect(await check()).toMatchObject({ rule: 'R-31', status: 'not_met' });
    expect((await c.inspector!.send('PATCH', `/api/v1/items/${a.json().id}`, { resolution: 'answered', answer: 'Түсіндірілді' })).statusCode).toBe(200);
    expect(await check()).toMatchObject({ rule: 'R-31', status: 'met' });
    const detail = (await c.inspector!.get(`/api/v1/meetings/${held}`)).json();
    expect(detail.holding).toMatchObject({ items: 2, unclassified: 0 });

    // Once the protocol is signed, items are no longer changed.
    await t.database.db.update(meetings).set({ status: 'protocol_signed' }).where(eq(meetings.id, held));
    const late = await c.inspector!.send('PATCH', `/api/v1/items/${a.json().id}`, { resolution: 'to_check' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.details.reason).toBe('wrong_status');
    const closed = await c.inspector!.send('POST', `/api/v1/meetings/${held}/items`, item());
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.details).toMatchObject({ reason: 'recording_closed', rule: 'R-31' });
  });
});

describe('decisions (R-32.1) and awards (R-34)', () => {
  const decision = (over: Record<string, unknown> = {}) => ({ text: 'Абай көшесіне бейнекамера орнату', responsible: 'Учаскелік инспектор Ахметов Д.', dueDate: at(30, 0).slice(0, 10), ...over });
  const award = (over: Record<string, unknown> = {}) => ({ recipientKind: 'citizen', recipientName: 'Омарова Айгүл', reason: 'Құқық бұзушылықтың алдын алуға көмектескені үшін', awardKind: 'letter_of_thanks', ...over });

  it('a decision without dueDate → 400; due before the meeting → 422 R-32.1', async () => {
    const { dueDate: _d, ...noDue } = decision();
    const missing = await c.inspector!.send('POST', `/api/v1/meetings/${meetingId}/decisions`, noDue);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('validation_failed');
    const early = await c.inspector!.send('POST', `/api/v1/meetings/${meetingId}/decisions`, decision({ dueDate: at(-3, 0).slice(0, 10) }), { 'accept-language': 'en' });
    expect(early.statusCode).toBe(422);
    expect(early.json().error).toMatchObject({ code: 'rule_violation', message: 'The due date cannot be before the meeting date', details: { reason: 'due_before_meeting', rule: 'R-32.1', field: 'dueDate' } });
  });

  it('records, lists and deletes decisions; numbers go on', async () => {
    const clientKey = randomUUID();
    const one = await c.inspector!.send('POST', `/api/v1/meetings/${meetingId}/decisions`, decision({ clientKey }));
    expect(one.statusCode, one.body).toBe(201);
    expect(one.json()).toMatchObject({ number: 1, dueDate: at(30, 0).slice(0, 10), clientKey });
    expect((await c.inspector!.send('POST', `/api/v1/meetings/${meetingId}/decisions`, decision({ clientKey }))).statusCode).toBe(200);
    const two = await c.inspector!.send('POST', `/api/v1/meetings/${meetingId}/decisions`, decision({ text: 'Жасөспірімдермен профилактикалық кездесу өткізу', dueDate: today }));
    expect(two.json().number).toBe(2);
    expect((await c.akimat!.get(`/api/v1/meetings/${meetingId}/decisions`)).json()).toHaveLength(2);
    expect((await c.akimat!.send('DELETE', `/api/v1/decisions/${one.json().id}`)).statusCode).toBe(403);
    expect((await c.inspector2!.send('DELETE', `/api/v1/decisions/${one.json().id}`)).statusCode).toBe(404);
    expect((await c.inspector!.send('DELETE', `/api/v1/decisions/${one.json().id}`)).statusCode).toBe(204);
    const left = (await c.inspector!.get(`/api/v1/meetings/${meetingId}/decisions`)).json();
    expect(left.map((d: { number: number }) => d.number)).toEqual([2]);
    expect((await c.inspector!.send('DELETE', `/api/v1/decisions/${one.json().id}`)).statusCode).toBe(404);
  });

  it('an award without reason → 400; records, repeats idempotently, lists and deletes awards', async () => {
    const { reason: _r, ...noReason } = award();
    expect((await c.inspector!.send('POST', `/api/v1/meetings/${meetingId}/awards`, noReason)).statusCode).toBe(400);
    expect((await c.inspector!.send('POST', `/api/v1/meetings/${meetingId}/awards`, award({ reason: '  ' }))).statusCode).toBe(400);
    const clientKey = randomUUID();
    const created = await c.inspector!.send('POST', `/api/v1/meetings/${meetingId}/awards`, award({ clientKey }));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ recipientKind: 'citizen', awardKind: 'letter_of_thanks', clientKey });
    const again = await c.inspector!.send('POST', `/api/v1/meetings/${meetingId}/awards`, award({ clientKey }));
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(created.json().id);
    expect((await c.inspector!.get(`/api/v1/meetings/${meetingId}/awards`)).json()).toHaveLength(1);
    expect((await c.inspector!.send('DELETE', `/api/v1/awards/${created.json().id}`)).statusCode).toBe(204);
    expect((await c.inspector!.get(`/api/v1/meetings/${meetingId}/awards`)).json()).toHaveLength(0);
  });
});

describe('recording is open only from the meeting day until the protocol is signed', () => {
  it('a draft meeting 40 days ahead → 409 recording_closed for items, decisions and awards', async () => {
    const draft = await c.inspector!.send('POST', '/api/v1/meetings', meetingPlan(ids['ALM-KAR-P2-D01'], { startsAt: at(40, 18), endsAt: at(40, 20) }));
    expect(draft.statusCode).toBe(201);
    const id = draft.json().id as string;
    const cases: Array<[string, unknown, string]> = [
      ['items', item(), 'R-31'],
      ['decisions', { text: 'Шешім', responsible: 'Инспектор', dueDate: at(50, 0).slice(0, 10) }, 'R-32.1'],
      ['awards', { recipientKind: 'organisation', recipientName: 'ЖШС «Күзет»', reason: 'Көмек үшін', awardKind: 'certificate_of_honour' }, 'R-34'],
    ];
    for (const [path, body, rule] of cases) {
      const response = await c.inspector!.send('POST', `/api/v1/meetings/${id}/${path}`, body, { 'accept-language': 'kk' });
      expect(response.statusCode, path).toBe(409);
      expect(response.json().error).toMatchObject({ code: 'rule_violation', details: { reason: 'recording_closed', rule } });
    }
  });
});

describe('item topics', () => {
  it('lists topics, active first, by sort', async () => {
    const response = await c.inspector!.get('/api/v1/topics');
    expect(response.statusCode).toBe(200);
    const codes = response.json().map((x: { code: string }) => x.code);
    expect(codes).toEqual(expect.arrayContaining(['public_order', 'domestic_violence', 'other']));
  });

  it('the administrator adds a topic, then items accept it; the inspector cannot (403)', async () => {
    const body = { code: 'livestock', nameKk: 'Мал ұрлығы', nameRu: 'Кража скота', nameEn: 'Livestock theft', sort: 15 };
    expect((await c.inspector!.send('POST', '/api/v1/topics', body)).statusCode).toBe(403);
    expect((await c.inspector!.send('PUT', '/api/v1/topics', body)).statusCode).toBe(403);
    expect((await c.inspector!.send('POST', `/api/v1/meetings/${meetingId}/items`, item({ topic: 'livestock' }))).statusCode).toBe(400);
    const created = await c.admin!.send('POST', '/api/v1/topics', body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toEqual({ ...body, active: true });
    const duplicate = await c.admin!.send('POST', '/api/v1/topics', body);
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('conflict');
    const used = await c.inspector!.send('POST', `/api/v1/meetings/${meetingId}/items`, item({ topic: 'livestock' }));
    expect(used.statusCode).toBe(201);
    expect(used.json().topic).toBe('livestock');
  });

  it('PUT upserts by code; a switched-off topic is listed last and refused on new items', async () => {
    const off = await c.admin!.send('PUT', '/api/v1/topics', { code: 'livestock', nameKk: 'Мал ұрлығы', nameRu: 'Кража скота', nameEn: 'Livestock theft', active: false, sort: 15 });
    expect(off.statusCode).toBe(200);
    expect(off.json().active).toBe(false);
    const codes = (await c.inspector!.get('/api/v1/topics')).json().map((x: { code: string }) => x.code);
    expect(codes.at(-1)).toBe('livestock');
    expect((await c.inspector!.send('POST', `/api/v1/meetings/${meetingId}/items`, item({ topic: 'livestock' }))).statusCode).toBe(400);
    const added = await c.admin!.send('PUT', '/api/v1/topics', { code: 'noise', nameKk: 'Шу', nameRu: 'Шум', nameEn: 'Noise' });
    expect(added.statusCode).toBe(200);
    expect(added.json()).toMatchObject({ code: 'noise', active: true, sort: 100 });
  });
});
