import { checks, meetingEvents, meetings } from '@esep/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedMeeting } from '../../test/followup.ts';
import { districtIds } from '../../test/holding.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { today } from '../../test/meetings.ts';

/*
 * the point lead's control board — per signed protocol its decisions, checks and
 * forwardings, overdue first — his verification, and the meeting closing when all are verified.
 */
let t: TestApp;
const c: Record<string, Client> = {};
let ids: Record<string, string>;
let own: { id: string; itemIds: string[]; decisionIds: string[] };
let talgar: { id: string; itemIds: string[]; decisionIds: string[] };

type Entry = { kind: string; id: string; status: string; overdue: boolean; dueDate: string; reference: string };
type BoardMeeting = { meetingId: string; entries: Entry[]; overdue: number; total: number; verified: number };

beforeAll(async () => {
  t = await testApp();
  for (const name of ['admin', 'inspector', 'inspector2', 'lead', 'chief', 'regional', 'assistant']) c[name] = await login(t.app, name);
  ids = await districtIds(c.admin!);
  own = await signedMeeting(t, c.inspector!, ids['ALM-KAR-P2-D01']!, [
    { resolution: 'to_check', topic: 'public_order' },
    { resolution: 'to_check', topic: 'public_order' },
    { resolution: 'to_forward', topic: 'road_safety' },
  ], 1);
  talgar = await signedMeeting(t, c.inspector2!, ids['ALM-TAL-P1-D01']!, [{ resolution: 'to_check' }]);
  for (const m of [own, talgar]) expect((await c.admin!.send('POST', `/api/v1/meetings/${m.id}/follow-ups`)).statusCode).toBe(200);
  // The second check of the own meeting is past its due date.
  const rows = await t.database.db.select().from(checks).where(eq(checks.meetingId, own.id));
  const late = rows.find((r) => r.itemId === own.itemIds[1])!;
  await t.database.db.update(checks).set({ dueDate: '2026-01-15' }).where(eq(checks.id, late.id));
  // The lead of another point of the same unit.
  const point = (await c.admin!.get('/api/v1/points?q=ALM-KAR-P1&pageSize=50')).json().items.find((p: { code: string }) => p.code === 'ALM-KAR-P1');
  const created = await c.admin!.send('POST', '/api/v1/users', { username: 'lead-p1', displayName: 'Жанұзақов Берік', password: 'long-enough-password', role: 'point_lead', territoryId: point.id });
  expect(created.statusCode, created.body).toBe(201);
  c.otherLead = await login(t.app, 'lead-p1', 'long-enough-password');
}, 180_000);
afterAll(async () => { await t.close(); });

