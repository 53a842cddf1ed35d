import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injectAxe, launch, logIn, type AxeViolation } from './browser.ts';
import { callApi, tokenOf as sharedTokenOf } from './api.ts';
import { startServer, type RunningServer } from './server.ts';

/**
 * What follows the protocol: the inspector's signed protocol opens a check for
 * the item not answered in full; he records its result on the meeting page; the point lead
 * sees the check on his control board and marks it verified. The administrator's directories
 * (state bodies, working calendar, retention) are shown as well.
 */
let server: RunningServer;
let browser: Browser;
let meetingId: string;

const tokenOf = (username: string) => sharedTokenOf(server.url, username);
const api = <T>(token: string, method: string, path: string, body?: unknown) => callApi<T>(server.url, token, method, path, body);

/** The machine running the tests may be busy: wait generously for what the screen shows. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000, interval: 100 });

/** axe on the page or one part of it (the rest of a page belongs to other features' tests), with each node's markup. */
async function axeWithin(page: Page, selector: string): Promise<AxeViolation[]> {
  await injectAxe(page);
  return page.evaluate(async (include) => {
    const result = await (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } })
      .axe.run(include === 'document' ? document : { include: [include] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: (n as unknown as { html: string }).html.slice(0, 300) })) }));
  }, selector);
}

