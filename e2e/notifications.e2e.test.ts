import { addDays, quarterOf, quarterStart } from '@esep/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injectAxe, launch, logIn, type AxeViolation } from './browser.ts';
import { today } from './dates.ts';
import { startServer, type RunningServer } from './server.ts';

/*
 * Issue 12, the staff's side: the bell, reminder settings and the delivery log.
 *
 * The reminder is made by the real engine, not written into the database: the demo's meeting held
 * last quarter (a month before this quarter began, 18:30–20:00 Almaty) has an unsigned protocol,
 * and reminds its inspector at 20:00, or an hour after a meeting that ends later — 21:00
 * here. The server starts with its clock at 21:05 that evening (ESEP_CLOCK_AT), so the scan it
 * runs at start makes the reminder before the first page is opened. Sessions are long enough
 * (SESSION_TTL_HOURS) that a cookie issued "then" has not expired for the browser "now".
 */
let server: RunningServer;
let browser: Browser;
let meetingId: string;
const heldDay = addDays(quarterStart(quarterOf(today)), -30);
/** Issue 13: a resident's address, which the delivery log shows only masked. */
const RESIDENT = 'aigerim.s@mail.kz';

async function tokenOf(username: string): Promise<string> {
  const response = await fetch(`${server.url}/api/v1/auth/token`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo' }),
  });
  if (!response.ok) throw new Error(`token for ${username}: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

async function api<T>(token: string, path: string, language = 'kk'): Promise<T> {
  const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json', 'accept-language': language } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<T>;
}

/** The machine running the tests may be busy: wait generously for what the screen shows. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000, interval: 100 });

async function axeOf(page: Page): Promise<string[]> {
  await injectAxe(page);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } })
      .axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: (n as unknown as { html: string }).html.slice(0, 300) })) }));
  });
  return violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.slice(0, 3))}`);
}

