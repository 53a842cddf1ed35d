import {
  agreementById, agreementPartiesEach, meetingTarget,
  announcements as announcementsTable, assignments as assignmentsTable, containerPath, districtPath, districts, invitationById, invitations as invitationsTable, loadScope,
  meetingPaths, servingStaff, staff as staffTable, staffById, staffPath, stateBodies as stateBodiesTable, userByUsername, users,
  checks as checksTable, forwardings as forwardingsTable, meetingAwards, meetingDecisions, meetingItems, paperSheets as paperSheetsTable,
  participants as participantsTable, reportSources, videos as videosTable,
} from '@esep/db';
import { can, visible, withinScope, isAncestorOfScope, type Actor, type Target, type TerritoryPath } from '@esep/domain';
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agreementRecords, holdingRecords, PNG, registerRecords, seedFollowUpFixtures, seedReportFixtures, sourceRecords, videoRecords, type FollowUpFixtures, type ReportFixtures,
} from '../../test/access.records.ts';
import { addCapitalRegion } from '../../test/fixtures.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import type { RouteEntry } from '../plugins/access.plugin.ts';

/**
 * The authorization matrix, generated from the route table: every /api/v1 route, for every
 * role, with a record inside and a record outside the user's territory. The expected answer
 * comes from the policy module; this test proves each route asks it (and asks it right).
 */
const ACCOUNTS = ['admin', 'analyst', 'auditor', 'regional', 'chief', 'lead', 'inspector', 'assistant', 'akimat'] as const;

/** Which record a route's `:id` names, by the collection before it. */
const ID_KIND: Record<string, 'district' | 'region' | 'unit' | 'point' | 'atu' | 'staff' | 'assignment' | 'user' | 'meeting' | 'invitation' | 'announcement' | 'participant' | 'sheet' | 'item' | 'decision' | 'award' | 'source' | 'video' | 'check' | 'forwarding' | 'state_body' | 'agreement'> = {
  districts: 'district', regions: 'region', units: 'unit', points: 'point', atus: 'atu', staff: 'staff', assignments: 'assignment', users: 'user',
  meetings: 'meeting', invitations: 'invitation', announcements: 'announcement',
  participants: 'participant', sheets: 'sheet',
  items: 'item', decisions: 'decision', awards: 'award',
  sources: 'source',
  videos: 'video',
  checks: 'check', forwardings: 'forwarding', 'state-bodies': 'state_body',
  agreements: 'agreement',
};

interface Sample { body?: unknown; query?: string; multipart?: boolean }

