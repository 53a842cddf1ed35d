import { announcements, invitations } from '@esep/db';
import { addDays } from '@esep/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../../test/clock.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { districtIds } from '../../test/holding.ts';
import { earlyInQuarter, meetingDates } from '../../test/meetings.ts';

/*
 * Issue 14: announcing is one step. The meeting page's next action is "announce"; one request
 * records the publication that gives notice and invites the police leadership and the
 * akimat through their Esep accounts, counted as sent — or, when anything is refused, it
 * leaves nothing behind (one transaction).
 */
const clock = new TestClock();
clock.set(earlyInQuarter(clock));
const { today, plan, at } = meetingDates(clock);

let t: TestApp;
const c: Record<string, Client> = {};
let ids: Record<string, string>;

beforeAll(async () => {
  t = await testApp({}, clock);
  for (const name of ['inspector', 'admin']) c[name] = await login(t.app, name);
  ids = await districtIds(c.admin!);
}, 120_000);
afterAll(async () => { await t.close(); });

const check = (m: { checklist: Array<{ key: string; status: string }> }, key: string) => m.checklist.find((x) => x.key === key)?.status;

describe('announcing in one step (issue 14; R-26, R-27.1)', () => {
  it('the draft\'s next action is "announce"; one request publishes, invites both and announces', async () => {
    const created = await c.inspector!.send('POST', '/api/v1/meetings', plan(ids['ALM-KAR-P2-D01'], { startsAt: at(20, 18), endsAt: at(20, 20) }));
    expect(created.statusCode, created.body).toBe(201);
    const draft = created.json();
    expect(draft.tasks.next).toMatchObject({ action: 'announce', step: 'announce' });
    expect(draft.tasks.steps.find((s: { key: string }) => s.key === 'announce')).toMatchObject({ status: 'current' });

    const announced = await c.inspector!.send('POST', `/api/v1/meetings/${draft.id}/transitions`, {
      action: 'announce', publication: { channel: 'social_network', outlet: 'Instagram @karasai_police', publishedOn: today }, inviteRequired: true,
    });
    expect(announced.statusCode, announced.body).toBe(200);
    const meeting = announced.json();
    expect(meeting.status).toBe('announced');
    expect(check(meeting, 'notice')).toBe('met');
    expect(check(meeting, 'invited_police_leadership')).toBe('met');
    expect(check(meeting, 'invited_akimat')).toBe('met');
    const invited = meeting.invitations.filter((i: { required: boolean }) => i.required);
    expect(invited.map((i: { category: string; status: string }) => [i.category, i.status]).sort()).toEqual([['akimat', 'sent'], ['police_leadership', 'sent']]);
    expect(meeting.tasks.steps.find((s: { key: string }) => s.key === 'invite')).toMatchObject({ status: 'done' });
    // Far from its day, nothing offers "held"; the next step says from when.
    expect(meeting.tasks.next.action).not.toBe('hold');

    // Asking again invites nobody twice.
    const rows = await t.database.db.select().from(invitations).where(eq(invitations.meetingId, draft.id));
    expect(rows).toHaveLength(2);
  });

  it('a refusal leaves nothing: no publication, no invitation, the status as it was', async () => {
    // A joint meeting with a colleague's adjacent district: until he agrees, no announcement.
    const created = await c.inspector!.send('POST', '/api/v1/meetings', plan(ids['ALM-KAR-P2-D01'], {
      districtIds: [ids['ALM-KAR-P2-D01'], ids['ALM-KAR-P2-D02']], startsAt: at(22, 18), endsAt: at(22, 20),
    }));
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const refused = await c.inspector!.send('POST', `/api/v1/meetings/${id}/transitions`, {
      action: 'announce', publication: { channel: 'mass_media', outlet: '«Қарасай» газеті', publishedOn: today }, inviteRequired: true,
    });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().error.details).toMatchObject({ reason: 'agreement_missing', rule: 'R-27.4' });
    expect(await t.database.db.select().from(announcements).where(eq(announcements.meetingId, id))).toHaveLength(0);
    expect(await t.database.db.select().from(invitations).where(eq(invitations.meetingId, id))).toHaveLength(0);
    expect((await c.inspector!.get(`/api/v1/meetings/${id}`)).json().status).toBe('draft');
  });

  it('a publication dated tomorrow is refused on its field (R-27.1)', async () => {
    const created = await c.inspector!.send('POST', '/api/v1/meetings', plan(ids['ALM-KAR-P2-D01'], { startsAt: at(24, 18), endsAt: at(24, 20) }));
    const id = created.json().id as string;
    const refused = await c.inspector!.send('POST', `/api/v1/meetings/${id}/transitions`, {
      action: 'announce', publication: { channel: 'mass_media', outlet: '«Қарасай» газеті', publishedOn: addDays(today, 1) },
    });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().error.details).toMatchObject({ reason: 'publication_in_future', rule: 'R-27.1', field: 'publishedOn' });
    expect((await c.inspector!.get(`/api/v1/meetings/${id}`)).json().status).toBe('draft');
  });
});
