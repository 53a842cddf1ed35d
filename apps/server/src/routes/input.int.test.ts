import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { meetings } from '@esep/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedMeeting } from '../../test/followup.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { districtIds, meetingInProgress } from '../../test/holding.ts';
import { meetingDates } from '../../test/meetings.ts';

/*
 * Ordinary bad input (issue 10) answers 4xx naming the field, never 500: impossible calendar
 * dates, control characters in search terms and text fields, rich text nested thousands deep,
 * a login taken by a concurrent request, identical files uploaded at once.
 */
let t: TestApp;
const c: Record<string, Client> = {};
let ids: Record<string, string>;
let own: string;
let live: string;
let draft: string;
let signed: { id: string; itemIds: string[]; decisionIds: string[] };
let reporter: string;
let today: string;

beforeAll(async () => {
  t = await testApp();
  for (const name of ['admin', 'inspector', 'lead']) c[name] = await login(t.app, name);
  ids = await districtIds(c.admin!);
  own = ids['ALM-KAR-P2-D01']!;
  const dates = meetingDates(t.clock);
  today = dates.today;
  live = await meetingInProgress(t, c.inspector!, own, { startedMinutesAgo: 10 });
  signed = await signedMeeting(t, c.inspector!, own, [{ resolution: 'to_check', person: 'Серікбаев Ерлан' }, { resolution: 'to_forward' }], 1);
  expect((await c.inspector!.send('POST', `/api/v1/meetings/${signed.id}/follow-ups`)).statusCode).toBe(200);
  const created = await c.inspector!.send('POST', '/api/v1/meetings', dates.plan(own, { startsAt: dates.at(50, 18), endsAt: dates.at(50, 20) }));
  expect(created.statusCode, created.body).toBe(201);
  draft = created.json().id;
  reporter = created.json().inspectors[0].id;
}, 180_000);
afterAll(async () => { await t.close(); });

type Response = Awaited<ReturnType<Client['get']>>;
/** 400 validation_failed naming `field` (and `reason` when given). */
function expectRefused(response: Response, field: string, reason?: string) {
  expect(response.statusCode, response.body).toBe(400);
  const body = response.json() as { error: { code: string; details: Array<{ field: string; reason: string }> } };
  expect(body.error.code).toBe('validation_failed');
  expect(body.error.details.map((d) => d.field), response.body).toContain(field);
  if (reason) expect(body.error.details.find((d) => d.field === field)!.reason).toBe(reason);
}