/** No WCAG 2.1 AA violation, and nothing wider than the screen (360 px on a phone). */
async function noViolations(page: Page) {
  expect(await axeOf(page)).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

beforeAll(async () => {
  server = await startServer({ env: { ESEP_CLOCK_AT: `${heldDay}T21:05:00+05:00`, SESSION_TTL_HOURS: String(24 * 365) } });
  browser = await launch();
  const inspector = await tokenOf('inspector');
  // The engine made exactly the one reminder, in the bell only (the inspector chose no channel yet).
  const bell = await api<{ unread: number; items: Array<{ kind: string; link: string }> }>(inspector, '/api/v1/notifications');
  if (bell.unread !== 1 || bell.items[0]?.kind !== 'protocol_unsigned') throw new Error(`unexpected bell: ${JSON.stringify(bell)}`);
  const held = await api<{ items: Array<{ id: string }> }>(inspector, '/api/v1/meetings?status=held&pageSize=50');
  meetingId = held.items.map((m) => m.id).find((id) => bell.items[0]!.link === `/meetings/${id}/protocol`) ?? '';
  if (!meetingId) throw new Error(`the reminder does not lead to a held meeting's protocol: ${bell.items[0].link}`);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('reminders (issue 12)', () => {
  it('the inspector on a phone sees the count, reads the reminder in Kazakh and marks it read', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
    const page = await context.newPage();
    await logIn(page, server.url, 'inspector', 'kk');
    const bell = page.locator('[data-testid=bell]');
    await poll(() => bell.getAttribute('data-unread')).toBe('1');
    // The count in words, for whoever cannot see the figure on the icon.
    expect(await bell.getAttribute('aria-label')).toBe('Еске салулар: 1 оқылмаған');
    await noViolations(page);

    await bell.click();
    const item = page.locator('[data-testid=notification]').first();
    await item.waitFor();
    expect(await item.getAttribute('data-kind')).toBe('protocol_unsigned');
    expect(await item.getAttribute('data-read')).toBe('false');
    expect(await item.locator('[data-testid=notification-title]').innerText()).toContain('хаттамаға әлі қол қойылмады');
    // The sentence cites the rule and writes the date out, never "R-32.3" or an ISO date (issue 14, item 11).
    const body = await item.locator('[data-testid=notification-body]').innerText();
    expect(body).toContain('(§32 ¶3)');
    expect(body).not.toMatch(/R-\d|\d{4}-\d{2}-\d{2}/);
    // The rule as people cite it (issue 14): its paragraph, not its ID.
    expect(await item.locator('[data-testid=notification-rule]').innerText()).toContain('§32 ¶3');
    // Made at 21:05 Almaty on the meeting's day, and shown in Almaty time.
    const [y, m, d] = heldDay.split('-');
    expect(await item.locator('time').innerText()).toMatch(new RegExp(`${d}\\.${m}\\.${y}, 21:0\\d`));
    expect(await item.locator('[data-testid=notification-link]').getAttribute('href')).toBe(`/meetings/${meetingId}/protocol`);
    // The drawer slides in: contrast is judged once its transitions have ended, not mid-fade.
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    await noViolations(page);

    await page.locator('[data-testid=bell-mark-all]').click();
    await poll(() => item.getAttribute('data-read')).toBe('true');
    await poll(() => bell.getAttribute('data-unread')).toBe('0');
    expect(await bell.getAttribute('aria-label')).toBe('Еске салулар: оқылмағаны жоқ');

    // The link to act on it leads to the protocol, and closes the drawer.
    await item.locator('[data-testid=notification-link]').click();
    await page.waitForURL(new RegExp(`/meetings/${meetingId}/protocol$`));
    await poll(() => page.locator('[data-testid=bell-panel]').count()).toBe(0);
    await context.close();
  });

  it('the inspector keeps an e-mail address for reminders, with his consent', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
    const page = await context.newPage();
    await logIn(page, server.url, 'inspector', 'kk');
    await page.locator('[data-testid=user-menu]').click();
    await page.locator('[data-testid=menu-notification-settings]').click();
    await page.waitForURL(/\/notifications\/settings$/);
    const form = page.locator('[data-testid=settings-form]');
    await form.waitFor();
    await noViolations(page);

    await form.locator('[data-testid=settings-channel-email]').check();
    const email = form.locator('[data-testid=settings-email]');
    // A malformed address is stopped at its field, before any round trip.
    await email.fill('inspector@police');
    await form.locator('[data-testid=settings-submit]').click();
    await poll(() => email.getAttribute('aria-invalid')).toBe('true');
    await email.fill('inspector@police.kz');
    // The address would be kept: consent is asked for, in plain words, and required.
    const consent = form.locator('[data-testid=settings-consent]');
    await consent.waitFor();
    expect(await form.locator('[data-testid=settings-consent-box]').innerText()).toContain('i***@police.kz');
    await form.locator('[data-testid=settings-submit]').click();
    await poll(() => consent.getAttribute('aria-invalid')).toBe('true');
    await noViolations(page);

    await consent.check();
    await form.locator('[data-testid=settings-submit]').click();
    await form.locator('[data-testid=settings-consent-kept]').waitFor();
    expect(await form.locator('[data-testid=settings-consent-box]').count()).toBe(0);
    const saved = await api<{ channels: string[]; email: string | null }>(await tokenOf('inspector'), '/api/v1/notifications/settings');
    expect(saved).toMatchObject({ channels: ['email'], email: 'inspector@police.kz' });

    // Read back after a reload: the channel ticked, its address there.
    await page.reload();
    await poll(() => page.locator('[data-testid=settings-channel-email]').isChecked()).toBe(true);
    expect(await page.locator('[data-testid=settings-email]').inputValue()).toBe('inspector@police.kz');
    await noViolations(page);
    await context.close();
  });

  it('the administrator reads the delivery log, on a desktop and on a phone', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await logIn(page, server.url, 'admin', 'kk');
    await page.locator('[data-testid="nav-deliveries"]').click();
    await page.waitForURL(/\/deliveries$/);
    // The inspector's reminder had no channel: the log says it went to the bell only, and why.
    const row = page.locator('[data-testid=deliveries-table] [data-testid=delivery][data-channel=none]').first();
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('skipped');
    expect(await row.locator('[data-testid=delivery-error]').innerText()).toBe('no_channel');
    expect(await row.innerText()).toContain('Хаттамаға қол қойылмаған');
    await noViolations(page);

    await page.locator('[data-testid=deliveries-status]').selectOption('sent');
    // Nothing was sent yet: the table says so (the filter is the server's, not the screen's).
    await poll(() => page.locator('[data-testid=deliveries-table] [role=status]').innerText().catch(() => '')).toBe('Осы сүзгілер бойынша жеткізу жоқ.');
    expect(await page.locator('[data-testid=delivery]').count()).toBe(0);
    await page.locator('[data-testid=deliveries-status]').selectOption('skipped');
    await row.waitFor();

    // Issue 13: a resident subscribes to the district; her confirmation e-mail is in the log too,
    // the recipient a subscriber of the district and the address masked, never whole.
    const subscribed = await fetch(`${server.url}/api/v1/public/districts/ALM-KAR-P2-D01/subscriptions`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'email', address: RESIDENT, kinds: ['announcements'], locale: 'kk', consent: true }),
    });
    expect(subscribed.status).toBe(201);
    await page.locator('[data-testid=deliveries-status]').selectOption('');
    await page.locator('[data-testid=deliveries-recipient]').selectOption('subscriber');
    const resident = page.locator('[data-testid=deliveries-table] [data-testid=delivery][data-recipient=subscriber]').first();
    await resident.waitFor();
    await poll(() => page.locator('[data-testid=deliveries-table] [data-testid=delivery]').count()).toBe(1);
    expect(await resident.locator('[data-testid=delivery-recipient]').innerText()).toContain('ALM-KAR-P2-D01');
    expect(await resident.locator('[data-testid=delivery-address]').innerText()).toBe('a***@m***.kz');
    expect(await resident.innerText()).toContain('Жазылымды растау');
    expect((await page.content()).toLowerCase()).not.toContain(RESIDENT);
    await noViolations(page);
    await page.locator('[data-testid=deliveries-recipient]').selectOption('staff');
    await row.waitFor();
    expect(await page.locator('[data-testid=deliveries-table] [data-testid=delivery][data-recipient=subscriber]').count()).toBe(0);

    // A development server: the outbox of what would have gone out is offered, and opens.
    await page.locator('[data-testid=deliveries-outbox-link]').click();
    await page.waitForURL(/\/deliveries\/outbox$/);
    await page.locator('h1').waitFor();
    expect(await page.locator('[data-testid=outbox-unavailable]').count()).toBe(0);
    await noViolations(page);
    await context.close();

    const phoneContext = await browser.newContext({ viewport: { width: 360, height: 780 } });
    const phone = await phoneContext.newPage();
    await logIn(phone, server.url, 'admin', 'kk');
    await phone.goto(`${server.url}/deliveries`);
    // On a phone the same table is stacked: a card per delivery, no column headers, nothing off-screen.
    const card = phone.locator('[data-testid=deliveries-table] [data-testid=delivery][data-channel=none]').first();
    await card.waitFor();
    expect(await phone.locator('[data-testid=deliveries-table] thead').isVisible()).toBe(false);
    expect(await card.evaluate((el) => el.getBoundingClientRect().right)).toBeLessThanOrEqual(360);
    expect(await card.locator('[data-testid=delivery-status]').innerText()).toBe('Жіберілмеді');
    const residentCard = phone.locator('[data-testid=deliveries-table] [data-testid=delivery][data-recipient=subscriber]').first();
    expect(await residentCard.locator('[data-testid=delivery-address]').innerText()).toBe('a***@m***.kz');
    await noViolations(phone);
    await phoneContext.close();
  });

  it('the delivery log is the administrator\'s alone', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
    const page = await context.newPage();
    await logIn(page, server.url, 'inspector', 'kk');
    expect(await page.locator('[data-testid="nav-deliveries"]').count()).toBe(0);
    await page.goto(`${server.url}/deliveries`);
    await page.locator('h1').waitFor();
    expect(await page.locator('[data-testid=deliveries-table]').count()).toBe(0);
    await context.close();
  });
});
