import { addDays, quarterKey, quarterOf, quarterStart } from '@esep/domain';
import { expect } from 'vitest';
import type { TestClock } from './clock.ts';
import type { Client } from './harness.ts';
import { earlyInQuarter, meetingDates } from './meetings.ts';

/*
 * Issue 15: what the analytics tests share — a clock early in a quarter with this quarter (Q) and
 * the previous one (P), and the districts their hand-counted data sets use: A and B of the point
 * lead's point, C of another point of the same unit, each with its inspector.
 */

/** Sets the clock early in a quarter; the quarters as the API names them. */
export function analyticsQuarters(clock: TestClock) {
  clock.set(earlyInQuarter(clock));
  const { today } = meetingDates(clock);
  const current = quarterOf(today);
  const previous = quarterOf(addDays(quarterStart(current), -1));
  return { today, current, previous, Q: quarterKey(current), P: quarterKey(previous) };
}

export type District = { id: string; code: string; point: { id: string }; unit: { id: string }; region?: { id: string }; inspector: { id: string } | null };

/** Districts A and B of the lead's point and C of another point of the unit, each with an inspector. */
export async function analyticsDistricts(admin: Client, lead: Client) {
  const all: District[] = (await admin.get('/api/v1/districts?pageSize=200')).json().items;
  const pointId = lead.user.territoryId!;
  const mine = all.filter((d) => d.point.id === pointId && d.inspector);
  expect(mine.length).toBeGreaterThanOrEqual(2);
  const [A, B] = [mine[0]!, mine[1]!];
  const C = all.find((d) => d.unit.id === A.unit.id && d.point.id !== pointId && d.inspector)!;
  expect(C).toBeDefined();
  return { all, A, B, C };
}

/** A meeting's start on a day: 13:00 in Almaty. */
export const instant = (date: string) => new Date(`${date}T08:00:00Z`);
