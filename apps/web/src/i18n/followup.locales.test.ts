import { describe, expect, it } from 'vitest';
import en from './locales/followup.en.json';
import kk from './locales/followup.kk.json';
import ru from './locales/followup.ru.json';
import { localeCompleteness, type Locales, type Tree } from './locale-completeness.ts';

/*
 * The `followup` namespace (checks, forwardings, the control board, state bodies, the working calendar, retention) is
 * held to the same standard as the main locale files: every key in every language, no empty
 * text, the same {{variables}}, and really translated.
 */
const LOCALES: Locales = { kk, ru, en };

describe('followup locale files', () => {
  localeCompleteness(LOCALES);

  it('names every status, channel, kind, missing step, calendar day and retained material the API knows', async () => {
    const c = await import('@esep/contracts');
    const options = await import('../features/followup/options.ts');
    expect([...options.NOTICE_CHANNELS].sort()).toEqual([...c.NOTICE_CHANNEL_VALUES].sort());
    expect([...options.FOLLOW_UP_STATUSES].sort()).toEqual([...c.FOLLOW_UP_STATUS_VALUES].sort());
    expect([...options.CONTROL_KINDS].sort()).toEqual([...c.CONTROL_KIND_VALUES].sort());
    expect([...options.FORWARDING_MISSING].sort()).toEqual([...c.FORWARDING_MISSING_VALUES].sort());
    expect([...options.CALENDAR_DAY_KINDS].sort()).toEqual([...c.CALENDAR_DAY_KIND_VALUES].sort());
    expect([...options.RETENTION_KIND_LIST].sort()).toEqual([...c.RETENTION_KINDS].sort());
    for (const tree of Object.values(LOCALES)) {
      const keys = (path: string) => Object.keys(path.split('.').reduce<Tree>((node, key) => node[key] as Tree, tree)).sort();
      expect(keys('status')).toEqual([...c.FOLLOW_UP_STATUS_VALUES].sort());
      expect(keys('channel')).toEqual([...c.NOTICE_CHANNEL_VALUES].sort());
      expect(keys('control.kind')).toEqual([...c.CONTROL_KIND_VALUES].sort());
      expect(keys('control.state')).toEqual([...options.BOARD_STATES].sort());
      expect(keys('forwarding.missing')).toEqual([...c.FORWARDING_MISSING_VALUES].sort());
      expect(keys('calendar.kinds')).toEqual([...c.CALENDAR_DAY_KIND_VALUES].sort());
      expect(keys('retention.kinds')).toEqual([...c.RETENTION_KINDS].sort());
    }
  });
});