/** A valid request for each route that needs more than its URL. A new route must add one. */
function samples(today: string, ids: { staffOf: (districtId: string) => string }): Record<string, (id: string) => Sample> {
  return {
    'PATCH /api/v1/districts/:id': () => ({ body: { population: 5000 } }),
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
    // R-27.4: the sample meetings are drafts, so an agreement can be answered again by each role.
    'POST /api/v1/agreements/:id/answer': () => ({ body: { answer: 'accepted' } }),
    // Participant register (R-32.2): the sample meetings are drafts, so writes are refused by the rule (409).
    'POST /api/v1/meetings/:id/participants': () => ({ body: { fullName: `Тұрғын ${Math.random().toString(36).slice(2, 8)}`, address: 'Абай к-сі, 1', consent: true, consentVersion: 'pd-2026-1' } }),
    'GET /api/v1/meetings/:id/participants/suggestions': () => ({ query: 'q=ab' }),
    'PATCH /api/v1/participants/:id': () => ({ body: { phone: '+77010000000' } }),
    'DELETE /api/v1/participants/:id': () => ({}),
    'POST /api/v1/meetings/:id/paper-sheets': () => ({ multipart: true }),
    // Items, decisions, awards (R-31, R-32.1, R-34): the sample meetings are drafts, so writes are refused by the rule (409).
    'POST /api/v1/meetings/:id/items': () => ({ body: { kind: 'remark', text: 'Матрица', topic: 'other' } }),
    'PATCH /api/v1/items/:id': () => ({ body: { resolution: 'to_check' } }),
    'POST /api/v1/meetings/:id/decisions': () => ({ body: { text: 'Шешім', responsible: 'Инспектор', dueDate: today } }),
    'DELETE /api/v1/decisions/:id': () => ({}),
    'POST /api/v1/meetings/:id/awards': () => ({ body: { recipientKind: 'citizen', recipientName: 'Тұрғын', reason: 'Көмек үшін', awardKind: 'letter_of_thanks' } }),
    'DELETE /api/v1/awards/:id': () => ({}),
    'POST /api/v1/topics': () => ({ body: { code: `m_${Math.random().toString(36).slice(2, 8)}`, nameKk: 'Тақырып', nameRu: 'Тема', nameEn: 'Topic' } }),
    'PUT /api/v1/topics': () => ({ body: { code: 'matrix_topic', nameKk: 'Тақырып', nameRu: 'Тема', nameEn: 'Topic' } }),
    // Report (R-29, R-30) and district statistics: sources, sections and carry notes of the draft sample meetings.
    'POST /api/v1/meetings/:id/sources': () => ({ body: { kind: 'mass_media', title: 'Матрица' } }),
    'PATCH /api/v1/sources/:id': () => ({ body: { title: 'Матрица' } }),
    'DELETE /api/v1/sources/:id': () => ({}),
    // Follow-up (R-32.4, R-32.5, R-33): the sample meetings are drafts, so writes are refused by the status (409).
    'POST /api/v1/meetings/:id/follow-ups': () => ({}),
    'PATCH /api/v1/checks/:id': () => ({ body: { result: 'Матрица' } }),
    'PATCH /api/v1/forwardings/:id': () => ({ body: { letterNumber: 'M-1', letterDate: today, sentOn: today } }),
    'PATCH /api/v1/decisions/:id/execution': () => ({ body: { doneOn: today } }),
    'POST /api/v1/control/verify': () => ({ body: { kind: 'check', id: followupFixtures.verifyCheck } }),
    'POST /api/v1/state-bodies': () => ({ body: { code: `M-${Math.random().toString(36).slice(2, 8)}`, nameKk: 'Орган', nameRu: 'Орган', topics: ['other'] } }),
    'PUT /api/v1/state-bodies/:id': () => ({ body: { code: `M-${Math.random().toString(36).slice(2, 8)}`, nameKk: 'Орган', nameRu: 'Орган', topics: ['other'] } }),
    'PUT /api/v1/working-calendar': () => ({ query: 'year=2031', body: { days: [{ date: '2031-01-01', kind: 'day_off', note: 'holiday' }] } }),
    // Video (R-32.1) and retention (R-32.6): a DELETE removes the sample video's file (the next role gets a fresh one).
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
    'PUT /api/v1/districts/:id/statistics': () => ({ body: { year: 2030, quarter: 1, rows: [{ category: 'theft', count: 1 }] } }),
    'POST /api/v1/statistics/import': () => ({ multipart: true, query: 'dryRun=true' }),
    'POST /api/v1/meetings/:id/live/sync': () => ({ body: { operations: [{ kind: 'award', clientKey: crypto.randomUUID(), data: { recipientKind: 'citizen', recipientName: 'Тұрғын', reason: 'Көмек үшін', awardKind: 'other' } }] } }),
    // Protocol (R-32.1, R-32.3): the sample meetings are drafts, so every write is refused by the rule (409 wrong_status).
    'PUT /api/v1/meetings/:id/protocol': () => ({ body: { reportSummary: 'Матрица', baseVersion: 1 } }),
    'POST /api/v1/meetings/:id/protocol/reassemble': () => ({}),
    'POST /api/v1/meetings/:id/protocol/signatures': () => ({ body: { method: 'builtin', password: 'wrong-on-purpose' } }),
    'POST /api/v1/meetings/:id/protocol/addenda': () => ({ body: { text: 'Матрица' } }),
    'POST /api/v1/meetings/:id/protocol/addenda/signatures': () => ({ query: `addendumId=${crypto.randomUUID()}`, body: { method: 'builtin', password: 'wrong-on-purpose' } }),
  };
}