describe('impossible calendar dates answer 400 naming the field', () => {
  const IMPOSSIBLE = ['2025-02-30', '2026-02-29', '2025-13-01'];
  const checkOf = async () => ((await c.inspector!.get(`/api/v1/meetings/${signed.id}/checks`)).json() as Array<{ id: string }>)[0]!.id;
  const forwardingOf = async () => ((await c.inspector!.get(`/api/v1/meetings/${signed.id}/forwardings`)).json() as Array<{ id: string }>)[0]!.id;
  const assignmentOf = async () => ((await c.admin!.get(`/api/v1/districts/${own}/assignments`)).json() as Array<{ id: string }>)[0]!.id;
  const cases: Array<[string, (date: string) => Promise<Response>, string]> = [
    ['GET /meetings?from=', (d) => c.inspector!.get(`/api/v1/meetings?from=${d}`), 'querystring.from'],
    ['GET /meetings?to=', (d) => c.inspector!.get(`/api/v1/meetings?to=${d}`), 'querystring.to'],
    ['GET /districts/{id}/served-by?date=', (d) => c.lead!.get(`/api/v1/districts/${own}/served-by?date=${d}`), 'querystring.date'],
    ['a decision\'s dueDate', (d) => c.inspector!.send('POST', `/api/v1/meetings/${live}/decisions`, { text: 'Шешім', responsible: 'Әкім', dueDate: d }), 'body.dueDate'],
    ['an announcement\'s publishedOn', (d) => c.inspector!.send('POST', `/api/v1/meetings/${draft}/announcements`, { channel: 'mass_media', outlet: 'Газет', publishedOn: d }), 'body.publishedOn'],
    ['a source\'s sourceDate', (d) => c.inspector!.send('POST', `/api/v1/meetings/${draft}/sources`, { kind: 'mass_media', title: 'Газет', sourceDate: d }), 'body.sourceDate'],
    ['an assignment\'s from', async (d) => c.admin!.send('POST', '/api/v1/assignments', { districtId: own, staffId: reporter, role: 'assistant', from: d }), 'body.from'],
    ['an assignment\'s to', async (d) => c.admin!.send('POST', '/api/v1/assignments', { districtId: own, staffId: reporter, role: 'assistant', from: today, to: d }), 'body.to'],
    ['an assignment\'s end', async (d) => c.admin!.send('POST', `/api/v1/assignments/${await assignmentOf()}/end`, { to: d }), 'body.to'],
    ['a check\'s extension', async (d) => c.lead!.send('PATCH', `/api/v1/checks/${await checkOf()}`, { extendTo: d, reason: 'Қосымша тексеру' }), 'body.extendTo'],
    ['a check\'s answer date', async (d) => c.inspector!.send('PATCH', `/api/v1/checks/${await checkOf()}`, { result: 'Тексерілді', answerSentOn: d }), 'body.answerSentOn'],
    ['a forwarding\'s letter date', async (d) => c.inspector!.send('PATCH', `/api/v1/forwardings/${await forwardingOf()}`, { letterNumber: 'N-1', letterDate: d }), 'body.letterDate'],
    ['a forwarding\'s sending date', async (d) => c.inspector!.send('PATCH', `/api/v1/forwardings/${await forwardingOf()}`, { sentOn: d }), 'body.sentOn'],
    ['a decision carried out', (d) => c.inspector!.send('PATCH', `/api/v1/decisions/${signed.decisionIds[0]}/execution`, { doneOn: d }), 'body.doneOn'],
    ['GET /audit?from=', (d) => c.admin!.get(`/api/v1/audit?from=${d}`), 'querystring.from'],
    ['GET /audit?to=', (d) => c.admin!.get(`/api/v1/audit?to=${d}`), 'querystring.to'],
    ['a working-calendar day', (d) => c.admin!.send('PUT', '/api/v1/working-calendar?year=2025', { days: [{ date: d, kind: 'day_off' }] }), 'body.days.0.date'],
    ['GET /retention?asOf=', (d) => c.admin!.get(`/api/v1/retention?asOf=${d}`), 'querystring.asOf'],
    ['a retention removal', (d) => c.admin!.send('POST', '/api/v1/retention/removals', { asOf: d, confirm: true }), 'body.asOf'],
  ];
  for (const [label, request, field] of cases) {
    it(label, async () => {
      for (const date of IMPOSSIBLE) expectRefused(await request(date), field);
    });
  }

  it('date-times must be real instants with an offset', async () => {
    const { plan } = meetingDates(t.clock);
    for (const startsAt of ['2025-02-30T18:00:00+05:00', '2026-02-29T18:00:00Z', '2026-12-20T24:00:00+05:00', '2026-12-20T18:00:00', '0000-01-01T00:00:00Z']) {
      expectRefused(await c.inspector!.send('POST', '/api/v1/meetings', plan(own, { startsAt })), 'body.startsAt');
    }
    const arrival = await c.inspector!.send('POST', `/api/v1/meetings/${live}/participants`, {
      fullName: 'Тұрғын', address: 'Абай к-сі, 1', consent: true, consentVersion: 'pd-2026-1', arrivedAt: '2026-02-29T10:00:00+05:00',
    });
    expectRefused(arrival, 'body.arrivedAt');
    expectRefused(await c.inspector!.send('POST', `/api/v1/meetings/${draft}/transitions`, { action: 'reschedule', startsAt: '2025-02-30T18:00:00+05:00', endsAt: '2025-02-30T19:00:00+05:00' }), 'body.startsAt');
    expectRefused(await c.lead!.get('/api/v1/obligations?quarter=0000-Q1'), 'querystring.quarter');
  });

  it('a real leap day is taken', async () => {
    expect((await c.lead!.get(`/api/v1/districts/${own}/served-by?date=2028-02-29`)).statusCode).toBe(200);
    expect((await c.inspector!.get('/api/v1/meetings?from=2024-02-29&to=2024-03-01')).statusCode).toBe(200);
  });
});

