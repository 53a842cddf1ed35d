import { describe, expect, it } from 'vitest';
import { districtObligation, inspectorObligation, lastAnnounceDate, responsibilityDate, type MeetingForObligation } from './obligation.ts';

const Q4 = { year: 2026, quarter: 4 as const };
const meeting = (over: Partial<MeetingForObligation>): MeetingForObligation =>
  ({ id: 'm', status: 'scheduled', startDate: '2026-12-15', districtIds: ['d1'], reportingStaffIds: ['s1'], noticeGiven: false, ...over });

describe('quarter obligation (R-22.13)', () => {
  it('the last day to announce is 10 days before the quarter ends', () => {
    expect(lastAnnounceDate(Q4)).toBe('2026-12-21');
  });
  it('met, held, scheduled', () => {
    expect(districtObligation(Q4, '2026-11-25', 21, 'd1', [meeting({ status: 'protocol_signed' })]).status).toBe('met');
    expect(districtObligation(Q4, '2026-11-25', 21, 'd1', [meeting({ status: 'held' })]).status).toBe('held');
    expect(districtObligation(Q4, '2026-11-25', 21, 'd1', [meeting({})]).status).toBe('scheduled');
  });
  it('a scheduled meeting whose notice can no longer be given does not count', () => {
    // Its notice deadline (5 Dec) passed; a new compliant meeting is still possible (announce by 21 Dec).
    expect(districtObligation(Q4, '2026-12-10', 21, 'd1', [meeting({ startDate: '2026-12-15' })]).status).toBe('at_risk');
    expect(districtObligation(Q4, '2026-12-10', 21, 'd1', [meeting({ startDate: '2026-12-15', noticeGiven: true })]).status).toBe('scheduled');
  });
  it('open, at risk, missed by the days left to announce', () => {
    expect(districtObligation(Q4, '2026-10-05', 21, 'd1', [])).toEqual({ status: 'open', meetingIds: [], daysToAnnounce: 77 });
    expect(districtObligation(Q4, '2026-12-01', 21, 'd1', []).status).toBe('at_risk');
    expect(districtObligation(Q4, '2026-12-21', 21, 'd1', [])).toMatchObject({ status: 'at_risk', daysToAnnounce: 0 });
    expect(districtObligation(Q4, '2026-12-22', 21, 'd1', []).status).toBe('missed');
    expect(districtObligation(Q4, '2027-01-10', 21, 'd1', [meeting({})]).status).toBe('missed');
  });
  it('a joint meeting counts for every covered district and reporting inspector', () => {
    const joint = meeting({ status: 'closed', districtIds: ['d1', 'd2'], reportingStaffIds: ['s1', 's2'] });
    expect(districtObligation(Q4, '2026-12-30', 21, 'd2', [joint]).status).toBe('met');
    expect(inspectorObligation(Q4, 's2', [], [joint])).toBe('met');
  });
  it('an inspector\'s status is the worst of his districts until he reports', () => {
    const statuses = [districtObligation(Q4, '2026-12-01', 21, 'd1', []), districtObligation(Q4, '2026-12-01', 21, 'd2', [meeting({ districtIds: ['d2'] })])];
    expect(inspectorObligation(Q4, 's9', statuses, [])).toBe('at_risk');
  });
  it('responsibility is decided on the quarter\'s last day, or today while it runs', () => {
    expect(responsibilityDate(Q4, '2026-11-25')).toBe('2026-11-25');
    expect(responsibilityDate(Q4, '2027-02-01')).toBe('2026-12-31');
    expect(responsibilityDate(Q4, '2026-09-01')).toBe('2026-10-01');
  });
});