const CSV = 'code,kind,name_kk,name_ru\r\nALM,oblast,Алматы облысы,Алматинская область\r\n';
function multipart(png = false): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----esep-test';
  const [name, type, content] = png ? ['proof.png', 'image/png', PNG] : ['regions.csv', 'text/csv', Buffer.from(CSV)];
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
    content, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A valid plan `days` ahead for the given districts. */
function meetingPlan(districtIds: string[], days: number) {
  const d = new Date(`${almaty()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  const date = d.toISOString().slice(0, 10);
  return { districtIds, setting: 'gathering', format: 'indoor', venueAddress: 'Клуб', startsAt: `${date}T18:00:00+05:00`, endsAt: `${date}T19:00:00+05:00` };
}
const meetingDistrict = new Map<string, string>();

let t: TestApp;
let routes: RouteEntry[];
const clients = new Map<string, Client>();
const actors = new Map<string, Actor>();

beforeAll(async () => {
  t = await testApp();
  await addCapitalRegion(t.database.db, almaty());
  // A meeting (with an invitation to the unit head) in districts of three different territories.
  const admin = await adminToken();
  for (const code of ['ALM-KAR-P2-D01', 'ALM-TAL-P1-D01', 'AST-ESL-P1-D01']) {
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/districts?q=${code}`, headers: { authorization: `Bearer ${admin}` } });
    const districtId = list.json().items[0].id as string;
    const meeting = await t.app.inject({ method: 'POST', url: '/api/v1/meetings', payload: meetingPlan([districtId], 30), headers: { authorization: `Bearer ${admin}` } });
    if (meeting.statusCode !== 201) throw new Error(meeting.body);
    meetingDistrict.set(meeting.json().id, districtId);
    const invitation = await t.app.inject({ method: 'POST', url: `/api/v1/meetings/${meeting.json().id}/invitations`, payload: { category: 'police_leadership', organisation: 'ПБ', personName: 'Басшы' }, headers: { authorization: `Bearer ${admin}` } });
    await t.app.inject({ method: 'PATCH', url: `/api/v1/invitations/${invitation.json().id}`, payload: { status: 'sent' }, headers: { authorization: `Bearer ${admin}` } });
    const withNotice = await t.app.inject({ method: 'POST', url: `/api/v1/meetings/${meeting.json().id}/announcements`, payload: { channel: 'mass_media', outlet: 'Газет', publishedOn: almaty() }, headers: { authorization: `Bearer ${admin}` } });
    const announcementId = withNotice.json().announcements[0].id as string;
    const m = multipart(true);
    const proof = await t.app.inject({ method: 'POST', url: `/api/v1/announcements/${announcementId}/proof`, payload: m.payload, headers: { ...m.headers, authorization: `Bearer ${admin}` } });
    if (proof.statusCode !== 200) throw new Error(proof.body);
  }
  routes = t.app.routeTable.filter((r) => r.url.startsWith('/api/v1'));
  for (const username of ACCOUNTS) {
    const client = await login(t.app, username);
    clients.set(username, client);
    const user = (await userByUsername(t.database.db, username))!;
    actors.set(username, { id: user.id, role: user.role, scope: await loadScope(t.database.db, user, almaty()) });
  }
}, 120_000);
afterAll(async () => { await t.close(); });

function almaty(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(new Date());
}

