import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, launch, logIn } from './browser.ts';
import { inDays, today } from './dates.ts';
import { startServer, type RunningServer } from './server.ts';

/**
 * Issue 3 journeys: an inspector plans a joint meeting with an adjacent district of a colleague
 * and gives notice; it is announced once the colleague's point lead agrees for him; a
 * non-adjacent district is refused with its rule; the point lead sees the quarter board.
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

/** Issue 13: the way to the venue, typed in the wizard, shown to staff and on the public page. */
const DIRECTIONS = 'Кіреберіс аула жақтан\n2-қабат, мәжіліс залы';

async function fillPlace(page: Page) {
  await page.locator('[data-testid=wizard-venue-name]').fill('Шамалған ауылдық клубы');
  await page.locator('[data-testid=wizard-venue-address]').fill('Шамалған а., Жібек жолы к-сі, 12');
  await page.locator('[data-testid=wizard-directions]').fill(DIRECTIONS);
  await page.locator('[data-testid=wizard-capacity]').fill('150');
  await page.locator('[data-testid=wizard-expected]').fill('90');
}

async function fillTime(page: Page, date: string) {
  await page.locator('[data-testid=wizard-date]').fill(date);
  await page.locator('[data-testid=wizard-start]').fill('18:30');
  await page.locator('[data-testid=wizard-end]').fill('20:00');
}

/**
 * Issue 14: the plan starts from the district's last meeting and opens on its review; a step
 * before it is one tap on the stepper. From there the steps as they were.
 */
async function planFromStart(page: Page, extraDistrict: string, date: string) {
  await page.locator('[data-testid=wizard-submit]').waitFor();
  await page.locator('[data-testid=wizard-step-districts]').click();
  await page.locator(`[data-testid=wizard-district-${extraDistrict}]`).check();
  await page.locator('[data-testid=wizard-next]').click();
  // Step 2: a community gathering (the default).
  await page.locator('[data-testid=wizard-next]').click();
  await fillPlace(page);
  await page.locator('[data-testid=wizard-next]').click();
  await fillTime(page, date);
  await page.locator('[data-testid=wizard-next]').click();
  await page.locator('[data-testid=wizard-submit]').click();
}