const board = async (client: Client, query = '') => {
  const response = await client.get(`/api/v1/control${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().meetings as BoardMeeting[];
};
const entriesOf = async (client: Client, meetingId: string, query = '') => (await board(client, query)).find((m) => m.meetingId === meetingId)?.entries;
const verify = (client: Client, kind: string, id: string) => client.send('POST', '/api/v1/control/verify', { kind, id });

describe('the control board (R-33)', () => {
  it('shows the point lead his point\'s protocols, each decision, check and forwarding, overdue first', async () => {
    const meetingsOfLead = await board(c.lead!);
    expect(meetingsOfLead.map((m) => m.meetingId)).toContain(own.id);
    expect(meetingsOfLead.map((m) => m.meetingId)).not.toContain(talgar.id);
    const entries = (await entriesOf(c.lead!, own.id))!;
    expect(entries.map((e) => e.kind).sort()).toEqual(['check', 'check', 'decision', 'forwarding']);
    expect(entries[0]).toMatchObject({ kind: 'check', overdue: true, dueDate: '2026-01-15', status: 'open' });
    expect(entries.slice(1).every((e) => !e.overdue)).toBe(true);
    const dues = entries.slice(1).map((e) => e.dueDate);
    expect(dues).toEqual([...dues].sort());
    expect(meetingsOfLead[0]!.overdue).toBeGreaterThan(0);
    // Filters: overdue only, by inspector, by district.
    expect((await entriesOf(c.lead!, own.id, '?overdue=true'))!.map((e) => e.dueDate)).toEqual(['2026-01-15']);
    expect(await entriesOf(c.lead!, own.id, `?staffId=${c.inspector2!.user.staffId}`)).toBeUndefined();
    expect(await entriesOf(c.lead!, own.id, `?districtId=${ids['ALM-KAR-P2-D01']}`)).toEqual(entries);
  });

  it('unit and regional heads see their whole territory; inspectors have no board', async () => {
    expect((await board(c.chief!)).map((m) => m.meetingId)).toContain(own.id);
    expect((await board(c.chief!)).map((m) => m.meetingId)).not.toContain(talgar.id);
    expect((await board(c.regional!)).map((m) => m.meetingId)).toEqual(expect.arrayContaining([own.id, talgar.id]));
    expect((await board(c.otherLead!)).map((m) => m.meetingId)).not.toContain(own.id);
    expect((await c.inspector!.get('/api/v1/control')).statusCode).toBe(403);
  });
});

describe('verification (R-33)', () => {
  it('refuses what is not carried out yet (409: the state must change first); outside the territory 404; an inspector may not verify (403)', async () => {
    const [check] = (await entriesOf(c.lead!, own.id))!.filter((e) => e.kind === 'check' && !e.overdue);
    const notDone = await verify(c.lead!, 'check', check!.id);
    expect(notDone.statusCode).toBe(409);
    expect(notDone.json().error.details).toMatchObject({ reason: 'not_done', rule: 'R-33' });
    expect((await verify(c.otherLead!, 'check', check!.id)).statusCode).toBe(404);
    expect((await verify(c.inspector!, 'check', check!.id)).statusCode).toBe(403);
    expect((await verify(c.inspector2!, 'check', check!.id)).statusCode).toBe(403);
    expect((await verify(c.lead!, 'check', '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const decision = (await entriesOf(c.lead!, own.id))!.find((e) => e.kind === 'decision')!;
    expect((await verify(c.lead!, 'decision', decision.id)).statusCode).toBe(409);
    const forwarding = (await entriesOf(c.lead!, own.id))!.find((e) => e.kind === 'forwarding')!;
    const incomplete = await verify(c.lead!, 'forwarding', forwarding.id);
    expect(incomplete.statusCode).toBe(409);
    expect(incomplete.json().error.details.reason).toBe('not_complete');
  });

  it('verifies a done check; it then cannot be changed', async () => {
    const [check] = (await entriesOf(c.lead!, own.id))!.filter((e) => e.kind === 'check' && !e.overdue);
    expect((await c.inspector!.send('PATCH', `/api/v1/checks/${check!.id}`, { result: 'Тексерілді' })).statusCode).toBe(200);
    const ok = await verify(c.lead!, 'check', check!.id);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ kind: 'check', id: check!.id, status: 'verified', meetingClosed: false });
    expect((await verify(c.lead!, 'check', check!.id)).json().verifiedAt).toBe(ok.json().verifiedAt);
    const entry = (await entriesOf(c.lead!, own.id))!.find((e) => e.id === check!.id)!;
    expect(entry.status).toBe('verified');
    expect((await c.inspector!.send('PATCH', `/api/v1/checks/${check!.id}`, { result: 'Басқа' })).statusCode).toBe(409);
  });

  it('closes the meeting when every decision, check and forwarding is verified', async () => {
    const entries = (await entriesOf(c.lead!, own.id))!;
    const decision = entries.find((e) => e.kind === 'decision')!;
    const late = entries.find((e) => e.kind === 'check' && e.overdue)!;
    const forwarding = entries.find((e) => e.kind === 'forwarding')!;
    // Those who hold the meeting mark the decision carried out (not in the future, not before the meeting).
    expect((await c.assistant!.send('PATCH', `/api/v1/decisions/${decision.id}/execution`, { doneOn: '2099-01-01' })).statusCode).toBe(422);
    expect((await c.assistant!.send('PATCH', `/api/v1/decisions/${decision.id}/execution`, { doneOn: '2020-01-01' })).statusCode).toBe(422);
    const executed = await c.assistant!.send('PATCH', `/api/v1/decisions/${decision.id}/execution`, { doneOn: today, note: 'Шам орнатылды' });
    expect(executed.statusCode, executed.body).toBe(200);
    expect(executed.json()).toMatchObject({ decisionId: decision.id, doneOn: today, note: 'Шам орнатылды', verifiedAt: null });
    expect((await verify(c.lead!, 'decision', decision.id)).json().meetingClosed).toBe(false);
    expect((await c.assistant!.send('PATCH', `/api/v1/decisions/${decision.id}/execution`, { doneOn: today })).statusCode).toBe(409);

    expect((await c.inspector!.send('PATCH', `/api/v1/checks/${late.id}`, { result: 'Тексерілді, кешігіп' })).statusCode).toBe(200);
    expect((await verify(c.chief!, 'check', late.id)).json().meetingClosed).toBe(false);

    const bodies = (await c.inspector!.get('/api/v1/state-bodies?topic=road_safety')).json() as Array<{ id: string; competent: boolean }>;
    const sent = await c.inspector!.send('PATCH', `/api/v1/forwardings/${forwarding.id}`, { bodyId: bodies[0]!.id, letterNumber: '7/1', letterDate: today, sentOn: today });
    expect(sent.json()).toMatchObject({ complete: true });
    const last = await verify(c.lead!, 'forwarding', forwarding.id);
    expect(last.statusCode, last.body).toBe(200);
    expect(last.json().meetingClosed).toBe(true);

    const [row] = await t.database.db.select().from(meetings).where(eq(meetings.id, own.id));
    expect(row!.status).toBe('closed');
    const events = await t.database.db.select().from(meetingEvents).where(eq(meetingEvents.meetingId, own.id));
    expect(events.at(-1)).toMatchObject({ action: 'close', fromStatus: 'protocol_signed', toStatus: 'closed' });
    // Executed protocols leave the board and show in its history.
    expect((await board(c.lead!)).map((m) => m.meetingId)).not.toContain(own.id);
    const history = (await board(c.lead!, '?status=closed')).find((m) => m.meetingId === own.id)!;
    expect(history).toMatchObject({ total: 4, verified: 4, overdue: 0 });
    expect((await verify(c.lead!, 'check', late.id)).statusCode).toBe(409);
  });
});
