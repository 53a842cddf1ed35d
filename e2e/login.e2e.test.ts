import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './browser.ts';
import { kb, measureLoginWeight } from './login-weight.ts';
import { startServer, type RunningServer } from './server.ts';

/**
 * The login page (issue 14, items 3 and 13): light on a phone's connection, in the language the
 * browser asks for, and a language chosen there is kept after login.
 */
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the weight of the login page (issue 14, item 13)', () => {
  it('downloads ≤ 120 KB of JavaScript as transferred, one language\'s strings, and nothing in the background', async () => {
    const weight = await measureLoginWeight(browser, server.url, { acceptLanguage: 'ru-RU', settleMs: 2_000 });
    console.log(`/login: page JS ${kb(weight.pageJsBytes)} in ${weight.pageJsFiles} files; strings of ${weight.languagesLoaded.join(', ')}; `
      + `service worker ${kb(weight.workerBytes)}`);
    expect(weight.pageJsBytes).toBeLessThanOrEqual(120 * 1024);
    expect(weight.languagesLoaded).toEqual(['ru']);
    // The service worker is registered after login: before it, nothing is precached.
    expect(weight.workerBytes).toBe(0);
  }, 120_000);
});

describe('the service worker after login (issue 14, item 13)', () => {
  it('precaches the shell and the offline screens, not the whole app', async () => {
    const sw = await (await fetch(`${server.url}/sw.js`)).text();
    for (const kept of ['index.html', 'assets/MeetingPage-', 'assets/LivePage-', 'assets/signed-in.kk-', 'assets/signed-in.ru-', 'assets/outbox-']) expect(sw).toContain(kept);
    // Their code, that is: every style sheet is kept (the largest is 20 KB compressed).
    for (const left of ['ReportPage', 'VideoPanel', 'AdminPage']) expect(sw).not.toMatch(new RegExp(`assets/${left}-[^"]+\\.js`));
  });

  it('a page opened once, before the worker took control, opens again without signal', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.locator('[data-testid=login-username]').fill('inspector');
    await page.locator('[data-testid=login-password]').fill('demo');
    await page.locator('[data-testid=login-submit]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${server.url}/account`);
    await page.locator('main h1').waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
    // The account page's code was fetched before the worker was there: the page hands it over.
    await expect.poll(() => page.evaluate(async () => {
      const cache = await caches.open('esep-assets');
      return (await cache.keys()).some((request) => /\/assets\/AccountPage-[^/]+\.js$/.test(request.url));
    }), { timeout: 30_000 }).toBe(true);
    await context.setOffline(true);
    await page.reload({ waitUntil: 'domcontentloaded' });
    await expect.poll(() => page.locator('main h1').first().innerText(), { timeout: 30_000 }).toBe('Тіркелгі');
    await context.close();
  }, 120_000);
});

describe('the language before and after login (issue 14, item 3)', () => {
  const open = async (locale: string) => {
    const context = await browser.newContext({ locale, viewport: { width: 360, height: 780 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.locator('[data-testid=login-submit]').waitFor();
    return { context, page };
  };
  const logIn = async (page: Awaited<ReturnType<typeof open>>['page'], username: string) => {
    await page.locator('[data-testid=login-username]').fill(username);
    await page.locator('[data-testid=login-password]').fill('demo');
    await page.locator('[data-testid=login-submit]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.locator('[data-testid=user-menu]').waitFor();
  };

  it('follows the browser\'s languages: Russian, English, and Kazakh for any other', async () => {
    for (const [locale, expected, submit] of [['ru-RU', 'ru', 'Войти'], ['en-GB', 'en', 'Log in'], ['de-DE', 'kk', 'Кіру']] as const) {
      const { context, page } = await open(locale);
      expect(await page.getAttribute('html', 'lang')).toBe(expected);
      expect(await page.locator('[data-testid=language-switch]').inputValue()).toBe(expected);
      expect(await page.locator('[data-testid=login-submit]').innerText()).toContain(submit);
      await context.close();
    }
  }, 120_000);

  it('without a choice on this device, the account\'s language after login (inspector2 reads Russian)', async () => {
    const { context, page } = await open('kk-KZ');
    expect(await page.getAttribute('html', 'lang')).toBe('kk');
    await logIn(page, 'inspector2');
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('ru');
    await context.close();
  }, 120_000);

  it('a language chosen on the login page stays after login and is saved to the account; a reload keeps it', async () => {
    const { context, page } = await open('ru-RU');
    await page.locator('[data-testid=language-switch]').selectOption('en');
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
    await logIn(page, 'inspector');
    await page.locator('[data-testid=language-switch]').waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('[data-testid=language-switch]').inputValue()).toBe('en');
    await expect.poll(async () => (await page.evaluate(async () => (await fetch('/api/v1/auth/me')).json()) as { user: { locale: string } }).user.locale).toBe('en');
    await page.reload();
    await page.locator('[data-testid=user-menu]').waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');

    // The header's switch changes both this browser's choice and the account's.
    await page.locator('[data-testid=language-switch]').selectOption('kk');
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('kk');
    await expect.poll(async () => (await page.evaluate(async () => (await fetch('/api/v1/auth/me')).json()) as { user: { locale: string } }).user.locale).toBe('kk');
    await context.close();
  }, 120_000);
});
