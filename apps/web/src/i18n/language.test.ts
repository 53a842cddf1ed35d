import { describe, expect, it } from 'vitest';
import { languageOfTag, resolveLanguage } from './language.ts';

describe('the interface language (issue 14, item 3)', () => {
  it('follows the browser before login: the first of kk, ru, en in the user\'s order, by primary subtag', () => {
    expect(resolveLanguage({ browser: ['ru-RU', 'ru', 'en-US'] })).toBe('ru');
    expect(resolveLanguage({ browser: ['kk-KZ', 'ru-RU'] })).toBe('kk');
    expect(resolveLanguage({ browser: ['de-DE', 'en-GB', 'ru'] })).toBe('en');
    expect(resolveLanguage({ browser: ['EN'] })).toBe('en');
  });

  it('is Kazakh when nothing else says otherwise', () => {
    expect(resolveLanguage({})).toBe('kk');
    expect(resolveLanguage({ browser: [] })).toBe('kk');
    expect(resolveLanguage({ browser: ['de-DE', 'fr', 'tr-TR'] })).toBe('kk');
  });

  it('an explicit choice in this browser wins over the browser\'s languages', () => {
    expect(resolveLanguage({ chosen: 'en', browser: ['ru-RU'] })).toBe('en');
    expect(resolveLanguage({ chosen: 'kk', browser: ['ru-RU', 'en'] })).toBe('kk');
  });

  it('after login the account\'s language wins over the browser\'s, but not over a choice made in this browser', () => {
    expect(resolveLanguage({ account: 'ru', browser: ['kk-KZ'] })).toBe('ru');
    expect(resolveLanguage({ chosen: 'en', account: 'ru', browser: ['kk-KZ'] })).toBe('en');
    expect(resolveLanguage({ chosen: 'kk', account: 'ru' })).toBe('kk');
  });

  it('ignores what is not a supported language (old or foreign values in storage, a missing account)', () => {
    expect(resolveLanguage({ chosen: 'de', account: null, browser: ['ru'] })).toBe('ru');
    expect(resolveLanguage({ chosen: '', account: 'xx', browser: ['en-US'] })).toBe('en');
    expect(resolveLanguage({ chosen: null, account: undefined })).toBe('kk');
  });

  it('reads language tags by their primary subtag', () => {
    expect(languageOfTag('ru-RU')).toBe('ru');
    expect(languageOfTag('kk_KZ')).toBe('kk');
    expect(languageOfTag(' en ')).toBe('en');
    expect(languageOfTag('kaz')).toBeNull();
    expect(languageOfTag('de')).toBeNull();
  });
});
