import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, launch, logIn } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

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

describe('an inspector in Kazakh, then Russian', () => {
  it('logs in, sees his district page in Kazakh, switches to Russian, logs out', async () => {
    const page = await browser.newPage();
    await logIn(page, server.url, 'inspector', 'kk');
    expect(await page.getAttribute('html', 'lang')).toBe('kk');
    // Issue 14: the inspector lands on his quarter; the organisation is one menu item away.
    await page.waitForURL(/\/meetings$/);
    await page.locator('[data-testid=nav-org]').first().click();
    await page.locator('[data-testid=org-tree-district]').first().click();
    const title = page.locator('[data-testid=district-title]');
    await expect.poll(() => title.textContent()).toBe('№11 әкімшілік учаске');
    // Kazakh labels on the page, with Kazakh letters rendered from the page's fonts.
    const body = await page.locator('main').innerText();
    expect(body).toMatch(/[әғқңөұүһі]/);
    expect(body).toContain('Шамалған ауылдық округі');

    await page.locator('[data-testid=language-switch]').selectOption('ru');
    await expect.poll(() => title.textContent()).toBe('Административный участок №11');
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    await expect.poll(async () => page.locator('main').innerText()).toContain('Шамалганский сельский округ');

    // The choice is remembered per user: the server now holds locale ru.
    const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).json());
    expect(me.user.locale).toBe('ru');

    await page.locator('[data-testid=user-menu]').click();
    await page.locator('[data-testid=logout]').click();
    await page.waitForURL((url) => url.pathname.startsWith('/login'));
    const after = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
    expect(after).toBe(401);
    await page.close();
  });

  it('does not show inspector2\'s district to the inspector', async () => {
    // The administrator finds the id of inspector2's district through the API.
    const token = (await (await fetch(`${server.url}/api/v1/auth/token`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'demo' }),
    })).json()).token as string;
    const list = await (await fetch(`${server.url}/api/v1/districts?q=ALM-TAL-P1-D01`, { headers: { authorization: `Bearer ${token}` } })).json();
    const page = await browser.newPage();
    await logIn(page, server.url, 'inspector', 'en');
    await page.goto(`${server.url}/districts/${list.items[0].id}`);
    await page.locator('main h1').first().waitFor();
    expect(await page.locator('[data-testid=district-title]').count()).toBe(0);
    expect(await page.locator('main').innerText()).not.toContain('31');
    await page.close();
  });
});

describe('accessibility and small screens', () => {
  const pages: Array<{ name: string; user: string | null; path: (page: Page) => Promise<string> }> = [
    { name: 'login', user: null, path: async () => '/login' },
    { name: 'organisation browser', user: 'lead', path: async () => '/org' },
    {
      name: 'district page', user: 'lead',
      path: async (page) => {
        const list = await page.evaluate(async () => (await fetch('/api/v1/districts?pageSize=1')).json());
        return `/districts/${list.items[0].id}`;
      },
    },
    { name: 'import page', user: 'admin', path: async () => '/import' },
    { name: 'audit page', user: 'admin', path: async () => '/audit' },
  ];

  for (const { name, user, path } of pages) {
    for (const width of [1280, 360]) {
      it(`${name} at ${width}px has no WCAG 2.1 AA violations and no horizontal scroll`, async () => {
        const context = await browser.newContext({ viewport: { width, height: 800 } });
        const page = await context.newPage();
        if (user) await logIn(page, server.url, user, 'kk');
        await page.goto(`${server.url}${await path(page)}`);
        await page.locator('main h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        const violations = await axe(page);
        expect(violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`)).toEqual([]);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await context.close();
      });
    }
  }
});
