import { addDays, noticeDeadline, noticeDaysLeft, quarterKey, quarterOf } from '@esep/domain';

/** Asia/Almaty has been UTC+5 all year since 1 March 2024 (no daylight saving). */
const OFFSET = '+05:00';

/** A date and a time read on an Almaty clock as an instant with its offset (the API's form). */
export function almatyInstant(date: string, time: string): string {
  return `${date}T${time}:00${OFFSET}`;
}

// How they are written for people is in app/format.ts; these names stay for the meeting screens.
export { almatyParts, formatAlmatyDateTime, formatClock, formatMeetingTime } from '../../app/format.ts';

/** for a meeting day: the last day to publish the notice and how many days are left. */
export function noticeFor(meetingDate: string, today: string): { deadline: string; daysLeft: number; earliest: string; quarter: string } {
  return {
    deadline: noticeDeadline(meetingDate),
    daysLeft: noticeDaysLeft(today, meetingDate),
    earliest: addDays(today, 10),
    quarter: quarterKey(quarterOf(meetingDate)),
  };
}

