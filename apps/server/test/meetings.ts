import { addDays, almatyDate, quarterOf, quarterStart, type Clock } from '@esep/domain';

/** Dates and plans for meeting tests, in Asia/Almaty as the rules judge them. */
export interface MeetingDates {
  /** The clock's date in Asia/Almaty. */
  today: string;
  /** An instant `days` from today at hh:00 Asia/Almaty time (UTC+5), as the API takes it. */
  at(days: number, hour: number): string;
  /** A complete, valid indoor plan for one district, 20 days ahead; override any field. */
  plan(districtId: string | undefined, over?: Record<string, unknown>): Record<string, unknown>;
}

export function meetingDates(clock: Clock): MeetingDates {
  const today = almatyDate(clock.now());
  const at = (days: number, hour: number) => `${addDays(today, days)}T${String(hour).padStart(2, '0')}:00:00+05:00`;
  return {
    today, at,
    plan: (districtId, over = {}) => ({
      districtIds: [districtId], setting: 'gathering', format: 'indoor',
      venueName: 'Шамалған ауылдық клубы', venueAddress: 'Шамалған а., Жібек жолы к-сі, 12', venueCapacity: 120, expectedParticipants: 80,
      startsAt: at(20, 18), endsAt: at(20, 20), ...over,
    }),
  };
}

/**
 * 10:00 Almaty on the third day of the quarter the clock is in: a test that plans meetings up to
 * ~80 days ahead and needs them in one quarter sets its server's clock here, so that it passes on
 * the last day of a quarter as on any other.
 */
export function earlyInQuarter(clock: Clock): string {
  return `${addDays(quarterStart(quarterOf(almatyDate(clock.now()))), 2)}T10:00:00+05:00`;
}

const wall = meetingDates({ now: () => new Date() });
/** Today and `at` by the wall clock, for tests whose dates may fall in any quarter. */
export const today = wall.today;
export const at = wall.at;
export const meetingPlan = wall.plan;
