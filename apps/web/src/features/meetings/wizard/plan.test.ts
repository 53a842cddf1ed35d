import { describe, expect, it } from 'vitest';
import { belowInitiativeShare, emptyPlan, initiativeSharePercent, missingOnStep, planBody, stepOfField } from './plan.ts';

const D1 = '130f6f61-a1f3-4a62-80cc-0bdf5641cce2';
const D2 = 'c686d256-4681-4d72-b481-9f2101ef8b06';
const STAFF = 'c97fbe1c-ebf8-4952-b829-94c02d37512f';

describe('the plan of a meeting', () => {
  it('sends the fields of the chosen setting and format only, times in Almaty', () => {
    const form = {
      ...emptyPlan(D1), districtIds: [D1, D2], acting: [D2], setting: 'akim_meeting' as const, convenerAtuId: 'atu',
      membersCount: 100 as const, format: 'open_air' as const, weatherConsidered: true, onlineLink: 'https://x',
      venueName: ' Park ', venueAddress: 'Abai 1', venueCapacity: 200 as const, directions: ' Entrance from the yard,\n2nd floor ', date: '2026-12-20',
    };
    expect(planBody(form, STAFF)).toEqual({
      districtIds: [D1, D2], setting: 'akim_meeting', convenerAtuId: 'atu', membersCount: null, initiatorsCount: null, initiators: [],
      format: 'open_air', onlineLink: null, weatherConsidered: true, venueName: 'Park', venueAddress: 'Abai 1', venueCapacity: 200,
      directions: 'Entrance from the yard,\n2nd floor', expectedParticipants: null, startsAt: '2026-12-20T18:00:00+05:00', endsAt: '2026-12-20T19:30:00+05:00',
      inspectors: [{ districtId: D2, staffId: STAFF, acting: true }],
    });
  });

  it('drops the venue of an online meeting and names no acting inspector without a staff record', () => {
    const body = planBody({ ...emptyPlan(D1), acting: [D1], format: 'online', onlineLink: 'https://meet', venueAddress: 'x', directions: 'yard', date: '2026-12-20' }, null);
    expect(body.venueAddress).toBeNull();
    expect(body.directions).toBeNull();
    expect(body.onlineLink).toBe('https://meet');
    expect(body.inspectors).toBeUndefined();
  });

  it('sends empty directions as null and shows their refusal on the place step (issue 13)', () => {
    expect(planBody({ ...emptyPlan(D1), venueAddress: 'Abai 1', directions: '  ', date: '2026-12-20' }, null).directions).toBeNull();
    expect(stepOfField('directions')).toBe(2);
  });

  it('computes the initiators\' share (R-27.3) and warns under 10 %', () => {
    expect(initiativeSharePercent({ membersCount: 120, initiatorsCount: 11 })).toBe(9.2);
    expect(belowInitiativeShare(9.2)).toBe(true);
    expect(belowInitiativeShare(initiativeSharePercent({ membersCount: 100, initiatorsCount: 10 }))).toBe(false);
    expect(initiativeSharePercent({ membersCount: '', initiatorsCount: 3 })).toBeNull();
  });

  it('asks for what each step needs', () => {
    expect(missingOnStep(emptyPlan(), 0).map((m) => m.key)).toEqual(['districts']);
    expect(missingOnStep({ ...emptyPlan(D1), format: 'hybrid' }, 2).map((m) => m.key)).toEqual(['link', 'address']);
    expect(missingOnStep({ ...emptyPlan(D1), format: 'open_air', venueAddress: 'x' }, 2).map((m) => m.key)).toEqual(['weather']);
    expect(missingOnStep({ ...emptyPlan(D1), date: '2026-12-20', endTime: '17:00' }, 3).map((m) => m.key)).toEqual(['endBeforeStart']);
  });

  it('shows a refusal on the step of its field', () => {
    expect(stepOfField('districtIds')).toBe(0);
    expect(stepOfField('initiatorsCount')).toBe(1);
    expect(stepOfField('venueAddress')).toBe(2);
    expect(stepOfField('startsAt')).toBe(3);
    expect(stepOfField(null)).toBe(4);
    expect(stepOfField('somethingElse')).toBe(4);
  });
});