describe('planning and announcing (R-27.1, R-27.4)', () => {
  it('the inspector plans a joint meeting with a colleague\'s adjacent district and gives notice', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await logIn(page, server.url, 'inspector');
    await page.goto(`${server.url}/meetings/new`);
    // His district is chosen; add the adjacent district of a colleague.
    await planFromStart(page, 'ALM-KAR-P2-D02', inDays(14));
    await page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);

    const notice = page.locator('[data-testid=check-notice]');
    await expect.poll(() => notice.getAttribute('data-status')).toBe('pending');
    expect(await page.locator('[data-testid=check-adjacency]').getAttribute('data-status')).toBe('met');
    expect(await page.locator('[data-testid=meeting-status]').getAttribute('data-status')).toBe('draft');
    // The page opens on its next step: announcing, the publication and the invitations in one.
    expect(await page.locator('[data-testid=task-announce]').getAttribute('data-status')).toBe('current');

    // the colleague of №12 reports too; until he (or his point lead) agrees, no announcement,
    // and a refused announcement leaves nothing behind (the publication is not recorded either).
    expect(await page.locator('[data-testid=agreement-ALM-KAR-P2-D02]').getAttribute('data-status')).toBe('pending');
    expect(await page.locator('[data-testid=agreement-accept]').count()).toBe(0);
    await page.locator('[data-testid=announce-step-channel]').selectOption('social_network');
    await page.locator('[data-testid=announce-step-outlet]').fill('Instagram @karasai_police');
    await page.locator('[data-testid=announce-step-date]').fill(today);
    await page.locator('[data-testid=action-announce]').click();
    const refused = page.locator('[data-testid=action-error]');
    await refused.waitFor();
    expect(await refused.getAttribute('data-rule')).toBe('R-27.4');
    expect(await page.locator('[data-testid=meeting-status]').getAttribute('data-status')).toBe('draft');
    expect(await notice.getAttribute('data-status')).toBe('pending');

    // The point lead finds it on his quarter page and agrees for his inspector.
    const meetingUrl = page.url();
    const leadContext = await browser.newContext();
    const lead = await leadContext.newPage();
    await logIn(lead, server.url, 'lead');
    await lead.locator('[data-testid=nav-board]').click();
    const waiting = lead.locator(`[data-testid=my-agreement][data-meeting="${meetingUrl.split('/').pop()}"]`);
    await waiting.waitFor();
    expect(await waiting.getAttribute('data-status')).toBe('pending');
    const leadViolations = await axe(lead);
    expect(leadViolations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await waiting.locator('[data-testid=agreement-accept]').click();
    await expect.poll(() => waiting.getAttribute('data-status')).toBe('accepted');
    await leadContext.close();

    await page.reload();
    await expect.poll(() => page.locator('[data-testid=check-agreement]').getAttribute('data-status')).toBe('met');
    expect(await page.locator('[data-testid=agreement-ALM-KAR-P2-D02] [data-testid=agreement-answered-by]').getAttribute('data-on-behalf')).toBe('true');
    await page.locator('[data-testid=announce-step-outlet]').fill('Instagram @karasai_police');
    await page.locator('[data-testid=announce-step-date]').fill(today);
    await page.locator('[data-testid=action-announce]').click();
    await expect.poll(() => page.locator('[data-testid=meeting-status]').getAttribute('data-status')).toBe('announced');
    await expect.poll(() => notice.getAttribute('data-status')).toBe('met');
    expect(await page.locator('[data-testid=meeting-directions]').innerText()).toContain('2-қабат, мәжіліс залы');

    // A second publication, with the enterprise administration, from the announce step's own list.
    await page.locator('[data-testid=task-link-announce]').click();
    await page.locator('[data-testid=announce-another]').click();
    await page.locator('[data-testid=announce-channel]').selectOption('organisation');
    await page.locator('[data-testid=announce-outlet]').fill('«Шамалған агро» ЖШС әкімшілігі');
    await page.locator('[data-testid=announce-date]').fill(today);
    await page.locator('[data-testid=announce-submit]').click();
    await expect.poll(() => page.locator('[data-testid=announcements] li').count()).toBeGreaterThanOrEqual(2);

    // A scan of the newspaper page proves the first publication.
    const chooser = page.waitForEvent('filechooser');
    await page.locator('[data-testid=proof-attach]').first().click();
    await (await chooser).setFiles({ name: 'gazet.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% page 3\n%%EOF\n') });
    await page.locator('[data-testid=proof-link]').first().waitFor();
    await page.locator('[data-testid=task-link-plan]').click();
    await expect.poll(() => page.locator('[data-testid=notice]').getAttribute('data-given')).toBe('true');

    const violations = await axe(page);
    expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    // The public page of the announced meeting tells residents how to find the place.
    await page.goto(`${server.url}/m/${meetingUrl.split('/').pop()}`);
    expect(await page.locator('dd.pre').innerText()).toBe(DIRECTIONS);
    await context.close();
  });

  it('refuses a non-adjacent district and shows the rule', async () => {
    const page = await browser.newPage();
    await logIn(page, server.url, 'lead');
    const districts = await page.evaluate(async () => (await fetch('/api/v1/districts?pageSize=50')).json());
    const d01 = districts.items.find((d: { code: string }) => d.code === 'ALM-KAR-P2-D01').id as string;
    await page.goto(`${server.url}/meetings/new?district=${d01}`);
    await planFromStart(page, 'ALM-KAR-P2-D03', inDays(16));
    const error = page.locator('[data-testid=wizard-error]');
    await error.waitFor();
    const text = await error.innerText();
    expect(text).toContain('§27 ¶4');
    expect(text).toContain('№13');
    await page.close();
  });
});

