import { randomUUID } from 'node:crypto';
import {
  checks, decisionControls, forwardings, meetingDecisions, meetingDistricts, meetingInspectors, meetingItems, meetings, planningDistricts, type Db,
} from '@esep/db';
import { almatyDate } from '@esep/domain';

/*
 * Many meetings at once, written straight into the tables (not through the API): the tests of
 * the boards at scale need thousands of them in seconds. Each meeting covers one district.
 */

export interface BulkMeeting {
  districtId: string;
  /** Reporting inspector of the district (none when omitted). */
  staffId?: string | undefined;
  status: typeof meetings.$inferInsert['status'];
  startsAt: Date;
  /** Minutes; 120 by default. */
  minutes?: number;
  number?: string;
  venueName?: string | null;
  venueAddress?: string | null;
  /** R-33 records: a decision (open / done / verified), a check and a forwarding with their status. */
  decision?: { dueDate: string; state: 'open' | 'done' | 'verified' } | undefined;
  check?: { dueDate: string; status: 'open' | 'done' | 'verified' } | undefined;
  forwarding?: { dueDate: string; status: 'open' | 'done' | 'verified' } | undefined;
}

async function chunked<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += 400) await write(rows.slice(i, i + 400));
}

/** Inserts the meetings with their districts, reporters and records; returns their ids in order. */
export async function insertMeetings(db: Db, list: readonly BulkMeeting[]): Promise<string[]> {
  const { rows } = await planningDistricts(db, [...new Set(list.map((m) => m.districtId))]);
  const places = new Map(rows.map((r) => [r.id, r]));
  const ids = list.map(() => randomUUID());
  const meetingRows = list.map((m, i) => {
    const place = places.get(m.districtId)!;
    return {
      id: ids[i]!, number: m.number ?? `BULK-${ids[i]!.slice(0, 13)}`, status: m.status, setting: 'gathering' as const, format: 'indoor' as const,
      venueName: m.venueName ?? null, venueAddress: m.venueAddress ?? null,
      startsAt: m.startsAt, endsAt: new Date(m.startsAt.getTime() + (m.minutes ?? 120) * 60_000), startDate: almatyDate(m.startsAt),
      regionId: place.regionId, unitId: place.unitId, pointId: place.pointId,
    };
  });
  await chunked(meetingRows, (chunk) => db.insert(meetings).values(chunk));
  await chunked(list.map((m, i) => ({ meetingId: ids[i]!, districtId: m.districtId })), (chunk) => db.insert(meetingDistricts).values(chunk));
  const reporters = list.flatMap((m, i) => (m.staffId ? [{ meetingId: ids[i]!, districtId: m.districtId, staffId: m.staffId }] : []));
  await chunked(reporters, (chunk) => db.insert(meetingInspectors).values(chunk));

  const decisions = list.flatMap((m, i) => (m.decision ? [{ id: randomUUID(), meetingId: ids[i]!, number: 1, text: 'Жарықтандыру', responsible: 'Әкімдік', dueDate: m.decision.dueDate, state: m.decision.state }] : []));
  await chunked(decisions, (chunk) => db.insert(meetingDecisions).values(chunk.map(({ state: _, ...d }) => d)));
  const controls = decisions.filter((d) => d.state !== 'open').map((d) => ({
    decisionId: d.id, meetingId: d.meetingId, doneOn: d.dueDate, verifiedAt: d.state === 'verified' ? new Date() : null,
  }));
  await chunked(controls, (chunk) => db.insert(decisionControls).values(chunk));

  const items: Array<typeof meetingItems.$inferInsert> = [];
  const checkRows: Array<typeof checks.$inferInsert> = [];
  const forwardingRows: Array<typeof forwardings.$inferInsert> = [];
  list.forEach((m, i) => {
    if (m.check) {
      const itemId = randomUUID();
      items.push({ id: itemId, meetingId: ids[i]!, number: 1, kind: 'complaint', text: 'Көшеде жарық жоқ', topic: 'public_order', resolution: 'to_check' });
      checkRows.push({ itemId, meetingId: ids[i]!, openedOn: meetingRows[i]!.startDate, dueDate: m.check.dueDate, originalDueDate: m.check.dueDate, status: m.check.status });
    }
    if (m.forwarding) {
      const itemId = randomUUID();
      items.push({ id: itemId, meetingId: ids[i]!, number: 2, kind: 'question', text: 'Жол жөндеу', topic: 'public_order', resolution: 'to_forward' });
      forwardingRows.push({ itemId, meetingId: ids[i]!, dueDate: m.forwarding.dueDate, status: m.forwarding.status });
    }
  });
  await chunked(items, (chunk) => db.insert(meetingItems).values(chunk));
  await chunked(checkRows, (chunk) => db.insert(checks).values(chunk));
  await chunked(forwardingRows, (chunk) => db.insert(forwardings).values(chunk));
  return ids;
}
