import { describe, expect, it } from 'vitest';
import {
  formatDate, formatDateTime, formatLongDate, formatLongDateTime, formatNumber, formatQuarter, formatRule, formatTime, meetingPlace, meetingTitle,
} from './format.ts';

describe('formats for the reader', () => {
  it('groups thousands with a (no-break) space in Kazakh and Russian, a comma in English', () => {
    expect(formatNumber(4363, 'kk')).toBe('4\u00a0363');
    expect(formatNumber(1_234_567, 'ru')).toBe('1\u00a0234\u00a0567');
    expect(formatNumber(4363, 'en')).toBe('4,363');
  });

  it('writes dates in tables as day.month.year in Kazakh and Russian', () => {
    expect(formatDate('2025-01-09', 'kk')).toBe('09.01.2025');
    expect(formatDate('2025-01-09', 'ru')).toBe('09.01.2025');
    expect(formatDate('2025-01-09', 'en')).toBe('09/01/2025');
  });
});

describe('dates, times and quarters in sentences (issue 14, item 11)', () => {
  it('writes a date out: "7 желтоқсан 2026 ж.", «7 декабря 2026 г.», "7 December 2026"', () => {
    expect(formatLongDate('2026-12-07', 'kk')).toBe('7 желтоқсан 2026 ж.');
    expect(formatLongDate('2026-12-07', 'ru')).toBe('7 декабря 2026 г.');
    expect(formatLongDate('2026-12-07', 'en')).toBe('7 December 2026');
  });

  it('every month, in each language (Kazakh nominative, Russian genitive)', () => {
    const months = (language: 'kk' | 'ru' | 'en') => Array.from({ length: 12 }, (_, i) => formatLongDate(`2026-${String(i + 1).padStart(2, '0')}-01`, language, { year: false }).slice(2));
    expect(months('kk')).toEqual(['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан']);
    expect(months('ru')).toEqual(['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря']);
    expect(months('en')[4]).toBe('May');
  });

  it('leaves out the year when asked, and gives back what is not a date', () => {
    expect(formatLongDate('2026-03-21', 'kk', { year: false })).toBe('21 наурыз');
    expect(formatLongDate('2026-03-21', 'ru', { year: false })).toBe('21 марта');
    expect(formatLongDate('2026-03-21', 'en', { year: false })).toBe('21 March');
    expect(formatLongDate('soon', 'kk')).toBe('soon');
  });

  it('writes times and instants on the Almaty clock (UTC+5), 24 hours in every language', () => {
    expect(formatTime('2026-12-17T13:00:00Z')).toBe('18:00');
    expect(formatTime('2026-12-17T18:00:00+05:00')).toBe('18:00');
    expect(formatLongDateTime('2026-12-17T13:00:00Z', 'kk')).toBe('17 желтоқсан 2026 ж., 18:00');
    expect(formatLongDateTime('2026-12-17T13:00:00Z', 'ru')).toBe('17 декабря 2026 г., 18:00');
    expect(formatLongDateTime('2026-12-17T13:00:00Z', 'en')).toBe('17 December 2026, 18:00');
    // 20:30 UTC is already the next day in Almaty.
    expect(formatLongDateTime('2026-12-31T20:30:00Z', 'kk', { year: false })).toBe('1 қаңтар, 01:30');
    expect(formatDateTime('2026-12-17T13:00:00Z', 'ru', { seconds: false })).toBe('17.12.2026, 18:00');
  });

  it('writes quarters: "2026 ж. 4-тоқсан", «4-й квартал 2026 г.», "Q4 2026"', () => {
    expect(formatQuarter('2026-Q4', 'kk')).toBe('2026 ж. 4-тоқсан');
    expect(formatQuarter('2026-Q4', 'ru')).toBe('4-й квартал 2026 г.');
    expect(formatQuarter('2026-Q4', 'en')).toBe('Q4 2026');
    expect(formatQuarter({ year: 2027, quarter: 1 }, 'kk')).toBe('2027 ж. 1-тоқсан');
    expect(formatQuarter('next quarter', 'ru')).toBe('next quarter');
  });

  it('cites rules by paragraph ("§26", "§27 ¶1"), never by their ID', () => {
    expect(formatRule('R-26')).toBe('§26');
    expect(formatRule('R-27.1')).toBe('§27 ¶1');
    expect(formatRule('R-22.13')).toMatch(/^§22/);
    for (const rule of ['R-26', 'R-27.1', 'R-32.5', 'R-33']) expect(formatRule(rule)).not.toContain('R-');
  });
});

