import { describe, expect, it } from 'vitest';
import en from './locales/live.en.json';
import kk from './locales/live.kk.json';
import ru from './locales/live.ru.json';
import { localeCompleteness, type Locales, type Tree } from './locale-completeness.ts';

/*
 * The `live` namespace (the live meeting screen: register, items, decisions, awards) is
 * held to the same standard as the main locale files: every key in every language, no empty
 * text, the same {{variables}}, and really translated.
 */
const LOCALES: Locales = { kk, ru, en };

describe('live locale files', () => {
  localeCompleteness(LOCALES);

  it('names every category, channel, kind, resolution, outcome and award the API knows', async () => {
    const c = await import('@esep/contracts');
    for (const tree of Object.values(LOCALES)) {
      const keys = (name: string) => Object.keys(tree[name] as Tree).sort();
      expect(keys('category')).toEqual([...c.PARTICIPANT_CATEGORY_VALUES].sort());
      expect(keys('channel')).toEqual([...c.REGISTRATION_CHANNEL_VALUES].sort());
      expect(keys('attendance')).toEqual([...c.ATTENDANCE_VALUES].sort());
      expect(keys('kind')).toEqual([...c.ITEM_KIND_VALUES].sort());
      expect(keys('resolution')).toEqual([...c.ITEM_RESOLUTION_VALUES, 'none'].sort());
      expect(keys('outcome')).toEqual([...c.ITEM_OUTCOME_VALUES].sort());
      expect(keys('recipient')).toEqual([...c.AWARD_RECIPIENT_VALUES].sort());
      expect(keys('awardKind')).toEqual([...c.AWARD_KIND_VALUES].sort());
    }
  });
});
