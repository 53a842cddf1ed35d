import {
  announcements, assignments, atus, checks, districts, forwardings, invitations, meetingAwards, meetingDecisions, meetingItems, meetings,
  paperSheets, participants, policePoints, policeUnits, regions, reportSources, staff, stateBodies, users, videos,
} from '@esep/db';
import { CONSENT_VERSION } from '@esep/domain';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  holdingRecords, PNG, registerRecords, seedFollowUpFixtures, seedReportFixtures, sourceRecords, videoRecords,
} from '../../test/access.records.ts';
import {
  encodeQuery, kindOfValue, multipartBody, mutantFor, nastyId, nastyMultipart, nastyQueryValue, nastyRawBody, nastyString, nastyValue,
  queryMutantFor, RAW_QUERY_VALUES, toJsonText, type FieldKind, type RawBody,
} from '../../test/bad-input.arbitraries.ts';
import { addCapitalRegion } from '../../test/fixtures.ts';
import { signedMeeting } from '../../test/followup.ts';
import { login, testApp } from '../../test/harness.ts';
import { meetingInProgress } from '../../test/holding.ts';
import { declaredFields, key, kindOf, paramOf, pathsOf, valueAt, withValue, type Path } from '../../test/bad-input.fields.ts';
import { almaty, samples, seedSampleMeetings, type Sample } from '../../test/route.samples.ts';

/*
 * Bad input (issue 10): malformed bodies, query strings, path ids and headers sent to EVERY route
 * of the route table, as an administrator, an inspector, a point lead, an akimat and an anonymous
 * caller, with real ids of existing records (sample meetings in three territories, a meeting in
 * progress, a held one and one with a signed protocol, their registers, items, follow-ups…) so
 * the handlers are reached. Every answer must be below 500: a client's mistake is a 4xx naming
 * the field, never a server error.
 *
 * Nothing is left out: the tus upload routes get their headers and raw bytes fuzzed like any
 * other request (their body is a byte stream, so any bytes are well-formed there).
 *
 * ESEP_FUZZ_RUNS (default 20) requests per route; ESEP_FUZZ_SEED repeats a run (the seed of each
 * route is this plus its index in the route table); ESEP_FUZZ_COUNT=1 keeps going after a 5xx
 * and only counts them (to measure).
 */
