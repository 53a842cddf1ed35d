import { PNG, type FollowUpFixtures, type ReportFixtures } from './access.records.ts';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/*
 * A valid request for every route that needs more than its URL, and the sample meetings they act
 * on: shared by the authorization matrix (`routes/access.int.test.ts`) and the malformed-input
 * property test (`routes/bad-input.int.test.ts`), so both reach the handlers with real records.
 */

/** The records the samples name: the sample meetings' districts, reporters, carried items, follow-ups. */
export interface SampleRecords {
  staffOf: (districtId: string) => string;
  meetingDistrict: ReadonlyMap<string, string>;
  reportFixtures: ReportFixtures;
  followupFixtures: FollowUpFixtures;
}

/** Which record a route's `:id` names, by the collection before it. */
export const ID_KIND: Record<string, 'district' | 'region' | 'unit' | 'point' | 'atu' | 'staff' | 'assignment' | 'user' | 'meeting' | 'invitation' | 'announcement' | 'participant' | 'sheet' | 'item' | 'decision' | 'award' | 'source' | 'video' | 'check' | 'forwarding' | 'state_body' | 'agreement'> = {
  districts: 'district', regions: 'region', units: 'unit', points: 'point', atus: 'atu', staff: 'staff', assignments: 'assignment', users: 'user',
  meetings: 'meeting', invitations: 'invitation', announcements: 'announcement',
  participants: 'participant', sheets: 'sheet',
  items: 'item', decisions: 'decision', awards: 'award',
  sources: 'source',
  videos: 'video',
  checks: 'check', forwardings: 'forwarding', 'state-bodies': 'state_body',
  agreements: 'agreement',
};

/** `params`: values of the route's other path parameters (after `:id`). */
export interface Sample { body?: unknown; query?: string; multipart?: boolean; params?: Record<string, string> }

