import { users } from '@esep/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedMeeting } from '../../test/followup.ts';
import { districtIds } from '../../test/holding.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { today } from '../../test/meetings.ts';

/*
 * R-33: what is recorded of the decisions' execution is read back by everyone who reads the
 * meeting's follow-up (the inspector who marked it, not only the point lead on his board), with
 * the point lead's verification and his name; outside the territory the meeting is not disclosed.
 */
let t: TestApp;
const c: Record<string, Client> = {};
let meeting: { id: string; itemIds: string[]; decisionIds: string[] };

type Execution = { decisionId: string; meetingId: string; doneOn: string | null; note: string | null; verifiedAt: string | null; verifiedByName: string | null };

beforeAll(async () => {
  t = await testApp();
  for (const name of ['admin', 'inspector', 'inspector2', 'lead', 'analyst', 'akimat']) c[name] = await login(t.app, name);
  const ids = await districtIds(c.admin!);
  meeting = await signedMeeting(t, c.inspector!, ids['ALM-KAR-P2-D01']!, [{ resolution: 'answered' }], 2);
}, 180_000);
afterAll(async () => { await t.close(); });

const read = async (client: Client, meetingId = meeting.id) => {
  const response = await client.get(`/api/v1/meetings/${meetingId}/decisions/execution`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Execution[];
};

describe('reading the decisions\' execution (R-33)', () => {
  it('lists every decision of the meeting, nothing recorded yet', async () => {
    const list = await read(c.inspector!);
    expect(list.map((e) => e.decisionId)).toEqual(meeting.decisionIds);
    for (const e of list) expect(e).toEqual({ decisionId: e.decisionId, meetingId: meeting.id, doneOn: null, note: null, verifiedAt: null, verifiedByName: null });
  });

  it('the inspector records an execution and reads it back after a reload', async () => {
    const [first, second] = meeting.decisionIds;
    const marked = await c.inspector!.send('PATCH', `/api/v1/decisions/${first}/execution`, { doneOn: today, note: 'Шам орнатылды' });
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json()).toEqual({ decisionId: first, meetingId: meeting.id, doneOn: today, note: 'Шам орнатылды', verifiedAt: null, verifiedByName: null });
    const list = await read(c.inspector!);
    expect(list.find((e) => e.decisionId === first)).toMatchObject({ doneOn: today, note: 'Шам орнатылды', verifiedAt: null, verifiedByName: null });
    expect(list.find((e) => e.decisionId === second)).toMatchObject({ doneOn: null, note: null });
  });

  it('shows the point lead\'s verification and his name to the inspector', async () => {
    const [first] = meeting.decisionIds;
    const verified = await c.lead!.send('POST', '/api/v1/control/verify', { kind: 'decision', id: first });
    expect(verified.statusCode, verified.body).toBe(200);
    const [lead] = await t.database.db.select({ displayName: users.displayName }).from(users).where(eq(users.id, c.lead!.user.id));
    const e = (await read(c.inspector!)).find((x) => x.decisionId === first)!;
    expect(e.verifiedAt).toBe(verified.json().verifiedAt);
    expect(e.verifiedByName).toBe(lead!.displayName);
    // The same for those who read everything.
    expect((await read(c.analyst!)).find((x) => x.decisionId === first)).toEqual(e);
  });

  it('another territory gets 404, so does an unknown meeting; the akimat of the territory reads it (issue 14)', async () => {
    expect((await c.inspector2!.get(`/api/v1/meetings/${meeting.id}/decisions/execution`)).statusCode).toBe(404);
    expect((await c.akimat!.get(`/api/v1/meetings/${meeting.id}/decisions/execution`)).statusCode).toBe(200);
    expect((await c.inspector!.get(`/api/v1/meetings/${crypto.randomUUID()}/decisions/execution`)).statusCode).toBe(404);
  });
});
