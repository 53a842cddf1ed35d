import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, launch, logIn } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

/**
 * Preparing the report: the inspector opens the meeting in progress in his demo
 * district, sees what is being held, writes a section of his report, answers for an item
 * carried over from last quarter's meeting, downloads the handout and sees the statistics.
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

const SITUATION = 'Учаскедегі жағдай тұрақты';
const NOTE = 'Мектеп маңында кешкі рейдтер ұйымдастырылды, жастармен профилактикалық әңгіме жүргізілді.';

/** The demo meeting of district №11 that is under way now (seeded as announced). */
async function meetingInProgress(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const districts = await (await fetch('/api/v1/districts?q=ALM-KAR-P2-D01&pageSize=10')).json();
    const district = districts.items.find((d: { code: string }) => d.code === 'ALM-KAR-P2-D01').id as string;
    const meetings = await (await fetch(`/api/v1/meetings?districtId=${district}&status=announced`)).json();
    return meetings.items[0].id as string;
  });
}

async function noViolations(page: Page) {
  const violations = await axe(page);
  expect(violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.slice(0, 3))}`)).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

describe('the report (R-29, R-30)', () => {
  it('the inspector writes his report, answers for last quarter\'s items and downloads the handout', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await logIn(page, server.url, 'inspector');
    const meetingId = await meetingInProgress(page);

    // The meeting page: the register's size and what is carried over from last quarter.
    await page.goto(`${server.url}/meetings/${meetingId}`);
    const count = page.locator('[data-testid=holding-participant-count]');
    await count.waitFor();
    expect(await count.innerText()).toMatch(/^\d+$/);
    const carried = Number(await page.locator('[data-testid=holding-carried]').innerText());
    expect(carried).toBeGreaterThanOrEqual(3);
    expect(await page.locator('[data-testid=open-live]').count()).toBe(1);
    expect(await page.locator('[data-testid=holding-online-link]').innerText()).toContain(`/m/${meetingId}?online=1`);

    await page.locator('[data-testid=open-report]').click();
    await page.waitForURL(new RegExp(`/meetings/${meetingId}/report`));
    await page.locator('[data-testid=report-title]').waitFor();

    // Carry-over: last quarter's items with their outcomes in words.
    await page.locator('[data-testid=tab-carry]').click();
    const items = page.locator('[data-testid=carry-list] [data-testid=carry-item]');
    await items.first().waitFor();
    expect(await items.count()).toBe(carried);
    const outcomes = await items.evaluateAll((els) => els.map((el) => el.getAttribute('data-outcome')));
    expect(outcomes).toContain('answered');
    expect(outcomes.some((o) => o === 'check_open' || o === 'forward_open' || o === 'unclassified')).toBe(true);
    for (const badge of await page.locator('[data-testid=carry-list] [data-testid=carry-outcome]').allInnerTexts()) expect(badge.trim()).toMatch(/[а-яәғқңөұүһі]/i);
    expect(await page.locator('[data-testid=carry-list]').innerText()).toMatch(/ALM-KAR-P2-D01-\d{4}-\d{2}\/\d+/);

    // R-30 ¶4: a note on what was done about an item still being checked.
    const missing = page.locator('[data-testid=carry-missing]').first();
    const before = Number(await missing.getAttribute('data-count'));
    expect(before).toBeGreaterThan(0);
    const open = page.locator('[data-testid=carry-list] [data-testid=carry-item]:not([data-outcome=answered]):not([data-outcome=check_done]):not([data-outcome=initiator_notified])').first();
    const reference = await open.getAttribute('data-reference');
    await open.locator('[data-testid=carry-note]').fill(NOTE);
    await open.locator('[data-testid=carry-note-save]').click();
    await expect.poll(() => missing.getAttribute('data-count')).toBe(String(before - 1));

    // The situation section: type, save, reload, and it is there.
    await page.locator('[data-testid=tab-report]').click();
    const editor = page.locator('[data-testid=report-editor-situation]');
    await editor.click();
    await page.keyboard.type(SITUATION);
    await page.locator('[data-testid=section-dirty]').waitFor();
    await page.locator('[data-testid=report-save-situation]').click();
    await expect.poll(() => page.locator('[data-testid=section-dirty]').count()).toBe(0);
    await page.locator('[data-testid=report-section-situation] [data-testid=section-saved]').waitFor();

    await page.reload();
    await page.locator('[data-testid=report-editor-situation]').waitFor();
    expect(await page.locator('[data-testid=report-editor-situation]').innerText()).toContain(SITUATION);
    // The note is kept too, and shown in the complaints section's list as well.
    const inline = page.locator(`[data-testid=carry-inline-item][data-reference="${reference}"] [data-testid=carry-inline-note]`);
    expect(await inline.inputValue()).toBe(NOTE);

    // The handout in Kazakh.
    const href = await page.locator('[data-testid=report-pdf-kk]').getAttribute('href');
    expect(href).toContain('lang=kk');
    const pdf = await context.request.get(`${server.url}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // The statistics: this quarter against last year, as a table and a chart.
    await page.locator('[data-testid=tab-statistics]').click();
    const chart = page.locator('[data-testid=report-statistics] svg[role=img]');
    await chart.first().waitFor();
    expect(await chart.first().getAttribute('aria-label')).toBeTruthy();
    expect(await page.locator('[data-testid=report-statistics] [data-testid=statistics-table] tbody tr').count()).toBeGreaterThanOrEqual(10);

    await page.locator('[data-testid=tab-report]').click();
    await noViolations(page);
    await page.locator('[data-testid=tab-carry]').click();
    await noViolations(page);
    await page.locator('[data-testid=tab-statistics]').click();
    await noViolations(page);
    await context.close();
  });

  it('the report page has no WCAG 2.1 AA violations on a phone', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
    const page = await context.newPage();
    await logIn(page, server.url, 'inspector');
    const meetingId = await meetingInProgress(page);
    for (const tab of ['report', 'carry', 'sources', 'statistics']) {
      await page.goto(`${server.url}/meetings/${meetingId}/report?tab=${tab}`);
      await page.locator('[data-testid=report-title]').waitFor();
      await page.locator(`[data-testid=tab-${tab}][aria-selected=true]`).waitFor();
      await noViolations(page);
    }
    await context.close();
  });
});
