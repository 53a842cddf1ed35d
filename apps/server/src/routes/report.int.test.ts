import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { idsByCode, meetingInspectors, meetingItems, participants } from '@esep/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { districtIds, meetingInProgress } from '../../test/holding.ts';
import { at, meetingPlan } from '../../test/meetings.ts';

/**
 * the report — each reporter's sections with optimistic saving and history, the items
 * carried from earlier meetings with their outcomes and notes, and the handout PDF.
 */
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'esep-report-int-'));

let t: TestApp;
let inspector: Client;
let ids: Record<string, string>;
let oldest: string;
let previous: string;
let next: string;
let staffId: string;
let otherStaffId: string;
const items: Record<string, string> = {};

beforeAll(async () => {
  t = await testApp();
  inspector = await login(t.app, 'inspector');
  ids = await districtIds(await login(t.app, 'admin'));
  const district = ids['ALM-KAR-P2-D01']!;
  const db = t.database.db;
  // A third, older meeting: its settled item drops out, its unsettled one is carried.
  oldest = await meetingInProgress(t, inspector, district, { held: true, daysAgo: 200 });
  previous = await meetingInProgress(t, inspector, district, { held: true, daysAgo: 100 });
  const [person] = await db.insert(participants).values({
    meetingId: previous, number: 1, fullName: 'Сәрсенбаева Әлия Қуанышқызы', address: 'Шамалған а.', category: 'resident', consentVersion: 'v1',
    consentAt: new Date(), arrivedAt: new Date(), attendance: 'in_person', channel: 'staff', personKey: 'sarsenbaeva|shamalgan',
  }).returning();
  const rows = await db.insert(meetingItems).values([
    { meetingId: oldest, number: 1, kind: 'question', text: 'Ескі сұрақ', topic: 'public_order', resolution: 'answered', answer: 'Жауап берілді' },
    { meetingId: oldest, number: 2, kind: 'complaint', text: 'Ескі шағым', topic: 'neighbours', resolution: 'to_check' },
    { meetingId: previous, number: 1, kind: 'question', text: 'Көше жарығы қашан?', topic: 'public_order', resolution: 'answered', answer: 'Әкімдік жөндейді', participantId: person!.id },
    { meetingId: previous, number: 2, kind: 'complaint', text: 'Түнгі шу', topic: 'neighbours', resolution: 'to_check' },
    { meetingId: previous, number: 3, kind: 'proposal', text: 'Бейнекамера орнату', topic: 'road_safety', resolution: null },
  ]).returning();
  for (const r of rows) items[`${r.meetingId === oldest ? 'old' : 'prev'}${r.number}`] = r.id;
  const created = await inspector.send('POST', '/api/v1/meetings', meetingPlan(district, { startsAt: at(20, 18), endsAt: at(20, 20) }));
  expect(created.statusCode, created.body).toBe(201);
  next = created.json().id;
  staffId = inspector.user.staffId!;
  // A second reporting inspector on the same report (as on a joint meeting, R-27.4).
  otherStaffId = (await idsByCode(db, 'staff', ['S-ALM-KAR-P2-D02'])).get('S-ALM-KAR-P2-D02')!;
  await db.insert(meetingInspectors).values({ meetingId: next, districtId: ids['ALM-KAR-P2-D02']!, staffId: otherStaffId, acting: false });
}, 120_000);
afterAll(async () => { await t.close(); rmSync(dir, { recursive: true, force: true }); });

