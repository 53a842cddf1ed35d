import { addDays } from '../time/almaty.ts';
import { countsForQuarter, type LateEntryStatus } from './late-entry.ts';
import type { MeetingStatus } from './meeting.lifecycle.ts';
import { noticeDeadline, NOTICE_DAYS } from './notice.rule.ts';
import { containsDate, daysBetween, quarterEnd, quarterStart, type Quarter } from './quarter.ts';

/**
 * R-22.13: each district is reported on at least once per calendar quarter.
 *
 * Status of a district for a quarter:
 * - `met`       a meeting covering it was held in the quarter and its protocol signed;
 * - `held`      held in the quarter, protocol not signed yet;
 * - `scheduled` a meeting is planned in the quarter and its notice is given or still possible;
 * - `at_risk`   nothing planned and fewer than N days remain in which a compliant meeting
 *               (≥ 10 days' notice, R-27.1) can still be announced;
 * - `open`      nothing planned yet, with more time than that;
 * - `missed`    the quarter is over, or no compliant meeting fits in it any more.
 *
 * Responsibility (documented choice for mid-quarter assignments): the inspector assigned to the
 * district on the quarter's last day — or today, while the quarter runs — answers for the
 * district's quarter. A meeting held by his predecessor in the same quarter still counts for the
 * district. A joint meeting counts for every district it covers and every inspector reporting.
 * A meeting entered after the fact counts once the point lead confirmed it (`countsForQuarter`).
 */
export const OBLIGATION_STATUSES = ['met', 'held', 'scheduled', 'at_risk', 'open', 'missed'] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

export interface MeetingForObligation {
  id: string;
  status: MeetingStatus;
  startDate: string;
  districtIds: readonly string[];
  reportingStaffIds: readonly string[];
  noticeGiven: boolean;
  /** Set when the meeting was entered after the fact: it counts once confirmed (late-entry.ts). */
  lateEntry?: LateEntryStatus | null;
}

export interface DistrictObligation {
  status: ObligationStatus;
  meetingIds: string[];
  /** Calendar days left to publish a notice for a compliant meeting in this quarter (≥ 0), or null when not relevant. */
  daysToAnnounce: number | null;
}

/** The last day on which a notice can be published for a meeting still inside the quarter. */
export function lastAnnounceDate(q: Quarter): string {
  return addDays(quarterEnd(q), -NOTICE_DAYS);
}

export function districtObligation(q: Quarter, today: string, atRiskDays: number, districtId: string, meetings: readonly MeetingForObligation[]): DistrictObligation {
  const mine = meetings.filter((m) => m.districtIds.includes(districtId) && containsDate(q, m.startDate) && countsForQuarter(m.lateEntry));
  const ids = (status: readonly MeetingStatus[]) => mine.filter((m) => status.includes(m.status)).map((m) => m.id);
  const signed = ids(['protocol_signed', 'closed']);
  if (signed.length) return { status: 'met', meetingIds: signed, daysToAnnounce: null };
  const held = ids(['held']);
  if (held.length) return { status: 'held', meetingIds: held, daysToAnnounce: null };
  const ended = today > quarterEnd(q);
  const planned = mine.filter((m) => ['scheduled', 'announced', 'postponed'].includes(m.status)
    && m.startDate >= today && (m.noticeGiven || noticeDeadline(m.startDate) >= today));
  if (!ended && planned.length) return { status: 'scheduled', meetingIds: planned.map((m) => m.id), daysToAnnounce: null };
  const daysToAnnounce = daysBetween(today < quarterStart(q) ? quarterStart(q) : today, lastAnnounceDate(q));
  if (ended || daysToAnnounce < 0) return { status: 'missed', meetingIds: [], daysToAnnounce: null };
  if (today < quarterStart(q)) return { status: 'open', meetingIds: [], daysToAnnounce };
  return { status: daysToAnnounce < atRiskDays ? 'at_risk' : 'open', meetingIds: [], daysToAnnounce };
}

/** How bad a status is, met (0) to missed (5): an inspector's status is his worst district's; boards sort by it. */
export const OBLIGATION_SEVERITY: Record<ObligationStatus, number> = { missed: 5, at_risk: 4, open: 3, scheduled: 2, held: 1, met: 0 };

/**
 * An inspector's quarter: met when he reported at a meeting held in the quarter with its
 * protocol signed; otherwise the worst status among the districts he answers for.
 */
export function inspectorObligation(q: Quarter, staffId: string, districtStatuses: readonly DistrictObligation[], meetings: readonly MeetingForObligation[]): ObligationStatus {
  const reported = meetings.some((m) => m.reportingStaffIds.includes(staffId) && containsDate(q, m.startDate) && ['protocol_signed', 'closed'].includes(m.status)
    && countsForQuarter(m.lateEntry));
  if (reported) return 'met';
  if (districtStatuses.length === 0) return 'open';
  return districtStatuses.map((d) => d.status).sort((a, b) => OBLIGATION_SEVERITY[b] - OBLIGATION_SEVERITY[a])[0]!;
}

/** The day whose assignment decides responsibility for a quarter. */
export function responsibilityDate(q: Quarter, today: string): string {
  const end = quarterEnd(q);
  if (today < quarterStart(q)) return quarterStart(q);
  return today < end ? today : end;
}