const RUNS = Number(process.env.ESEP_FUZZ_RUNS ?? 20);
const SEED = Number(process.env.ESEP_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const COUNT_ONLY = process.env.ESEP_FUZZ_COUNT === '1';

const ROLES = ['admin', 'inspector', 'lead', 'akimat', 'anonymous'] as const;
type Role = (typeof ROLES)[number];
const FUZZ_USER = 'fuzz.login';
const FUZZ_PASSWORD = 'fuzz-login-password';

const t = await testApp();
const routes = [...t.app.routeTable];
const tokens = new Map<Role, string>();
const realIds = new Map<string, string[]>();
let sampleFor: Record<string, (id: string) => Sample> = {};
let uploadId = '';
let feedKey = '';
const stats = { requests: 0, serverErrors: [] as string[], statuses: new Map<number, number>() };
/**
 * What the error plugin logged for the last 5xx, so a failure names its cause: with the logger
 * off, Fastify's requests share one null logger, whose `error` the test replaces.
 */
let lastLogged: unknown = null;

const adminHeaders = () => ({ authorization: `Bearer ${tokens.get('admin')}` });
let issued = 0;
async function issueToken(role: Role): Promise<void> {
  if (role === 'anonymous') return;
  // Each from its own address: the token route's rate limit is per client address.
  issued += 1;
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: role, password: 'demo' }, remoteAddress: `192.168.${issued >> 8 & 255}.${issued & 255}` });
  if (response.statusCode !== 200) throw new Error(`the test could not get a token for ${role}: ${response.statusCode} ${response.body}`);
  tokens.set(role, response.json().token);
}
/** Every role still holds a working token (a fuzzed logout may have revoked it). */
async function checkTokens(): Promise<void> {
  for (const role of ROLES) {
    if (role === 'anonymous') continue;
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${tokens.get(role)}` } });
    if (me.statusCode !== 200) await issueToken(role);
  }
}

beforeAll(async () => {
  (t.app.log as unknown as { error: (obj: unknown) => void }).error = (obj) => { lastLogged = obj; };
  const today = almaty();
  await addCapitalRegion(t.database.db, today);
  for (const role of ROLES) await issueToken(role);
  const meetingDistrict = await seedSampleMeetings(t.app, tokens.get('admin')!);
  const reportFixtures = await seedReportFixtures(t.database.db, meetingDistrict);
  const followupFixtures = await seedFollowUpFixtures(t.database.db, meetingDistrict, today);
  for (const kind of ['item', 'decision', 'award'] as const) await holdingRecords(t.database.db, meetingDistrict.keys(), kind, today);
  for (const kind of ['participant', 'sheet'] as const) await registerRecords(t.database.db, t.app.config.dataDir, meetingDistrict.keys(), kind);
  await sourceRecords(t.database.db, t.app.config.dataDir, meetingDistrict.keys());
  await videoRecords(t.database.db, t.app.config.dataDir, meetingDistrict.keys());

  // Meetings further along, so the handlers of the live screen, the protocol and the follow-up are reached.
  const inspector = await login(t.app, 'inspector');
  const ownDistrict = [...meetingDistrict.values()][0]!;
  const live = await meetingInProgress(t, inspector, ownDistrict, { startedMinutesAgo: 10 });
  const held = await meetingInProgress(t, inspector, ownDistrict, { held: true, daysAgo: 1 });
  const signed = (await signedMeeting(t, inspector, ownDistrict, [{ resolution: 'to_check', person: 'Сейітқали Әйгерім' }, { resolution: 'to_forward' }], 1)).id;
  await inspector.send('POST', `/api/v1/meetings/${signed}/follow-ups`);
  await inspector.send('POST', `/api/v1/meetings/${live}/live/sync`, {
    operations: [{ kind: 'participant', clientKey: crypto.randomUUID(), data: { fullName: 'Тұрғын Бірінші', address: 'Абай к-сі, 1', consent: true, consentVersion: CONSENT_VERSION } }],
  });
  const focus = [live, held, signed];
  for (const kind of ['item', 'decision', 'award'] as const) await holdingRecords(t.database.db, focus, kind, today);
  for (const kind of ['participant', 'sheet'] as const) await registerRecords(t.database.db, t.app.config.dataDir, focus, kind);
  await sourceRecords(t.database.db, t.app.config.dataDir, focus);
  await videoRecords(t.database.db, t.app.config.dataDir, [held]);
  await inspector.get(`/api/v1/meetings/${held}/protocol`);
  // A tus upload left open on the held meeting, so HEAD/PATCH/DELETE name a real one.
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const upload = await t.app.inject({
    method: 'POST', url: '/api/v1/uploads/videos/',
    headers: { ...adminHeaders(), 'tus-resumable': '1.0.0', 'upload-length': '1000', 'upload-metadata': `meetingId ${b64(held)},filename ${b64('fuzz.mp4')}` },
  });
  uploadId = /([0-9a-f]{32})$/.exec(upload.headers.location as string ?? '')?.[1] ?? '';
  if (!uploadId) throw new Error(`tus upload: ${upload.statusCode} ${upload.body}`);
  feedKey = (await t.app.inject({ method: 'POST', url: '/api/v1/calendar/feed-token', headers: adminHeaders() })).json().token;
  const created = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: adminHeaders(), payload: { username: FUZZ_USER, displayName: 'Fuzz', password: FUZZ_PASSWORD, role: 'national_analyst' } });
  if (created.statusCode !== 201) throw new Error(created.body);

  const db = t.database.db;
  // Records of the meetings further along first, then the rest (at most 40 of a kind).
  const rank = (row: Record<string, unknown>) => { const i = focus.indexOf(String(row.meetingId ?? row.id)); return i < 0 ? focus.length : i; };
  const ids = async (table: typeof meetings) => (await db.select().from(table)).sort((a, b) => rank(a) - rank(b)).slice(0, 40).map((r) => r.id);
  const tables = {
    district: districts, region: regions, unit: policeUnits, point: policePoints, atu: atus, staff, assignment: assignments, user: users, meeting: meetings,
    invitation: invitations, announcement: announcements, participant: participants, sheet: paperSheets, item: meetingItems, decision: meetingDecisions,
    award: meetingAwards, source: reportSources, video: videos, check: checks, forwarding: forwardings, state_body: stateBodies,
  } as const;
  for (const [kind, table] of Object.entries(tables)) realIds.set(kind, await ids(table as typeof meetings));
  // The records each role works on come first in the pool: the inspector's own district and meetings.
  realIds.set('meeting', [...new Set([...focus, ...meetingDistrict.keys(), ...realIds.get('meeting')!])]);
  realIds.set('district', [...new Set([ownDistrict, ...meetingDistrict.values(), ...realIds.get('district')!])]);
  realIds.set('upload', [uploadId]);

  const staffRows = await db.select({ id: staff.id, unitId: staff.unitId }).from(staff);
  const districtUnits = new Map((await db.select({ id: districts.id, pointId: districts.pointId }).from(districts)).map((d) => [d.id, d.pointId]));
  const pointUnits = new Map((await db.select({ id: policePoints.id, unitId: policePoints.unitId }).from(policePoints)).map((p) => [p.id, p.unitId]));
  sampleFor = {
    ...samples(today, {
      meetingDistrict, reportFixtures, followupFixtures,
      staffOf: (districtId) => staffRows.find((s) => s.unitId === pointUnits.get(districtUnits.get(districtId) ?? ''))?.id ?? crypto.randomUUID(),
    }),
    ...extraSamples(),
  };
}, 240_000);

afterAll(async () => {
  console.info(`bad input: ${stats.requests} requests to ${routes.length} routes as ${ROLES.join(', ')} (seed ${SEED}, ${RUNS} per route); ${stats.serverErrors.length} answered 5xx; by status ${JSON.stringify(Object.fromEntries([...stats.statuses].sort(([a], [b]) => a - b)))}`);
  if (stats.serverErrors.length) {
    // Grouped by route and the error's first words, to tell the causes apart.
    const causes = new Map<string, number>();
    for (const line of stats.serverErrors) {
      const [head] = line.split('\n');
      const cause = /cause: (.{0,70})/.exec(line)?.[1]?.replace(/\$\d+|"[^"]*"/g, '…') ?? '';
      const group = `${head!.split(' ')[1]} ${head!.split(' ')[2]?.split('?')[0]?.replace(/[0-9a-f-]{36}/g, ':id')} — ${cause}`;
      causes.set(group, (causes.get(group) ?? 0) + 1);
    }
    console.info([...causes].map(([cause, n]) => `${String(n).padStart(5)} × ${cause}`).join('\n'));
    console.info(stats.serverErrors.join('\n'));
  }
  await t.close();
});

/** Valid requests for the routes the authorization matrix leaves out (public and any-user routes). */
function extraSamples(): Record<string, (id: string) => Sample & { headers?: Record<string, string>; form?: Record<string, string>; raw?: RawBody }> {
  const login = () => ({ body: { username: FUZZ_USER, password: FUZZ_PASSWORD } });
  const feed = () => ({ query: `key=${feedKey}` });
  const tus = { 'tus-resumable': '1.0.0' };
  return {
    'POST /api/v1/auth/login': login,
    'POST /api/v1/auth/token': login,
    'GET /api/v1/auth/oidc/login': () => ({ query: 'returnTo=%2Fmeetings' }),
    'GET /api/v1/auth/oidc/callback': () => ({ query: 'code=abc&state=def' }),
    'GET /api/v1/calendar/mine.ics': feed,
    'GET /api/v1/calendar/districts/:id/feed.ics': feed,
    'GET /api/v1/calendar/points/:id/feed.ics': feed,
    'GET /api/v1/calendar/inspectors/:id/feed.ics': feed,
    'POST /api/v1/public/meetings/:id/registrations': () => ({ body: { fullName: `Тұрғын ${Math.random().toString(36).slice(2, 8)}`, address: 'Абай к-сі, 2', consent: true, consentVersion: CONSENT_VERSION } }),
    'GET /m/:id': () => ({ query: 'lang=ru' }),
    'GET /m/:id/meeting.ics': () => ({ query: 'lang=ru' }),
    'POST /m/:id': () => ({ form: { fullName: `Тұрғын ${Math.random().toString(36).slice(2, 8)}`, address: 'Абай к-сі, 3', consent: 'on', consentVersion: CONSENT_VERSION } }),
    'POST /v/:id': () => ({ raw: multipartBody([{ field: 'file', filename: 'protocol.pdf', type: 'application/pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n') }]) }),
    'GET /v/:id': () => ({ query: 'lang=kk' }),
    'POST /api/v1/uploads/videos/': () => ({ headers: { ...tus, 'upload-length': '1000', 'upload-metadata': `meetingId ${Buffer.from(realIds.get('meeting')![1]!).toString('base64')},filename ${Buffer.from('a.mp4').toString('base64')}` } }),
    'PATCH /api/v1/uploads/videos/:uploadId': () => ({ headers: { ...tus, 'upload-offset': '0' }, raw: { contentType: 'application/offset+octet-stream', payload: Buffer.from([0, 0, 0, 0x18]) } }),
    'DELETE /api/v1/uploads/videos/:uploadId': () => ({ headers: tus }),
  };
}

// ─── One request ────────────────────────────────────────────────────────────

type Body = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'form'; value: Record<string, unknown> } | { kind: 'raw'; raw: RawBody };
interface FuzzCase { role: Role; id: string | null; query: string; body: Body; headers: Record<string, string>; ip: string }

let openapi: unknown;
function caseArbitrary(route: { method: string; url: string }): fc.Arbitrary<FuzzCase> {
  const routeKey = key(route);
  const kind = kindOf(route.url);
  openapi ??= t.app.swagger();
  const declared = declaredFields(openapi, route);
  const multipart = ['/proof', '/paper-sheets', '/files', '/imports/', '/statistics/import'].some((s) => route.url.includes(s)) && route.method === 'POST';
  const role = fc.constantFrom<Role>('admin', 'admin', 'admin', 'inspector', 'inspector', 'lead', 'akimat', 'anonymous');
  const ids = kind ? realIds.get(kind) ?? [] : [];
  // The records further along (the meeting in progress, the held and the signed one, and what
  // they hold) come first in each pool and are tried most: their handlers go deepest.
  const preferred = ids.slice(0, 4);
  const id: fc.Arbitrary<string | null> = !paramOf(route.url) ? fc.constant(null)
    : ids.length ? fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...preferred) }, { weight: 2, arbitrary: fc.constantFrom(...ids) }, { weight: 2, arbitrary: nastyId }) : nastyId;
  const bodyKind = routeKey === 'POST /api/v1/assignments' || routeKey === 'POST /api/v1/meetings' ? 'district' : null;

  return fc.tuple(role, id, fc.constantFrom(...(realIds.get('district') ?? ['']).slice(0, 3))).chain(([r, i, district]) => {
    let sample: ReturnType<ReturnType<typeof extraSamples>[string]> = {};
    try {
      sample = sampleFor[routeKey]?.(i ?? (bodyKind ? district : '')) ?? {};
    } catch { /* a sample built for a nasty id: the request stays malformed anyway */ }
    const baseQuery = [...new URLSearchParams(sample.query ?? '')];
    const queryNames = [...new Set([...declared.query.keys(), ...baseQuery.map(([k]) => k), 'q'])];
    const queryKind = (name: string) => {
      const base = baseQuery.find(([k]) => k === name)?.[1];
      return declared.query.get(name) ?? (base === undefined ? 'text' : kindOfValue(base));
    };
    const queryMutation = fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...queryNames).chain((k) => queryMutantFor(queryKind(k), baseQuery.find(([n]) => n === k)?.[1]).map((v) => ({ op: 'set' as const, k, v: encodeQuery(v) }))) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...queryNames), fc.constantFrom(...RAW_QUERY_VALUES)).map(([k, v]) => ({ op: 'set' as const, k, v })) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...queryNames), nastyQueryValue).map(([k, v]) => ({ op: 'add' as const, k, v: encodeQuery(v) })) },
      { weight: 1, arbitrary: fc.tuple(nastyString.filter((s) => s.length < 100), nastyQueryValue).map(([k, v]) => ({ op: 'add' as const, k: encodeQuery(k), v: encodeQuery(v) })) },
      { weight: 1, arbitrary: fc.constantFrom(...queryNames).map((k) => ({ op: 'drop' as const, k, v: '' })) },
    );
    // A request without a body is all query: it always gets at least one malformed parameter.
    const query = fc.array(queryMutation, { minLength: route.method === 'GET' ? 1 : 0, maxLength: 3 }).map((mutations) => {
      let entries = baseQuery.map(([k, v]) => [encodeQuery(k), encodeQuery(v)] as [string, string]);
      for (const m of mutations) {
        if (m.op === 'drop') entries = entries.filter(([k]) => k !== m.k);
        else if (m.op === 'set') entries = [...entries.filter(([k]) => k !== m.k), [m.k, m.v]];
        else entries.push([m.k, m.v]);
      }
      return entries.map(([k, v]) => `${k}=${v}`).join('&');
    });

    let body: fc.Arbitrary<Body>;
    if (sample.raw || multipart) {
      const valid = sample.raw ?? multipartBody([route.url.includes('/imports/') || route.url.includes('/statistics/')
        ? { field: 'file', filename: 'regions.csv', type: 'text/csv', content: Buffer.from('code,kind,name_kk,name_ru\r\nALM,oblast,Алматы облысы,Алматинская область\r\n') }
        : { field: 'file', filename: 'scan.png', type: 'image/png', content: PNG }]);
      body = fc.oneof(
        { weight: 4, arbitrary: nastyMultipart({ filename: 'scan.png', type: 'image/png', content: PNG }).map((raw): Body => ({ kind: 'raw', raw })) },
        { weight: 1, arbitrary: fc.constant<Body>({ kind: 'raw', raw: valid }) },
        { weight: 2, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b): Body => ({ kind: 'raw', raw: { contentType: valid.contentType, payload: Buffer.from(b) } })) },
        { weight: 1, arbitrary: nastyRawBody.map((raw): Body => ({ kind: 'raw', raw })) },
      );
    } else if (sample.form) {
      const names = Object.keys(sample.form);
      body = fc.array(fc.tuple(fc.constantFrom(...names, 'online', 'email'), nastyString), { minLength: 1, maxLength: 3 })
        .map((pairs): Body => ({ kind: 'form', value: { ...sample.form, ...Object.fromEntries(pairs) } }));
    } else if (route.method === 'GET' || route.method === 'DELETE' || (sample.body === undefined && declared.body.size === 0)) {
      body = fc.oneof(
        { weight: 6, arbitrary: fc.constant<Body>({ kind: 'none' }) },
        { weight: 1, arbitrary: nastyRawBody.map((raw): Body => ({ kind: 'raw', raw })) },
        { weight: 1, arbitrary: nastyValue.map((value): Body => ({ kind: 'json', value })) },
      );
    } else {
      const base = sample.body ?? {};
      const paths = [...pathsOf(base), ...[...declared.body.keys()].filter((name) => !(base !== null && typeof base === 'object' && name in base)).map((name) => [name])];
      const target = paths.length ? fc.constantFrom(...paths) : fc.constant<Path>(['x']);
      const kindAt = (path: Path): FieldKind => {
        const current = valueAt(base, path);
        const declaredKind = path.length === 1 ? declared.body.get(String(path[0])) : undefined;
        return current === undefined ? declaredKind ?? 'unknown' : kindOfValue(current) === 'text' && declaredKind && declaredKind !== 'unknown' ? declaredKind : kindOfValue(current);
      };
      const mutation = target.chain((path) => fc.tuple(fc.constant(path), mutantFor(kindAt(path), valueAt(base, path)), fc.integer({ min: 0, max: 6 }).map((n) => n === 0)));
      body = fc.oneof(
        { weight: 8, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }).map((ms): Body => ({ kind: 'json', value: ms.reduce<unknown>((v, [p, x, remove]) => withValue(v, p, x, remove), base) })) },
        { weight: 1, arbitrary: fc.constant<Body>({ kind: 'json', value: base }) },
        { weight: 2, arbitrary: nastyValue.map((value): Body => ({ kind: 'json', value })) },
        { weight: 1, arbitrary: nastyRawBody.map((raw): Body => ({ kind: 'raw', raw })) },
        { weight: 1, arbitrary: fc.constant<Body>({ kind: 'none' }) },
      );
    }

    const baseHeaders = sample.headers ?? {};
    const printable = fc.string({ unit: 'binary-ascii', maxLength: 60 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));
    const headerNames = [...new Set([...Object.keys(baseHeaders), 'accept-language', 'authorization', 'cookie', 'range', 'x-csrf-token', 'content-language'])];
    const headers = fc.oneof(
      { weight: 8, arbitrary: fc.constant(baseHeaders) },
      { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...headerNames), fc.oneof(printable, fc.constantFrom(
        'Bearer', 'Bearer ', 'Bearer esep_x', 'Basic YTpi', 'esep_session=x', 'bytes=99999999999999999999-', 'bytes=-0', 'bytes=5-1', 'bytes=0-0,1-2', 'bytes=abc',
        '-1', '99999999999999999999', '1.5', 'kk;q=abc', '*;q=NaN', 'x'.repeat(8000), 'bWVldGluZ0lk', 'meetingId !!!,filename', 'meetingId', '', '1.0.0',
      ))).map(([name, value]) => ({ ...baseHeaders, [name]: value })) },
    );
    const ip = fc.integer({ min: 1, max: 254 }).map((n) => `10.0.${n}.1`);
    return fc.record({ role: fc.constant(r), id: fc.constant(i), query, body, headers, ip });
  });
}

async function send(route: { method: string; url: string }, c: FuzzCase): Promise<LightMyRequestResponse> {
  const path = route.url.replace(/:(id|uploadId)\b/, c.id ?? '');
  const url = c.query ? `${path}?${c.query}` : path;
  const headers: Record<string, string> = {};
  const token = tokens.get(c.role);
  if (token) headers.authorization = `Bearer ${token}`;
  let payload: string | Buffer | undefined;
  if (c.body.kind === 'json') { payload = toJsonText(c.body.value); headers['content-type'] = 'application/json'; }
  if (c.body.kind === 'form') {
    payload = Object.entries(c.body.value).map(([k, v]) => `${encodeQuery(k)}=${encodeQuery(typeof v === 'string' ? v : JSON.stringify(v))}`).join('&');
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  if (c.body.kind === 'raw') {
    payload = c.body.raw.payload;
    if (c.body.raw.contentType) headers['content-type'] = c.body.raw.contentType;
  }
  Object.assign(headers, c.headers);
  lastLogged = null;
  const response = await t.app.inject({ method: route.method as 'GET', url, headers, payload, remoteAddress: c.ip });
  stats.requests += 1;
  stats.statuses.set(response.statusCode, (stats.statuses.get(response.statusCode) ?? 0) + 1);
  // Logging out or changing the password ends the session: the role gets a new token.
  if (c.role !== 'anonymous' && response.statusCode < 300 && /\/auth\/(logout|password)$/.test(route.url)) await issueToken(c.role);
  return response;
}

/** The request, shortened for the report. */
function describeCase(route: { method: string; url: string }, c: FuzzCase): string {
  const cut = (s: string, n = 400) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);
  const body = c.body.kind === 'json' ? toJsonText(c.body.value) : c.body.kind === 'form' ? JSON.stringify(c.body.value)
    : c.body.kind === 'raw' ? `[${c.body.raw.contentType}] ${typeof c.body.raw.payload === 'string' ? c.body.raw.payload : `<${c.body.raw.payload.length} bytes> ${c.body.raw.payload.subarray(0, 200).toString('latin1')}`}` : '';
  return `${route.method} ${cut(route.url.replace(/:(id|uploadId)\b/, c.id ?? ''), 200)}${c.query ? `?${cut(c.query, 300)}` : ''} as ${c.role}`
    + `${Object.keys(c.headers).length ? ` headers ${cut(JSON.stringify(c.headers), 200)}` : ''}${body ? `\n    body: ${cut(JSON.stringify(body).slice(1, -1))}` : ''}`;
}

describe('bad input: every route answers malformed requests below 500', () => {
  it('covers the whole route table', () => {
    expect(routes.length).toBeGreaterThan(100);
    expect(routes.filter((r) => paramOf(r.url) && !kindOf(r.url)).map(key)).toEqual([]);
  });

  for (const [index, route] of routes.entries()) {
    it(key(route), async () => {
      await checkTokens();
      const failures: string[] = [];
      const details = await fc.check(fc.asyncProperty(caseArbitrary(route), async (c) => {
        const response = await send(route, c);
        if (response.statusCode < 500) return true;
        const logged = lastLogged as { err?: { message?: string; code?: string } } | null;
        const cause = logged?.err ? `${logged.err.code ?? ''} ${logged.err.message ?? ''}`.trim().slice(0, 200) : 'no error logged';
        const line = `${response.statusCode} ${describeCase(route, c)}\n    answer: ${response.body.slice(0, 200)}\n    cause: ${cause}`;
        failures.push(line);
        stats.serverErrors.push(line);
        return COUNT_ONLY;
      }), { numRuns: RUNS, seed: SEED + index, endOnFailure: COUNT_ONLY });
      if (details.failed) {
        const shrunk = details.counterexample ? describeCase(route, details.counterexample[0]) : '(none)';
        throw new Error(`${key(route)} answered 5xx (fast-check seed ${details.seed}, path "${details.counterexamplePath}", base seed ESEP_FUZZ_SEED=${SEED}):\n`
          + `  shrunk counterexample: ${shrunk}\n  first failures:\n  ${failures.slice(0, 3).join('\n  ')}\n`
          + `  again: ESEP_FUZZ_SEED=${SEED} ESEP_FUZZ_RUNS=${RUNS} npx vitest run --project integration:${process.env.ESEP_TEST_ENGINE ?? 'pglite'} apps/server/src/routes/bad-input.int.test.ts -t '${key(route)}$'`);
      }
    }, 180_000);
  }
});

// A request to no route at all is answered by the not-found handler, not by an error.
describe('bad input: unknown paths', () => {
  it('answers 404 for any unknown path', async () => {
    await fc.assert(fc.asyncProperty(fc.webPath(), async (p) => {
      const response = await t.app.inject({ method: 'GET', url: `/api/v1/x${p}` });
      stats.requests += 1;
      return response.statusCode < 500;
    }), { numRuns: 50, seed: SEED });
  });
});

