import { randomUUID } from 'node:crypto';
import { auditLog, invitations, meetings, participants } from '@esep/db';
import { CONSENT_VERSION } from '@esep/domain';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { districtIds, meetingInProgress } from '../../test/holding.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { at, meetingPlan } from '../../test/meetings.ts';

/** the register as staff keep it — entries, paper sheets, invited officials, corrections. */
let t: TestApp;
const c: Record<string, Client> = {};
let ids: Record<string, string>;
let meeting: string;

const entry = (over: Record<string, unknown> = {}) => ({
  fullName: 'Ботагөз Әлиева', address: 'Шамалған а., Жібек жолы к-сі, 40', consent: true, consentVersion: CONSENT_VERSION, ...over,
});
const rowsOf = async (meetingId: string) => t.database.db.select().from(participants).where(eq(participants.meetingId, meetingId));

/** The smallest valid PNG (1×1). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
function multipart(content: Buffer, name: string, type: string) {
  const boundary = '----esep-sheet';
  return {
    payload: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
      content, Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
let token: string;
const upload = (meetingId: string, content: Buffer, name: string, type: string) => {
  const m = multipart(content, name, type);
  return t.app.inject({ method: 'POST', url: `/api/v1/meetings/${meetingId}/paper-sheets`, payload: m.payload, headers: { ...m.headers, authorization: `Bearer ${token}` } });
};

beforeAll(async () => {
  t = await testApp();
  for (const name of ['admin', 'inspector', 'assistant', 'inspector2', 'akimat']) c[name] = await login(t.app, name);
  ids = await districtIds(c.admin!);
  meeting = await meetingInProgress(t, c.inspector!, ids['ALM-KAR-P2-D01']!);
  token = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'assistant', password: 'demo' } })).json().token;
}, 120_000);
afterAll(async () => { await t.close(); });

describe('staff entry', () => {
  it('a repeated clientKey returns the first entry (201, then 200), one row', async () => {
    const clientKey = randomUUID();
    const body = entry({ clientKey, phone: '+7 701 123 45 67' });
    const first = await c.assistant!.send('POST', `/api/v1/meetings/${meeting}/participants`, body);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ number: 1, channel: 'staff', category: 'resident', attendance: 'in_person', consentVersion: CONSENT_VERSION, clientKey });
    const second = await c.assistant!.send('POST', `/api/v1/meetings/${meeting}/participants`, body);
    expect(second.statusCode).toBe(200);
    expect(second.json().id).toBe(first.json().id);
    expect(await rowsOf(meeting)).toHaveLength(1);
  });

  it('the same person again (other key, other spelling) → 409 already_registered with his number', async () => {
    const again = await c.inspector!.send('POST', `/api/v1/meetings/${meeting}/participants`, entry({ fullName: 'БОТАГӨЗ  әлиева', address: 'Шамалған а. Жібек жолы к-сі 40', clientKey: randomUUID() }), { 'accept-language': 'ru' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'already_registered', details: { number: 1, rule: 'R-32.2' } });
    expect(again.json().error.message).toContain('номером 1');
    expect(await rowsOf(meeting)).toHaveLength(1);
  });

  it('checks the consent version and the district; "resident of district X" without an address', async () => {
    const old = await c.inspector!.send('POST', `/api/v1/meetings/${meeting}/participants`, entry({ fullName: 'Бір Адам', consentVersion: 'pd-1999' }));
    expect(old.statusCode).toBe(400);
    expect(old.json().error.details[0].field).toBe('body.consentVersion');
    const noConsent = await c.inspector!.send('POST', `/api/v1/meetings/${meeting}/participants`, entry({ fullName: 'Бір Адам', consent: false }));
    expect(noConsent.json().error.code).toBe('consent_required');
    const elsewhere = await c.inspector!.send('POST', `/api/v1/meetings/${meeting}/participants`, entry({ fullName: 'Бір Адам', address: null, residentOfDistrictId: ids['ALM-TAL-P1-D01'] }));
    expect(elsewhere.statusCode).toBe(400);
    const resident = await c.inspector!.send('POST', `/api/v1/meetings/${meeting}/participants`, entry({ fullName: 'Бір Адам', address: null, residentOfDistrictId: ids['ALM-KAR-P2-D01'] }));
    expect(resident.statusCode).toBe(201);
    expect(resident.json()).toMatchObject({ address: null, residentOfDistrictId: ids['ALM-KAR-P2-D01'], number: 2 });
    const twice = await c.inspector!.send('POST', `/api/v1/meetings/${meeting}/participants`, entry({ fullName: 'бір адам', address: null, residentOfDistrictId: ids['ALM-KAR-P2-D01'] }));
    expect(twice.json().error.code).toBe('already_registered');
  });

  it('recording is closed before the meeting day (409, R-32.2)', async () => {
    const created = await c.inspector!.send('POST', '/api/v1/meetings', meetingPlan(ids['ALM-KAR-P2-D01'], { startsAt: at(40, 18), endsAt: at(40, 20) }));
    const refused = await c.inspector!.send('POST', `/api/v1/meetings/${created.json().id}/participants`, entry());
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'rule_violation', details: { reason: 'recording_closed', rule: 'R-32.2' } });
  });
});

describe('invited officials', () => {
  it('marking an invited official present: category from the invitation, invitation attended, checklist met after hold', async () => {
    const invited = await c.inspector!.send('POST', `/api/v1/meetings/${meeting}/invitations`, { category: 'police_leadership', organisation: 'Қарасай АПБ', personName: 'Серік Омаров' });
    expect(invited.statusCode, invited.body).toBe(201);
    const invitationId = invited.json().id as string;
    const present = await c.inspector!.send('POST', `/api/v1/meetings/${meeting}/participants`, entry({ fullName: 'Серік Омаров', address: null, organisation: 'Қарасай АПБ', invitationId, category: 'resident' }));
    expect(present.statusCode, present.body).toBe(201);
    expect(present.json()).toMatchObject({ channel: 'invitation', category: 'police_leadership', invitationId });
    const [row] = await t.database.db.select().from(invitations).where(eq(invitations.id, invitationId));
    expect(row!.status).toBe('attended');
    const twice = await c.inspector!.send('POST', `/api/v1/meetings/${meeting}/participants`, entry({ fullName: 'С. Омаров', address: 'x', invitationId }));
    expect(twice.json().error.code).toBe('already_registered');

    const held = await c.inspector!.send('POST', `/api/v1/meetings/${meeting}/transitions`, { action: 'hold' });
    expect(held.statusCode, held.body).toBe(200);
    const check = held.json().checklist.find((x: { key: string }) => x.key === 'attended_police_leadership');
    expect(check.status).toBe('met');
    expect(held.json().checklist.find((x: { key: string }) => x.key === 'registration').status).toBe('met');
  });

  it('an invitation of another meeting is refused', async () => {
    const other = await c.inspector!.send('POST', '/api/v1/meetings', meetingPlan(ids['ALM-KAR-P2-D01'], { startsAt: at(41, 18), endsAt: at(41, 20) }));
    const invitation = await c.inspector!.send('POST', `/api/v1/meetings/${other.json().id}/invitations`, { category: 'akimat', organisation: 'Әкімдік', personName: 'Әкім' });
    const refused = await c.inspector!.send('POST', `/api/v1/meetings/${meeting}/participants`, entry({ fullName: 'Әкім', invitationId: invitation.json().id }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0].field).toBe('body.invitationId');
  });
});

describe('paper sign-in sheets', () => {
  let sheet: string;
  it('uploads a PNG scan, entries typed from it are marked paper and counted', async () => {
    const uploaded = await upload(meeting, PNG, 'sheet.png', 'image/png');
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    expect(uploaded.json()).toMatchObject({ contentType: 'image/png', size: PNG.length, entries: 0, meetingId: meeting });
    sheet = uploaded.json().id;
    for (const [i, name] of ['Қағаз Бірінші', 'Қағаз Екінші'].entries()) {
      const typed = await c.assistant!.send('POST', `/api/v1/meetings/${meeting}/participants`, entry({ fullName: name, address: `Абай к-сі, ${i}`, paperSheetId: sheet }));
      expect(typed.statusCode, typed.body).toBe(201);
      expect(typed.json().channel).toBe('paper');
    }
    const sheets = await c.assistant!.get(`/api/v1/meetings/${meeting}/paper-sheets`);
    expect(sheets.json()).toEqual([expect.objectContaining({ id: sheet, entries: 2 })]);
    const paper = await c.assistant!.get(`/api/v1/meetings/${meeting}/participants?channel=paper`);
    expect(paper.json().total).toBe(2);
    const file = await c.assistant!.get(`/api/v1/sheets/${sheet}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(PNG)).toBe(true);
  });

  it('a renamed text file → 400 unsupported_file', async () => {
    const refused = await upload(meeting, Buffer.from('name,address\nА,Б\n'), 'sheet.png', 'image/png');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('unsupported_file');
    expect(refused.json().error.message).toContain('PNG');
  });

  it('a sheet of another meeting cannot be cited', async () => {
    const other = await meetingInProgress(t, c.inspector!, ids['ALM-KAR-P2-D01']!, { startedMinutesAgo: 10 });
    const refused = await c.assistant!.send('POST', `/api/v1/meetings/${other}/participants`, entry({ paperSheetId: sheet }));
    expect(refused.statusCode).toBe(400);
  });
});

describe('the register list, corrections and removal', () => {
  it('searches, filters and sorts', async () => {
    const all = await c.inspector!.get(`/api/v1/meetings/${meeting}/participants?sort=-number&pageSize=2`);
    expect(all.statusCode).toBe(200);
    expect(all.json().total).toBe(5);
    expect(all.json().items.map((p: { number: number }) => p.number)).toEqual([5, 4]);
    const found = await c.inspector!.get(`/api/v1/meetings/${meeting}/participants?q=${encodeURIComponent('жібек')}`);
    expect(found.json().items.map((p: { number: number }) => p.number)).toEqual([1]);
    const officials = await c.inspector!.get(`/api/v1/meetings/${meeting}/participants?category=police_leadership`);
    expect(officials.json().total).toBe(1);
  });

  it('corrects an entry; a correction into a duplicate → 409', async () => {
    const list = (await c.inspector!.get(`/api/v1/meetings/${meeting}/participants?channel=paper&sort=number`)).json().items;
    const fixed = await c.inspector!.send('PATCH', `/api/v1/participants/${list[0].id}`, { fullName: 'Қағаз Бірінші-Түзетілген', phone: '+77011234567' });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ fullName: 'Қағаз Бірінші-Түзетілген', phone: '+77011234567', number: list[0].number, channel: 'paper' });
    const duplicate = await c.inspector!.send('PATCH', `/api/v1/participants/${list[1].id}`, { fullName: 'Ботагөз Әлиева', address: 'Шамалған а., Жібек жолы к-сі, 40' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('already_registered');
    const unknownField = await c.inspector!.send('PATCH', `/api/v1/participants/${list[1].id}`, { number: 1 });
    expect(unknownField.statusCode).toBe(400);
  });

  it('removes an entry made by mistake; the other numbers stay', async () => {
    const list = (await c.inspector!.get(`/api/v1/meetings/${meeting}/participants?sort=number`)).json().items as Array<{ id: string; number: number }>;
    const removed = await c.inspector!.send('DELETE', `/api/v1/participants/${list[1]!.id}`);
    expect(removed.statusCode).toBe(204);
    const after = (await c.inspector!.get(`/api/v1/meetings/${meeting}/participants?sort=number`)).json().items as Array<{ number: number }>;
    expect(after.map((p) => p.number)).toEqual(list.filter((_, i) => i !== 1).map((p) => p.number));
    const next = await c.inspector!.send('POST', `/api/v1/meetings/${meeting}/participants`, entry({ fullName: 'Кейінгі Адам' }));
    expect(next.json().number).toBe(Math.max(...list.map((p) => p.number)) + 1);
    const [audit] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'participant.delete'), eq(auditLog.entityId, meeting)));
    expect(audit!.before).toMatchObject({ participantId: list[1]!.id, number: list[1]!.number });
  });
});

describe('copies racing each other (R-32.2, participant_claims)', () => {
  it('the same person at two desks at once: one entry, one number drawn, the other answered 409 with it', async () => {
    const id = await meetingInProgress(t, c.inspector!, ids['ALM-KAR-P2-D01']!);
    const before = await c.inspector!.send('POST', `/api/v1/meetings/${id}/participants`, entry({ fullName: 'Бірінші Келген' }));
    expect(before.json().number).toBe(1);
    const twice = await Promise.all([
      c.inspector!.send('POST', `/api/v1/meetings/${id}/participants`, entry({ fullName: 'Екі Үстел' })),
      c.assistant!.send('POST', `/api/v1/meetings/${id}/participants`, entry({ fullName: 'ЕКІ  ҮСТЕЛ' })),
    ]);
    expect(twice.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(twice.find((r) => r.statusCode === 409)!.json().error.code).toBe('already_registered');
    // No number was spent on the refused copy: the next entry is 3.
    const after = await c.inspector!.send('POST', `/api/v1/meetings/${id}/participants`, entry({ fullName: 'Үшінші Келген' }));
    expect(after.json().number).toBe(3);
  });

  it('a person removed or renamed can be registered again at once (the claim goes with the entry)', async () => {
    const id = await meetingInProgress(t, c.inspector!, ids['ALM-KAR-P2-D01']!);
    const first = await c.inspector!.send('POST', `/api/v1/meetings/${id}/participants`, entry({ fullName: 'Қате Енгізілген' }));
    expect((await c.inspector!.send('DELETE', `/api/v1/participants/${first.json().id}`)).statusCode).toBe(204);
    const again = await c.inspector!.send('POST', `/api/v1/meetings/${id}/participants`, entry({ fullName: 'Қате Енгізілген' }));
    expect(again.statusCode, again.body).toBe(201);
    const renamed = await c.inspector!.send('PATCH', `/api/v1/participants/${again.json().id}`, { fullName: 'Дұрыс Есім' });
    expect(renamed.statusCode).toBe(200);
    const third = await c.inspector!.send('POST', `/api/v1/meetings/${id}/participants`, entry({ fullName: 'Қате Енгізілген' }));
    // Left behind, the old claim would make this copy wait for an entry that never comes (409).
    expect(third.statusCode, third.body).toBe(201);
  });
});

describe('suggestions from earlier meetings', () => {
  it('names registered at an earlier meeting of the same district', async () => {
    const earlier = await meetingInProgress(t, c.inspector!, ids['ALM-KAR-P2-D01']!, { daysAgo: 2 });
    for (const name of ['Гүлнар Сәрсенова', 'Гүлнар Сәрсенова', 'Марат Ахметов']) {
      await c.inspector!.send('POST', `/api/v1/meetings/${earlier}/participants`, entry({ fullName: name, address: name === 'Марат Ахметов' ? 'Абай к-сі, 9' : 'Абай к-сі, 1', category: 'resident' }));
    }
    const now = await meetingInProgress(t, c.inspector!, ids['ALM-KAR-P2-D01']!, { startedMinutesAgo: 5 });
    const found = await c.inspector!.get(`/api/v1/meetings/${now}/participants/suggestions?q=${encodeURIComponent('гүлн')}`);
    expect(found.statusCode).toBe(200);
    expect(found.json()).toEqual([{ fullName: 'Гүлнар Сәрсенова', address: 'Абай к-сі, 1', category: 'resident', organisation: null }]);
    expect((await c.inspector!.get(`/api/v1/meetings/${now}/participants/suggestions?q=г`)).statusCode).toBe(400);
    // Not from a later meeting, and not the meeting's own register.
    const none = await c.inspector!.get(`/api/v1/meetings/${earlier}/participants/suggestions?q=${encodeURIComponent('гүлн')}`);
    expect(none.json()).toEqual([]);
  });
});

describe('who sees the register', () => {
  it('another territory gets 404; the akimat reads the meeting and its count but not the names', async () => {
    expect((await c.inspector2!.get(`/api/v1/meetings/${meeting}/participants`)).statusCode).toBe(404);
    expect((await c.inspector2!.send('POST', `/api/v1/meetings/${meeting}/participants`, entry({ fullName: 'Сырттан' }))).statusCode).toBe(404);
    const denied = await c.akimat!.get(`/api/v1/meetings/${meeting}/participants`);
    // The register is part of the meeting the akimat sees: a refusal, not "not found".
    expect(denied.statusCode).toBe(403);
    const detail = await c.akimat!.get(`/api/v1/meetings/${meeting}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().participantCount).toBe((await rowsOf(meeting)).length);
    expect(JSON.stringify(detail.json())).not.toContain('Ботагөз');
  });
});

describe('after the protocol is signed', () => {
  it('a late retry of a stored entry still answers it (200); a new entry is refused (409)', async () => {
    const id = await meetingInProgress(t, c.inspector!, ids['ALM-KAR-P2-D01']!, { held: true, startedMinutesAgo: 20 });
    const body = entry({ fullName: 'Кеш Синхрон', clientKey: randomUUID() });
    expect((await c.assistant!.send('POST', `/api/v1/meetings/${id}/participants`, body)).statusCode).toBe(201);
    await t.database.db.update(meetings).set({ status: 'protocol_signed' }).where(eq(meetings.id, id));
    const retry = await c.assistant!.send('POST', `/api/v1/meetings/${id}/participants`, body);
    expect(retry.statusCode).toBe(200);
    const late = await c.assistant!.send('POST', `/api/v1/meetings/${id}/participants`, entry({ fullName: 'Жаңа Адам', clientKey: randomUUID() }));
    expect(late.statusCode).toBe(409);
    expect(late.json().error.details.reason).toBe('recording_closed');
    const list = (await c.assistant!.get(`/api/v1/meetings/${id}/participants`)).json();
    expect(list.total).toBe(1);
    expect((await c.assistant!.send('DELETE', `/api/v1/participants/${list.items[0].id}`)).statusCode).toBe(409);
  });
});

