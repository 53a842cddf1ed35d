import { describe, expect, it } from 'vitest';
import { shortUrl } from './url.ts';

describe('a short address for a phone', () => {
  it('keeps the host and path and cuts a long id to 8 characters', () => {
    expect(shortUrl('https://esep.kz/v/32f40bde-ef07-4568-8801-7a8e2054a8a2')).toBe('esep.kz/v/32f40bde…');
    expect(shortUrl('http://127.0.0.1:34637/v/32f40bde-ef07-4568-8801-7a8e2054a8a2?lang=kk')).toBe('127.0.0.1:34637/v/32f40bde…');
  });

  it('leaves a short last segment whole', () => {
    expect(shortUrl('https://esep.kz/rules')).toBe('esep.kz/rules');
  });
});