describe('control characters answer 400 naming the field', () => {
  it('in search terms and filters of every list', async () => {
    for (const list of ['regions', 'units', 'points', 'atus', 'staff', 'districts', `meetings/${live}/participants`, 'meetings']) {
      expectRefused(await c.admin!.get(`/api/v1/${list}?q=%D0%90%D0%B1%D0%B0%D0%B9%00`), 'querystring.q', 'control_character');
    }
    for (const filter of ['entityType', 'entityId', 'action']) expectRefused(await c.admin!.get(`/api/v1/audit?${filter}=user%00`), `querystring.${filter}`, 'control_character');
    expectRefused(await c.inspector!.get('/api/v1/state-bodies?topic=housing%00'), 'querystring.topic');
    expectRefused(await c.inspector!.get('/api/v1/state-bodies?q=%00'), 'querystring.q');
    expectRefused(await c.inspector!.get(`/api/v1/meetings/${live}/participants/suggestions?q=%D0%90%00`), 'querystring.q');
    // Bytes that are not UTF-8 are read as U+FFFD, which is text like any other.
    expect((await c.admin!.get('/api/v1/districts?q=%ED%A0%80')).statusCode).toBe(200);
  });

  it('in text fields of bodies', async () => {
    const { plan } = meetingDates(t.clock);
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin\u0000', password: 'demo' } });
    expectRefused(anonymous, 'body.username', 'control_character');
    expectRefused(await c.admin!.send('PATCH', `/api/v1/districts/${own}`, { nameKk: '№11\u0000 учаске' }), 'body.nameKk', 'control_character');
    expectRefused(await c.inspector!.send('POST', '/api/v1/meetings', plan(own, { venueName: 'Клуб\u0000' })), 'body.venueName', 'control_character');
    expectRefused(await c.inspector!.send('POST', '/api/v1/meetings', plan(own, { initiators: ['Тұрғын\u0007'] })), 'body.initiators.0');
    expectRefused(await c.inspector!.send('POST', `/api/v1/meetings/${draft}/announcements`, { channel: 'mass_media', outlet: 'Газет\u0000', publishedOn: today }), 'body.outlet');
    expectRefused(await c.inspector!.send('POST', `/api/v1/meetings/${draft}/invitations`, { category: 'public', organisation: 'Кеңес\u0000', personName: 'Тұрғын' }), 'body.organisation');
    expectRefused(await c.inspector!.send('POST', `/api/v1/meetings/${live}/items`, { kind: 'remark', text: 'Жарық жоқ', topic: 'other\u0000' }), 'body.topic');
    expectRefused(await c.admin!.send('POST', '/api/v1/state-bodies', { code: 'NUL-1', nameKk: 'Орган', nameRu: 'Орган', topics: ['housing\u0000'] }), 'body.topics.0');
    expectRefused(await c.admin!.send('POST', '/api/v1/users', { username: 'nul.user', displayName: 'Аты\u0000', password: 'long-enough-password', role: 'national_analyst' }), 'body.displayName');
    const surrogate = await c.inspector!.send('POST', `/api/v1/meetings/${live}/participants`, '{"fullName":"\\ud800","address":"Абай к-сі","consent":true,"consentVersion":"pd-2026-1"}', { 'content-type': 'application/json' });
    expectRefused(surrogate, 'body.fullName', 'broken_unicode');
  });

  it('keeps tab and line breaks where the text has several lines, refuses them in a line', async () => {
    const item = await c.inspector!.send('POST', `/api/v1/meetings/${live}/items`, { kind: 'remark', text: 'Бірінші жол\nекінші жол\tсоңы', topic: 'other' });
    expect(item.statusCode, item.body).toBe(201);
    expect(item.json().text).toBe('Бірінші жол\nекінші жол\tсоңы');
    expectRefused(await c.inspector!.send('POST', `/api/v1/meetings/${draft}/announcements`, { channel: 'mass_media', outlet: 'Газет\nатауы', publishedOn: today }), 'body.outlet', 'control_character');
  });
});