const describeViolations = (violations: AxeViolation[]) => violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.slice(0, 3))}`);

async function noViolations(page: Page) {
  expect(describeViolations(await axeWithin(page, 'document'))).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
  // The demo's meeting held last quarter in the inspector's district: he signs its protocol
  // (late: the meeting day is over), which opens a check and a forwarding.
  const inspector = await tokenOf('inspector');
  const held = await api<{ items: Array<{ id: string }> }>(inspector, 'GET', '/api/v1/meetings?status=held&pageSize=50');
  if (held.items.length === 0) throw new Error('the demo has no held meeting');
  meetingId = held.items[0]!.id;
  // Reading the protocol assembles its draft.
  await fetch(`${server.url}/api/v1/meetings/${meetingId}/protocol`, { headers: { authorization: `Bearer ${inspector}` } });
  const signed = await fetch(`${server.url}/api/v1/meetings/${meetingId}/protocol/signatures`, {
    method: 'POST',
    headers: { authorization: `Bearer ${inspector}`, 'content-type': 'application/json' },
    body: JSON.stringify({ method: 'builtin', password: 'demo', lateReason: 'Кездесу кешке аяқталды, хаттама келесі күні рәсімделді.' }),
  });
  // What counts is the meeting's status afterwards (the answer's shape is the protocol tests' concern).
  const meeting = await api<{ status: string }>(inspector, 'GET', `/api/v1/meetings/${meetingId}`);
  if (meeting.status !== 'protocol_signed') throw new Error(`signing failed: ${signed.status} ${await signed.text()}`);
  // Signing opens the follow-ups; asking again is harmless (nothing is opened twice).
  await api(inspector, 'POST', `/api/v1/meetings/${meetingId}/follow-ups`);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('follow-up and control (R-32.4, R-32.5, R-33)', () => {
  it('the inspector records a check\'s result; the point lead verifies it on his board', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await logIn(page, server.url, 'inspector');
    await page.goto(`${server.url}/meetings/${meetingId}`);
    const section = page.locator('[data-testid=meeting-followup]');
    await section.waitFor();
    const check = section.locator('[data-testid=check]').first();
    await check.waitFor();
    expect(await check.getAttribute('data-status')).toBe('open');
    const reference = await check.getAttribute('data-reference');
    expect(reference).toMatch(/\/\d+$/);
    // The due date counts working days (15, APPK art. 76).
    expect(await check.locator('[data-testid=check-due]').getAttribute('data-due')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The forwarded item is not complete until the initiator is told.
    const forwarding = section.locator('[data-testid=forwarding]').first();
    await forwarding.waitFor();
    expect(await forwarding.locator('[data-testid=forwarding-complete]').getAttribute('data-complete')).toBe('false');
    expect(await forwarding.locator('[data-testid=forwarding-missing] [data-missing]').count()).toBeGreaterThan(0);

    // Closing without a result is not possible: the form says what is missing.
    await check.locator('[data-testid=check-result-submit]').click();
    await check.locator('[data-testid=check-result-form] [aria-invalid=true]').first().waitFor();

    await check.locator('[data-testid=check-result]').fill('Кешкі рейдтер өткізілді, жастармен профилактикалық әңгіме жүргізілді.');
    await check.locator('[data-testid=check-answer]').fill('Сіздің өтінішіңіз бойынша мектеп маңында кешкі рейдтер ұйымдастырылды.');
    await check.locator('[data-testid=check-answer-channel]').selectOption('phone');
    await check.locator('[data-testid=check-result-submit]').click();
    const closed = section.locator(`[data-testid=check][data-reference="${reference}"]`);
    await poll(() => closed.getAttribute('data-status')).toBe('done');
    expect(await closed.locator('[data-testid=check-result-text]').innerText()).toContain('рейдтер');

    expect(describeViolations(await axeWithin(page, '[data-testid=meeting-followup]'))).toEqual([]);

    // The forwarding: a suggested body, the letter sent — still not complete until the
    // initiator is told; the notice text is generated naming the body.
    const forwardingId = await forwarding.getAttribute('data-id');
    const card = section.locator(`[data-testid=forwarding][data-id="${forwardingId}"]`);
    await card.locator('[data-testid=forwarding-body] option').nth(1).waitFor({ state: 'attached' });
    await card.locator('[data-testid=forwarding-body]').selectOption({ index: 1 });
    if (await card.locator('[data-testid=forwarding-reason]').count()) await card.locator('[data-testid=forwarding-reason]').fill('Аудандағы жол қауіпсіздігі мәселелері осы органмен келісіледі.');
    await card.locator('[data-testid=forwarding-body-submit]').click();
    await card.locator('[data-testid=forwarding-letter-number]').waitFor();
    expect(await card.locator('[data-testid=forwarding-letters] a').count()).toBe(4);
    await card.locator('[data-testid=forwarding-letter-number]').fill('27-4/118');
    await card.locator('[data-testid=forwarding-letter-submit]').click();
    await poll(() => card.locator('[data-testid=forwarding-missing] [data-missing=sent]').count()).toBe(0);
    expect(await card.locator('[data-testid=forwarding-complete]').getAttribute('data-complete')).toBe('false');
    expect(await card.locator('[data-testid=forwarding-missing] [data-missing=initiator_notice]').count()).toBe(1);
    expect((await card.locator('[data-testid=forwarding-notice-text]').inputValue()).length).toBeGreaterThan(20);
    await card.locator('[data-testid=forwarding-notice-channel]').selectOption('sms');
    await card.locator('[data-testid=forwarding-notice-submit]').click();
    await poll(() => card.locator('[data-testid=forwarding-complete]').getAttribute('data-complete')).toBe('true');
    expect(await card.getAttribute('data-status')).toBe('done');
    await context.close();

    // The point lead's board: the check of his point, done, to verify.
    const leadContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const lead = await leadContext.newPage();
    await logIn(lead, server.url, 'lead');
    await lead.locator('[data-testid=nav-control]').click();
    await lead.waitForURL(/\/control/);
    const meeting = lead.locator(`[data-testid=control-meeting][data-id="${meetingId}"]`);
    await meeting.waitFor();
    const entries = meeting.locator('[data-testid=control-entry]');
    expect(await entries.evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')))).toEqual(expect.arrayContaining(['check', 'forwarding', 'decision']));
    // Overdue first: no entry that is not overdue comes before one that is.
    const states = await entries.evaluateAll((els) => els.map((el) => el.getAttribute('data-state')));
    const firstNotOverdue = states.findIndex((s) => s !== 'overdue');
    if (firstNotOverdue >= 0) expect(states.slice(firstNotOverdue)).not.toContain('overdue');
    const entry = meeting.locator(`[data-testid=control-entry][data-kind=check][data-reference="${reference}"]`);
    expect(await entry.getAttribute('data-status')).toBe('done');
    const verifiedBefore = Number(await lead.locator('[data-testid=control-counts] [data-state=verified]').getAttribute('data-count'));
    await noViolations(lead);

    await entry.locator('[data-testid=control-verify]').click();
    await poll(() => entry.getAttribute('data-status')).toBe('verified');
    await poll(async () => Number(await lead.locator('[data-testid=control-counts] [data-state=verified]').getAttribute('data-count'))).toBe(verifiedBefore + 1);
    expect(await entry.locator('[data-testid=control-verify]').count()).toBe(0);
    // Other records remain: the protocol is not executed yet, the meeting stays open.
    expect(await meeting.getAttribute('data-executed')).toBe('false');
    expect(await meeting.getAttribute('data-status')).toBe('protocol_signed');
    await leadContext.close();
  }, 180_000);

  it('the control board has no WCAG 2.1 AA violations on a phone', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
    const page = await context.newPage();
    await logIn(page, server.url, 'lead');
    await page.goto(`${server.url}/control`);
    await page.locator(`[data-testid=control-meeting][data-id="${meetingId}"]`).waitFor();
    await noViolations(page);
    await page.locator('[data-testid=control-filter-overdue]').check();
    await page.locator('[data-testid=control-counts]').waitFor();
    await noViolations(page);
    await context.close();
  });

  it('the administrator keeps state bodies, the working calendar and retention', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await logIn(page, server.url, 'admin');
    await page.locator('[data-testid=nav-admin]').click();
    await page.waitForURL(/\/admin/);
    const bodies = page.locator('[data-testid=bodies-table] [data-testid=body-row]');
    await bodies.first().waitFor();
    expect(await bodies.count()).toBeGreaterThanOrEqual(5);
    await noViolations(page);

    await page.locator('[data-testid=tab-calendar]').click();
    const days = page.locator('[data-testid=calendar-days] [data-testid=calendar-day]');
    await days.first().waitFor();
    const year = await page.locator('[data-testid=calendar-year]').innerText();
    // Nauryz is a day off in every year's calendar.
    expect(await page.locator(`[data-testid=calendar-day][data-date="${year}-03-22"]`).getAttribute('data-kind')).toBe('day_off');
    await noViolations(page);

    await page.locator('[data-testid=tab-retention]').click();
    await page.locator('[data-testid=retention-totals]').waitFor();
    expect(Number(await page.locator('[data-testid=retention-totals]').getAttribute('data-count'))).toBeGreaterThanOrEqual(0);
    await noViolations(page);
    await context.close();
  });
});
