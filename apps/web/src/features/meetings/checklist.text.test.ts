import { checklistMessage, lateEntryMessage } from '@esep/domain';
import { describe, expect, it } from 'vitest';
import { checkText } from './checklist.text.ts';

describe('checklist lines for people (issue 14, item 11)', () => {
  const notice = { key: 'notice', status: 'pending' as const, params: { deadline: '2026-12-07', daysLeft: 3 } };

  it('writes the notice deadline out in each language, whatever language the server wrote the line in', () => {
    const message = checklistMessage('notice.pending', notice.params).kk;
    // The server's own line is readable too (issue 14, item 11).
    expect(message).toContain('7 желтоқсан 2026 ж.');
    expect(message).not.toContain('2026-12-07');
    expect(checkText({ ...notice, message }, 'kk')).toBe('Хабарландыруды 7 желтоқсан 2026 ж. дейін жариялау керек — 3 күн қалды');
    expect(checkText({ ...notice, message }, 'ru')).toBe('Оповещение нужно опубликовать до 7 декабря 2026 г. — осталось 3 дн.');
    expect(checkText({ ...notice, message }, 'en')).toBe('Publish the notice by 7 December 2026 — 3 days left');
  });

  it('writes the quarter as people read it', () => {
    const params = { quarter: '2026-Q4' };
    const message = checklistMessage('quarter.pending', params).ru;
    expect(checkText({ key: 'quarter', status: 'pending', params, message }, 'kk')).toBe('Тоқсандық міндет (2026 ж. 4-тоқсан) кездесу өтіп, хаттамаға қол қойылғанда орындалады');
    expect(checkText({ key: 'quarter', status: 'pending', params, message }, 'ru')).toBe('Обязательство за 4-й квартал 2026 г. будет выполнено после встречи и подписания протокола');
    expect(checkText({ key: 'quarter', status: 'pending', params, message }, 'en')).toBe('Counts for Q4 2026 once held and the protocol signed');
  });

  it('the lines of a meeting entered after the fact too', () => {
    const params = { enteredOn: '2026-12-05', enteredBy: 'Inspector', decidedOn: '2026-12-06', decidedBy: 'Lead' };
    const message = lateEntryMessage('check.confirmed', params).kk;
    expect(checkText({ key: 'late_entry', status: 'met', params, message }, 'ru')).toBe('Внесена после проведения 5 декабря 2026 г. (Inspector); подтверждена 6 декабря 2026 г.: Lead');
    const quarter = lateEntryMessage('quarter.returned', { quarter: '2026-Q4' }).en;
    expect(checkText({ key: 'quarter', status: 'not_met', params: { quarter: '2026-Q4' }, message: quarter }, 'kk')).toBe('Тоқсан есебіне кірмейді (2026 ж. 4-тоқсан): кейін енгізілген жазба қайтарылды');
  });

  it('keeps a line it does not know as the server wrote it', () => {
    expect(checkText({ key: 'notice', status: 'pending', params: { deadline: '2026-12-07' }, message: 'Something new' }, 'kk')).toBe('Something new');
    expect(checkText({ key: 'brand_new', status: 'met', params: {}, message: 'Жаңа жол' }, 'ru')).toBe('Жаңа жол');
  });
});
