/**
 * Issue 13, part 3 (R-29): the question form's proof of work — how long a solve takes, to choose
 * POW_BITS (question.pow.ts). The page's own solver (public/ask-pow.script.ts) in node and in
 * Debian's Chromium, there at 1×, 4× (Lighthouse's mobile) and 10× CPU throttling (a low-end
 * phone), at 14, 15 and 16 bits; crypto.subtle in a loop beside it (why the page has its own
 * SHA-256); the server's check; and the real form page, each time fresh (a cold JIT): the time
 * from the click to the form being sent, pressed at once and after 3 s.
 * `npx tsx bench/pow.bench.ts [solves]`
 */
import { createServer } from 'node:http';
import { ASK_POW_PATH, ASK_POW_SCRIPT, POW_SOLVER_SOURCE } from '../apps/server/src/public/ask-pow.script.ts';
import { renderHtml, SCRIPTED_PAGE_SECURITY_HEADERS } from '../apps/server/src/public/page.render.ts';
import { QuestionFormPage } from '../apps/server/src/public/questions.page.tsx';
import { checkPow, POW_BITS, solvePow } from '../apps/server/src/services/question/question.pow.ts';
import { launch } from '../e2e/browser.ts';

const SOLVES = Number(process.argv[2] ?? 100);
const challenges = (n: number) => Array.from({ length: n }, (_, i) => `${1772445600000 + i}.${Math.random().toString(36).slice(2, 18).padEnd(16, 'x')}.${'m'.repeat(43)}`);

/** Mean and p95 of solve times (ms), and the digest rate, of one solver over the challenges. */
interface Figures { mean: number; p95: number; perSecond: number }
const report = (label: string, f: Figures) => console.log(`${label}: mean ${f.mean.toFixed(1)} ms${Number.isNaN(f.p95) ? '' : `, p95 ${f.p95.toFixed(1)} ms`}, ${Math.round(f.perSecond).toLocaleString('en')} digests/s`);