const doc = (text: string) => ({
  type: 'doc', content: [
    { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Қылмыс деңгейі' }] },
    { type: 'paragraph', content: [{ type: 'text', text, marks: [{ type: 'bold' }] }, { type: 'text', text: ' <b>не жирный</b>' }] },
    { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ұрлық азайды' }] }] }] },
  ],
});
const section = (staff: string, name = 'situation') => `/api/v1/meetings/${next}/report/sections?staffId=${staff}&section=${name}`;

async function pdfText(pdf: Buffer, name: string) {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return (await run('pdftotext', [file, '-'])).stdout.replace(/\s+/g, ' ');
}

describe('carry-over (R-30)', () => {
  it('lists the previous meeting\'s items with their outcomes and the older unsettled one', async () => {
    const response = await inspector.get(`/api/v1/meetings/${next}/report`);
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    const carried = report.carryOver as Array<{ itemId: string; reference: string; outcome: string; raisedBy: string | null; note: string | null; followUp: null }>;
    expect(carried.map((c) => [c.itemId, c.outcome])).toEqual([
      [items.old2, 'check_open'],
      [items.prev1, 'answered'], [items.prev2, 'check_open'], [items.prev3, 'unclassified'],
    ]);
    expect(carried.some((c) => c.itemId === items.old1)).toBe(false);
    expect(carried[1]!.reference).toMatch(/^ALM-KAR-P2-D01-\d{4}-\d+\/1$/);
    expect(carried[1]!.raisedBy).toBe('Сәрсенбаева Әлия Қуанышқызы');
    expect(report.editable).toBe(true);
    // Those who may not see the register see the items without names.
    const akimat = (await (await login(t.app, 'akimat')).get(`/api/v1/meetings/${next}/report`)).json();
    expect(akimat.carryOver[1].raisedBy).toBeNull();
    expect(akimat.editable).toBe(false);
  });

  it('the checklist waits for notes on the unsettled items, then is met', async () => {
    const check = async () => (await inspector.get(`/api/v1/meetings/${next}`)).json().checklist.find((c: { key: string }) => c.key === 'carry_over');
    expect(await check()).toMatchObject({ status: 'pending', params: { count: 4, unaddressed: 3 } });
    for (const key of ['old2', 'prev2', 'prev3']) {
      const noted = await inspector.send('PUT', `/api/v1/meetings/${next}/report/carry-notes?itemId=${items[key]}`, { note: `Тексерілді: ${key}` });
      expect(noted.statusCode, noted.body).toBe(200);
      expect(noted.json()).toMatchObject({ itemId: items[key], note: `Тексерілді: ${key}` });
    }
    expect((await check()).status).toBe('met');
    // An empty note removes it again.
    const removed = await inspector.send('PUT', `/api/v1/meetings/${next}/report/carry-notes?itemId=${items.prev3}`, { note: '  ' });
    expect(removed.json().note).toBeNull();
    expect(await check()).toMatchObject({ status: 'pending', params: { unaddressed: 1 } });
    await inspector.send('PUT', `/api/v1/meetings/${next}/report/carry-notes?itemId=${items.prev3}`, { note: 'Әкімдікке жолданды' });
  });

  it('refuses a note on an item that is not carried', async () => {
    expect((await inspector.send('PUT', `/api/v1/meetings/${next}/report/carry-notes?itemId=${items.old1}`, { note: 'x' })).statusCode).toBe(404);
    expect((await inspector.send('PUT', `/api/v1/meetings/${next}/report/carry-notes?itemId=00000000-0000-4000-8000-000000000000`, { note: 'x' })).statusCode).toBe(404);
  });
});

describe('report sections', () => {
  it('saves over the version started from; a stale save is refused with the current version', async () => {
    const first = await inspector.send('PUT', section(staffId), { content: doc('Әғқңөұүһі — жағдай тұрақты'), baseVersion: 0 });
    expect(first.statusCode, first.body).toBe(200);
    // Staff accounts carry their staff member's name.
    const name = (await inspector.get(`/api/v1/meetings/${next}/report`)).json().reporters.find((r: { staffId: string }) => r.staffId === staffId).fullName;
    expect(first.json()).toMatchObject({ staffId, section: 'situation', version: 1, updatedBy: name });
    const stale = await inspector.send('PUT', section(staffId), { content: doc('басқа мәтін'), baseVersion: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'conflict', details: { currentVersion: 1 } });
    const second = await inspector.send('PUT', section(staffId), { content: doc('Әғқңөұүһі — жағдай тұрақты, екінші нұсқа'), baseVersion: 1 });
    expect(second.json().version).toBe(2);

    const history = (await inspector.get(`/api/v1/meetings/${next}/report/revisions?staffId=${staffId}&section=situation`)).json();
    expect(history.map((r: { version: number }) => r.version)).toEqual([2, 1]);
    expect(JSON.stringify(history[1].content)).toContain('жағдай тұрақты');

    const report = (await inspector.get(`/api/v1/meetings/${next}/report`)).json();
    const mine = report.reporters.find((r: { staffId: string }) => r.staffId === staffId);
    expect(mine.sections.map((s: { section: string; version: number }) => [s.section, s.version])).toEqual([['situation', 2], ['prevention', 0], ['legislation', 0], ['complaints', 0]]);
    expect(mine.sections[1].content).toBeNull();
    expect(mine.districtIds).toEqual([ids['ALM-KAR-P2-D01']]);
    expect(report.reporters).toHaveLength(2);
  });

  it('refuses markup nodes outside the allowed set', async () => {
    const bad = await inspector.send('PUT', section(staffId, 'prevention'), { content: { type: 'doc', content: [{ type: 'image', attrs: { src: 'http://x' } }] }, baseVersion: 0 });
    expect(bad.statusCode).toBe(400);
  });

  it('who may edit: the district\'s assistant yes, another territory no, an inspector only his own report', async () => {
    const assistant = await login(t.app, 'assistant');
    const helped = await assistant.send('PUT', section(staffId), { content: doc('Көмекшінің толықтыруы'), baseVersion: 2 });
    expect(helped.statusCode, helped.body).toBe(200);
    expect(helped.json().version).toBe(3);

    const stranger = await login(t.app, 'inspector2');
    expect((await stranger.send('PUT', section(staffId), { content: doc('x'), baseVersion: 3 })).statusCode).toBe(404);
    expect((await stranger.get(`/api/v1/meetings/${next}/report`)).statusCode).toBe(404);

    const notHis = await inspector.send('PUT', section(otherStaffId), { content: doc('бөгде'), baseVersion: 0 });
    expect(notHis.statusCode).toBe(403);
    expect(notHis.json().error.code).toBe('forbidden');
    const lead = await login(t.app, 'lead');
    expect((await lead.send('PUT', section(otherStaffId, 'legislation'), { content: doc('Заң өзгерістері'), baseVersion: 0 })).statusCode).toBe(200);

    const nobody = await inspector.send('PUT', section('00000000-0000-4000-8000-000000000000'), { content: doc('x'), baseVersion: 0 });
    expect(nobody.statusCode).toBe(400);
  });
});

describe('report handout', () => {
  it('prints Kazakh letters, headings and typed markup literally (kk) and Russian headings (ru)', async () => {
    const kk = await inspector.get(`/api/v1/meetings/${next}/report.pdf?lang=kk`);
    expect(kk.statusCode).toBe(200);
    expect(kk.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(kk.rawPayload, 'kk.pdf');
    expect(text).toContain('Учаскедегі криминогендік жағдай және оны тұрақтандыру шаралары');
    expect(text).toContain('Көмекшінің толықтыруы');
    expect(text).toContain('Қылмыс деңгейі');
    expect(text).toContain('<b>не жирный</b>');
    expect(text).toContain('Тіркелген құқық бұзушылықтар');
    expect(text).toContain('Тексеріс жүргізілуде');
    expect(text).toContain('Түнгі шу');
    expect(text).toContain('Тексерілді: prev2');
    expect(text).not.toContain('Сәрсенбаева');

    // The assistant's save replaced the text; the first version is kept in the history only.
    await inspector.send('PUT', section(staffId, 'complaints'), { content: doc('Әғқңөұүһі'), baseVersion: 0 });
    const again = await pdfText((await inspector.get(`/api/v1/meetings/${next}/report.pdf?lang=kk`)).rawPayload, 'kk2.pdf');
    expect(again).toContain('Әғқңөұүһі');

    const ru = await pdfText((await inspector.get(`/api/v1/meetings/${next}/report.pdf?lang=ru`)).rawPayload, 'ru.pdf');
    expect(ru).toContain('Криминогенная обстановка на участке и меры по её стабилизации');
    expect(ru).toContain('Меры, принятые по жалобам и обращениям граждан');
    expect(ru).toContain('Вопросы, поднятые на прежних встречах');
    expect((await inspector.get(`/api/v1/meetings/${next}/report.pdf?lang=en`)).statusCode).toBe(400);
  });
});

describe('after the meeting is cancelled', () => {
  it('the report no longer changes (409) but is still read', async () => {
    expect((await inspector.send('POST', `/api/v1/meetings/${next}/transitions`, { action: 'cancel', reason: 'Ауа райы' })).statusCode).toBe(200);
    const refused = await inspector.send('PUT', section(staffId), { content: doc('кеш'), baseVersion: 3 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details).toMatchObject({ reason: 'wrong_status', rule: null });
    expect((await inspector.send('PUT', `/api/v1/meetings/${next}/report/carry-notes?itemId=${items.prev2}`, { note: 'кеш' })).statusCode).toBe(409);
    const report = (await inspector.get(`/api/v1/meetings/${next}/report`)).json();
    expect(report.editable).toBe(false);
  });
});
