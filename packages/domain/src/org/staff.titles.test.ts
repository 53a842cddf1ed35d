import { describe, expect, it } from 'vitest';
import {
  capitalised, parsePoliceRank, parseStaffPosition, POLICE_RANK_CODES, POLICE_RANK_LABELS, positionLabel, rankLabel, STAFF_POSITION_CODES, STAFF_POSITION_LABELS,
} from './staff.titles.ts';

describe('police ranks and staff positions (issue 14)', () => {
  it('labels every code in Kazakh, Russian and English, each label distinct and naming the police', () => {
    for (const lang of ['kk', 'ru', 'en'] as const) {
      const ranks = POLICE_RANK_CODES.map((c) => POLICE_RANK_LABELS[c][lang]);
      expect(new Set(ranks).size).toBe(ranks.length);
      for (const label of ranks) expect(label).toMatch(lang === 'kk' ? /^полиция / : lang === 'ru' ? / полиции$/ : /^police /);
      const positions = STAFF_POSITION_CODES.map((c) => STAFF_POSITION_LABELS[c][lang]);
      expect(new Set(positions).size).toBe(positions.length);
    }
  });

  it('gives the Kazakh and Russian forms of the ranks the inspector\'s cycle meets', () => {
    expect(POLICE_RANK_LABELS.captain).toEqual({ kk: 'полиция капитаны', ru: 'капитан полиции', en: 'police captain' });
    expect(POLICE_RANK_LABELS.senior_lieutenant.kk).toBe('полиция аға лейтенанты');
    expect(POLICE_RANK_LABELS.major.kk).toBe('полиция майоры');
    expect(POLICE_RANK_LABELS.lieutenant_colonel.kk).toBe('полиция подполковнигі');
    expect(POLICE_RANK_LABELS.colonel_general.ru).toBe('генерал-полковник полиции');
    expect(STAFF_POSITION_LABELS.inspector).toEqual({ kk: 'учаскелік полиция инспекторы', ru: 'участковый инспектор полиции', en: 'district police inspector' });
  });

  it('reads every code and every label back to its code, in any case and spacing', () => {
    for (const code of POLICE_RANK_CODES) {
      expect(parsePoliceRank(code)).toBe(code);
      for (const label of Object.values(POLICE_RANK_LABELS[code])) {
        expect(parsePoliceRank(label)).toBe(code);
        expect(parsePoliceRank(`  ${label.toUpperCase().replace(/ /g, '  ')}. `)).toBe(code);
      }
    }
    for (const code of STAFF_POSITION_CODES) {
      expect(parseStaffPosition(code)).toBe(code);
      for (const label of Object.values(STAFF_POSITION_LABELS[code])) expect(parseStaffPosition(capitalised(label))).toBe(code);
    }
  });

  it('takes a rank without the word "police", and "ё" for "е"', () => {
    expect(parsePoliceRank('Капитан')).toBe('captain');
    expect(parsePoliceRank('аға лейтенанты')).toBe('senior_lieutenant');
    expect(parsePoliceRank('Senior lieutenant')).toBe('senior_lieutenant');
    expect(parsePoliceRank('генерал - майор')).toBe('major_general');
    expect(parsePoliceRank('старшина')).toBe('sergeant_major');
  });

  it('refuses what is no rank or position', () => {
    for (const text of ['', 'капитан юстиции', 'полиция капитан', 'генерал', 'inspector']) expect(parsePoliceRank(text)).toBeNull();
    for (const text of ['', 'инспектор', 'captain', 'начальник']) expect(parseStaffPosition(text)).toBeNull();
  });

  it('prints labels in the reader\'s language, relabelling older Kazakh text and keeping unknown text as written', () => {
    expect(rankLabel('captain', 'ru')).toBe('капитан полиции');
    expect(rankLabel('полиция капитаны', 'ru')).toBe('капитан полиции');
    expect(rankLabel('капитан полиции', 'kk')).toBe('полиция капитаны');
    expect(rankLabel('подполковник юстиции', 'ru')).toBe('подполковник юстиции');
    expect(rankLabel(null, 'ru')).toBeNull();
    expect(rankLabel('  ', 'kk')).toBeNull();
    expect(positionLabel('inspector', 'ru')).toBe('участковый инспектор полиции');
    expect(positionLabel('Учаскелік полиция инспекторы', 'ru')).toBe('участковый инспектор полиции');
    expect(positionLabel('point_lead', 'en')).toBe('head of the district police point');
    expect(capitalised(positionLabel('inspector', 'kk')!)).toBe('Учаскелік полиция инспекторы');
  });
});
