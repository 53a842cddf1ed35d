import { meetings } from '@esep/db';
import { almatyDate, almatyDayStart } from '@esep/domain';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Client, TestApp } from './harness.ts';
import { meetingDates } from './meetings.ts';

/** What these helpers use of a client: an injected one (harness.ts) or one over HTTP (processes.ts). */
interface Sender {
  get(url: string): Promise<{ statusCode: number; body: string; json(): any }>;
  send(method: Parameters<Client['send']>[0], url: string, body?: unknown): Promise<{ statusCode: number; body: string; json(): any }>;
}

/**
 * A meeting of one district, planned, announced 10 days ahead and then moved in time (in the
 * database, as the clock would) so that it is happening now: started `startedMinutesAgo`
 * minutes ago and lasting two hours. With `held: true` the inspector also marks it held.
 * A meeting of today never starts before today's midnight in Almaty, so that signing it now is
 * on time whatever the hour the tests run at.
 */
export async function meetingInProgress(t: Pick<TestApp, 'clock' | 'database'>, inspector: Pick<Sender, 'send'>, districtId: string, options: { held?: boolean; startedMinutesAgo?: number; daysAgo?: number } = {}) {
  const { at, plan: meetingPlan, today } = meetingDates(t.clock);
  const created = await inspector.send('POST', '/api/v1/meetings', meetingPlan(districtId, { startsAt: at(40, 18), endsAt: at(40, 20) }));
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  expect((await inspector.send('POST', `/api/v1/meetings/${id}/transitions`, { action: 'schedule' })).statusCode).toBe(200);
  expect((await inspector.send('POST', `/api/v1/meetings/${id}/announcements`, { channel: 'mass_media', outlet: 'Қарасай ақшамы', publishedOn: today })).statusCode).toBeLessThan(300);
  expect((await inspector.send('POST', `/api/v1/meetings/${id}/transitions`, { action: 'announce' })).statusCode).toBe(200);
  const now = t.clock.now();
  const wanted = new Date(now.getTime() - (options.daysAgo ?? 0) * 86_400_000 - (options.startedMinutesAgo ?? 30) * 60_000);
  const todayStarted = almatyDayStart(almatyDate(now));
  const start = (options.daysAgo ?? 0) === 0 && wanted < todayStarted ? todayStarted : wanted;
  const end = new Date(start.getTime() + 2 * 3600_000);
  await t.database.db.update(meetings).set({ startsAt: start, endsAt: end, startDate: almatyDate(start) }).where(eq(meetings.id, id));
  if (options.held) expect((await inspector.send('POST', `/api/v1/meetings/${id}/transitions`, { action: 'hold' })).statusCode).toBe(200);
  return id;
}

/** District ids of the demo region by code. */
export async function districtIds(client: Pick<Sender, 'get'>): Promise<Record<string, string>> {
  const all = (await client.get('/api/v1/districts?pageSize=200')).json().items as Array<{ id: string; code: string }>;
  return Object.fromEntries(all.map((d) => [d.code, d.id]));
}
