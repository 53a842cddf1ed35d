import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { auditLog, checks, forwardings } from '@esep/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedMeeting } from '../../test/followup.ts';
import { districtIds } from '../../test/holding.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { meetingInProgress } from '../../test/holding.ts';
import { today } from '../../test/meetings.ts';

/*
 * checks and forwardings: opened from a signed protocol, due dates on the working-day
 * calendar (see working-calendar.int.test.ts for changes to it), extension, result, competence of the body, the letter and the initiator's notice.
 */
let t: TestApp;
const c: Record<string, Client> = {};
let ids: Record<string, string>;
let meeting: { id: string; itemIds: string[] };
const dir = mkdtempSync(join(tmpdir(), 'esep-followup-'));

beforeAll(async () => {
  t = await testApp();
  for (const name of ['admin', 'inspector', 'inspector2', 'lead', 'analyst', 'akimat']) c[name] = await login(t.app, name);
  ids = await districtIds(c.admin!);
  meeting = await signedMeeting(t, c.inspector!, ids['ALM-KAR-P2-D01']!, [
    { resolution: 'to_check', person: 'Серікбаев Ерлан Маратұлы', topic: 'public_order' },
    { resolution: 'to_check', topic: 'public_order' },
    { resolution: 'to_forward', person: 'Жұмабекова Гүлнұр Серікқызы', topic: 'housing', text: 'Жаһан көшесіндегі су құбыры жарылған' },
    { resolution: 'to_forward', topic: 'housing' },
    { resolution: 'answered' },
  ]);
}, 180_000);
afterAll(async () => { await t.close(); rmSync(dir, { recursive: true, force: true }); });

const checksOf = async (id: string) => (await c.inspector!.get(`/api/v1/meetings/${id}/checks`)).json() as Array<Record<string, unknown> & { id: string; itemId: string }>;
const forwardingsOf = async (id: string) => (await c.inspector!.get(`/api/v1/meetings/${id}/forwardings`)).json() as Array<Record<string, unknown> & { id: string; itemId: string }>;
const body = async (code: string) => ((await c.inspector!.get('/api/v1/state-bodies')).json() as Array<{ id: string; code: string; nameRu: string; nameKk: string }>).find((b) => b.code === code)!;

describe('opening the follow-up of a signed protocol', () => {
  it('a check opened on 2026-03-18 is due 2026-04-13: Nauryz (21–23 March, with its days off moved to 24–25) and weekends skipped', async () => {
    t.clock.set('2026-03-18T10:00:00+05:00');
    let opened;
    try {
      opened = await c.admin!.send('POST', `/api/v1/meetings/${meeting.id}/follow-ups`);
    } finally {
      t.clock.release();
    }
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toEqual({ checks: 2, forwardings: 2 });
    const list = await checksOf(meeting.id);
    expect(list).toHaveLength(2);
    for (const check of list) expect(check).toMatchObject({ openedOn: '2026-03-18', dueDate: '2026-04-13', originalDueDate: '2026-04-13', status: 'open', extended: false, overdue: true });
    // The reporting inspector checks by default.
    expect(list[0]!.assigneeStaffId).toBe(c.inspector!.user.staffId);
    // Forwarding within 3 working days of the meeting (APPK art. 65).
    const fw = await forwardingsOf(meeting.id);
    expect(fw).toHaveLength(2);
    expect(fw[0]).toMatchObject({ status: 'open', complete: false, missing: ['body', 'sent', 'initiator_notice'], bodyId: null });
    expect(fw[1]!.missing).toEqual(['body', 'sent']);
  });

  it('is idempotent, refused before the protocol is signed, and the audit holds counts only', async () => {
    const again = await c.inspector!.send('POST', `/api/v1/meetings/${meeting.id}/follow-ups`);
    expect(again.json()).toEqual({ checks: 0, forwardings: 0 });
    const draft = await meetingInProgress(t, c.inspector!, ids['ALM-KAR-P2-D01']!);
    const refused = await c.inspector!.send('POST', `/api/v1/meetings/${draft}/follow-ups`);
    expect(refused.statusCode).toBe(409);
    const entries = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'followup.open'));
    expect(entries.map((e) => e.after)).toEqual([{ checks: 2, forwardings: 2 }]);
  });

  it('is seen by those who hold the meeting, the analyst and the akimat of the territory (issue 14); another territory gets 404', async () => {
    expect((await c.analyst!.get(`/api/v1/meetings/${meeting.id}/checks`)).statusCode).toBe(200);
    expect((await c.inspector2!.get(`/api/v1/meetings/${meeting.id}/checks`)).statusCode).toBe(404);
    expect((await c.akimat!.get(`/api/v1/meetings/${meeting.id}/forwardings`)).statusCode).toBe(200);
    const [check] = await checksOf(meeting.id);
    expect((await c.inspector2!.send('PATCH', `/api/v1/checks/${check!.id}`, { status: 'done' })).statusCode).toBe(404);
  });
});

