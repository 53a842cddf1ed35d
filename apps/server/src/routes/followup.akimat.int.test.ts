import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedMeeting } from '../../test/followup.ts';
import { districtIds } from '../../test/holding.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { earlyInQuarter } from '../../test/meetings.ts';

/*
 * Issue 14: the akimat opening a signed meeting of its territory read "Не найдено" in the
 * follow-up section — 404 on the meeting's checks and forwardings, though an item was forwarded
 * to it. The policy now says what the akimat reads of the follow-up: the checks, forwardings and
 * decisions' execution of meetings in its territory (as it reads the meeting and its protocol),
 * without the initiator's personal data; and, wherever the meeting was held, the
 * forwardings sent to its own bodies with their letters. It changes nothing.
 *
 * And R-32.5's competence: an item under the topic "other" (street lighting) forwarded to the
 * akimat asks for no justification; a wrong body for a clear topic still does.
 */
let t: TestApp;
const c: Record<string, Client> = {};
let ids: Record<string, string>;
/** In the akimat's territory (Шамалған rural district): ALM-KAR-P2-D01. */
let inside: { id: string };
/** Outside it (Talgar): ALM-TAL-P1-D01, one item of which is forwarded to the Шамалған akim's office anyway. */
let outside: { id: string };

type Row = Record<string, unknown> & { id: string; itemText: string; abilities: Record<string, boolean> };
const LIGHTING = 'Абай көшесінде түнде көше шамдары жанбайды';
const PIPE = 'Жаһан көшесіндегі су құбыры жарылған';

beforeAll(async () => {
  t = await testApp();
  t.clock.set(earlyInQuarter(t.clock));
  for (const name of ['admin', 'inspector', 'inspector2', 'analyst', 'akimat']) c[name] = await login(t.app, name);
  ids = await districtIds(c.admin!);
  inside = await signedMeeting(t, c.inspector!, ids['ALM-KAR-P2-D01']!, [
    { resolution: 'to_check', person: 'Серікбаев Ерлан Маратұлы', topic: 'public_order' },
    { resolution: 'to_forward', person: 'Жұмабекова Гүлнұр Серікқызы', topic: 'other', text: LIGHTING },
    { resolution: 'to_forward', person: 'Оспанов Бақыт Ерікұлы', topic: 'housing', text: PIPE },
  ], 1);
  outside = await signedMeeting(t, c.inspector2!, ids['ALM-TAL-P1-D01']!, [
    { resolution: 'to_check', topic: 'public_order' },
    { resolution: 'to_forward', topic: 'other', text: LIGHTING },
    { resolution: 'to_forward', topic: 'housing', text: PIPE },
  ]);
  expect((await c.inspector!.send('POST', `/api/v1/meetings/${inside.id}/follow-ups`)).json()).toEqual({ checks: 1, forwardings: 2 });
  expect((await c.inspector2!.send('POST', `/api/v1/meetings/${outside.id}/follow-ups`)).json()).toEqual({ checks: 1, forwardings: 2 });
}, 180_000);
afterAll(async () => { t.clock.release(); await t.close(); });

const list = async (client: Client, path: string) => {
  const response = await client.get(path);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Row[];
};
const bodyId = async (code: string) => ((await c.inspector!.get('/api/v1/state-bodies')).json() as Array<{ id: string; code: string }>).find((b) => b.code === code)!.id;
const forwardingOf = async (client: Client, meetingId: string, text: string) => (await list(client, `/api/v1/meetings/${meetingId}/forwardings`)).find((f) => f.itemText === text)!;

describe('R-32.5: a forwarding under the topic "other" (issue 14, finding 10)', () => {
  it('street lighting sent to the akim\'s office needs no justification; the body is neither confirmed nor questioned', async () => {
    const akim = await bodyId('KAR-SHA-AKIM');
    const suggestions = (await c.inspector!.get(`/api/v1/state-bodies?topic=other&districtId=${ids['ALM-KAR-P2-D01']}`)).json() as Array<{ code: string; competent: boolean | null }>;
    expect(suggestions.find((b) => b.code === 'KAR-SHA-AKIM')!.competent).toBeNull();
    expect(suggestions.find((b) => b.code === 'ALM-HEALTH')!.competent).toBe(true);
    expect(suggestions.filter((b) => b.competent === false)).toEqual([]);
    const lighting = await forwardingOf(c.inspector!, inside.id, LIGHTING);
    const chosen = await c.inspector!.send('PATCH', `/api/v1/forwardings/${lighting.id}`, { bodyId: akim });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json()).toMatchObject({ bodyId: akim, competent: null, competenceReason: null, missing: ['sent', 'initiator_notice'] });
  });

  it('a wrong body for a clear topic still asks for the reason', async () => {
    const pipe = await forwardingOf(c.inspector!, inside.id, PIPE);
    const refused = await c.inspector!.send('PATCH', `/api/v1/forwardings/${pipe.id}`, { bodyId: await bodyId('KAR-EDUCATION') });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details).toMatchObject({ reason: 'competence_reason_required', rule: 'R-32.5', field: 'competenceReason' });
    // The district's housing department is the right one: no reason.
    const chosen = await c.inspector!.send('PATCH', `/api/v1/forwardings/${pipe.id}`, { bodyId: await bodyId('KAR-HOUSING') });
    expect(chosen.json()).toMatchObject({ competent: true, competenceReason: null });
  });
});

