import * as c from '@esep/contracts';
import { describe, expect, it } from 'vitest';
import en from './locales/late.en.json';
import kk from './locales/late.kk.json';
import ru from './locales/late.ru.json';
import { localeCompleteness, type Locales, type Tree } from './locale-completeness.ts';

/*
 * The `late` namespace (a meeting entered after the fact: the form, the mark, the lead's
 * confirmation) is held to the same standard as the main locale files.
 */
const LOCALES: Locales = { kk, ru, en };

describe('late-entry locale files', () => {
  localeCompleteness(LOCALES);

  it('names every state of an entry', () => {
    for (const tree of Object.values(LOCALES)) {
      expect(Object.keys(tree.flag as Tree).sort()).toEqual([...c.LATE_ENTRY_STATUS_VALUES].sort());
    }
  });
});
