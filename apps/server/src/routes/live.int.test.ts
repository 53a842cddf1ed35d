import { randomUUID } from 'node:crypto';
import { meetingAwards, meetingDecisions, meetingItems, participants } from '@esep/db';
import { CONSENT_TEXT, CONSENT_VERSION } from '@esep/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { districtIds, meetingInProgress } from '../../test/holding.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { at } from '../../test/meetings.ts';

let t: TestApp;
const c: Record<string, Client> = {};
let ids: Record<string, string>;

beforeAll(async () => {
  t = await testApp();
  for (const name of ['admin', 'inspector', 'assistant', 'inspector2', 'akimat']) c[name] = await login(t.app, name);
  ids = await districtIds(c.admin!);
}, 120_000);
afterAll(async () => { await t.close(); });

const person = (n: number) => ({ fullName: `Тұрғын ${['Әлия', 'Болат', 'Гүлнар', 'Дәурен', 'Ерлан'][n]} Сәкенқызы`, address: `Шамалған а., Абай к-сі, ${n + 1}`, consent: true, consentVersion: CONSENT_VERSION });

/** 5 participants, 3 items (the second raised by the batch's third participant), 1 decision, 1 award. */
function batch() {
  const people = [0, 1, 2, 3, 4].map((n) => ({ kind: 'participant', clientKey: randomUUID(), data: person(n) }));
  return [
    ...people,
    { kind: 'item', clientKey: randomUUID(), data: { kind: 'complaint', text: 'Аулада жарық жоқ', topic: 'public_order' } },
    { kind: 'item', clientKey: randomUUID(), data: { kind: 'proposal', text: 'Мектеп жанына бағдаршам қою', topic: 'road_safety', participantClientKey: people[2]!.clientKey, resolution: 'to_forward' } },
    { kind: 'item', clientKey: randomUUID(), data: { kind: 'question', text: 'Учаскелік қашан қабылдайды?', topic: 'other', resolution: 'answered', answer: 'Сейсенбі мен бейсенбі күндері' } },
    { kind: 'decision', clientKey: randomUUID(), data: { text: 'Аулаға шам орнатуды әкімдікке ұсыну', responsible: 'Учаскелік инспектор', dueDate: at(30, 0).slice(0, 10) } },
    { kind: 'award', clientKey: randomUUID(), data: { recipientKind: 'citizen', recipientName: 'Омарова Айгүл', reason: 'Белсенділігі үшін', awardKind: 'letter_of_thanks' } },
  ];
}

async function counts(meetingId: string) {
  const db = t.database.db;
  const [p, i, d, a] = await Promise.all([
    db.select().from(participants).where(eq(participants.meetingId, meetingId)),
    db.select().from(meetingItems).where(eq(meetingItems.meetingId, meetingId)),
    db.select().from(meetingDecisions).where(eq(meetingDecisions.meetingId, meetingId)),
    db.select().from(meetingAwards).where(eq(meetingAwards.meetingId, meetingId)),
  ]);
  return { participants: p.length, items: i.length, decisions: d.length, awards: a.length };
}