/** A valid request for each route that needs more than its URL. A new route must add one. */
export function samples(today: string, ids: SampleRecords): Record<string, (id: string) => Sample> {
  const { meetingDistrict, reportFixtures, followupFixtures } = ids;
  return {
    'PATCH /api/v1/districts/:id': () => ({ body: { population: 5000 } }),
    'PUT /api/v1/meetings/:id/resident-questions/:questionId/item': (id) => ({ params: { questionId: reportFixtures.residentQuestion.get(id)! }, body: { itemId: null } }),
    'PUT /api/v1/staff/:id/iin': () => ({ body: { iin: null } }),
    'GET /api/v1/districts/:id/served-by': () => ({ query: `date=${today}` }),
    'POST /api/v1/assignments': (id) => ({ body: { districtId: id, staffId: ids.staffOf(id), role: 'assistant', from: today } }),
    'POST /api/v1/assignments/:id/end': () => ({ body: { to: today } }),
    'POST /api/v1/users': () => ({ body: { username: `u${Math.random().toString(36).slice(2, 8)}`, displayName: 'Тест', password: 'long-enough-password', role: 'national_analyst' } }),
    'POST /api/v1/auth/login': () => ({ body: { username: 'admin', password: 'demo' } }),
    'POST /api/v1/auth/token': () => ({ body: { username: 'admin', password: 'demo' } }),
    'POST /api/v1/auth/password': () => ({ body: { currentPassword: 'wrong-on-purpose', newPassword: 'whatever-long-enough' } }),
    'PATCH /api/v1/auth/me/preferences': () => ({ body: { locale: 'kk' } }),
    'POST /api/v1/imports/structure': () => ({ multipart: true, query: 'dryRun=true' }),
    'POST /api/v1/announcements/:id/proof': () => ({ multipart: true }),
    'POST /api/v1/meetings': (id) => ({ body: meetingPlan([id], 60) }),
    'PUT /api/v1/meetings/:id': (id) => ({ body: meetingPlan([meetingDistrict.get(id)!], 61) }),
    'POST /api/v1/meetings/:id/transitions': () => ({ body: { action: 'schedule' } }),
    // Late entries: a meeting three days ago is entered where allowed; the sample meetings are
    // drafts, no late entries, so decisions on them are refused by the state (409 not_late_entry).
    'POST /api/v1/meetings/late-entries': (id) => ({ body: { ...meetingPlan([id], -3), lateReason: 'Матрица' } }),
    'PUT /api/v1/meetings/:id/late-entry': (id) => ({ body: { ...meetingPlan([meetingDistrict.get(id)!], -3), lateReason: 'Матрица' } }),
    'POST /api/v1/meetings/:id/late-entry/confirmation': () => ({}),
    'POST /api/v1/meetings/:id/late-entry/return': () => ({ body: { reason: 'Матрица' } }),
    'POST /api/v1/meetings/:id/late-entry/withdrawal': () => ({ body: { reason: 'Матрица' } }),
    'POST /api/v1/meetings/:id/announcements': () => ({ body: { channel: 'esep_page', outlet: 'Esep', publishedOn: today } }),
    'POST /api/v1/meetings/:id/invitations': () => ({ body: { category: 'public', organisation: 'Ардагерлер кеңесі', personName: `Тұрғын ${Math.random().toString(36).slice(2, 8)}` } }),
    'PATCH /api/v1/invitations/:id': () => ({ body: { status: 'sent' } }),
    'PUT /api/v1/districts/:id/preferred-hours': () => ({ body: [{ days: [2, 4], from: '18:00', to: '20:00' }] }),
    'POST /api/v1/invitations/:id/answer': () => ({ body: { answer: 'accepted' } }),
    // the sample meetings are drafts, so an agreement can be answered again by each role.
    'POST /api/v1/agreements/:id/answer': () => ({ body: { answer: 'accepted' } }),
    // Participant register: the sample meetings are drafts, so writes are refused by the rule (409).
    'POST /api/v1/meetings/:id/participants': () => ({ body: { fullName: `Тұрғын ${Math.random().toString(36).slice(2, 8)}`, address: 'Абай к-сі, 1', consent: true, consentVersion: 'pd-2026-1' } }),
    'GET /api/v1/meetings/:id/participants/suggestions': () => ({ query: 'q=ab' }),
    'PATCH /api/v1/participants/:id': () => ({ body: { phone: '+77010000000' } }),
    'DELETE /api/v1/participants/:id': () => ({}),
    'POST /api/v1/meetings/:id/paper-sheets': () => ({ multipart: true }),
    // Items, decisions, awards: the sample meetings are drafts, so writes are refused by the rule (409).
    'POST /api/v1/meetings/:id/items': () => ({ body: { kind: 'remark', text: 'Матрица', topic: 'other' } }),
    'PATCH /api/v1/items/:id': () => ({ body: { resolution: 'to_check' } }),
    'POST /api/v1/meetings/:id/decisions': () => ({ body: { text: 'Шешім', responsible: 'Инспектор', dueDate: today } }),
    'DELETE /api/v1/decisions/:id': () => ({}),
    'POST /api/v1/meetings/:id/awards': () => ({ body: { recipientKind: 'citizen', recipientName: 'Тұрғын', reason: 'Көмек үшін', awardKind: 'letter_of_thanks' } }),
    'DELETE /api/v1/awards/:id': () => ({}),
    'POST /api/v1/topics': () => ({ body: { code: `m_${Math.random().toString(36).slice(2, 8)}`, nameKk: 'Тақырып', nameRu: 'Тема', nameEn: 'Topic' } }),
    'PUT /api/v1/topics': () => ({ body: { code: 'matrix_topic', nameKk: 'Тақырып', nameRu: 'Тема', nameEn: 'Topic' } }),
    // Report and district statistics: sources, sections and carry notes of the draft sample meetings.
    'POST /api/v1/meetings/:id/sources': () => ({ body: { kind: 'mass_media', title: 'Матрица' } }),
    'PATCH /api/v1/sources/:id': () => ({ body: { title: 'Матрица' } }),
    'DELETE /api/v1/sources/:id': () => ({}),
    // Follow-up: the sample meetings are drafts, so writes are refused by the status (409).
    'POST /api/v1/meetings/:id/follow-ups': () => ({}),
    'PATCH /api/v1/checks/:id': () => ({ body: { result: 'Матрица' } }),
    'PATCH /api/v1/forwardings/:id': () => ({ body: { letterNumber: 'M-1', letterDate: today, sentOn: today } }),
    'PATCH /api/v1/decisions/:id/execution': () => ({ body: { doneOn: today } }),
    'POST /api/v1/control/verify': () => ({ body: { kind: 'check', id: followupFixtures.verifyCheck } }),
    'POST /api/v1/state-bodies': () => ({ body: { code: `M-${Math.random().toString(36).slice(2, 8)}`, nameKk: 'Орган', nameRu: 'Орган', topics: ['other'] } }),
    'PUT /api/v1/state-bodies/:id': () => ({ body: { code: `M-${Math.random().toString(36).slice(2, 8)}`, nameKk: 'Орган', nameRu: 'Орган', topics: ['other'] } }),
    'PUT /api/v1/working-calendar': () => ({ query: 'year=2031', body: { days: [{ date: '2031-01-01', kind: 'day_off', note: 'holiday' }] } }),
    // Video and retention: a DELETE removes the sample video's file (the next role gets a fresh one).
    'DELETE /api/v1/videos/:id': () => ({}),
    'POST /api/v1/retention/removals': () => ({ body: { asOf: today, confirm: true } }),
    'PUT /api/v1/meetings/:id/legal-hold': () => ({ body: { reason: 'Матрица' } }),
    'DELETE /api/v1/meetings/:id/legal-hold': () => ({}),
    'POST /api/v1/sources/:id/files': () => ({ multipart: true }),
    'GET /api/v1/sources/:id/files': () => ({ query: `name=${createHash('sha256').update(PNG).digest('hex')}.png` }),
    'PUT /api/v1/meetings/:id/report/sections': (id) => ({ query: `staffId=${reportFixtures.reporter.get(id)}&section=situation`, body: { content: { type: 'doc', content: [] }, baseVersion: 0 } }),
    'GET /api/v1/meetings/:id/report/revisions': (id) => ({ query: `staffId=${reportFixtures.reporter.get(id)}&section=situation` }),
    'PUT /api/v1/meetings/:id/report/carry-notes': (id) => ({ query: `itemId=${reportFixtures.carried.get(id)}`, body: { note: 'Матрица' } }),
    'GET /api/v1/districts/:id/statistics': () => ({ query: 'year=2030&quarter=1' }),
    // Issue 15: a year of quarters up to today's, two of the lines (the route takes no record: the territory is the user's).
    'GET /api/v1/analytics/compliance': () => ({ query: `from=${Number(today.slice(0, 4)) - 1}-Q1&to=${today.slice(0, 4)}-Q1&rule=R-22.13,R-27.1&format=indoor` }),
    'GET /api/v1/analytics/participation': () => ({ query: `from=${Number(today.slice(0, 4)) - 1}-Q1&to=${today.slice(0, 4)}-Q1&format=indoor,online` }),
    'GET /api/v1/analytics/items': () => ({ query: `from=${Number(today.slice(0, 4)) - 1}-Q1&to=${today.slice(0, 4)}-Q1&topic=public_order` }),
    'PUT /api/v1/districts/:id/statistics': () => ({ body: { year: 2030, quarter: 1, rows: [{ category: 'theft', count: 1 }] } }),
    'POST /api/v1/statistics/import': () => ({ multipart: true, query: 'dryRun=true' }),
    'POST /api/v1/meetings/:id/live/sync': () => ({ body: { operations: [{ kind: 'award', clientKey: crypto.randomUUID(), data: { recipientKind: 'citizen', recipientName: 'Тұрғын', reason: 'Көмек үшін', awardKind: 'other' } }] } }),
    // Protocol: the sample meetings are drafts, so every write is refused by the rule (409 wrong_status).
    'PUT /api/v1/meetings/:id/protocol': () => ({ body: { reportSummary: 'Матрица', baseVersion: 1 } }),
    'POST /api/v1/meetings/:id/protocol/reassemble': () => ({}),
    'POST /api/v1/meetings/:id/protocol/signatures': () => ({ body: { method: 'builtin', password: 'wrong-on-purpose' } }),
    'POST /api/v1/meetings/:id/protocol/addenda': () => ({ body: { text: 'Матрица' } }),
    'POST /api/v1/meetings/:id/protocol/addenda/signatures': () => ({ query: `addendumId=${crypto.randomUUID()}`, body: { method: 'builtin', password: 'wrong-on-purpose' } }),
  };
}