describe('the akimat reads the follow-up of a meeting in its territory (issue 14, finding 2)', () => {
  it('reads the checks, the forwardings and the decisions\' execution — no 404', async () => {
    expect((await c.akimat!.get(`/api/v1/meetings/${inside.id}`)).statusCode).toBe(200);
    const checks = await list(c.akimat!, `/api/v1/meetings/${inside.id}/checks`);
    expect(checks).toHaveLength(1);
    const forwardings = await list(c.akimat!, `/api/v1/meetings/${inside.id}/forwardings`);
    expect(forwardings.map((f) => f.itemText).sort()).toEqual([LIGHTING, PIPE].sort());
    expect(await list(c.akimat!, `/api/v1/meetings/${inside.id}/decisions/execution`)).toHaveLength(1);
  });

  it('does not see the initiator\'s personal data (R-32.2)', async () => {
    const check = (await list(c.inspector!, `/api/v1/meetings/${inside.id}/checks`))[0]!;
    const done = await c.inspector!.send('PATCH', `/api/v1/checks/${check.id}`, {
      result: 'Тексерілді', answerText: 'Құрметті Серікбаев Ерлан Маратұлы! Патрульдеу күшейтілді.', answerSentOn: earlyInQuarter(t.clock).slice(0, 10), answerChannel: 'sms',
    });
    expect(done.statusCode, done.body).toBe(200);
    const forAkimat = await c.akimat!.get(`/api/v1/meetings/${inside.id}/checks`);
    expect(forAkimat.json()[0]).toMatchObject({ status: 'done', result: 'Тексерілді', answerText: null });
    expect(forAkimat.body).not.toContain('Серікбаев');
    const forwardings = await c.akimat!.get(`/api/v1/meetings/${inside.id}/forwardings`);
    for (const f of forwardings.json() as Row[]) expect(f).toMatchObject({ noticeDraft: null, initiatorNoticeText: null });
    expect(forwardings.body).not.toContain('Жұмабекова');
    // Those who hold the meeting still read it all.
    expect((await list(c.inspector!, `/api/v1/meetings/${inside.id}/checks`))[0]!.answerText).toContain('Серікбаев');
  });

  it('downloads the letter sent to its own office, not the one to the district department', async () => {
    const lighting = await forwardingOf(c.akimat!, inside.id, LIGHTING);
    const pipe = await forwardingOf(c.akimat!, inside.id, PIPE);
    expect(lighting.abilities).toMatchObject({ read: true, export: true, update: false });
    expect(pipe.abilities).toMatchObject({ read: true, export: false, update: false });
    expect((await c.akimat!.get(`/api/v1/forwardings/${lighting.id}/letter.pdf?lang=ru`)).statusCode).toBe(200);
    expect((await c.akimat!.get(`/api/v1/forwardings/${pipe.id}/letter.pdf?lang=ru`)).statusCode).toBe(403);
    expect((await forwardingOf(c.inspector!, inside.id, PIPE)).abilities).toMatchObject({ read: true, export: true, update: true });
  });

  it('changes nothing: checks, forwardings and decisions are the police\'s (403)', async () => {
    const check = (await list(c.akimat!, `/api/v1/meetings/${inside.id}/checks`))[0]!;
    const lighting = await forwardingOf(c.akimat!, inside.id, LIGHTING);
    expect((await c.akimat!.send('PATCH', `/api/v1/checks/${check.id}`, { result: 'x' })).statusCode).toBe(403);
    expect((await c.akimat!.send('PATCH', `/api/v1/forwardings/${lighting.id}`, { letterNumber: '1', letterDate: '2026-01-01', sentOn: '2026-01-01' })).statusCode).toBe(403);
    expect((await c.akimat!.send('POST', `/api/v1/meetings/${inside.id}/follow-ups`)).statusCode).toBe(403);
  });
});

describe('the akimat and a meeting outside its territory', () => {
  it('before anything is sent to its bodies, the meeting\'s follow-up stays undisclosed (404)', async () => {
    expect((await c.akimat!.get(`/api/v1/meetings/${outside.id}`)).statusCode).toBe(404);
    expect((await c.akimat!.get(`/api/v1/meetings/${outside.id}/checks`)).statusCode).toBe(404);
    expect((await c.akimat!.get(`/api/v1/meetings/${outside.id}/forwardings`)).statusCode).toBe(404);
  });

  it('reads only the forwarding sent to its own office, and that letter; changes nothing', async () => {
    const lighting = await forwardingOf(c.inspector2!, outside.id, LIGHTING);
    const pipe = await forwardingOf(c.inspector2!, outside.id, PIPE);
    expect((await c.inspector2!.send('PATCH', `/api/v1/forwardings/${lighting.id}`, { bodyId: await bodyId('KAR-SHA-AKIM') })).statusCode).toBe(200);
    expect((await c.inspector2!.send('PATCH', `/api/v1/forwardings/${pipe.id}`, { bodyId: await bodyId('TAL-HOUSING') })).statusCode).toBe(200);

    expect((await c.akimat!.get(`/api/v1/meetings/${outside.id}`)).statusCode).toBe(404);
    expect((await c.akimat!.get(`/api/v1/meetings/${outside.id}/checks`)).statusCode).toBe(404);
    const forwardings = await list(c.akimat!, `/api/v1/meetings/${outside.id}/forwardings`);
    expect(forwardings.map((f) => f.id)).toEqual([lighting.id]);
    expect(forwardings[0]!.abilities).toMatchObject({ read: true, export: true, update: false });
    expect((await c.akimat!.get(`/api/v1/forwardings/${lighting.id}/letter.docx?lang=kk`)).statusCode).toBe(200);
    expect((await c.akimat!.get(`/api/v1/forwardings/${pipe.id}/letter.docx?lang=kk`)).statusCode).toBe(404);
    expect((await c.akimat!.send('PATCH', `/api/v1/forwardings/${lighting.id}`, { letterNumber: '1', letterDate: '2026-01-01', sentOn: '2026-01-01' })).statusCode).toBe(403);
  });
});