describe('control characters in an imported spreadsheet', () => {
  const importCsv = async (csv: string) => {
    const boundary = '----esep-csv';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="regions.csv"\r\nContent-Type: text/csv\r\n\r\n`), Buffer.from(csv), Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const token = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'admin', password: 'demo' } })).json().token;
    return t.app.inject({ method: 'POST', url: '/api/v1/imports/structure?dryRun=true', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: `Bearer ${token}` } });
  };

  it('are refused row by row with their own reason', async () => {
    const response = await importCsv('code,kind,name_kk,name_ru\r\nALM\u0007X,oblast,Алматы облысы,Алматинская область\r\nALM,oblast,Алматы\u001b облысы,Алматинская область\r\n');
    expect(response.statusCode, response.body).toBe(200);
    const errors = response.json().errors as Array<{ row: number; column: string; code: string }>;
    expect(errors.filter((e) => e.code === 'control_character').map((e) => [e.row, e.column])).toEqual([[2, 'code'], [3, 'name_kk']]);
  });

  it('a file with NUL bytes is not a CSV at all (400 unsupported_file)', async () => {
    const response = await importCsv('code,kind,name_kk,name_ru\r\nALM\u0000,oblast,Алматы облысы,Алматинская область\r\n');
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.code).toBe('unsupported_file');
  });
});

describe('rich text nested thousands deep (R-30 report sections)', () => {
  const nested = (n: number) => `{"type":"doc","content":[${'{"type":"bulletList","content":['.repeat(n)}{"type":"text","text":"x"}${']}'.repeat(n)}]}`;
  const save = (content: string) => c.inspector!.send('PUT', `/api/v1/meetings/${draft}/report/sections?staffId=${reporter}&section=situation`,
    `{"content":${content},"baseVersion":0}`, { 'content-type': 'application/json' });

  it('refuses 5,000 levels with 400 too_deep instead of overflowing the stack', async () => {
    expectRefused(await save(nested(5000)), 'body.content', 'too_deep');
    expectRefused(await save(nested(20_000)), 'body.content', 'too_deep');
  });

  it('takes an ordinary nested list', async () => {
    const response = await save(nested(6));
    expect(response.statusCode, response.body).toBe(200);
  });
});

describe('a login taken at the same moment (unique violation)', () => {
  it('answers 409 conflict naming the field, not 500, when two administrators create the same username at once', async () => {
    const body = { username: 'same.time', displayName: 'Бір уақытта', password: 'long-enough-password', role: 'national_analyst' };
    const answers = await Promise.all([0, 1, 2].map(() => c.admin!.send('POST', '/api/v1/users', body)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409]);
    for (const refused of answers.filter((a) => a.statusCode === 409)) {
      expect(refused.json().error).toMatchObject({ code: 'conflict', details: [{ field: 'body.username', reason: 'taken' }] });
    }
  });

  it('refuses a staff member or territory that does not exist with 400 naming the field', async () => {
    const base = { displayName: 'Жоқ', password: 'long-enough-password' };
    expectRefused(await c.admin!.send('POST', '/api/v1/users', { ...base, username: 'no.staff', role: 'inspector', staffId: crypto.randomUUID() }), 'body.staffId', 'not_found');
    expectRefused(await c.admin!.send('POST', '/api/v1/users', { ...base, username: 'no.point', role: 'point_lead', territoryId: own }), 'body.territoryId', 'not_a_point');
    expectRefused(await c.admin!.send('POST', '/api/v1/users', { ...base, username: 'no.scope', role: 'national_analyst', territoryId: own }), 'body.territoryId');
  });
});

describe('two identical files uploaded to a source at once', () => {
  it('both succeed: one attachment, one stored file, no temporary file left behind', async () => {
    const source = await c.inspector!.send('POST', `/api/v1/meetings/${draft}/sources`, { kind: 'mass_media', title: 'Газет' });
    expect(source.statusCode, source.body).toBe(201);
    const token = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'inspector', password: 'demo' } })).json().token;
    const pdf = Buffer.from(`%PDF-1.4\n% ${crypto.randomUUID()}\n%%EOF\n`);
    const boundary = '----esep-same';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="scan.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), pdf, Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const upload = () => t.app.inject({ method: 'POST', url: `/api/v1/sources/${source.json().id}/files`, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: `Bearer ${token}` } });
    const answers = await Promise.all(Array.from({ length: 6 }, upload));
    expect(answers.map((a) => a.statusCode), answers.map((a) => a.body).join('\n')).toEqual([200, 200, 200, 200, 200, 200]);
    const files = (await c.inspector!.get(`/api/v1/meetings/${draft}/sources`)).json().find((s: { id: string }) => s.id === source.json().id).files;
    expect(files).toHaveLength(1);
    const stored = readdirSync(join(t.app.config.dataDir, 'files'));
    expect(stored.filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(stored).toContain(files[0].file);
    const download = await c.inspector!.get(`/api/v1/sources/${source.json().id}/files?name=${files[0].file}`);
    expect(download.rawPayload.equals(pdf)).toBe(true);
  });
});

describe('broken multipart bodies answer 4xx on every upload route', () => {
  it('a missing or empty boundary, a truncated body, another boundary, no body', async () => {
    const token = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'admin', password: 'demo' } })).json().token;
    const announcement = (await c.admin!.get(`/api/v1/meetings/${live}`)).json().announcements[0].id;
    const source = (await c.admin!.send('POST', `/api/v1/meetings/${draft}/sources`, { kind: 'mass_media', title: 'Газет' })).json().id;
    const urls = [
      `/api/v1/announcements/${announcement}/proof`, `/api/v1/meetings/${live}/paper-sheets`, `/api/v1/sources/${source}/files`,
      '/api/v1/imports/structure?dryRun=true', '/api/v1/statistics/import?dryRun=true', `/v/${signed.id}`,
    ];
    const part = 'Content-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\u0089PNG';
    const bodies: Array<[string, string]> = [
      ['multipart/form-data', '--x\r\n'],
      ['multipart/form-data; boundary=', '--\r\n'],
      ['multipart/form-data; boundary=x', `--x\r\n${part}`],
      ['multipart/form-data; boundary=x', `--y\r\n${part}\r\n--y--\r\n`],
      ['multipart/form-data; boundary=x', ''],
      ['multipart/mixed; boundary=x', `--x\r\n${part}\r\n--x--\r\n`],
    ];
    const answers: string[] = [];
    for (const url of urls) {
      for (const [type, payload] of bodies) {
        const response = await t.app.inject({ method: 'POST', url, payload, headers: { 'content-type': type, authorization: `Bearer ${token}` } });
        if (response.statusCode >= 500) answers.push(`${url} [${type}] ${JSON.stringify(payload).slice(0, 40)} → ${response.statusCode}`);
      }
    }
    expect(answers).toEqual([]);
    const missing = await t.app.inject({ method: 'POST', url: urls[1]!, payload: '--x\r\n', headers: { 'content-type': 'multipart/form-data', authorization: `Bearer ${token}` } });
    expectRefused(missing, 'content-type');
  });
});

// The meeting rows the cases wrote through stay as they were: every refusal above wrote nothing.
describe('nothing half-written', () => {
  it('the draft meeting keeps its plan', async () => {
    const [row] = await t.database.db.select().from(meetings).where(eq(meetings.id, draft));
    expect(row!.venueName).not.toContain('\u0000');
    const detail = (await c.inspector!.get(`/api/v1/meetings/${draft}`)).json();
    expect(detail.announcements).toEqual([]);
    expect(detail.invitations.every((i: { organisation: string }) => !i.organisation.includes('\u0000'))).toBe(true);
  });
});
