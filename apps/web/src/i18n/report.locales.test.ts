import { describe, expect, it } from 'vitest';
import * as c from '@esep/contracts';
import en from './locales/report.en.json';
import kk from './locales/report.kk.json';
import ru from './locales/report.ru.json';
import { localeCompleteness, type Locales, type Tree } from './locale-completeness.ts';

/*
 * The `report` namespace (preparation, statistics, the report editor, carry-over, the meeting
 * page's holding section) is held to the same standard as the main locale files: every key in
 * every language, no empty text, the same {{variables}}, and really translated.
 */
const LOCALES: Locales = { kk, ru, en };

describe('report locale files', () => {
  localeCompleteness(LOCALES);

  it('names every source kind, offence category, section, item kind, outcome and resolution the API knows', async () => {
    const o = await import('../features/report/options.ts');
    for (const tree of Object.values(LOCALES)) {
      const keys = (name: string) => Object.keys(tree[name] as Tree).sort();
      expect(keys('sourceKind')).toEqual([...c.SOURCE_KIND_VALUES].sort());
      expect(keys('offence')).toEqual([...c.OFFENCE_CATEGORY_VALUES].sort());
      expect(keys('section')).toEqual([...c.REPORT_SECTION_VALUES].sort());
      expect(keys('sectionHint')).toEqual([...c.REPORT_SECTION_VALUES].sort());
      expect(keys('itemKind')).toEqual([...c.ITEM_KIND_VALUES].sort());
      expect(keys('outcome')).toEqual([...c.ITEM_OUTCOME_VALUES].sort());
      expect(keys('resolution')).toEqual([...c.ITEM_RESOLUTION_VALUES].sort());
    }
    // The web client's lists (from the domain package) are the contract's, in the same order.
    expect([...o.SOURCE_KINDS]).toEqual([...c.SOURCE_KIND_VALUES]);
    expect([...o.OFFENCE_CATEGORIES]).toEqual([...c.OFFENCE_CATEGORY_VALUES]);
    expect([...o.REPORT_SECTIONS]).toEqual([...c.REPORT_SECTION_VALUES]);
    expect([...o.ITEM_KINDS]).toEqual([...c.ITEM_KIND_VALUES]);
    expect([...o.ITEM_OUTCOMES]).toEqual([...c.ITEM_OUTCOME_VALUES]);
    expect([...o.ITEM_RESOLUTIONS]).toEqual([...c.ITEM_RESOLUTION_VALUES]);
    expect(Object.keys(o.OUTCOME_COLORS).sort()).toEqual([...c.ITEM_OUTCOME_VALUES].sort());
  });
});
