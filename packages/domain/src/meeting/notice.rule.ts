import { addDays } from '../time/almaty.ts';
import { daysBetween } from './quarter.ts';

/**
 * residents are informed of the place and time no later than 10 calendar days before
 * the meeting. Judged in Asia/Almaty calendar dates: the latest publication that still counts is
 * the meeting's date minus 10 days — a meeting on 11 March needs a publication on or before
 * 1 March.
 */
export const NOTICE_DAYS = 10;

/** The last publication date that still gives proper notice for a meeting on `meetingDate`. */
export function noticeDeadline(meetingDate: string): string {
  return addDays(meetingDate, -NOTICE_DAYS);
}

export function publicationCounts(publishedOn: string, meetingDate: string): boolean {
  return publishedOn <= noticeDeadline(meetingDate);
}

/** Calendar days left until the notice deadline (0 = today is the last day; negative = passed). */
export function noticeDaysLeft(today: string, meetingDate: string): number {
  return daysBetween(today, noticeDeadline(meetingDate));
}

/** The earliest meeting date that can still be properly announced if published today. */
export function earliestCompliantDate(today: string): string {
  return addDays(today, NOTICE_DAYS);
}

export interface Publication { publishedOn: string; voided: boolean }

/** Notice is given when at least one valid publication is on or before the deadline. */
export function noticeGiven(publications: readonly Publication[], meetingDate: string): boolean {
  return publications.some((p) => !p.voided && publicationCounts(p.publishedOn, meetingDate));
}
