import { noticeDaysLeft, NOTICE_DAYS } from '../meeting/notice.rule.ts';
import { districtObligation } from '../meeting/obligation.ts';
import { daysBetween, quarterEnd, quarterOf } from '../meeting/quarter.ts';
import { addDays, almatyDate } from '../time/almaty.ts';
import { almatyAt } from './delivery.rules.ts';

/*
 * Issue 12: when each reminder is due. Each function names the rule whose deadline it guards;
 * the scan (reminder.service.ts) asks the database for the candidates and these for the moment.
 */

/**
 * the protocol is completed and signed the same day. The inspector is reminded at 20:00
 * Almaty on the meeting day — or an hour after the meeting ends, when it ends after 19:00 — while
 * it is unsigned; a scan that was not running then still reminds within the next day, not later
 * (an older unsigned protocol is the control board's business, R-33, not a reminder's).
 */
export function protocolReminderAt(meeting: { startDate: string; endsAt: Date }): Date {
  const evening = almatyAt(meeting.startDate, '20:00');
  const afterEnd = new Date(meeting.endsAt.getTime() + 3_600_000);
  return evening > afterEnd ? evening : afterEnd;
}

export const CATCH_UP_MS = 24 * 3_600_000;

export function protocolReminderDue(meeting: { startDate: string; endsAt: Date }, now: Date): boolean {
  const at = protocolReminderAt(meeting).getTime();
  return now.getTime() >= at && now.getTime() < at + CATCH_UP_MS;
}

/** The calendar dates (Almaty) a scan at `now` looks at for "due tomorrow" and "overdue since". */
export function reminderDates(now: Date): { today: string; tomorrow: string; yesterday: string } {
  const today = almatyDate(now);
  return { today, tomorrow: addDays(today, 1), yesterday: addDays(today, -1) };
}

/*
 * The reminders about a calendar day's deadline. Each is
 * due on one day (or a few, where the fact can be recorded late) and goes out from 09:00 Almaty:
 * a deadline's reminder at midnight helps no one, and quiet hours stay each user's own choice on
 * top. A scan that was not running at 09:00 still reminds later that day; the dedupe key makes
 * it once.
 */
export const DAY_REMINDER_TIME = '09:00';

/** Whether the reminders of the day of `now` (Almaty) have started: from 09:00 to midnight. */
export function dayRemindersStarted(now: Date): boolean {
  return now.getTime() >= almatyAt(almatyDate(now), DAY_REMINDER_TIME).getTime();
}

/** the inspector is reminded this many days before the notice deadline, and on its day. */
export const NOTICE_SOON_DAYS = 3;

/**
 * the notice reminder a meeting on `meetingDate` not yet announced gets on `today`:
 * three days before its deadline (10 calendar days before the meeting, `noticeDeadline`), and on
 * the deadline itself. Only on those days: a meeting planned later than that gets the one left.
 */
export function noticeReminderKind(meetingDate: string, today: string): 'notice_due_soon' | 'notice_due_today' | null {
  const left = noticeDaysLeft(today, meetingDate);
  if (left === NOTICE_SOON_DAYS) return 'notice_due_soon';
  return left === 0 ? 'notice_due_today' : null;
}

/** the meeting dates whose notice reminder is due on `today` (what the scan asks the database for). */
export function noticeReminderMeetingDates(today: string): string[] {
  return [0, NOTICE_SOON_DAYS].map((left) => addDays(today, NOTICE_DAYS + left));
}

/**
 * R-32.4 (checks) and R-32.5 (forwardings): an open record is reminded the day before it is due,
 * and once on the first day it is overdue — later days are the control board's, not a
 * reminder's. The due date is the occasion, so a term extended is reminded again.
 */
export function followUpReminderKind(dueDate: string, today: string): 'due' | 'overdue' | null {
  const days = daysBetween(today, dueDate);
  if (days === 1) return 'due';
  return days === -1 ? 'overdue' : null;
}

/** the due dates reminded on `today`. */
export function followUpReminderDueDates(today: string): string[] {
  return [addDays(today, 1), addDays(today, -1)];
}

/**
 * the person who raised a forwarded item is always told where it went. A forwarding sent
 * at least a day ago with no notice recorded reminds its inspectors once; the letter's date may
 * be recorded days late, so a sending up to a week back is still reminded, an older one is left
 * to the control board.
 */
export const INITIATOR_NOTICE_GRACE_DAYS = 1;
export const INITIATOR_REMINDER_WITHIN_DAYS = 7;

export function initiatorReminderDue(sentOn: string, today: string): boolean {
  const days = daysBetween(sentOn, today);
  return days >= INITIATOR_NOTICE_GRACE_DAYS && days <= INITIATOR_REMINDER_WITHIN_DAYS;
}

/** the sending dates whose initiator reminder is due on `today`, inclusive. */
export function initiatorReminderSentRange(today: string): { from: string; to: string } {
  return { from: addDays(today, -INITIATOR_REMINDER_WITHIN_DAYS), to: addDays(today, -INITIATOR_NOTICE_GRACE_DAYS) };
}

/**
 * the police leadership and the akimat take part. An invitation sent and not answered
 * reminds the meeting's inspectors once the meeting is 3 days away (from 09:00 that day) and
 * until it starts — so an invitation sent later than that is reminded too.
 */
export const INVITATION_REMINDER_DAYS = 3;

export function invitationReminderDue(meeting: { startDate: string; startsAt: Date }, now: Date): boolean {
  const from = almatyAt(addDays(meeting.startDate, -INVITATION_REMINDER_DAYS), DAY_REMINDER_TIME);
  return now.getTime() >= from.getTime() && now.getTime() < meeting.startsAt.getTime();
}

/** the meeting dates whose pending invitations may be reminded on `today`, inclusive. */
export function invitationReminderMeetingDates(today: string): { from: string; to: string } {
  return { from: today, to: addDays(today, INVITATION_REMINDER_DAYS) };
}

/**
 * a district with nothing held or planned this quarter is reminded once, on the day the
 * quarter board starts to count it `at_risk` — the same definition (`districtObligation`): fewer
 * than `atRiskDays` days left to announce a meeting that still fits in the quarter.
 * From then on the board shows it; a reminder every day would only be noise.
 */
export function quarterAtRiskStarts(today: string, atRiskDays: number): boolean {
  const q = quarterOf(today);
  const idle = (day: string) => districtObligation(q, day, atRiskDays, '', []).status;
  return idle(today) === 'at_risk' && idle(addDays(today, -1)) !== 'at_risk';
}

/** the calendar days left in the quarter of `today` after today (what the reminder says). */
export function quarterDaysLeft(today: string): number {
  return daysBetween(today, quarterEnd(quarterOf(today)));
}
