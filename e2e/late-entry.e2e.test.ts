import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, launch, logIn } from './browser.ts';
import { inDays } from './dates.ts';
import { startServer, type RunningServer } from './server.ts';

/**
 * Issue 10, "a meeting entered after the fact": the inspector records a meeting held two days ago
 * without a connection, from the calendar, on a phone; it is marked entered late and its notice is
 * judged from the publication recorded (5 days ahead: not met, R-27.1); the point lead finds it in
 * his queue on the board and confirms it; the mark then names him.
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


/** The quarter of the meeting two days ago (on a quarter's first days, the previous one). */
const held = inDays(-2);
const quarter = `${held.slice(0, 4)}-Q${Math.floor((Number(held.slice(5, 7)) - 1) / 3) + 1}`;

describe('a meeting entered after the fact', () => {
  let meetingUrl = '';

  it('the inspector records a meeting held without Esep; it awaits the lead, the notice judged as ever', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await logIn(page, server.url, 'inspector', 'ru');
    await page.goto(`${server.url}/calendar`);
    await page.locator('[data-testid=late-entry-new]').click();
    await page.waitForURL(/\/meetings\/late-entry$/);
    // His one district is chosen for him; a gathering is the default setting.
    await page.locator('[data-testid=wizard-district-ALM-KAR-P2-D01]').waitFor();
    await page.locator('[data-testid=wizard-venue-name]').fill('Шамалған мектебі');
    await page.locator('[data-testid=wizard-venue-address]').fill('Шамалған а., Абай к-сі, 5');
    // A coming day is refused in the form: it is planned instead.
    await page.locator('[data-testid=late-date]').fill(inDays(1));
    await page.locator('[data-testid=late-submit]').click();
    await page.locator('[data-testid=late-date]').and(page.locator('[aria-invalid=true]')).waitFor();
    await page.locator('[data-testid=late-date]').fill(held);
    await page.locator('[data-testid=late-start]').fill('18:00');
    await page.locator('[data-testid=late-end]').fill('19:30');
    await page.locator('[data-testid=late-add-publication]').click();
    await page.locator('[data-testid=late-publication-outlet-0]').fill('«Қарасай» газеті');
    await page.locator('[data-testid=late-publication-date-0]').fill(inDays(-7));
    await page.locator('[data-testid=late-reason]').fill('В селе не было связи, реестр вёлся на бумаге');
    const formViolations = await axe(page);
    expect(formViolations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await page.locator('[data-testid=late-submit]').click();
    await page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
    meetingUrl = page.url();

    const panel = page.locator('[data-testid=late-entry-panel]');
    await expect.poll(() => panel.getAttribute('data-late-entry')).toBe('pending');
    expect(await page.locator('[data-testid=late-entry-awaiting]').textContent()).toContain('Ерболов Асқар Ғалымұлы');
    expect(await page.locator('[data-testid=meeting-status]').getAttribute('data-status')).toBe('held');
    expect(await page.locator('[data-testid=check-late_entry]').getAttribute('data-status')).toBe('pending');
    // Published 5 days before the meeting, not 10: the notice is not met.
    expect(await page.locator('[data-testid=check-notice]').getAttribute('data-status')).toBe('not_met');
    // The author does not confirm his own entry.
    expect(await page.locator('[data-testid=late-entry-confirm]').count()).toBe(0);
    const violations = await axe(page);
    expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });

  it('the point lead finds it on the board and confirms it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await logIn(page, server.url, 'lead', 'kk');
    await page.goto(`${server.url}/board`);
    const queue = page.locator('[data-testid=late-entry-queue]');
    await queue.waitFor();
    await queue.locator('[data-testid=late-entry-queue-link]').first().click();
    await page.waitForURL(meetingUrl);
    await page.locator('[data-testid=late-entry-confirm]').click();
    await page.locator('[data-testid=late-decision-confirm]').click();
    const panel = page.locator('[data-testid=late-entry-panel]');
    await expect.poll(() => panel.getAttribute('data-late-entry')).toBe('confirmed');
    expect(await page.locator('[data-testid=late-entry-confirmed]').textContent()).toContain('Ерболов Асқар Ғалымұлы');
    expect(await page.locator('[data-testid=check-late_entry]').getAttribute('data-status')).toBe('met');
    // The flag stays on the board's row of the district, now confirmed.
    await page.goto(`${server.url}/board?quarter=${quarter}`);
    await page.locator('[data-late-entry=confirmed]').first().waitFor();
    const violations = await axe(page);
    expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await context.close();
  });
});
