import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, launch, logIn } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

/**
 * The live meeting: a resident registers himself by the QR link on his phone;
 * the assistant registers people and records items in a hall without signal, and everything
 * reaches the server once the connection is back — once, with no copies.
 */
let server: RunningServer;
let browser: Browser;
let token: string;
let meetingId: string;

interface LiveParticipant { id: string; fullName: string; address: string | null; channel: string; clientKey: string | null; consentVersion: string; category: string }
interface LiveStateAnswer {
  participants: LiveParticipant[];
  items: Array<{ id: string; text: string; clientKey: string | null }>;
  topics: Array<{ code: string }>;
  consent: { version: string };
}

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<T>;
}

/** The machine running the tests may be busy: wait generously for what the screen shows. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000, interval: 100 });

const liveState = () => api<LiveStateAnswer>('GET', `/api/v1/meetings/${meetingId}/live`);

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
  const login = await fetch(`${server.url}/api/v1/auth/token`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'assistant', password: 'demo' }),
  });
  token = ((await login.json()) as { token: string }).token;
  // The demo's meeting in progress: announced, in the inspector's district, happening now.
  const districts = await api<{ items: Array<{ id: string; code: string }> }>('GET', '/api/v1/districts?q=ALM-KAR-P2-D01');
  const districtId = districts.items.find((d) => d.code === 'ALM-KAR-P2-D01')!.id;
  const meetings = await api<{ items: Array<{ id: string; startsAt: string; endsAt: string }> }>('GET', `/api/v1/meetings?districtId=${districtId}&status=announced&pageSize=50`);
  const now = Date.now();
  const current = meetings.items.find((m) => Date.parse(m.startsAt) <= now && now <= Date.parse(m.endsAt));
  if (!current) throw new Error('the demo has no meeting in progress');
  meetingId = current.id;
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function phone(): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
}

async function openLive(page: Page) {
  await page.goto(`${server.url}/meetings/${meetingId}/live`);
  await page.locator('[data-testid=live-name]').waitFor({ timeout: 60_000 });
  await page.locator('[data-testid=live-saved]').waitFor({ timeout: 60_000 });
}

const countOnScreen = async (page: Page) => Number(await page.locator('[data-testid=live-count]').getAttribute('data-count'));
const RESIDENT = { fullName: 'Тұрсынбаев Ерлан Қайратұлы', address: 'Шамалған а., Абай к-сі, 7' };

describe('self-registration by the QR link (R-32.2)', () => {
  it('a resident registers on his phone and gets his number; the same person again is refused', async () => {
    const context = await phone();
    const page = await context.newPage();
    await page.goto(`${server.url}/m/${meetingId}`);
    await page.locator('#fullName').fill(RESIDENT.fullName);
    await page.locator('#address').fill(RESIDENT.address);
    await page.locator('#consent').check();
    await page.locator('[data-testid=register-submit]').click();
    const done = page.locator('[data-testid=registration-done]');
    await done.waitFor();
    expect(await done.textContent()).toMatch(/\d+/);

    await page.goto(`${server.url}/m/${meetingId}`);
    await page.locator('#fullName').fill(RESIDENT.fullName.toUpperCase());
    await page.locator('#address').fill(`  ${RESIDENT.address} `);
    await page.locator('#consent').check();
    await page.locator('[data-testid=register-submit]').click();
    await page.locator('[data-testid=registration-error]').waitFor();
    expect(await page.locator('[data-testid=registration-done]').count()).toBe(0);
    await context.close();
  }, 180_000);
});

describe('the live screen offline (R-32.2, R-31)', () => {
  it('the assistant registers 5 people and 3 items without signal; all of it arrives once the connection is back, once', async () => {
    const before = await liveState();
    expect(before.participants.some((p) => p.fullName === RESIDENT.fullName && p.channel === 'self')).toBe(true);

    const context = await phone();
    const page = await context.newPage();
    await logIn(page, server.url, 'assistant');
    await openLive(page);
    expect(await countOnScreen(page)).toBe(before.participants.length);

    await context.setOffline(true);
    await page.locator('[data-testid=live-offline]').waitFor();
    const people = ['Оспанова Айгүл Серікқызы', 'Жақсылықов Нұрлан Болатұлы', 'Ким Виктория Сергеевна', 'Әбілқасымов Дәурен Маратұлы', 'Петров Иван Иванович'];
    const name = page.locator('[data-testid=live-name]');
    for (const [index, person] of people.entries()) {
      // Keyboard only: the name field has the focus, Enter submits, the focus comes back.
      await poll(() => name.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.type(person);
      await page.keyboard.press('Tab');
      await page.keyboard.type(`Шамалған а., Жібек жолы к-сі, ${index + 20}`);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
      await page.keyboard.press('Enter');
      await poll(() => page.locator('[data-testid=live-register-row][data-state=waiting]').count()).toBe(index + 1);
    }
    expect(await name.inputValue()).toBe('');
    await poll(() => page.locator('[data-testid=live-pending]').textContent()).toContain('5');

    await page.locator('[data-testid=live-tab-items]').click();
    const items = ['Көшеде жарық жоқ, кешке қауіпті', 'Мектеп жанында жылдамдықты азайту керек', 'Ауладағы иттер туралы сұрақ'];
    for (const text of items) {
      await page.locator('[data-testid=live-item-text]').fill(text);
      await page.locator('[data-testid=live-item-submit]').click();
      await poll(() => page.locator('[data-testid=live-item-text]').inputValue()).toBe('');
    }
    await poll(() => page.locator('[data-testid=live-item-row][data-state=waiting]').count()).toBe(3);
    await poll(() => page.locator('[data-testid=live-pending]').textContent()).toContain('8');
    expect(await countOnScreen(page)).toBe(before.participants.length + 5);
    // Nothing reached the server while offline.
    expect((await liveState()).participants.length).toBe(before.participants.length);

    await context.setOffline(false);
    await page.locator('[data-testid=live-saved]').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-testid=live-pending]').count()).toBe(0);
    await poll(() => page.locator('[data-testid=live-item-row][data-state=saved]').count()).toBe(before.items.length + 3);
    expect(await countOnScreen(page)).toBe(before.participants.length + 5);

    const after = await liveState();
    expect(after.participants.length).toBe(before.participants.length + 5);
    expect(after.items.length).toBe(before.items.length + 3);
    const added = after.participants.filter((p) => !before.participants.some((b) => b.id === p.id));
    expect(added.map((p) => p.fullName).sort()).toEqual([...people].sort());
    expect(added.every((p) => p.channel === 'staff' && p.clientKey && p.consentVersion === after.consent.version)).toBe(true);
    expect(after.participants.filter((p) => p.fullName === RESIDENT.fullName)).toHaveLength(1);

    // A second sync of the same operations (a lost answer, a retry) adds nothing: same keys, "duplicate".
    const again = await api<{ results: Array<{ status: string }> }>('POST', `/api/v1/meetings/${meetingId}/live/sync`, {
      operations: added.map((p) => ({
        kind: 'participant', clientKey: p.clientKey,
        data: { fullName: p.fullName, address: p.address, category: p.category, consent: true, consentVersion: p.consentVersion },
      })),
    });
    expect(again.results.map((r) => r.status)).toEqual(added.map(() => 'duplicate'));
    await page.reload();
    await page.locator('[data-testid=live-saved]').waitFor({ timeout: 60_000 });
    const final = await liveState();
    expect(final.participants.length).toBe(after.participants.length);
    expect(final.items.length).toBe(after.items.length);
    expect(await countOnScreen(page)).toBe(final.participants.length);
    await context.close();
  }, 240_000);

  it('a reload without signal still opens the app and shows the register saved on the device', async () => {
    const context = await phone();
    const page = await context.newPage();
    await logIn(page, server.url, 'assistant');
    await openLive(page);
    // The service worker holds the app shell once it controls the page.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    const count = await countOnScreen(page);

    await context.setOffline(true);
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.locator('[data-testid=live-snapshot]').waitFor({ timeout: 60_000 });
    expect(await countOnScreen(page)).toBe(count);
    await page.locator('[data-testid=live-offline]').waitFor();
    // Still usable: an entry typed now waits on the device.
    await page.locator('[data-testid=live-name]').fill('Сәрсенбаев Әлихан');
    await page.locator('[data-testid=live-address]').fill('Шамалған а., Райымбек к-сі, 3');
    await page.locator('[data-testid=live-consent]').check();
    await page.locator('[data-testid=live-register-submit]').click();
    await poll(() => page.locator('[data-testid=live-pending]').textContent()).toContain('1');
    expect(await countOnScreen(page)).toBe(count + 1);

    await context.setOffline(false);
    await page.locator('[data-testid=live-saved]').waitFor({ timeout: 60_000 });
    expect((await liveState()).participants.length).toBe(count + 1);
    await context.close();
  }, 240_000);
});

describe('unsent entries belong to their author (R-32.2)', () => {
  it('logging out warns of unsent entries; another user on the device neither sees nor sends them; the author\'s next login sends them', async () => {
    const context = await phone();
    const page = await context.newPage();
    // The server is out of reach for the sync only: the entry stays on the device while logged in.
    await context.route('**/live/sync', (route) => route.abort('internetdisconnected'));
    await logIn(page, server.url, 'assistant');
    await page.goto(`${server.url}/meetings/${meetingId}/live`);
    await page.locator('[data-testid=live-name]').waitFor({ timeout: 60_000 });
    const NAME = 'Жүсіпова Ақмарал Ерланқызы';
    await page.locator('[data-testid=live-name]').fill(NAME);
    await page.locator('[data-testid=live-address]').fill('Шамалған а., Сейфуллин к-сі, 12');
    await page.locator('[data-testid=live-consent]').check();
    await page.locator('[data-testid=live-register-submit]').click();
    await poll(() => page.locator('[data-testid=live-pending]').textContent()).toContain('1');

    // Logging out says that one entry has not been sent; "go back" leads to the live screen.
    await page.goto(`${server.url}/`);
    await page.locator('[data-testid=user-menu]').click();
    await page.locator('[data-testid=logout]').click();
    await page.locator('[data-testid=logout-unsent]').waitFor();
    expect(await page.locator('[data-testid=logout-unsent]').getAttribute('data-count')).toBe('1');
    await page.locator('[data-testid=logout-unsent-back]').click();
    await page.waitForURL((url) => url.pathname === `/meetings/${meetingId}/live`);
    await page.locator('[data-testid=live-register-row][data-state=waiting]').first().waitFor();

    // Logging out anyway keeps the entry on the device, sealed: its name cannot be read there.
    await page.locator('[data-testid=user-menu]').click();
    await page.locator('[data-testid=logout]').click();
    await page.locator('[data-testid=logout-unsent-confirm]').click();
    await page.waitForURL((url) => url.pathname.startsWith('/login'));
    const stored = await page.evaluate(() => new Promise<Array<{ authorId: string; plain: boolean; bytes: string }>>((resolve, reject) => {
      const open = indexedDB.open('esep-live');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const request = open.result.transaction('operations').objectStore('operations').getAll();
        request.onsuccess = () => resolve((request.result as Array<{ authorId: string; data?: unknown; sealed?: { bytes: ArrayBuffer } }>).map((row) => ({
          authorId: row.authorId, plain: 'data' in row, bytes: row.sealed ? new TextDecoder('latin1').decode(row.sealed.bytes) : '',
        })));
      };
    }));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.plain).toBe(false);
    expect(stored[0]!.bytes).not.toContain('Жүсіпова');
    expect(JSON.stringify(stored)).not.toContain(NAME);

    // The inspector logs in on the same phone: the entry is not his to see or send.
    await context.unroute('**/live/sync');
    const sent: string[] = [];
    page.on('request', (request) => { if (request.url().includes('/live/sync')) sent.push(request.postData() ?? ''); });
    await logIn(page, server.url, 'inspector');
    await openLive(page);
    expect(await page.locator('[data-testid=live-register-row][data-state=waiting]').count()).toBe(0);
    expect(await page.locator('[data-testid=live-pending]').count()).toBe(0);
    expect(await page.getByText(NAME).count()).toBe(0);
    await page.waitForTimeout(2_000);
    expect(sent.filter((body) => body.includes(NAME))).toEqual([]);
    expect((await liveState()).participants.some((p) => p.fullName === NAME)).toBe(false);
    // He has nothing unsent: his logout asks nothing.
    await page.locator('[data-testid=user-menu]').click();
    await page.locator('[data-testid=logout]').click();
    await page.waitForURL((url) => url.pathname.startsWith('/login'));

    // The assistant logs in again: her entry opens and goes to the server, once.
    await logIn(page, server.url, 'assistant');
    await page.goto(`${server.url}/meetings/${meetingId}/live`);
    await page.locator('[data-testid=live-saved]').waitFor({ timeout: 60_000 });
    await poll(async () => (await liveState()).participants.filter((p) => p.fullName === NAME).length).toBe(1);
    await context.close();
  }, 240_000);
});