async function pathOf(kind: string, id: string): Promise<Omit<Target, 'resource'> | null> {
  const db = t.database.db;
  switch (kind) {
    case 'district': { const p = await districtPath(db, id); return p && { path: p }; }
    case 'region': case 'unit': case 'point': case 'atu': { const p = await containerPath(db, kind, id); return p && { path: p }; }
    case 'staff': { const s = await staffById(db, id); return s && { path: staffPath(s) }; }
    case 'assignment': {
      const [row] = await db.select().from(assignmentsTable).limit(1000).then((rows) => rows.filter((r) => r.id === id));
      const p = row && (await districtPath(db, row.districtId));
      return p ? { path: p } : null;
    }
    case 'user': return { ownerId: id };
    case 'meeting': return meetingTarget(db, id);
    case 'agreement': {
      const row = await agreementById(db, id);
      if (!row) return null;
      const [askedOf] = await agreementPartiesEach(db, [row]);
      return { paths: await meetingPaths(db, row.meetingId), askedOf: askedOf! };
    }
    case 'announcement': {
      const [row] = await db.select().from(announcementsTable).where(eq(announcementsTable.id, id));
      const paths = row ? await meetingPaths(db, row.meetingId) : [];
      return paths.length ? { paths } : null;
    }
    case 'invitation': {
      const row = await invitationById(db, id);
      return row ? { paths: await meetingPaths(db, row.meetingId), ownerId: row.addresseeUserId ?? undefined } : null;
    }
    case 'item': case 'decision': case 'award': {
      const table = kind === 'item' ? meetingItems : kind === 'decision' ? meetingDecisions : meetingAwards;
      const [row] = await db.select({ meetingId: table.meetingId }).from(table).where(eq(table.id, id));
      const paths = row ? await meetingPaths(db, row.meetingId) : [];
      return paths.length ? { paths } : null;
    }
    case 'video': {
      const [row] = await db.select({ meetingId: videosTable.meetingId }).from(videosTable).where(eq(videosTable.id, id));
      const paths = row ? await meetingPaths(db, row.meetingId) : [];
      return paths.length ? { paths } : null;
    }
    case 'check': case 'forwarding': {
      const table = kind === 'check' ? checksTable : forwardingsTable;
      const [row] = await db.select({ meetingId: table.meetingId }).from(table).where(eq(table.id, id));
      const paths = row ? await meetingPaths(db, row.meetingId) : [];
      return paths.length ? { paths } : null;
    }
    // The directory of state bodies is not territorial: its routes decide by role alone.
    case 'state_body': return {};
    case 'source': {
      const [row] = await db.select({ meetingId: reportSources.meetingId }).from(reportSources).where(eq(reportSources.id, id));
      const paths = row ? await meetingPaths(db, row.meetingId) : [];
      return paths.length ? { paths } : null;
    }
    case 'participant': case 'sheet': {
      const table = kind === 'participant' ? participantsTable : paperSheetsTable;
      const [row] = await db.select({ meetingId: table.meetingId }).from(table).where(eq(table.id, id));
      const paths = row ? await meetingPaths(db, row.meetingId) : [];
      return paths.length ? { paths } : null;
    }
    default: return null;
  }
}

/** Candidate records of each kind, to pick one inside and one outside a user's territory. */
async function candidates(kind: string, actor: Actor): Promise<Array<{ id: string; target: Omit<Target, 'resource'> }>> {
  const db = t.database.db;
  const served = new Set((await db.select({ id: assignmentsTable.districtId }).from(assignmentsTable)).map((r) => r.id));
  const ids: string[] = kind === 'district' ? (await db.select({ id: districts.id }).from(districts)).map((r) => r.id).filter((id) => served.has(id) && !vacant.has(id))
    : kind === 'meeting' ? [...meetingDistrict.keys()]
    : kind === 'invitation' ? (await db.select({ id: invitationsTable.id }).from(invitationsTable)).map((r) => r.id)
    // Only publications with a proof: reading a missing proof is a 404 for everyone.
    : kind === 'announcement' ? (await db.select({ id: announcementsTable.id, proof: announcementsTable.proofFile }).from(announcementsTable)).filter((r) => r.proof).map((r) => r.id)
    : kind === 'staff' ? (await db.select({ id: staffTable.id }).from(staffTable)).map((r) => r.id)
    : kind === 'assignment' ? (await db.select({ id: assignmentsTable.id }).from(assignmentsTable)).map((r) => r.id)
    : kind === 'participant' || kind === 'sheet' ? await registerRecords(t.database.db, t.app.config.dataDir, meetingDistrict.keys(), kind)
    : kind === 'source' ? await sourceRecords(t.database.db, t.app.config.dataDir, meetingDistrict.keys())
    : kind === 'check' ? [...followupFixtures.check.values()]
    : kind === 'forwarding' ? [...followupFixtures.forwarding.values()]
    : kind === 'agreement' ? await agreementRecords(t.database.db, meetingDistrict, almaty())
    : kind === 'state_body' ? (await db.select({ id: stateBodiesTable.id }).from(stateBodiesTable)).map((r) => r.id)
    : kind === 'video' ? await videoRecords(t.database.db, t.app.config.dataDir, meetingDistrict.keys())
    : kind === 'user' ? [actor.id, (await db.select({ id: users.id }).from(users)).find((u) => u.id !== actor.id)!.id]
    : kind === 'item' || kind === 'decision' || kind === 'award' ? await holdingRecords(t.database.db, meetingDistrict.keys(), kind, almaty())
    : (await t.app.inject({ method: 'GET', url: `/api/v1/${kind === 'atu' ? 'atus' : `${kind}s`}?pageSize=200`, headers: { authorization: `Bearer ${await adminToken()}` } })).json().items.map((r: { id: string }) => r.id);
  const out: Array<{ id: string; target: Omit<Target, 'resource'> }> = [];
  for (const id of ids) {
    const target = await pathOf(kind, id);
    if (target) out.push({ id, target });
  }
  return out;
}