describe('the quarter board (R-22.13)', () => {
  it('the lead sees the meeting and a district at risk', async () => {
    const page = await browser.newPage();
    await logIn(page, server.url, 'lead');
    await page.locator('[data-testid=nav-board]').click();
    await page.locator('[data-testid=board-table]').waitFor();
    expect(await page.locator('[data-testid^=board-status-]').count()).toBe(6);
    const board = await page.evaluate(async () => (await fetch('/api/v1/obligations')).json());
    // A district with nothing planned is at risk once fewer than N days remain to announce; in a
    // quarter's last ten days nothing compliant fits any more and it is missed instead.
    const expected = board.today > board.lastAnnounceDate ? 'missed' : 'at_risk';
    const statuses = await page.locator('[data-testid^=board-status-]').evaluateAll((els) => els.map((el) => el.getAttribute('data-status')));
    expect(statuses).toContain(expected);
    const violations = await axe(page);
    expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    // The joint meeting planned above (14 days ahead) is on the board of its quarter.
    const quarterOf = (date: string) => `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
    if (quarterOf(inDays(14)) !== quarterOf(today)) await page.locator('[data-testid=quarter-next]').click();
    await expect.poll(() => page.locator('[data-testid=board-status-ALM-KAR-P2-D02]').getAttribute('data-status')).toBe('scheduled');
    // Its meetings are named by day and time (the row is the district), not by their code (issue 14, item 11).
    const meetingLinks = page.locator('[data-testid=board-table] a[href^="/meetings/"]');
    expect(await meetingLinks.count()).toBeGreaterThan(0);
    expect(await meetingLinks.first().innerText()).toMatch(/^\d{1,2} \S+, \d{2}:\d{2}$/);
    expect(await page.locator('[data-testid=board-table]').innerText()).not.toMatch(/ALM-KAR-P2-D01-\d{4}-\d{2}/);
    await page.close();
  });

  it('the regional head sees the region by department, pages its districts and narrows to one department', async () => {
    const page = await browser.newPage();
    await logIn(page, server.url, 'regional');
    await page.locator('[data-testid=nav-board]').click();
    await page.locator('[data-testid=board-areas]').waitFor();
    const board = await page.evaluate(async () => (await fetch('/api/v1/obligations')).json());
    // A page of 25 districts of the region's 30, the rest on page 2; the counts cover all 30.
    expect(board.total).toBeGreaterThan(25);
    expect(await page.locator('[data-testid^=board-status-]').count()).toBe(25);
    const counted = await page.locator('[data-testid=board-counts] li').evaluateAll((els) => els.reduce((n, el) => n + Number(el.getAttribute('data-count')), 0));
    expect(counted).toBe(board.total);
    expect(await page.locator('[data-testid=board-areas] tbody tr').count()).toBe(board.areas.items.length);
    expect(await axe(page).then((v) => v.map((x) => `${x.id}: ${x.help}`))).toEqual([]);
    await page.getByRole('navigation', { name: /./ }).last().getByRole('button', { name: /2/ }).first().click();
    await page.waitForURL(/page=2/);
    await expect.poll(() => page.locator('[data-testid^=board-status-]').count()).toBe(board.total - 25);

    // A department's name narrows the board to it: its points become the breakdown.
    const unit = board.areas.items[0];
    await page.locator('[data-testid=board-area]').first().click();
    await page.waitForURL(/unit=/);
    await expect.poll(() => page.locator('[data-testid=board-areas]').getAttribute('data-level')).toBe('point');
    await expect.poll(() => page.locator('[data-testid^=board-status-]').count()).toBe(Math.min(25, unit.total));
    expect(new URL(page.url()).searchParams.get('page')).toBeNull();
    await page.close();
  });
});
