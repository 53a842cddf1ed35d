import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { districtObligation, lastAnnounceDate } from '../meeting/obligation.ts';
import { noticeDeadline } from '../meeting/notice.rule.ts';
import { daysBetween, quarterEnd, quarterOf, quarterStart, type Quarter } from '../meeting/quarter.ts';
import { addDays } from '../time/almaty.ts';
import {
  dayRemindersStarted, followUpReminderDueDates, followUpReminderKind, initiatorReminderDue, initiatorReminderSentRange, invitationReminderDue,
  invitationReminderMeetingDates, noticeReminderKind, noticeReminderMeetingDates, quarterAtRiskStarts, quarterDaysLeft,
} from './reminder.rules.ts';

const at = (date: string, time: string) => new Date(`${date}T${time}:00+05:00`);
const isoDate = fc.date({ min: new Date('2024-03-01T00:00:00Z'), max: new Date('2032-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
/** Every date from `from` to `to`, inclusive. */
const days = (from: string, to: string) => Array.from({ length: daysBetween(from, to) + 1 }, (_, i) => addDays(from, i));

describe('reminders of a day go out from 09:00 Almaty', () => {
  it('not before 09:00, then until midnight', () => {
    expect(dayRemindersStarted(at('2027-04-17', '00:00'))).toBe(false);
    expect(dayRemindersStarted(at('2027-04-17', '08:59'))).toBe(false);
    expect(dayRemindersStarted(at('2027-04-17', '09:00'))).toBe(true);
    expect(dayRemindersStarted(at('2027-04-17', '23:59'))).toBe(true);
    // 03:59 UTC is 08:59 in Almaty: the zone decides, not the server's.
    expect(dayRemindersStarted(new Date('2027-04-17T03:59:00Z'))).toBe(false);
    expect(dayRemindersStarted(new Date('2027-04-17T04:00:00Z'))).toBe(true);
  });
});

describe('R-27.1: the notice reminders', () => {
  it('a meeting on 30 April (deadline 20 April) is reminded on 17 April and on 20 April only', () => {
    expect(noticeDeadline('2027-04-30')).toBe('2027-04-20');
    const kinds = days('2027-04-01', '2027-04-30').map((d) => [d, noticeReminderKind('2027-04-30', d)]).filter(([, k]) => k);
    expect(kinds).toEqual([['2027-04-17', 'notice_due_soon'], ['2027-04-20', 'notice_due_today']]);
  });

  it('crosses months and years', () => {
    expect(noticeReminderKind('2027-01-08', '2026-12-26')).toBe('notice_due_soon');
    expect(noticeReminderKind('2027-01-08', '2026-12-29')).toBe('notice_due_today');
    expect(noticeReminderKind('2028-03-10', '2028-02-29')).toBe('notice_due_today');
  });

  it('the dates the scan asks for are exactly the meetings reminded that day', () => {
    fc.assert(fc.property(isoDate, fc.integer({ min: -5, max: 40 }), (today, ahead) => {
      const meetingDate = addDays(today, ahead);
      expect(noticeReminderKind(meetingDate, today) !== null).toBe(noticeReminderMeetingDates(today).includes(meetingDate));
    }));
  });
});

describe('R-32.4, R-32.5: checks and forwardings due and overdue', () => {
  it('the day before the due date, and once on the first day overdue', () => {
    const kinds = days('2027-06-18', '2027-06-26').map((d) => [d, followUpReminderKind('2027-06-22', d)]).filter(([, k]) => k);
    expect(kinds).toEqual([['2027-06-21', 'due'], ['2027-06-23', 'overdue']]);
  });

  it('the due dates the scan asks for are exactly those reminded that day', () => {
    fc.assert(fc.property(isoDate, fc.integer({ min: -30, max: 30 }), (today, offset) => {
      const due = addDays(today, offset);
      expect(followUpReminderKind(due, today) !== null).toBe(followUpReminderDueDates(today).includes(due));
    }));
  });
});

describe('R-32.5: the initiator not told', () => {
  it('from the day after the sending, for a week', () => {
    expect(initiatorReminderDue('2027-06-07', '2027-06-07')).toBe(false);
    expect(initiatorReminderDue('2027-06-07', '2027-06-08')).toBe(true);
    expect(initiatorReminderDue('2027-06-07', '2027-06-14')).toBe(true);
    expect(initiatorReminderDue('2027-06-07', '2027-06-15')).toBe(false);
    expect(initiatorReminderSentRange('2027-06-08')).toEqual({ from: '2027-06-01', to: '2027-06-07' });
  });

  it('the range the scan asks for is exactly the sendings reminded that day', () => {
    fc.assert(fc.property(isoDate, fc.integer({ min: -20, max: 5 }), (today, offset) => {
      const sentOn = addDays(today, offset);
      const { from, to } = initiatorReminderSentRange(today);
      expect(initiatorReminderDue(sentOn, today)).toBe(from <= sentOn && sentOn <= to);
    }));
  });
});

describe('R-26: an invitation with no answer', () => {
  const meeting = { startDate: '2027-05-10', startsAt: at('2027-05-10', '18:00') };

  it('from 09:00 three days before the meeting until it starts', () => {
    expect(invitationReminderDue(meeting, at('2027-05-06', '23:59'))).toBe(false);
    expect(invitationReminderDue(meeting, at('2027-05-07', '08:59'))).toBe(false);
    expect(invitationReminderDue(meeting, at('2027-05-07', '09:00'))).toBe(true);
    expect(invitationReminderDue(meeting, at('2027-05-10', '17:59'))).toBe(true);
    expect(invitationReminderDue(meeting, at('2027-05-10', '18:00'))).toBe(false);
  });

  it('the meeting dates the scan asks for hold every meeting reminded that day', () => {
    fc.assert(fc.property(isoDate, fc.integer({ min: -3, max: 8 }), fc.integer({ min: 0, max: 23 * 60 + 59 }), fc.integer({ min: 0, max: 23 }), (today, ahead, minute, hour) => {
      const startDate = addDays(today, ahead);
      const m = { startDate, startsAt: at(startDate, `${String(hour).padStart(2, '0')}:00`) };
      const now = new Date(at(today, '00:00').getTime() + minute * 60_000);
      const { from, to } = invitationReminderMeetingDates(today);
      if (invitationReminderDue(m, now)) expect(from <= startDate && startDate <= to).toBe(true);
    }));
  });
});

describe('R-22.13: the quarter at risk', () => {
  it('with the default 30 days, Q3 2027 turns at risk on 22 August (29 days left to announce by 20 September)', () => {
    expect(lastAnnounceDate({ year: 2027, quarter: 3 })).toBe('2027-09-20');
    const first = days('2027-07-01', '2027-09-30').filter((d) => quarterAtRiskStarts(d, 30));
    expect(first).toEqual(['2027-08-22']);
    expect(districtObligation({ year: 2027, quarter: 3 }, '2027-08-22', 30, 'd', [])).toMatchObject({ status: 'at_risk', daysToAnnounce: 29 });
    expect(districtObligation({ year: 2027, quarter: 3 }, '2027-08-21', 30, 'd', [])).toMatchObject({ status: 'open', daysToAnnounce: 30 });
    expect(quarterDaysLeft('2027-08-22')).toBe(39);
    expect(quarterDaysLeft('2027-09-30')).toBe(0);
  });

  it('is the first day the quarter board counts an idle district at risk: once per quarter, whatever the threshold', () => {
    const quarters: Quarter[] = [{ year: 2027, quarter: 1 }, { year: 2027, quarter: 2 }, { year: 2027, quarter: 3 }, { year: 2027, quarter: 4 }, { year: 2028, quarter: 1 }];
    for (const threshold of [1, 7, 30, 60, 80, 92]) {
      for (const q of quarters) {
        const all = days(quarterStart(q), quarterEnd(q));
        const first = all.filter((d) => quarterAtRiskStarts(d, threshold));
        const atRisk = all.filter((d) => districtObligation(q, d, threshold, 'd', []).status === 'at_risk');
        expect(first).toEqual([atRisk[0]]);
        // A threshold longer than the quarter's announcing time: at risk from its first day.
        if (daysBetween(quarterStart(q), lastAnnounceDate(q)) < threshold) expect(first).toEqual([quarterStart(q)]);
        expect(quarterOf(first[0]!)).toEqual(q);
      }
    }
  });

  it('never, with a threshold of 0 days', () => {
    expect(days('2027-01-01', '2027-12-31').filter((d) => quarterAtRiskStarts(d, 0))).toEqual([]);
  });
});
