/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Debian's Chromium, headless; the flags keep it off the network this machine doesn't have.
 * `ignoreCertificateErrors`: accept self-signed certificates, for the fake NCALayer's
 * wss://127.0.0.1:13579 (the real NCALayer's certificate is trusted by its installer).
 */
export async function launch(options: { ignoreCertificateErrors?: boolean } = {}): Promise<Browser> {
  return failOnCspViolations(await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ...(options.ignoreCertificateErrors ? ['--ignore-certificate-errors'] : [])],
  }));
}

/**
 * Every page of every context of the browser reports what its Content-Security-Policy refused
 * (the `securitypolicyviolation` event, and Chromium's console message for what has no event);
 * closing the browser fails the test file if anything was refused, naming each violation. A
 * policy that breaks a screen shows up here even when the screen seems to work.
 */
function failOnCspViolations(browser: Browser): Browser {
  const violations = new Set<string>();
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await context.exposeBinding('__esepCspViolation', (_source, text: string) => { violations.add(text); });
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        const report = (window as unknown as { __esepCspViolation: (text: string) => void }).__esepCspViolation;
        void report(`${event.effectiveDirective} refused ${event.blockedURI || 'inline'} on ${event.documentURI}${event.sample ? ` (${event.sample})` : ''}`);
      });
    });
    context.on('console', (message) => {
      if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) violations.add(`${message.location().url}: ${message.text()}`);
    });
    return context;
  };
  const close = browser.close.bind(browser);
  browser.close = async (options) => {
    await close(options);
    if (violations.size > 0) throw new Error(`Content-Security-Policy violations:\n${[...violations].join('\n')}`);
  };
  return browser;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Loads axe-core into the page through the DevTools protocol: an inline <script> tag would be
 * (rightly) refused by the app's Content-Security-Policy.
 */
export async function injectAxe(page: Page): Promise<void> {
  await page.evaluate(axeSource);
}

export interface AxeViolation { id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }

/** Runs axe-core in the page against WCAG 2.0/2.1 A and AA. */
export async function axe(page: Page): Promise<AxeViolation[]> {
  await injectAxe(page);
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: AxeViolation[] }> } })
      .axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

/** Logs a demo user (or another, with its password) in through the login page, choosing the interface language first. */
export async function logIn(page: Page, baseUrl: string, username: string, language: 'kk' | 'ru' | 'en' = 'kk', password = 'demo'): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.locator('[data-testid=language-switch]').selectOption(language);
  await page.locator('[data-testid=login-username]').fill(username);
  await page.locator('[data-testid=login-password]').fill(password);
  await page.locator('[data-testid=login-submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/**
 * Follows the protocol page's verification link (the QR code's address) as an anonymous visitor
 * on a phone-sized screen and waits for the "valid" verdict (R-32.1). The caller closes the
 * returned page's context.
 */
export async function openVerificationAsVisitor(browser: Browser, page: Page, baseUrl: string, meetingId: string): Promise<Page> {
  const verifyUrl = await page.locator('[data-testid=protocol-verify-link]').getAttribute('href');
  if (!verifyUrl?.includes(`/v/${meetingId}`)) throw new Error(`unexpected verification link ${verifyUrl}`);
  const anonymous = await browser.newContext({ viewport: { width: 360, height: 780 } });
  const visitor = await anonymous.newPage();
  await visitor.goto(new URL(new URL(verifyUrl).pathname, baseUrl).toString());
  await visitor.locator('[data-testid=verify-verdict][data-valid=true]').waitFor();
  return visitor;
}
