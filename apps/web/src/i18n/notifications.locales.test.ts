import { describe, expect, it } from 'vitest';
import en from './locales/notifications.en.json';
import kk from './locales/notifications.kk.json';
import ru from './locales/notifications.ru.json';
import { localeCompleteness, type Locales, type Tree } from './locale-completeness.ts';

/*
 * The `notifications` namespace (issue 12: the bell, reminder settings, the delivery log, the
 * development outbox) is held to the same standard as the main locale files, and names every
 * channel, delivery state and kind of reminder the API knows.
 */
const LOCALES: Locales = { kk, ru, en };

describe('notifications locale files', () => {
  localeCompleteness(LOCALES);

  it('names every channel, delivery state, reminder kind, subscriber message, kind of recipient and explained reason', async () => {
    const c = await import('@esep/contracts');
    const options = await import('../features/notifications/options.ts');
    expect([...options.CHANNELS].sort()).toEqual([...c.DELIVERY_CHANNELS].sort());
    expect([...options.DELIVERY_STATUSES].sort()).toEqual([...c.DELIVERY_STATUS_VALUES].sort());
    expect([...options.NOTIFICATION_KINDS].sort()).toEqual([...c.NOTIFICATION_KINDS].sort());
    expect([...options.SUBSCRIPTION_KINDS].sort()).toEqual([...c.SUBSCRIPTION_MESSAGE_KINDS].sort());
    expect([...options.DELIVERY_RECIPIENTS]).toEqual([...c.DELIVERY_RECIPIENT_KINDS]);
    for (const tree of Object.values(LOCALES)) {
      const keys = (path: string) => Object.keys(path.split('.').reduce<Tree>((node, key) => node[key] as Tree, tree)).sort();
      expect(keys('channel')).toEqual([...c.DELIVERY_CHANNELS, 'none'].sort());
      expect(keys('status')).toEqual([...c.DELIVERY_STATUS_VALUES].sort());
      expect(keys('kinds')).toEqual([...c.NOTIFICATION_KINDS].sort());
      expect(keys('subKinds')).toEqual([...c.SUBSCRIPTION_MESSAGE_KINDS].sort());
      expect(keys('log.recipients')).toEqual([...c.DELIVERY_RECIPIENT_KINDS].sort());
      expect(keys('reasons')).toEqual([...options.ERROR_REASONS].sort());
    }
  });

  it('says the unread count in words in the bell\'s label, in each language', () => {
    expect(kk.bell.label.replace('{{count}}', '2')).toBe('Еске салулар: 2 оқылмаған');
    expect(ru.bell.label).toContain('{{count}}');
    expect(en.bell.label).toContain('{{count}}');
  });
});
