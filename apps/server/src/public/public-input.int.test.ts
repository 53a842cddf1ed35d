import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/harness.ts';

/*
 * Issue 13, bad input on the residents' pages: a code, id or token with control characters,
 * odd bytes or absurd length names nothing — the answer is a 4xx page or message, never a 5xx
 * (PostgreSQL refuses a NUL byte in text; it must never get one).
 */
let t: TestApp;
beforeAll(async () => { t = await testApp(); }, 120_000);
afterAll(async () => { await t.close(); });

const CODES = ['%00ab', 'ab%00', '%C0%AF', 'x'.repeat(500), '%E2%80%AE', '..%2F..'];
const PAGES = ['/d/{}', '/d/{}/ask', '/d/{}/subscribe', '/d/{}/outcomes', '/m/{}', '/m/{}/meeting.ics', '/v/{}', '/q/{}', '/q/{}/verdict', '/s/confirm/{}', '/s/unsubscribe/{}'];

describe('residents\' pages refuse odd codes with a 4xx', () => {
  it('every page, every odd code: 4xx, never 5xx', async () => {
    const bad: string[] = [];
    for (const page of PAGES) for (const code of CODES) {
      const url = `${page.replace('{}', code)}?lang=ru`;
      const response = await t.app.inject({ method: 'GET', url });
      if (response.statusCode >= 500 || response.statusCode < 400) bad.push(`${url} → ${response.statusCode}`);
    }
    for (const query of ['%00', 'Абая%00', '%C0%AF']) {
      for (const url of [`/find?q=${query}`, `/api/v1/public/addresses?q=${query}`, `/open-data?region=${query}`, `/open-data/meetings.csv?district=${query}`]) {
        const response = await t.app.inject({ method: 'GET', url });
        if (response.statusCode >= 500) bad.push(`${url} → ${response.statusCode}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
