/**
 * Issue 14, item 13: the weight of the login page on a first visit — the JavaScript it downloads
 * (≤ 120 KB as transferred, br/gzip by the server), which languages' strings come with it (one),
 * and what the service worker downloads in the background before anyone has logged in (and, for
 * comparison, right after the inspector logs in: its precache of the offline screens). The demo
 * server, Debian's Chromium at 360 px, a fresh profile per run; Accept-Language kk, then ru.
 * `npx tsx bench/login-weight.bench.ts`
 */
import { launch } from '../e2e/browser.ts';
import { kb, measureLoginWeight } from '../e2e/login-weight.ts';
import { startServer } from '../e2e/server.ts';

const LIMIT = 120 * 1024;

const server = await startServer();
const browser = await launch();
let failed = false;
try {
  for (const acceptLanguage of ['kk-KZ', 'ru-RU']) {
    const weight = await measureLoginWeight(browser, server.url, { acceptLanguage, logIn: 'inspector' });
    const ok = weight.pageJsBytes <= LIMIT && weight.languagesLoaded.length === 1;
    if (!ok) failed = true;
    console.log(`/login (${acceptLanguage}): page JS ${kb(weight.pageJsBytes)} in ${weight.pageJsFiles} files (target ≤ 120 KB: ${weight.pageJsBytes <= LIMIT ? 'met' : 'NOT met'}); `
      + `strings of ${weight.languagesLoaded.join(', ') || 'no language'} (target one: ${weight.languagesLoaded.length === 1 ? 'met' : 'NOT met'}); `
      + `service worker in the background: JS ${kb(weight.workerJsBytes)} in ${weight.workerJsFiles} files, ${kb(weight.workerBytes)} in all`);
    if (weight.afterLogin) {
      console.log(`  after login (inspector): the service worker downloads JS ${kb(weight.afterLogin.workerJsBytes)} in ${weight.afterLogin.workerJsFiles} files, `
        + `${kb(weight.afterLogin.workerBytes)} in all`);
    }
    for (const script of [...weight.scripts].sort((a, b) => b.bytes - a.bytes).slice(0, 12)) {
      console.log(`  ${script.by.padEnd(6)} ${kb(script.bytes).padStart(9)}  ${script.url}`);
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
process.exit(failed ? 1 : 0);