describe('a meeting\'s readable title (issue 14, item 11)', () => {
  const meeting = {
    number: 'ALM-KAR-P2-D01-2026-03',
    startsAt: '2026-12-17T13:00:00Z',
    districts: [{
      nameKk: '№11 әкімшілік учаске', nameRu: 'Административный участок №11',
      atu: { nameKk: 'Шамалған ауылдық округі', nameRu: 'Шамалганский сельский округ' },
    }],
  };

  it('names the settlement, the district and when, not the code', () => {
    expect(meetingTitle(meeting, 'kk', { today: '2026-12-04' })).toBe('Шамалған а.о., №11 учаске — 17 желтоқсан, 18:00');
    expect(meetingTitle(meeting, 'ru', { today: '2026-12-04' })).toBe('Шамалганский с.о., участок №11 — 17 декабря, 18:00');
    expect(meetingTitle(meeting, 'en', { today: '2026-12-04' })).toBe('Шамалганский с.о., участок №11 — 17 December, 18:00');
    for (const language of ['kk', 'ru', 'en'] as const) expect(meetingTitle(meeting, language, { today: '2026-12-04' })).not.toContain('ALM-KAR');
  });

  it('writes the year of a meeting in another year', () => {
    expect(meetingTitle(meeting, 'kk', { today: '2027-01-10' })).toBe('Шамалған а.о., №11 учаске — 17 желтоқсан 2026 ж., 18:00');
    expect(meetingTitle(meeting, 'ru', { today: '2027-01-10' })).toBe('Шамалганский с.о., участок №11 — 17 декабря 2026 г., 18:00');
  });

  it('a joint meeting names each district once and each settlement once; a village is abbreviated as addresses do', () => {
    const joint = {
      startsAt: '2026-12-17T13:00:00Z',
      districts: [
        { nameKk: '№11 әкімшілік учаске', nameRu: 'Административный участок №11', atu: { nameKk: 'Көктал ауылы', nameRu: 'село Коктал' } },
        { nameKk: '№12 әкімшілік учаске', nameRu: 'Административный участок №12', atu: { nameKk: 'Көктал ауылы', nameRu: 'село Коктал' } },
      ],
    };
    expect(meetingTitle(joint, 'kk', { today: '2026-12-01' })).toBe('Көктал а., №11 учаске, №12 учаске — 17 желтоқсан, 18:00');
    expect(meetingTitle(joint, 'ru', { today: '2026-12-01' })).toBe('С. Коктал, участок №11, участок №12 — 17 декабря, 18:00');
  });

  it('names the place alone where the date is said already', () => {
    expect(meetingPlace(meeting, 'kk')).toBe('Шамалған а.о., №11 учаске');
    expect(meetingPlace(meeting, 'ru', { settlement: false })).toBe('Участок №11');
  });

  it('a list that knows only the day names the day', () => {
    const control = { date: '2026-12-17', districts: [{ nameKk: '№11 әкімшілік учаске', nameRu: 'Административный участок №11' }] };
    expect(meetingTitle(control, 'ru', { today: '2026-12-20' })).toBe('Участок №11 — 17 декабря');
  });

  it('without the settlement (older answers) names the district alone', () => {
    const bare = { startsAt: '2026-12-17T13:00:00Z', districts: [{ nameKk: '№11 әкімшілік учаске', nameRu: 'Административный участок №11' }] };
    expect(meetingTitle(bare, 'kk', { today: '2026-12-01' })).toBe('№11 учаске — 17 желтоқсан, 18:00');
  });
});