describe('offline sync', () => {
  let meetingId: string;
  let operations: ReturnType<typeof batch>;

  it('a batch of 5 participants, 3 items, a decision and an award → all created, in order', async () => {
    meetingId = await meetingInProgress(t, c.inspector!, ids['ALM-KAR-P2-D01']!);
    operations = batch();
    const response = await c.assistant!.send('POST', `/api/v1/meetings/${meetingId}/live/sync`, { operations });
    expect(response.statusCode, response.body).toBe(200);
    const results = response.json().results as Array<{ clientKey: string; status: string; id: string | null; error: unknown }>;
    expect(results.map((r) => r.clientKey)).toEqual(operations.map((o) => o.clientKey));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill('created'));
    expect(results.every((r) => r.id && r.error === null)).toBe(true);
    expect(await counts(meetingId)).toEqual({ participants: 5, items: 3, decisions: 1, awards: 1 });
    // The item about a person registered offline in the same batch names him.
    const items = (await c.inspector!.get(`/api/v1/meetings/${meetingId}/items`)).json();
    expect(items[1]).toMatchObject({ number: 2, participantId: results[2]!.id, participantName: person(2).fullName, outcome: 'forward_open' });
    expect(items.map((i: { number: number }) => i.number)).toEqual([1, 2, 3]);
  });

  it('the same batch again → all duplicate, the same ids, nothing stored twice', async () => {
    const first = (await counts(meetingId));
    const response = await c.inspector!.send('POST', `/api/v1/meetings/${meetingId}/live/sync`, { operations });
    expect(response.statusCode).toBe(200);
    expect(response.json().results.map((r: { status: string }) => r.status)).toEqual(Array(10).fill('duplicate'));
    expect(await counts(meetingId)).toEqual(first);
    expect(await counts(meetingId)).toMatchObject({ participants: 5, items: 3 });
  });

  it('two identical batches sent at the same time → still exactly 5 participants and 3 items', async () => {
    const id = await meetingInProgress(t, c.inspector!, ids['ALM-KAR-P2-D01']!);
    const ops = batch();
    const responses = await Promise.all([
      c.inspector!.send('POST', `/api/v1/meetings/${id}/live/sync`, { operations: ops }),
      c.assistant!.send('POST', `/api/v1/meetings/${id}/live/sync`, { operations: ops }),
      c.inspector!.send('POST', `/api/v1/meetings/${id}/live/sync`, { operations: ops }),
    ]);
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(await counts(id)).toEqual({ participants: 5, items: 3, decisions: 1, awards: 1 });
    // Each operation was created by exactly one of the copies; all answer with the same record.
    for (let n = 0; n < ops.length; n += 1) {
      const answers = responses.map((r) => r.json().results[n]);
      expect(answers.filter((a) => a.status === 'created')).toHaveLength(1);
      expect(answers.filter((a) => a.status === 'duplicate')).toHaveLength(2);
      expect(new Set(answers.map((a) => a.id)).size).toBe(1);
    }
    const numbers = (await c.inspector!.get(`/api/v1/meetings/${id}/live`)).json().participants.map((p: { number: number }) => p.number);
    expect(numbers).toEqual([1, 2, 3, 4, 5]);
  });

  it('one refused operation is reported in the request language; the others are created', async () => {
    const ops = [
      { kind: 'item', clientKey: randomUUID(), data: { kind: 'remark', text: 'Ит иелері ережені бұзады', topic: 'neighbours' } },
      { kind: 'item', clientKey: randomUUID(), data: { kind: 'question', text: 'Жауап жоқ', topic: 'other', resolution: 'answered' } },
      { kind: 'decision', clientKey: randomUUID(), data: { text: 'Рейд өткізу', responsible: 'УПП', dueDate: at(10, 0).slice(0, 10) } },
    ];
    const before = await counts(meetingId);
    const response = await c.inspector!.send('POST', `/api/v1/meetings/${meetingId}/live/sync`, { operations: ops }, { 'accept-language': 'ru' });
    expect(response.statusCode).toBe(200);
    const [a, b, d] = response.json().results;
    expect(a.status).toBe('created');
    expect(d.status).toBe('created');
    expect(b).toMatchObject({ status: 'rejected', id: null, error: { code: 'rule_violation', details: { reason: 'answer_required', rule: 'R-31', field: 'answer' } } });
    expect(b.error.message).toBe('Для вопроса, на который ответили на встрече, запишите данный ответ');
    expect(await counts(meetingId)).toMatchObject({ items: before.items + 1, decisions: before.decisions + 1 });
  });

  it('a person already registered by another device (other clientKey) → rejected already_registered', async () => {
    const response = await c.inspector!.send('POST', `/api/v1/meetings/${meetingId}/live/sync`, {
      operations: [
        { kind: 'participant', clientKey: randomUUID(), data: { ...person(0), fullName: `  ${person(0).fullName.toUpperCase()} ` } },
        { kind: 'award', clientKey: randomUUID(), data: { recipientKind: 'public_association', recipientName: 'Ардагерлер кеңесі', reason: 'Қоғамдық тәртіпке көмек', awardKind: 'certificate_of_honour' } },
      ],
    }, { 'accept-language': 'en' });
    expect(response.statusCode).toBe(200);
    const [p, a] = response.json().results;
    expect(p).toMatchObject({ status: 'rejected', id: null, error: { code: 'already_registered' } });
    expect(p.error.message).toMatch(/already registered/i);
    expect(a.status).toBe('created');
    expect((await counts(meetingId)).participants).toBe(5);
  });

  it('a malformed batch is refused as a whole (400) and nothing is stored', async () => {
    const before = await counts(meetingId);
    const response = await c.inspector!.send('POST', `/api/v1/meetings/${meetingId}/live/sync`, {
      operations: [
        { kind: 'item', clientKey: randomUUID(), data: { kind: 'remark', text: 'Дұрыс', topic: 'other' } },
        { kind: 'item', clientKey: randomUUID(), data: { kind: 'remark', text: '' } },
      ],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation_failed');
    expect(await counts(meetingId)).toEqual(before);
    expect((await c.inspector!.send('POST', `/api/v1/meetings/${meetingId}/live/sync`, { operations: [] })).statusCode).toBe(400);
  });

  it('other territories get 404; roles that see the meeting but may not register get 403, never the data', async () => {
    const ops = [{ kind: 'award', clientKey: randomUUID(), data: { recipientKind: 'citizen', recipientName: 'X', reason: 'Y', awardKind: 'other' } }];
    expect((await c.inspector2!.send('POST', `/api/v1/meetings/${meetingId}/live/sync`, { operations: ops })).statusCode).toBe(404);
    expect(403).toBe((await c.akimat!.send('POST', `/api/v1/meetings/${meetingId}/live/sync`, { operations: ops })).statusCode);
  });
});

describe('live state', () => {
  it('returns the register, items, decisions, awards, topics, districts, required invitations and consent', async () => {
    const meetingId = await meetingInProgress(t, c.inspector!, ids['ALM-KAR-P2-D01']!);
    const invitation = await c.inspector!.send('POST', `/api/v1/meetings/${meetingId}/invitations`, { category: 'police_leadership', organisation: 'Қарасай АПБ', personName: 'Нұрланов Қ.' });
    expect(invitation.statusCode, invitation.body).toBe(201);
    const invitationId = invitation.json().id as string;
    const ops = [
      ...batch(),
      { kind: 'participant', clientKey: randomUUID(), data: { fullName: 'Нұрланов Қайрат', address: null, category: 'police_leadership', organisation: 'Қарасай АПБ', invitationId, consent: true, consentVersion: CONSENT_VERSION } },
    ];
    const synced = await c.inspector!.send('POST', `/api/v1/meetings/${meetingId}/live/sync`, { operations: ops });
    expect(synced.json().results.map((r: { status: string }) => r.status), synced.body).toEqual(Array(11).fill('created'));

    const response = await c.inspector!.get(`/api/v1/meetings/${meetingId}/live`);
    expect(response.statusCode, response.body).toBe(200);
    const state = response.json();
    expect(state.meeting).toMatchObject({ id: meetingId, status: 'announced', recordingOpen: true });
    expect(state.participantCount).toBe(6);
    expect(state.participants).toHaveLength(state.participantCount);
    expect(state.participants.map((p: { number: number }) => p.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(state.items.map((i: { reference: string }) => i.reference)).toEqual([1, 2, 3].map((n) => `${state.meeting.number}/${n}`));
    expect(state.items[1].participantName).toBe(person(2).fullName);
    expect(state.decisions).toHaveLength(1);
    expect(state.awards).toHaveLength(1);
    expect(state.topics.length).toBeGreaterThanOrEqual(8);
    expect(state.topics.every((x: { active: boolean }) => x.active)).toBe(true);
    expect(state.districts).toEqual([expect.objectContaining({ id: ids['ALM-KAR-P2-D01'], code: 'ALM-KAR-P2-D01' })]);
    const leadership = state.requiredInvitations.find((i: { id: string }) => i.id === invitationId);
    expect(leadership).toMatchObject({ category: 'police_leadership', participantId: synced.json().results[10].id });
    expect(state.consent).toEqual({ version: CONSENT_VERSION, ...CONSENT_TEXT });

    // The meeting page counts the same register.
    expect((await c.inspector!.get(`/api/v1/meetings/${meetingId}`)).json().participantCount).toBe(6);
    expect((await c.inspector2!.get(`/api/v1/meetings/${meetingId}/live`)).statusCode).toBe(404);
    // The akimat reads the meeting but not the register (personal data): refused, no names.
    const akimat = await c.akimat!.get(`/api/v1/meetings/${meetingId}/live`);
    expect(akimat.statusCode).toBe(403);
    expect(akimat.body).not.toContain(person(0).fullName);
  });
});