describe('checks (R-32.4)', () => {
  it('refuses closing without a result (422 result_required) and keeps the check open', async () => {
    const [check] = await checksOf(meeting.id);
    const refused = await c.inspector!.send('PATCH', `/api/v1/checks/${check!.id}`, { status: 'done' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details).toMatchObject({ reason: 'result_required', rule: 'R-32.4' });
    const alsoRefused = await c.inspector!.send('PATCH', `/api/v1/checks/${check!.id}`, { answerText: 'Жауап', answerSentOn: today, answerChannel: 'phone' });
    expect(alsoRefused.statusCode).toBe(422);
    expect((await checksOf(meeting.id))[0]!.status).toBe('open');
  });

  it('extends once, by at most two months from the original due date, with a reason and a notice to the initiator', async () => {
    const [check] = await checksOf(meeting.id);
    const tooLong = await c.inspector!.send('PATCH', `/api/v1/checks/${check!.id}`, { extendTo: '2026-06-14', reason: 'Қосымша сараптама қажет' });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.json().error.details).toMatchObject({ reason: 'too_long', rule: 'R-32.4', params: { latest: '2026-06-13' } });
    const noReason = await c.inspector!.send('PATCH', `/api/v1/checks/${check!.id}`, { extendTo: '2026-06-01' });
    expect(noReason.json().error.details.reason).toBe('reason_required');
    const ok = await c.inspector!.send('PATCH', `/api/v1/checks/${check!.id}`, { extendTo: '2026-06-13', reason: 'Қосымша сараптама қажет' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ dueDate: '2026-06-13', originalDueDate: '2026-04-13', extended: true, extensionNoticeOn: today, extensionReason: 'Қосымша сараптама қажет' });
    expect(ok.json().extensionNotice.kk).toContain('Құрметті Серікбаев Ерлан Маратұлы!');
    expect(ok.json().extensionNotice.kk).toContain('13.06.2026 дейін ұзартылды');
    expect(ok.json().extensionNotice.ru).toContain('продлён до 13.06.2026');
    expect(ok.json().extensionNotice.ru).toContain(check!.itemReference as string);
    const second = await c.inspector!.send('PATCH', `/api/v1/checks/${check!.id}`, { extendTo: '2026-06-10', reason: 'Тағы да' });
    expect(second.statusCode).toBe(422);
    expect(second.json().error.details).toMatchObject({ reason: 'already_extended', rule: 'R-32.4' });
  });

  it('is reassigned only by the point lead and above (the inspector gets 403)', async () => {
    const [check] = await checksOf(meeting.id);
    const leadStaffId = c.lead!.user.staffId;
    expect(leadStaffId).toBeTruthy();
    const refused = await c.inspector!.send('PATCH', `/api/v1/checks/${check!.id}`, { assigneeStaffId: leadStaffId });
    expect(refused.statusCode).toBe(403);
    const ok = await c.lead!.send('PATCH', `/api/v1/checks/${check!.id}`, { assigneeStaffId: leadStaffId });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().assigneeStaffId).toBe(leadStaffId);
    await c.lead!.send('PATCH', `/api/v1/checks/${check!.id}`, { assigneeStaffId: c.inspector!.user.staffId });
  });

  it('is reassigned only within the meeting\'s territory (422 assignee_outside_territory) to an inspector the staff list offers', async () => {
    const [check] = await checksOf(meeting.id);
    // Who the web offers: the inspectors of the meeting's police point.
    const pointId = (await c.lead!.get(`/api/v1/meetings/${meeting.id}`)).json().point.id as string;
    const offered = await c.lead!.get(`/api/v1/staff?pointId=${pointId}&position=inspector&pageSize=200`);
    expect(offered.statusCode, offered.body).toBe(200);
    const inspectors = offered.json().items as Array<{ id: string; position: string; point: { id: string } }>;
    expect(inspectors.map((s) => s.id)).toContain(c.inspector!.user.staffId);
    expect(inspectors.every((s) => s.position === 'inspector' && s.point.id === pointId)).toBe(true);
    // An inspector of another department is refused, and the check keeps its assignee.
    const outside = await c.lead!.send('PATCH', `/api/v1/checks/${check!.id}`, { assigneeStaffId: c.inspector2!.user.staffId });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error).toMatchObject({ code: 'rule_violation', details: { reason: 'assignee_outside_territory', rule: 'R-32.4', field: 'assigneeStaffId' } });
    const unknown = await c.lead!.send('PATCH', `/api/v1/checks/${check!.id}`, { assigneeStaffId: crypto.randomUUID() });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.details.reason).toBe('unknown_staff');
    expect((await checksOf(meeting.id))[0]!.assigneeStaffId).toBe(c.inspector!.user.staffId);
    // Another inspector of the point may take it.
    const other = inspectors.find((s) => s.id !== c.inspector!.user.staffId)!;
    expect(other).toBeDefined();
    const ok = await c.lead!.send('PATCH', `/api/v1/checks/${check!.id}`, { assigneeStaffId: other.id });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().assigneeStaffId).toBe(other.id);
    await c.lead!.send('PATCH', `/api/v1/checks/${check!.id}`, { assigneeStaffId: c.inspector!.user.staffId });
  });

  it('closes with the result and the answer sent to the initiator (its date and channel required)', async () => {
    const [withPerson, anonymous] = await checksOf(meeting.id);
    const noAnswer = await c.inspector!.send('PATCH', `/api/v1/checks/${withPerson!.id}`, { result: 'Тексерілді: шам орнатылды' });
    expect(noAnswer.statusCode).toBe(422);
    expect(noAnswer.json().error.details.reason).toBe('answer_required');
    const future = await c.inspector!.send('PATCH', `/api/v1/checks/${withPerson!.id}`, { result: 'Тексерілді', answerSentOn: '2099-01-01', answerChannel: 'phone' });
    expect(future.statusCode).toBe(422);
    const done = await c.inspector!.send('PATCH', `/api/v1/checks/${withPerson!.id}`, { result: 'Тексерілді: шам орнатылды', answerText: 'Шам орнатылды', answerSentOn: today, answerChannel: 'sms' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', result: 'Тексерілді: шам орнатылды', answerSentOn: today, answerChannel: 'sms', overdue: false, extensionNotice: null });
    // An anonymous item has no one to answer: the result is enough.
    const anon = await c.inspector!.send('PATCH', `/api/v1/checks/${anonymous!.id}`, { result: 'Тексерілді' });
    expect(anon.statusCode, anon.body).toBe(200);
    expect(anon.json().status).toBe('done');
    const extendDone = await c.inspector!.send('PATCH', `/api/v1/checks/${anonymous!.id}`, { extendTo: '2026-05-01', reason: 'Себеп' });
    expect(extendDone.statusCode).toBe(409);
    const [row] = await t.database.db.select().from(checks).where(eq(checks.id, withPerson!.id));
    expect(row!.closedAt).not.toBeNull();
  });
});

