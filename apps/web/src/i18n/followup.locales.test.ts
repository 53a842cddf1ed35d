import { describe, expect, it } from 'vitest';
import en from './locales/followup.en.json';
import kk from './locales/followup.kk.json';
import ru from './locales/followup.ru.json';

/*
 * The `followup` namespace (checks, forwardings, the control board, state bodies, the working calendar, retention) is
 * held to the same standard as the main locale files: every key in every language, no empty
 * text, the same {{variables}}, and really translated.
 */
type Tree = { [key: string]: string | Tree };

const LOCALES: Record<'kk' | 'ru' | 'en', Tree> = { kk, ru, en };

function flatten(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') {
      for (const [k, v] of flatten(value, path)) out.set(k, v);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

const flat = Object.fromEntries(Object.entries(LOCALES).map(([lang, tree]) => [lang, flatten(tree)])) as Record<keyof typeof LOCALES, Map<string, unknown>>;
const allKeys = [...new Set(Object.values(flat).flatMap((m) => [...m.keys()]))].sort();
const languages = Object.keys(LOCALES) as Array<keyof typeof LOCALES>;

describe('followup locale files', () => {
  it.each(languages)('%s has every key of the other languages', (lang) => {
    expect(allKeys.filter((key) => !flat[lang].has(key))).toEqual([]);
  });

  it.each(languages)('%s has no empty or non-text value', (lang) => {
    expect([...flat[lang]].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k)).toEqual([]);
  });

  it('uses the same interpolation variables in every language', () => {
    const vars = (text: unknown) => [...String(text).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const mismatched = allKeys.filter((key) => {
      const expected = JSON.stringify(vars(flat.en.get(key)));
      return JSON.stringify(vars(flat.kk.get(key))) !== expected || JSON.stringify(vars(flat.ru.get(key))) !== expected;
    });
    expect(mismatched).toEqual([]);
  });

  it('is really translated: Kazakh uses Kazakh letters, Russian Cyrillic, neither copies English', () => {
    expect([...flat.kk.values()].join(' ')).toMatch(/[әғқңөұүһі]/i);
    const sameAsEnglish = (lang: 'kk' | 'ru') => allKeys.filter((key) => /[a-z]{3}/i.test(String(flat.en.get(key)))
      && flat[lang].get(key) === flat.en.get(key));
    expect(sameAsEnglish('kk')).toEqual([]);
    expect(sameAsEnglish('ru')).toEqual([]);
    const latinOnly = (lang: 'kk' | 'ru') => [...flat[lang]].filter(([, v]) => /[a-z]{4}/i.test(String(v)) && !/[а-яёәғқңөұүһі]/i.test(String(v))).map(([k]) => k);
    expect(latinOnly('kk')).toEqual([]);
    expect(latinOnly('ru')).toEqual([]);
  });

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