const CSV = 'code,kind,name_kk,name_ru\r\nALM,oblast,Алматы облысы,Алматинская область\r\n';
export function multipart(png = false): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----esep-test';
  const [name, type, content] = png ? ['proof.png', 'image/png', PNG] : ['regions.csv', 'text/csv', Buffer.from(CSV)];
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
    content, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A valid plan `days` ahead for the given districts. */
export function meetingPlan(districtIds: string[], days: number) {
  const d = new Date(`${almaty()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  const date = d.toISOString().slice(0, 10);
  return { districtIds, setting: 'gathering', format: 'indoor', venueAddress: 'Клуб', startsAt: `${date}T18:00:00+05:00`, endsAt: `${date}T19:00:00+05:00` };
}

/** Today in Asia/Almaty by the wall clock (the test app's clock follows it unless a test sets it). */
export function almaty(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(new Date());
}

/**
 * A draft meeting (with an invitation to the unit head and a publication with its proof) in a
 * district of each of three territories; returns meeting id → district id.
 */
export async function seedSampleMeetings(app: FastifyInstance, adminToken: string): Promise<Map<string, string>> {
  const meetingDistrict = new Map<string, string>();
  const headers = { authorization: `Bearer ${adminToken}` };
  for (const code of ['ALM-KAR-P2-D01', 'ALM-TAL-P1-D01', 'AST-ESL-P1-D01']) {
    const list = await app.inject({ method: 'GET', url: `/api/v1/districts?q=${code}`, headers });
    const districtId = list.json().items[0].id as string;
    const meeting = await app.inject({ method: 'POST', url: '/api/v1/meetings', payload: meetingPlan([districtId], 30), headers });
    if (meeting.statusCode !== 201) throw new Error(meeting.body);
    meetingDistrict.set(meeting.json().id, districtId);
    const invitation = await app.inject({ method: 'POST', url: `/api/v1/meetings/${meeting.json().id}/invitations`, payload: { category: 'police_leadership', organisation: 'ПБ', personName: 'Басшы' }, headers });
    await app.inject({ method: 'PATCH', url: `/api/v1/invitations/${invitation.json().id}`, payload: { status: 'sent' }, headers });
    const withNotice = await app.inject({ method: 'POST', url: `/api/v1/meetings/${meeting.json().id}/announcements`, payload: { channel: 'mass_media', outlet: 'Газет', publishedOn: almaty() }, headers });
    const announcementId = withNotice.json().announcements[0].id as string;
    const m = multipart(true);
    const proof = await app.inject({ method: 'POST', url: `/api/v1/announcements/${announcementId}/proof`, payload: m.payload, headers: { ...m.headers, ...headers } });
    if (proof.statusCode !== 200) throw new Error(proof.body);
  }
  return meetingDistrict;
}
