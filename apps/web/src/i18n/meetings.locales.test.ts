import { describe, expect, it } from 'vitest';
import en from './locales/meetings.en.json';
import kk from './locales/meetings.kk.json';
import ru from './locales/meetings.ru.json';
import { localeCompleteness, type Locales, type Tree } from './locale-completeness.ts';

/*
 * The `meetings` namespace (board, planning, meeting page, calendar, invitations, rules) is
 * held to the same standard as the main locale files: every key in every language, no empty
 * text, the same {{variables}}, and really translated.
 */
const LOCALES: Locales = { kk, ru, en };

describe('meetings locale files', () => {
  localeCompleteness(LOCALES);

  it('names every status, setting, format, channel and category the API knows', async () => {
    const o = await import('../features/meetings/options.ts');
    for (const tree of Object.values(LOCALES)) {
      const keys = (name: string) => Object.keys(tree[name] as Tree).sort();
      expect(keys('status')).toEqual([...o.MEETING_STATUSES].sort());
      expect(keys('obligation')).toEqual([...o.OBLIGATION_STATUSES].sort());
      expect(keys('setting')).toEqual([...o.SETTINGS].sort());
      expect(keys('format')).toEqual([...o.FORMATS].sort());
      expect(keys('channel')).toEqual([...o.CHANNELS].sort());
      expect(keys('category')).toEqual([...o.CATEGORIES].sort());
      expect(keys('invitationStatus')).toEqual([...o.INVITATION_STATUSES].sort());
      expect(Object.keys((tree.agreement as Tree).status as Tree).sort()).toEqual([...o.AGREEMENT_STATUSES].sort());
    }
  });
});
