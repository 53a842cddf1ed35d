import { afterAll, beforeAll, expect, it } from 'vitest';
import { login, testApp, type TestApp } from '../../test/harness.ts';
import { seedDemoMeetings } from './demo.meetings.ts';

let t: TestApp;
beforeAll(async () => { t = await testApp(); }, 120_000);
afterAll(async () => { await t.close(); });

it('the demo has a meeting held last quarter and one in progress now, in the inspector\'s district', async () => {
  await seedDemoMeetings(t.database.db, t.clock);
  const inspector = await login(t.app, 'inspector');
  const list = (await inspector.get('/api/v1/meetings?pageSize=50')).json().items as Array<{ id: string; status: string; startsAt: string }>;
  const held = list.find((m) => m.status === 'held')!;
  const live = list.find((m) => m.status === 'announced' && Date.parse(m.startsAt) < Date.now())!;
  expect(held).toBeDefined();
  expect(live).toBeDefined();
  const heldDetail = (await inspector.get(`/api/v1/meetings/${held.id}`)).json();
  expect(heldDetail.participantCount).toBe(12);
  expect(heldDetail.holding).toMatchObject({ items: 4, unclassified: 0, decisions: 2, awards: 1 });
  const status = (key: string) => heldDetail.checklist.find((c: { key: string }) => c.key === key)?.status;
  expect(status('registration')).toBe('met');
  expect(status('items_classified')).toBe('met');
  expect(status('attended_police_leadership')).toBe('met');
  expect(status('notice')).toBe('met');
  // the meeting now carries the two items not yet settled, and all four of the latest one.
  const liveDetail = (await inspector.get(`/api/v1/meetings/${live.id}`)).json();
  expect(liveDetail.holding.carried).toBe(4);
  expect(liveDetail.checklist.find((c: { key: string }) => c.key === 'carry_over').status).toBe('pending');
});
