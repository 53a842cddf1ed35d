import { outcomeDecisions, outcomeItems, outcomesDistrictByCode, signedMeetingsOf, verdictCounts, type OutcomeItemRow } from '@esep/db';
import { quarterEnd, quarterStart, type Quarter } from '@esep/domain';
import type { ServiceContext } from '../context.ts';

/*
 * Issue 13, part 5 — "you said — we did" (R-25 openness; R-31 items, R-32.4 checks, R-32.5
 * forwardings, R-33 decisions): every item raised at the district's meetings whose protocol is
 * signed, with what came of it. The item's text and the answer are shown as the signed protocol
 * records them (the protocol is the public record of what residents raised); nothing that names
 * or reaches a person is read at all (see `outcomeItems`).
 */
export interface OutcomeItem {
  id: string;
  number: number;
  kind: 'complaint' | 'proposal' | 'remark' | 'question';
  text: string;
  topic: { kk: string; ru: string; en: string };
  resolution: 'answered' | 'to_check' | 'to_forward' | null;
  answer: string | null;
  check: { dueDate: string; done: boolean; result: string | null } | null;
  forwarding: { body: { kk: string; ru: string } | null; dueDate: string; sentOn: string | null; notifiedOn: string | null; done: boolean } | null;
  verdicts: { resolved: number; notResolved: number };
}

export interface OutcomeMeeting {
  id: string;
  number: string;
  startsAt: Date;
  format: string;
  place: string | null;
  items: OutcomeItem[];
  decisions: Array<{ number: number; text: string; dueDate: string; doneOn: string | null }>;
}

export function presentOutcomeItem(r: OutcomeItemRow, counts: { resolved: number; notResolved: number } | null): OutcomeItem {
  return {
    id: r.id, number: r.number, kind: r.kind, text: r.text, topic: { kk: r.topicKk, ru: r.topicRu, en: r.topicEn },
    resolution: r.resolution, answer: r.resolution === 'answered' ? r.answer : null,
    check: r.checkDue ? { dueDate: r.checkDue, done: r.checkStatus !== 'open', result: r.checkStatus !== 'open' ? r.checkResult : null } : null,
    forwarding: r.forwardDue ? {
      body: r.bodyKk && r.bodyRu ? { kk: r.bodyKk, ru: r.bodyRu } : null, dueDate: r.forwardDue, sentOn: r.forwardSentOn,
      notifiedOn: r.forwardNotifiedOn, done: r.forwardStatus !== 'open',
    } : null,
    verdicts: { resolved: counts?.resolved ?? 0, notResolved: counts?.notResolved ?? 0 },
  };
}

/** `2026-4` → the fourth quarter of 2026; anything else → null. */
export function parseQuarter(value: unknown): Quarter | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})-([1-4])$/.exec(value);
  return m ? { year: Number(m[1]), quarter: Number(m[2]) as Quarter['quarter'] } : null;
}

/** The district's outcomes, newest meeting first; null when no district has this code. */
export async function districtOutcomes(ctx: Pick<ServiceContext, 'db'>, code: string, quarter: Quarter | null) {
  const district = await outcomesDistrictByCode(ctx.db, code);
  if (!district) return null;
  const meetings = await signedMeetingsOf(ctx.db, district.id, quarter ? { from: quarterStart(quarter), to: quarterEnd(quarter) } : undefined);
  const ids = meetings.map((m) => m.id);
  const [items, decisions] = await Promise.all([outcomeItems(ctx.db, ids), outcomeDecisions(ctx.db, ids)]);
  const counts = new Map((await verdictCounts(ctx.db, items.map((i) => i.id))).map((c) => [c.itemId, c]));
  const result: OutcomeMeeting[] = meetings.map((m) => ({
    id: m.id, number: m.number, startsAt: m.startsAt, format: m.format,
    place: [m.venueName, m.venueAddress].filter(Boolean).join(', ') || null,
    items: items.filter((i) => i.meetingId === m.id).map((i) => presentOutcomeItem(i, counts.get(i.id) ?? null)),
    decisions: decisions.filter((d) => d.meetingId === m.id).map((d) => ({ number: d.number, text: d.text, dueDate: d.dueDate, doneOn: d.doneOn })),
  }));
  return { district, meetings: result };
}
