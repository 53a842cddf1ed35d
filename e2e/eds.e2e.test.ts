import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNcaLayerFake, type NcaLayerFake } from '../apps/server/test/ncalayer.fake.ts';
import { makeTestPki, startNcaNodeFake, type NcaNodeFake, type TestPki } from '../apps/server/test/ncanode.fake.ts';
import { launch, logIn, openVerificationAsVisitor } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

/**
 * The protocol signed with Kazakhstan's qualified signature: the page asks NCALayer at
 * wss://127.0.0.1:13579 (here the fake, over TLS with a self-signed certificate Chromium is told
 * to accept) for a CMS over the signing payload; the server has it verified by an NCANode
 * (the fake, which really checks the CMS against the test CA) and requires the certificate's IIN
 * to be the one recorded for the inspector. Before the administrator records it, the EDS option
 * does not sign; after, the protocol is signed and the public verification page says valid.
 */
let pki: TestPki;
let ncanode: NcaNodeFake;
let ncalayer: NcaLayerFake;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  pki = makeTestPki();
  ncanode = await startNcaNodeFake(pki);
  // The address the page uses (NCALAYER_URL); the real NCALayer's port.
  ncalayer = await startNcaLayerFake(pki, { tls: true, port: 13579 });
  server = await startServer({ env: { ESEP_NCANODE_URL: ncanode.url } });
  browser = await launch({ ignoreCertificateErrors: true });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await ncalayer?.close();
  await ncanode?.close();
  pki?.cleanup();
});

const LATE_REASON = 'Кездесу кеш аяқталды, хаттама келесі күні ЭЦҚ-мен қол қойылды.';

async function api<T>(method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The demo meeting held last quarter in the inspector's district. */
async function heldMeeting(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const meetings = await (await fetch('/api/v1/meetings?status=held&pageSize=50')).json();
    return meetings.items[0].id as string;
  });
}

/** Opens the sign dialog, gives the late reason and switches to the EDS tab. */
async function openEdsTab(page: Page) {
  await page.locator('[data-testid=protocol-sign]').click();
  await page.locator('[role=dialog]').waitFor();
  await page.locator('[data-testid=sign-late-reason]').fill(LATE_REASON);
  await page.locator('[data-testid=sign-tab-ncalayer]').click();
  await page.locator('[data-testid=sign-ncalayer]').waitFor();
}

describe('the protocol signed with a qualified signature through NCALayer (R-32.1)', () => {
  it('is refused until the inspector\'s IIN is recorded, then signs, lists the certificate and verifies', async () => {
    const adminToken = (await api<{ token: string }>('POST', '/api/v1/auth/token', undefined, { username: 'admin', password: 'demo' })).token;
    const users = await api<{ items: Array<{ username: string; staffId: string | null }> }>('GET', '/api/v1/users?q=inspector&pageSize=200', adminToken);
    const staffId = users.items.find((u) => u.username === 'inspector')?.staffId;
    expect(staffId).toBeTruthy();

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await logIn(page, server.url, 'inspector');
    const meetingId = await heldMeeting(page);
    await page.goto(`${server.url}/meetings/${meetingId}/protocol`);
    await page.locator('[data-testid=protocol-status][data-status=draft]').waitFor();

    // Before the IIN is recorded: the dialog closes the EDS option with a note.
    await openEdsTab(page);
    const note = page.locator('[data-testid=ncalayer-iin-not-recorded]');
    const submitEds = page.locator('[data-testid=sign-ncalayer]');
    await note.waitFor();
    expect(await note.innerText()).toContain('ЖСН');
    expect(await submitEds.isDisabled()).toBe(true);
    expect(ncalayer.requests).toHaveLength(0);
    await page.keyboard.press('Escape');
    await page.locator('[role=dialog]').waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid=protocol-status]').getAttribute('data-status')).toBe('draft');

    // The administrator records the inspector's IIN — the one the test certificate carries — on
    // the users page; a wrong check digit is caught before anything is sent.
    const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const admin = await adminContext.newPage();
    await logIn(admin, server.url, 'admin');
    await admin.goto(`${server.url}/users`);
    await admin.locator('[data-testid=users-table] tr', { hasText: 'inspector' }).first().locator('[data-testid=staff-iin-open]').click();
    await admin.locator('[data-testid=staff-iin-status][data-recorded=false]').waitFor();
    const input = admin.locator('[data-testid=staff-iin-input]');
    await input.fill(`${pki.iin.slice(0, 11)}${(Number(pki.iin[11]) + 1) % 10}`);
    await admin.locator('[data-testid=staff-iin-save]').click();
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    await input.fill(pki.iin);
    await admin.locator('[data-testid=staff-iin-save]').click();
    await admin.locator('[data-testid=staff-iin-modal]').waitFor({ state: 'detached' });
    expect(await admin.locator('body').innerText()).not.toContain(pki.iin);
    const recorded = await api<{ iinRecorded: boolean }>('GET', `/api/v1/staff/${staffId}`, adminToken);
    expect(recorded.iinRecorded).toBe(true);
    await adminContext.close();

    await page.reload();
    await page.locator('[data-testid=protocol-status][data-status=draft]').waitFor();
    const requestsBefore = ncalayer.requests.length;
    await openEdsTab(page);
    expect(await page.locator('[data-testid=ncalayer-iin-not-recorded]').count()).toBe(0);
    expect(await submitEds.isEnabled()).toBe(true);
    await submitEds.click();

    await page.locator('[data-testid=protocol-status][data-status=signed]').waitFor();
    expect(await page.locator('[data-testid=protocol-timeliness]').getAttribute('data-timeliness')).toBe('late');
    expect(await page.locator('[data-testid=protocol-timeliness]').innerText()).toContain(LATE_REASON);
    // NCALayer was asked over the socket for an attached CMS over the signing payload.
    expect(ncalayer.requests).toHaveLength(requestsBefore + 1);
    expect(ncalayer.requests.at(-1)).toMatchObject({
      module: 'kz.gov.pki.knca.basics', method: 'sign',
      args: { format: 'cms', signingParams: { decode: true, encapsulate: true } },
    });
    // The NCANode verified it; the signature is listed as a qualified one with its certificate.
    expect(ncanode.requests.length).toBeGreaterThan(0);
    const signer = page.locator('[data-testid=protocol-signers] [data-testid=signer]');
    expect(await signer.evaluateAll((els) => els.map((el) => el.getAttribute('data-signed')))).toEqual(['true']);
    const listed = await signer.innerText();
    expect(listed).toContain('білікті ЭЦҚ (NCALayer)');
    expect(listed).toContain(`IIN${pki.iin}`);
    const protocol = await page.evaluate(async (id) => (await fetch(`/api/v1/meetings/${id}/protocol`)).json(), meetingId) as {
      signatures: Array<{ method: string; certificateSubject: string | null }>;
    };
    expect(protocol.signatures).toEqual([expect.objectContaining({ method: 'ncalayer_cms', certificateSubject: expect.stringContaining(`IIN${pki.iin}`) })]);

    // The QR code's address: the public page re-verifies the CMS through the NCANode.
    const visitor = await openVerificationAsVisitor(browser, page, server.url, meetingId);
    const row = visitor.locator('[data-testid=verify-signature]', { has: visitor.locator('[data-signature-valid]') });
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toContain('NCALayer, CMS');
    expect(await row.locator('[data-signature-valid]').getAttribute('data-signature-valid')).toBe('true');
    await visitor.context().close();
    await context.close();
  });
});