describe('state bodies and forwarding (R-32.5)', () => {
  it('suggests bodies competent for the topic and serving the district first', async () => {
    const list = (await c.inspector!.get(`/api/v1/state-bodies?topic=housing&districtId=${ids['ALM-KAR-P2-D01']}`)).json() as Array<{ code: string; competent: boolean; coversDistrict: boolean }>;
    expect(list.length).toBeGreaterThanOrEqual(10);
    const codes = list.map((b) => b.code);
    expect(list[0]).toMatchObject({ competent: true, coversDistrict: true });
    expect(codes.slice(0, 3).sort()).toEqual(['KAR-HOUSING', 'KAR-LAND', 'KAR-SHA-AKIM']);
    expect(codes.indexOf('ALM-LAND-CONTROL')).toBeLessThan(codes.indexOf('TAL-HOUSING'));
    expect(codes.indexOf('TAL-HOUSING')).toBeLessThan(codes.indexOf('KAR-EDUCATION'));
    expect(list.find((b) => b.code === 'KAR-EDUCATION')).toMatchObject({ competent: false, coversDistrict: true });
  });

  it('the administrator keeps the directory', async () => {
    const created = await c.admin!.send('POST', '/api/v1/state-bodies', { code: 'KAR-CULTURE', nameKk: 'Қарасай ауданының мәдениет бөлімі', nameRu: 'Отдел культуры Карасайского района', topics: ['youth'] });
    expect(created.statusCode, created.body).toBe(201);
    expect((await c.admin!.send('POST', '/api/v1/state-bodies', { code: 'KAR-CULTURE', nameKk: 'x', nameRu: 'x', topics: ['youth'] })).statusCode).toBe(409);
    expect((await c.lead!.send('POST', '/api/v1/state-bodies', { code: 'KAR-X', nameKk: 'x', nameRu: 'x', topics: ['youth'] })).statusCode).toBe(403);
    const changed = await c.admin!.send('PUT', `/api/v1/state-bodies/${created.json().id}`, { code: 'KAR-CULTURE', nameKk: 'Қарасай ауданының мәдениет бөлімі', nameRu: 'Отдел культуры Карасайского района', topics: ['youth', 'other'], active: false });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ topics: ['youth', 'other'], active: false });
    const codes = ((await c.inspector!.get('/api/v1/state-bodies')).json() as Array<{ code: string }>).map((b) => b.code);
    expect(codes).not.toContain('KAR-CULTURE');
  });

  it('a body not competent for the topic needs a reason (422 without, stored with)', async () => {
    const [forwarding] = await forwardingsOf(meeting.id);
    const education = await body('KAR-EDUCATION');
    const refused = await c.inspector!.send('PATCH', `/api/v1/forwardings/${forwarding!.id}`, { bodyId: education.id });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details).toMatchObject({ reason: 'competence_reason_required', rule: 'R-32.5', field: 'competenceReason' });
    expect((await forwardingsOf(meeting.id))[0]!.bodyId).toBeNull();
    const allowed = await c.inspector!.send('PATCH', `/api/v1/forwardings/${forwarding!.id}`, { bodyId: education.id, competenceReason: 'Құбыр мектеп аумағында' });
    expect(allowed.statusCode, allowed.body).toBe(200);
    expect(allowed.json()).toMatchObject({ bodyId: education.id, competent: false, competenceReason: 'Құбыр мектеп аумағында', missing: ['sent', 'initiator_notice'] });
    const [row] = await t.database.db.select().from(forwardings).where(eq(forwardings.id, forwarding!.id));
    expect(row!.competenceReason).toBe('Құбыр мектеп аумағында');
  });

  it('stays open after the letter is sent until the initiator\'s notice is recorded', async () => {
    const [forwarding] = await forwardingsOf(meeting.id);
    const housing = await body('KAR-HOUSING');
    const chosen = await c.inspector!.send('PATCH', `/api/v1/forwardings/${forwarding!.id}`, { bodyId: housing.id });
    expect(chosen.json()).toMatchObject({ competent: true, competenceReason: null });
    expect(chosen.json().noticeDraft.kk).toContain(housing.nameKk);
    const sent = await c.inspector!.send('PATCH', `/api/v1/forwardings/${forwarding!.id}`, { letterNumber: '12-3/789', letterDate: today, sentOn: today });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ complete: false, status: 'open', missing: ['initiator_notice'], sentLate: false, letterNumber: '12-3/789' });
    const incomplete = await c.inspector!.send('PATCH', `/api/v1/forwardings/${forwarding!.id}`, { initiatorChannel: 'phone' });
    expect(incomplete.statusCode).toBe(422);
    expect(incomplete.json().error.details.reason).toBe('notice_required');
    const notified = await c.inspector!.send('PATCH', `/api/v1/forwardings/${forwarding!.id}`, { initiatorChannel: 'phone', initiatorNotifiedOn: today, lang: 'ru' });
    expect(notified.statusCode, notified.body).toBe(200);
    expect(notified.json()).toMatchObject({ complete: true, status: 'done', missing: [], initiatorChannel: 'phone', initiatorNotifiedOn: today });
    expect(notified.json().initiatorNoticeText).toContain('Уважаемый(-ая) Жұмабекова Гүлнұр Серікқызы!');
    expect(notified.json().initiatorNoticeText).toContain(housing.nameRu);
    expect(notified.json().initiatorNoticeText).toContain('исх. № 12-3/789');
    const changeBody = await c.inspector!.send('PATCH', `/api/v1/forwardings/${forwarding!.id}`, { bodyId: (await body('KAR-LAND')).id });
    expect(changeBody.statusCode).toBe(409);
    // The analyst reads the follow-up but not the initiator's name.
    const forAnalyst = (await c.analyst!.get(`/api/v1/meetings/${meeting.id}/forwardings`)).json();
    expect(forAnalyst[0]).toMatchObject({ complete: true, initiatorNoticeText: null, noticeDraft: null });
  });

  it('an anonymous item needs no notice: sent is complete', async () => {
    const [, anonymous] = await forwardingsOf(meeting.id);
    const noBody = await c.inspector!.send('PATCH', `/api/v1/forwardings/${anonymous!.id}`, { letterNumber: '12-3/790', letterDate: today, sentOn: today });
    expect(noBody.statusCode).toBe(422);
    expect(noBody.json().error.details.reason).toBe('body_required');
    const housing = await body('KAR-SHA-AKIM');
    const sent = await c.inspector!.send('PATCH', `/api/v1/forwardings/${anonymous!.id}`, { bodyId: housing.id, letterNumber: '12-3/790', letterDate: today, sentOn: today });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ anonymous: true, complete: true, status: 'done', missing: [], noticeDraft: null });
  });

  it('gives the outgoing letter as PDF (with its number) and DOCX, in Kazakh and Russian', async () => {
    const [forwarding] = await forwardingsOf(meeting.id);
    const pdf = await c.inspector!.get(`/api/v1/forwardings/${forwarding!.id}/letter.pdf?lang=kk`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const file = join(dir, 'letter.pdf');
    writeFileSync(file, pdf.rawPayload);
    const text = (await promisify(execFile)('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout.replace(/\s+/g, ' ');
    expect(text).toContain('Шығ. № 12-3/789');
    // pdftotext joins a word hyphenated at the end of a line.
    expect(text).toContain('Қарасай ауданының тұрғын үй');
    expect(text).toContain('Өтінішті құзыреті бойынша қарау үшін жіберу туралы');
    expect(text).toContain('Жаһан көшесіндегі су құбыры жарылған');
    const docx = await c.inspector!.get(`/api/v1/forwardings/${forwarding!.id}/letter.docx?lang=ru`);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await c.inspector2!.get(`/api/v1/forwardings/${forwarding!.id}/letter.pdf`)).statusCode).toBe(404);
  });
});
