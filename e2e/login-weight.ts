import type { Browser, Request } from 'playwright-core';

/**
 * What a first visit to /login costs a phone (issue 14, item 13): the JavaScript the page itself
 * downloads, as transferred (compressed by the server, br or gzip), and what the service worker
 * downloads in the background while the login page is open. A fresh browser context each time,
 * so nothing comes from a cache.
 */
export interface LoginWeight {
  /** The page's own scripts: bytes on the wire (compressed body), and how many files. */
  pageJsBytes: number;
  pageJsFiles: number;
  /** Scripts the service worker fetched while the login page stayed open (precaching). */
  workerJsBytes: number;
  workerJsFiles: number;
  /** Everything the service worker fetched (scripts, styles, icons, …). */
  workerBytes: number;
  /** The interface languages whose strings reached the browser (by a sentence unique to each). */
  languagesLoaded: Array<'kk' | 'ru' | 'en'>;
  scripts: Array<{ url: string; bytes: number; by: 'page' | 'worker' }>;
  /** With `logIn`: what the service worker downloads once the user has logged in (its precache). */
  afterLogin?: { workerJsBytes: number; workerJsFiles: number; workerBytes: number };
}

/**
 * The app's tagline in each language (apps/web/src/i18n/locales/<language>.json, `app.tagline`):
 * a sentence found only in that language's strings, so the scripts' text tells which languages
 * were downloaded.
 */
const MARKERS = {
  kk: 'Учаскелік полиция инспекторларының тұрғындармен',
  ru: 'Отчётные встречи участковых инспекторов полиции',
  en: 'Reporting meetings of district police inspectors',
} as const;

export async function measureLoginWeight(browser: Browser, baseUrl: string, options: {
  acceptLanguage?: string;
  settleMs?: number;
  /** Then log in as this demo user and measure the service worker's download too. */
  logIn?: string;
} = {}): Promise<LoginWeight> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 780 },
    ...(options.acceptLanguage ? { locale: options.acceptLanguage, extraHTTPHeaders: { 'accept-language': options.acceptLanguage } } : {}),
  });
  let scripts: LoginWeight['scripts'] = [];
  let workerBytes = 0;
  const bodies: string[] = [];
  const pending: Array<Promise<void>> = [];
  const record = (request: Request) => {
    pending.push((async () => {
      const response = await request.response();
      if (!response) return;
      const sizes = await request.sizes();
      const byWorker = request.serviceWorker() !== null;
      const isScript = request.resourceType() === 'script' || /\.m?js(\?|$)/.test(new URL(request.url()).pathname);
      if (byWorker) workerBytes += sizes.responseBodySize;
      if (!isScript) return;
      scripts.push({ url: new URL(request.url()).pathname, bytes: sizes.responseBodySize, by: byWorker ? 'worker' : 'page' });
      if (!byWorker) bodies.push(await response.text().catch(() => ''));
    })());
  };
  context.on('requestfinished', record);
  const summary = (): LoginWeight => {
    const text = bodies.join('\n');
    const byPage = scripts.filter((s) => s.by === 'page');
    const byWorker = scripts.filter((s) => s.by === 'worker');
    return {
      pageJsBytes: byPage.reduce((sum, s) => sum + s.bytes, 0),
      pageJsFiles: byPage.length,
      workerJsBytes: byWorker.reduce((sum, s) => sum + s.bytes, 0),
      workerJsFiles: byWorker.length,
      workerBytes,
      languagesLoaded: (Object.keys(MARKERS) as Array<keyof typeof MARKERS>).filter((language) => text.includes(MARKERS[language])),
      scripts: [...scripts],
    };
  };
  let result: LoginWeight;
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.locator('[data-testid=login-submit]').waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    // Whatever the service worker starts in the background while the user types his name.
    await page.waitForTimeout(options.settleMs ?? 4_000);
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);
    result = summary();
    if (options.logIn) {
      scripts = [];
      workerBytes = 0;
      await page.locator('[data-testid=login-username]').fill(options.logIn);
      await page.locator('[data-testid=login-password]').fill('demo');
      await page.locator('[data-testid=login-submit]').click();
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(options.settleMs ?? 4_000);
      await Promise.all(pending);
      const after = summary();
      result.afterLogin = { workerJsBytes: after.workerJsBytes, workerJsFiles: after.workerJsFiles, workerBytes: after.workerBytes };
    }
  } finally {
    context.off('requestfinished', record);
    await context.close();
  }
  return result;
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