describe('accessibility (WCAG 2.1 AA)', () => {
  it('the live screen at 360 px and 1280 px, and the public registration page at 360 px, have no axe violations', async () => {
    // Lists with rows to check (also when this test runs alone).
    const state = await liveState();
    const participantKey = crypto.randomUUID();
    await api('POST', `/api/v1/meetings/${meetingId}/live/sync`, {
      operations: [
        { kind: 'participant', clientKey: participantKey, data: { fullName: 'Нұрпейісова Меруерт', address: 'Шамалған а., Бейбітшілік к-сі, 4', consent: true, consentVersion: state.consent.version } },
        { kind: 'item', clientKey: crypto.randomUUID(), data: { kind: 'proposal', participantClientKey: participantKey, text: 'Аялдамаға бейнекамера орнату', topic: state.topics[0]!.code } },
      ],
    });
    for (const width of [360, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      const page = await context.newPage();
      await logIn(page, server.url, 'assistant');
      await openLive(page);
      await page.locator('[data-testid=live-register-row]').first().waitFor({ timeout: 60_000 });
      const violations = await axe(page);
      expect(violations.map((v) => `${width}px ${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      await page.locator('[data-testid=live-tab-items]').click();
      await page.locator('[data-testid=live-item-row]').first().waitFor();
      const itemViolations = await axe(page);
      expect(itemViolations.map((v) => `${width}px items ${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      await context.close();
    }
    // The public page's strict Content-Security-Policy would refuse the injected axe script.
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/m/${meetingId}`);
    const violations = await axe(page);
    expect(violations.map((v) => `/m ${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await context.close();
  }, 240_000);
});