function measure(list: string[], solve: (c: string) => number): Figures {
  const times: number[] = [];
  let tries = 0;
  for (const c of list) {
    const t0 = performance.now();
    tries += solve(c) + 1;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const sum = times.reduce((a, b) => a + b, 0);
  return { mean: sum / times.length, p95: times[Math.floor(times.length * 0.95)]!, perSecond: (tries / sum) * 1000 };
}

const solver = new Function(`${POW_SOLVER_SOURCE}; return { powSearch };`)() as { powSearch(prefix: string, bits: number, from: number, count: number): number };
for (const bits of [14, 15, 16]) report(`node, page solver, ${bits} bits`, measure(challenges(SOLVES), (c) => solver.powSearch(`${c}:`, bits, 0, 1e9)));
{
  const list = challenges(200).map((c) => [c, solvePow(c)] as const);
  const t0 = performance.now();
  for (let round = 0; round < 50; round += 1) for (const [c, n] of list) if (!checkPow(c, n)) throw new Error('not a solution');
  console.log(`node, server check (${POW_BITS} bits): ${(((performance.now() - t0) * 1000) / (list.length * 50)).toFixed(2)} µs each`);
}

// localhost is a secure context, so crypto.subtle exists there (on plain http elsewhere it does not).
// `/ask` is the form as the server renders it, with a fresh challenge each time, and its script.
const server = createServer((request, response) => {
  if (request.url === ASK_POW_PATH) {
    response.setHeader('content-type', 'text/javascript');
    response.end(ASK_POW_SCRIPT);
  } else if (request.url === '/ask') {
    const [challenge] = challenges(1);
    response.writeHead(200, { 'content-type': 'text/html', ...SCRIPTED_PAGE_SECURITY_HEADERS });
    response.end(renderHtml(QuestionFormPage({ locale: 'kk', district: { code: 'X', nameKk: 'X', nameRu: 'X' }, meeting: null, challenge: challenge! })));
  } else {
    response.setHeader('content-type', 'text/html');
    response.end('<!doctype html><title>pow</title>');
  }
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${(server.address() as { port: number }).port}/`);
  await page.addScriptTag({ content: POW_SOLVER_SOURCE });
  const cdp = await page.context().newCDPSession(page);
  for (const rate of [1, 4, 10]) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    for (const bits of [14, 15, 16]) {
      const figures = await page.evaluate(({ list, bits: b }) => {
        const search = (window as unknown as { powSearch(p: string, b: number, f: number, c: number): number }).powSearch;
        const times: number[] = [];
        let tries = 0;
        for (const c of list) {
          const t0 = performance.now();
          tries += search(`${c}:`, b, 0, 1e9) + 1;
          times.push(performance.now() - t0);
        }
        times.sort((x, y) => x - y);
        const sum = times.reduce((x, y) => x + y, 0);
        return { mean: sum / times.length, p95: times[Math.floor(times.length * 0.95)]!, perSecond: (tries / sum) * 1000 };
      }, { list: challenges(rate === 1 ? SOLVES : Math.ceil(SOLVES / 3)), bits });
      report(`Chromium ${rate}× CPU, page solver, ${bits} bits`, figures);
    }
    const subtle = await page.evaluate(async ({ list, bits }) => {
      const encoder = new TextEncoder();
      let tries = 0;
      const t0 = performance.now();
      for (const c of list) {
        for (let n = 0; ; n += 1) {
          tries += 1;
          const d = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(`${c}:${n}`)));
          const zeros = d[0] !== 0 ? Math.clz32(d[0]!) - 24 : d[1] !== 0 ? 8 + Math.clz32(d[1]!) - 24 : 16 + Math.clz32(d[2]!) - 24;
          if (zeros >= bits) break;
        }
      }
      const ms = performance.now() - t0;
      return { mean: ms / list.length, p95: Number.NaN, perSecond: (tries / ms) * 1000 };
    }, { list: challenges(rate === 1 ? 20 : 5), bits: POW_BITS });
    report(`Chromium ${rate}× CPU, crypto.subtle loop, ${POW_BITS} bits`, subtle);
  }
  // The page itself: submit() only records the instant (nothing is sent). Pressed at once (the
  // worst case: the work started with the page) and after 3 s (the challenge's least age, R-29).
  const form = await browser.newPage();
  await form.addInitScript('HTMLFormElement.prototype.submit = function () { window.sentAt = performance.now(); };');
  const formCdp = await form.context().newCDPSession(form);
  for (const rate of [1, 4, 10]) {
    for (const delay of [0, 3000]) {
      const times: number[] = [];
      for (let i = 0; i < Math.ceil(SOLVES / 5); i += 1) {
        await formCdp.send('Emulation.setCPUThrottlingRate', { rate });
        await form.goto(`http://127.0.0.1:${(server.address() as { port: number }).port}/ask`, { waitUntil: 'domcontentloaded' });
        if (delay) await form.waitForTimeout(delay);
        // A string, not a function: tsx's helpers do not exist in the page.
        times.push(await form.evaluate(`new Promise(function (resolve) {
          var t0 = performance.now();
          document.querySelector('main form button[type=submit]').click();
          (function poll() { if (window.sentAt) resolve(window.sentAt - t0); else setTimeout(poll, 5); })();
        })`) as number);
      }
      times.sort((a, b) => a - b);
      console.log(`Chromium ${rate}× CPU, the form page, ${POW_BITS} bits, pressed ${delay ? `after ${delay / 1000} s` : 'at once'}: `
        + `click to send median ${Math.round(times[Math.floor(times.length / 2)]!)} ms, p95 ${Math.round(times[Math.floor(times.length * 0.95)]!)} ms (${times.length} fresh pages)`);
    }
  }
} finally {
  await browser.close();
  server.close();
}
