import { describe, expect, it } from 'vitest';
import { emptyLateForm, lateBody, missingInLateForm, type LateForm } from './late.form.ts';

const filled = (): LateForm => {
  const form = emptyLateForm('d1');
  return {
    plan: { ...form.plan, venueAddress: 'Шамалған а., Жібек жолы к-сі, 12', date: '2026-11-20', startTime: '18:00', endTime: '19:30' },
    reason: 'Байланыс болмады',
    publications: [{ channel: 'mass_media', outlet: '«Қарасай» газеті', publishedOn: '2026-11-08' }],
  };
};
const keys = (form: LateForm, today = '2026-11-25') => missingInLateForm(form, today).map((m) => `${m.field}:${m.key}`);

describe('the form of a meeting entered after the fact', () => {
  it('is complete with a past day, a venue, a reason and publications made before the meeting', () => {
    expect(keys(filled())).toEqual([]);
  });
  it('refuses a coming day (R-27.1: a coming meeting is planned) and asks for the reason', () => {
    const form = filled();
    expect(keys({ ...form, plan: { ...form.plan, date: '2026-11-26' } })).toEqual(['date:future']);
    expect(missingInLateForm({ ...form, plan: { ...form.plan, date: '2026-11-26' } }, '2026-11-25')[0]!.rule).toBe('R-27.1');
    expect(keys({ ...form, reason: '  ' })).toEqual(['lateReason:reason']);
  });
  it('checks each publication: an outlet, a date, not after the meeting', () => {
    const form = filled();
    expect(keys({ ...form, publications: [{ channel: 'mass_media', outlet: '', publishedOn: '2026-11-21' }] }))
      .toEqual(['publications.0.outlet:outlet', 'publications.0.publishedOn:publishedAfter']);
  });
  it('sends the plan in Almaty time with the reason and the publications', () => {
    const body = lateBody(filled(), null);
    expect(body).toMatchObject({
      districtIds: ['d1'], startsAt: '2026-11-20T18:00:00+05:00', endsAt: '2026-11-20T19:30:00+05:00', lateReason: 'Байланыс болмады',
      publications: [{ channel: 'mass_media', outlet: '«Қарасай» газеті', publishedOn: '2026-11-08' }],
    });
  });
});