let token: string | undefined;
async function adminToken(): Promise<string> {
  token ??= (await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'admin', password: 'demo' } })).json().token;
  return token!;
}

const pathsOf = (target: Omit<Target, 'resource'>): TerritoryPath[] => [...(target.paths ?? []), ...(target.path ? [target.path] : [])];
const inside = (actor: Actor, target: Omit<Target, 'resource'>) =>
  pathsOf(target).length ? pathsOf(target).some((p) => withinScope(actor.scope, p)) : target.ownerId === actor.id;
const outside = (actor: Actor, target: Omit<Target, 'resource'>) =>
  pathsOf(target).length ? pathsOf(target).every((p) => !withinScope(actor.scope, p) && !isAncestorOfScope(actor.scope, p)) : target.ownerId !== actor.id;

describe('route table', () => {
  it('every /api/v1 route declares its access', () => {
    expect(routes.length).toBeGreaterThan(15);
    expect(routes.filter((r) => !r.access).map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  it('every non-public route refuses an anonymous request with 401', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      if (!route.access || 'public' in route.access) continue;
      const url = route.url.replace(':id', '00000000-0000-4000-8000-000000000000');
      const response = await t.app.inject({ method: route.method as 'GET', url, payload: route.method === 'GET' ? undefined : {} });
      if (response.statusCode !== 401) failures.push(`${route.method} ${route.url} → ${response.statusCode}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('authorization matrix', () => {
  for (const username of ACCOUNTS) {
    it(`${username}: every route, inside and outside the territory, answers as the policy says`, async () => {
      const client = clients.get(username)!;
      const actor = actors.get(username)!;
      const today = almaty();
      const staffRows = await t.database.db.select().from(staffTable);
      const sampleFor = samples(today, {
        staffOf: (districtId) => {
          // a staff member of the district's unit, for assignment bodies
          const district = districtUnits.get(districtId);
          return staffRows.find((s) => s.unitId === district)!.id;
        },
      });
      const failures: string[] = [];
      for (const route of routes) {
        const access = route.access!;
        if ('public' in access || 'authenticated' in access) continue;
        const key = `${route.method} ${route.url}`;
        const idKind = route.url.match(/\/api\/v1\/([a-z-]+)\/:id/)?.[1];
        const bodyKind = key === 'POST /api/v1/assignments' || key === 'POST /api/v1/meetings' || key === 'POST /api/v1/meetings/late-entries' ? 'district' : undefined;
        const kind = idKind ? ID_KIND[idKind] : bodyKind;
        const needsSample = route.method !== 'GET' || route.url.endsWith('served-by');
        if (needsSample && !sampleFor[key]) { failures.push(`${key}: no sample request in the matrix`); continue; }
        const cases: Array<{ label: string; id: string | null; target: Omit<Target, 'resource'> | null }> = [];
        if (kind) {
          const all = await candidates(kind, actor);
          const inRecord = all.find((c) => inside(actor, c.target));
          const outRecord = all.find((c) => outside(actor, c.target));
          if (inRecord) cases.push({ label: 'inside', id: inRecord.id, target: inRecord.target });
          if (outRecord) cases.push({ label: 'outside', id: outRecord.id, target: outRecord.target });
          if (cases.length === 0) failures.push(`${key}: no record to try`);
        } else {
          cases.push({ label: 'collection', id: null, target: null });
        }
        for (const c of cases) {
          const sample = sampleFor[key]?.(c.id ?? '') ?? {};
          const url = route.url.replace(':id', c.id ?? '') + (sample.query ? `?${sample.query}` : '');
          let response;
          if (sample.multipart) {
            const m = multipart(key.includes('/proof'));
            response = await t.app.inject({ method: 'POST', url, payload: m.payload, headers: { ...m.headers, authorization: `Bearer ${await tokenFor(username)}` } });
          } else {
            response = route.method === 'GET' ? await client.get(url) : await client.send(route.method as 'POST', url, sample.body);
          }
          const expected = expectedStatus(actor, access as { resource: Target['resource']; action: Parameters<typeof can>[1]; locate?: unknown }, c.target);
          // Allowed = the policy let the request through; a business rule may still refuse it (409/422).
          const ok = expected === 'allowed' ? ![401, 403, 404].includes(response.statusCode) && response.statusCode < 500 : response.statusCode === expected;
          if (!ok) failures.push(`${key} [${c.label}] expected ${expected}, got ${response.statusCode} ${response.body.slice(0, 120)}`);
        }
      }
      expect(failures).toEqual([]);
    });
  }
});

const tokens = new Map<string, string>();
async function tokenFor(username: string): Promise<string> {
  if (!tokens.has(username)) {
    tokens.set(username, (await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username, password: 'demo' } })).json().token);
  }
  return tokens.get(username)!;
}

const districtUnits = new Map<string, string>();
/** Districts without an inspector today: a meeting there needs an acting one, so samples avoid them. */
const vacant = new Set<string>();
beforeAll(async () => {
  const all = (await t.database.db.select({ id: districts.id }).from(districts)).map((d) => d.id);
  const serving = await servingStaff(t.database.db, all, almaty());
  for (const id of all) if (!serving.some((s) => s.districtId === id && s.role === 'inspector')) vacant.add(id);
  for (const d of await t.database.db.select({ id: districts.id }).from(districts)) {
    const path = await districtPath(t.database.db, d.id);
    districtUnits.set(d.id, path!.unitId!);
  }
});

function expectedStatus(actor: Actor, access: { resource: Target['resource']; action: Parameters<typeof can>[1]; locate?: unknown }, target: Omit<Target, 'resource'> | null): 'allowed' | 403 | 404 {
  if (!access.locate || !target) {
    const allowed = can(actor, access.action, { resource: access.resource })
      || (access.resource !== 'structure' && access.resource !== 'audit' && roleMayAnywhere(actor, access));
    return allowed ? 'allowed' : 403;
  }
  const full = { resource: access.resource, ...target };
  if (!visible(actor, full)) return 404;
  return can(actor, access.action, full) ? 'allowed' : 403;
}

function roleMayAnywhere(actor: Actor, access: { resource: Target['resource']; action: Parameters<typeof can>[1] }): boolean {
  // Lists: allowed when the role holds the grant for some record; the repository filters rows.
  const probe: Actor = { ...actor, scope: { level: 'national', ids: [], ancestors: actor.scope.ancestors } };
  return can(probe, access.action, { resource: access.resource, path: { regionId: 'any' }, ownerId: actor.id, askedOf: { userIds: [actor.id], paths: [{ regionId: 'any' }] } });
}

let reportFixtures: ReportFixtures;
let followupFixtures: FollowUpFixtures;
beforeAll(async () => {
  reportFixtures = await seedReportFixtures(t.database.db, meetingDistrict);
  followupFixtures = await seedFollowUpFixtures(t.database.db, meetingDistrict, almaty());
});
