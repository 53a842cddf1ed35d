import { createHash, randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, launch, logIn, openVerificationAsVisitor } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

/**
 * The protocol: the inspector opens the protocol of last quarter's held demo
 * meeting, gives the reason for signing after the meeting day, signs with his password, and the
 * public verification page (the QR code's address) says the protocol is valid. Then he uploads
 * the video through the resumable (tus) uploader and sees it listed with its SHA-256.
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

const LATE_REASON = 'Кездесу кеш аяқталды, хаттама келесі күні толықтырылды.';

/** The demo meeting held last quarter in the inspector's district. */
async function heldMeeting(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const meetings = await (await fetch('/api/v1/meetings?status=held&pageSize=50')).json();
    return meetings.items[0].id as string;
  });
}

async function noViolations(page: Page) {
  const violations = await axe(page);
  expect(violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.slice(0, 3))}`)).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** A small file that starts like an MP4 (an `ftyp` box), the rest random. */
function tinyMp4(): Buffer {
  const ftyp = Buffer.from('000000186674797069736f6d0000020069736f6d6d703431', 'hex');
  return Buffer.concat([ftyp, randomBytes(200 * 1024)]);
}

let meetingId = '';

describe('the protocol (R-32.1, R-32.3)', () => {
  it('the inspector signs the protocol late with a reason, and the verification page says it is valid', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await logIn(page, server.url, 'inspector');
    meetingId = await heldMeeting(page);

    // From the meeting page's holding section to the protocol.
    await page.goto(`${server.url}/meetings/${meetingId}`);
    await page.locator('[data-testid=open-protocol]').click();
    await page.waitForURL(new RegExp(`/meetings/${meetingId}/protocol`));
    await page.locator('[data-testid=protocol-title]').waitFor();
    expect(await page.locator('[data-testid=protocol-status]').getAttribute('data-status')).toBe('draft');
    // Assembled from the meeting: the register's size and the items with their routes.
    expect(Number(await page.locator('[data-testid=protocol-participant-count]').innerText())).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=protocol-item]').count()).toBeGreaterThan(0);
    // the meeting day is over, so signing now is late.
    expect(await page.locator('[data-testid=protocol-timeliness]').getAttribute('data-timeliness')).toBe('late');
    await noViolations(page);
    // The draft (with its editor) on a phone as well: signing is one-way, so check it now.
    await page.setViewportSize({ width: 360, height: 780 });
    await noViolations(page);
    await page.setViewportSize({ width: 1280, height: 900 });

    // The summary is edited and saved with the version it was read at.
    const summary = page.locator('[data-testid=protocol-summary-input]');
    await summary.fill(`${await summary.inputValue()}\nТұрғындар жарықтандыруды сұрады.`);
    await page.locator('[data-testid=protocol-save]').click();
    await expect.poll(() => page.locator('[data-testid=protocol-save]').isDisabled()).toBe(true);

    await page.locator('[data-testid=protocol-sign]').click();
    const modal = page.locator('[role=dialog]');
    await modal.waitFor();
    await noViolations(page);
    // Without a reason it is not sent.
    await page.locator('[data-testid=sign-password]').fill('demo');
    await page.locator('[data-testid=sign-submit]').click();
    await page.locator('[data-testid=sign-late-reason][aria-invalid=true]').waitFor();
    await page.locator('[data-testid=sign-late-reason]').fill(LATE_REASON);
    await page.locator('[data-testid=sign-submit]').click();

    await page.locator('[data-testid=protocol-status][data-status=signed]').waitFor();
    expect(await page.locator('[data-testid=protocol-timeliness]').getAttribute('data-timeliness')).toBe('late');
    expect(await page.locator('[data-testid=protocol-timeliness]').innerText()).toContain(LATE_REASON);
    expect(await page.locator('[data-testid=protocol-signers] [data-testid=signer]').evaluateAll((els) => els.map((el) => el.getAttribute('data-signed'))))
      .toEqual(['true']);
    expect(await page.locator('[data-testid=protocol-sign]').count()).toBe(0);
    // The summary is no longer editable; an addendum can be added instead.
    expect(await page.locator('[data-testid=protocol-summary-input]').count()).toBe(0);
    expect(await page.locator('[data-testid=protocol-summary-text]').innerText()).toContain('Тұрғындар жарықтандыруды сұрады.');
    await noViolations(page);

    // a change after signing is an addendum, signed the same way.
    await page.locator('[data-testid=addendum-add]').click();
    await page.locator('[data-testid=addendum-text]').fill('Қатысушылар тізіліміне бір қағаз парақ қосылды.');
    await page.locator('[data-testid=addendum-submit]').click();
    const addendum = page.locator('[data-testid=addendum]');
    await addendum.waitFor();
    expect(await addendum.getAttribute('data-status')).toBe('draft');
    await addendum.locator('[data-testid=addendum-sign]').click();
    await page.locator('[role=dialog]').waitFor();
    if (await page.locator('[data-testid=sign-late-reason]').count()) await page.locator('[data-testid=sign-late-reason]').fill(LATE_REASON);
    await page.locator('[data-testid=sign-password]').fill('demo');
    await page.locator('[data-testid=sign-submit]').click();
    await page.locator('[data-testid=addendum][data-status=signed]').waitFor();
    await noViolations(page);

    // The signed public PDF in Kazakh.
    const href = await page.locator('[data-testid=protocol-pdf-kk-public]').getAttribute('href');
    const pdf = await context.request.get(`${server.url}${href}`);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // The QR code's address: the public verification page, without logging in.
    const visitor = await openVerificationAsVisitor(browser, page, server.url, meetingId);
    await visitor.context().close();
    await context.close();
  });

  it('the inspector uploads the video through the resumable uploader and sees it with its SHA-256', async () => {
    expect(meetingId).not.toBe('');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await logIn(page, server.url, 'inspector');
    await page.goto(`${server.url}/meetings/${meetingId}/protocol`);
    await page.locator('[data-testid=video-panel]').waitFor();
    await page.locator('[data-testid=video-none]').waitFor();

    const file = tinyMp4();
    await page.locator('[data-testid=video-input]').setInputFiles({ name: 'meeting-part1.mp4', mimeType: 'video/mp4', buffer: file });
    await page.locator('[data-testid=video-upload][data-state=complete]').waitFor({ timeout: 60_000 });
    const item = page.locator('[data-testid=video-item][data-name="meeting-part1.mp4"]');
    await item.waitFor();
    expect(await item.getAttribute('data-status')).toBe('complete');
    expect(await item.locator('[data-testid=video-sha256]').getAttribute('data-value')).toBe(createHash('sha256').update(file).digest('hex'));
    // Playback: the player points at the range-capable content address.
    const src = await item.locator('[data-testid=video-player]').getAttribute('src');
    const partial = await context.request.get(`${server.url}${src}`, { headers: { Range: 'bytes=4-7' } });
    expect(partial.status()).toBe(206);
    expect((await partial.body()).toString()).toBe('ftyp');

    // A file that is not a video is refused by the picker.
    await page.locator('[data-testid=video-input]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a video') });
    await page.locator('[data-testid=video-refused]').waitFor();
    await noViolations(page);
    await context.close();
  });

  it('the protocol page has no WCAG 2.1 AA violations on a phone', async () => {
    expect(meetingId).not.toBe('');
    const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
    const page = await context.newPage();
    await logIn(page, server.url, 'inspector');
    await page.goto(`${server.url}/meetings/${meetingId}/protocol`);
    await page.locator('[data-testid=protocol-status][data-status=signed]').waitFor();
    await page.locator('[data-testid=video-item]').first().waitFor();
    await noViolations(page);
    await context.close();
  });
});
