import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, quarterKey, quarterOf, quarterStart } from '@esep/domain';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../apps/server/src/demo/demo.data.ts';
import { axe, launch, logIn } from './browser.ts';
import { today } from './dates.ts';
import { expectNoHorizontalOverflow, screenshot } from './overflow.ts';
import { startServer, type RunningServer } from './server.ts';

/*
 * Issue 15: the unit head `chief` opens the analytics of his unit for the last quarter (the demo
 * holds one meeting there, in district ALM-KAR-P2-D01 of point ALM-KAR-P2), sees the compliance
 * chart and table, drills down to the point and to the district and back by the breadcrumb,
 * follows a figure to the meetings behind it, and downloads the XLSX: the same numbers as the page
 * (and as the API). No axe findings and no horizontal overflow at 360 and 1280 px.
 */
let server: RunningServer;
let browser: Browser;
const LAST = quarterKey(quarterOf(addDays(quarterStart(quarterOf(today)), -1)));

type Figures = { districts: number; meetings: number; obligation: { met: number; share: number | null }; lines: Array<{ rule: string; met: number; judged: number; share: number | null }> };
type Report = { path: Array<{ level: string; code: string }>; quarters: Array<{ quarter: string; total: Figures; children: Array<{ code: string; figures: Figures }> }> };

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const apiReport = (page: Page, query: string) =>
  page.evaluate(async (q) => (await (await fetch(`/api/v1/analytics/compliance?${q}`)).json()) as Report, query);

/** The lines table as the page shows it: rule → [met, judged]. */
async function pageLines(page: Page): Promise<Record<string, [number, number]>> {
  const rows = page.locator('[data-testid=compliance-lines] [data-testid^=line-]');
  const out: Record<string, [number, number]> = {};
  for (const row of await rows.all()) {
    const rule = (await row.getAttribute('data-testid'))!.slice('line-'.length);
    out[rule] = [Number(await row.getAttribute('data-met')), Number(await row.getAttribute('data-judged'))];
  }
  return out;
}

const apiLines = (f: Figures) => Object.fromEntries([['R-22.13', [f.obligation.met, f.districts]], ...f.lines.map((l) => [l.rule, [l.met, l.judged]])]);

async function expectClean(page: Page, label: string) {
  expect(await axe(page), `axe on ${label}`).toEqual([]);
  await expectNoHorizontalOverflow(page, label);
}

async function openAnalytics(context: BrowserContext, query: string): Promise<Page> {
  const page = await context.newPage();
  await logIn(page, server.url, 'chief', 'en');
  await page.goto(`${server.url}/analytics?${query}`);
  await page.locator('[data-testid=analytics-compliance]').waitFor();
  return page;
}

describe('the unit head\'s analytics (issue 15)', () => {
  it('shows his unit, drills down to a point and a district and back, and follows a figure to its meetings', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await openAnalytics(context, `from=${LAST}&to=${LAST}`);
    try {
      // The section is in his navigation; his unit: the chart is drawn and the table beside it holds the API's figures.
      expect(await page.locator('#app-navbar a[href="/analytics"]').getAttribute('aria-current')).toBe('page');
      expect(await page.locator('[data-testid=crumb-unit]').getAttribute('aria-current')).toBe('page');
      await page.locator('[data-testid=compliance-lines-chart] svg.recharts-surface').first().waitFor();
      const unit = await apiReport(page, `from=${LAST}&to=${LAST}`);
      expect(unit.path.map((s) => s.code)).toEqual([DEMO.region, DEMO.unit]);
      const total = unit.quarters[0]!.total;
      expect(total.meetings).toBeGreaterThanOrEqual(1);
      expect(await pageLines(page)).toEqual(apiLines(total));
      // The points side by side, best first; the demo point held its meeting.
      await page.locator(`[data-testid=child-${DEMO.leadPoint}]`).waitFor();
      await screenshot(page, 'analytics-unit-1280');
      await expectClean(page, 'analytics of the unit at 1280 px');

      // The XLSX of this view holds the numbers of the page.
      const dir = mkdtempSync(join(tmpdir(), 'esep-analytics-e2e-'));
      try {
        const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=export-xlsx]').click()]);
        const file = join(dir, download.suggestedFilename());
        await download.saveAs(file);
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
        const sheet = workbook.getWorksheet('compliance')!;
        const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
        const first = Object.fromEntries(header.map((h, i) => [h, (sheet.getRow(2).values as unknown[]).slice(1)[i]]));
        expect(first.code).toBe(DEMO.unit);
        expect(first.meetings).toBe(total.meetings);
        const shown = await pageLines(page);
        for (const [rule, [met, judged]] of Object.entries(shown)) {
          expect(rule === 'R-22.13' ? [first['R-22.13 met'], first.districts] : [first[`${rule} met`], first[`${rule} judged`]], rule).toEqual([met, judged]);
        }
        const pointRow = sheet.getSheetValues().slice(2).filter(Boolean).map((v) => (v as unknown[]).slice(1))
          .find((cells) => cells[header.indexOf('code')] === DEMO.leadPoint)!;
        expect(pointRow[header.indexOf('meetings')]).toBe(unit.quarters[0]!.children.find((c) => c.code === DEMO.leadPoint)!.figures.meetings);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }

      // Drill down: the point, then the district; one click per level.
      await page.locator(`[data-testid=drill-${DEMO.leadPoint}]`).click();
      await page.waitForURL(/[?&]point=/);
      await expect.poll(() => page.locator('[data-testid=crumb-point]').getAttribute('aria-current')).toBe('page');
      const point = await apiReport(page, new URL(page.url()).search.slice(1));
      await expect.poll(() => pageLines(page)).toEqual(apiLines(point.quarters[0]!.total));
      await page.locator(`[data-testid=drill-${DEMO.inspectorDistrict}]`).click();
      await page.waitForURL(/[?&]district=/);
      await expect.poll(() => page.locator('[data-testid=crumb-district]').getAttribute('aria-current')).toBe('page');
      const district = await apiReport(page, new URL(page.url()).search.slice(1));
      expect(district.path.map((s) => s.code)).toEqual([DEMO.region, DEMO.unit, DEMO.leadPoint, DEMO.inspectorDistrict]);
      await expect.poll(() => pageLines(page)).toEqual(apiLines(district.quarters[0]!.total));
      expect(district.quarters[0]!.total.meetings).toBe(1);
      expect(await page.locator('[data-testid=crumb-region]').evaluate((e) => e.tagName)).not.toBe('A');

      // The breadcrumb back: the point, then the unit.
      await page.locator('[data-testid=crumb-point]').click();
      await expect.poll(() => page.locator('[data-testid=crumb-point]').getAttribute('aria-current')).toBe('page');
      await page.locator('[data-testid=crumb-unit]').click();
      await expect.poll(() => page.locator('[data-testid=crumb-unit]').getAttribute('aria-current')).toBe('page');
      expect(new URL(page.url()).searchParams.get('point')).toBeNull();

      // A figure opens the meetings behind it: the point's meetings of the quarter.
      const meetings = unit.quarters[0]!.children.find((c) => c.code === DEMO.leadPoint)!.figures.meetings;
      await page.locator(`[data-testid=child-meetings-${DEMO.leadPoint}]`).click();
      await page.waitForURL(/\/meetings\/list\?/);
      await expect.poll(() => page.locator('[data-testid=meeting-list] [data-testid^=meeting-row-]').count()).toBe(meetings);
      expect(await page.locator('[data-testid=meeting-list]').innerText()).toContain(`${DEMO.inspectorDistrict}-`);
      expect(await page.locator('#app-navbar a[aria-current=page]').getAttribute('href')).toBe('/analytics');
      await expectClean(page, 'the meetings behind a figure at 1280 px');
      await page.locator('[data-testid=meeting-list] a').first().click();
      await page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);

      // A line's "not met" opens exactly the meetings where it was judged and not met.
      await page.goto(`${server.url}/analytics?from=${LAST}&to=${LAST}`);
      await page.locator('[data-testid=compliance-lines]').waitFor();
      const missed = unit.quarters[0]!.total.lines.find((l) => l.judged > l.met)!;
      expect(missed, 'a line the demo meeting did not meet').toBeDefined();
      await page.locator(`[data-testid="not-met-${missed.rule}"]`).click();
      await page.waitForURL(/[?&]met=false/);
      expect(await page.locator('[data-testid=meeting-list-rule]').innerText()).toContain(missed.rule);
      await expect.poll(() => page.locator('[data-testid=meeting-list] [data-testid^=meeting-row-]').count()).toBe(missed.judged - missed.met);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('fits a 360 px phone: no horizontal scroll and nothing for axe, on the unit and the point', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = await openAnalytics(context, `from=${addQuarter(LAST, -3)}&to=${LAST}`);
    try {
      await page.locator('[data-testid=compliance-lines-chart] svg.recharts-surface').first().waitFor();
      await page.locator('[data-testid=compliance-trend-chart] svg.recharts-surface').first().waitFor();
      await screenshot(page, 'analytics-unit-360');
      await expectClean(page, 'analytics of the unit at 360 px');
      await page.locator(`[data-testid=drill-${DEMO.leadPoint}]`).click();
      await expect.poll(() => page.locator('[data-testid=crumb-point]').getAttribute('aria-current')).toBe('page');
      await page.locator('[data-testid=compliance-lines-chart] svg.recharts-surface').first().waitFor();
      await expectClean(page, 'analytics of the point at 360 px');
    } finally {
      await context.close();
    }
  }, 180_000);
});

describe('participation and items from the real endpoints (issue 15)', () => {
  it('shows the API\'s participants and items of the unit, nothing "not available"', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await openAnalytics(context, `from=${LAST}&to=${LAST}`);
    try {
      await page.locator('[data-testid=analytics-participation]').waitFor();
      await page.locator('[data-testid=analytics-items]').waitFor();
      expect(await page.locator('[data-testid=analytics-unavailable]').count()).toBe(0);
      const [participation, items] = await page.evaluate(async (q) => Promise.all(['participation', 'items'].map(async (what) =>
        (await (await fetch(`/api/v1/analytics/${what}?${q}`)).json()) as { quarters: Array<{ total: Record<string, unknown> }> })), `from=${LAST}&to=${LAST}`);
      const p = participation!.quarters[0]!.total as { meetings: number; participants: number };
      expect(p.meetings).toBeGreaterThanOrEqual(1);
      const row = await page.locator(`[data-testid=participation-${LAST}]`).innerText();
      expect(row).toContain(String(p.participants));
      const i = items!.quarters[0]!.total as { byKind: Array<{ kind: string; n: number }> };
      for (const { kind, n } of i.byKind) expect(await page.locator(`[data-testid=items-kind-${kind}]`).innerText(), kind).toContain(String(n));
    } finally {
      await context.close();
    }
  }, 180_000);
});

/** Figures of the agreed shapes (issue 15's participation and items endpoints), made up for the page to draw. */
const PARTICIPATION = {
  meetings: 3, participants: 96, residents: 80, perMeeting: 32, population: 15000, perThousand: 5.33,
  byFormat: [{ format: 'indoor', meetings: 2, participants: 70 }, { format: 'open_air', meetings: 1, participants: 26 }, { format: 'online', meetings: 0, participants: 0 }, { format: 'hybrid', meetings: 0, participants: 0 }],
};
const ITEMS = {
  items: 9,
  byKind: [{ kind: 'complaint', n: 4 }, { kind: 'proposal', n: 3 }, { kind: 'remark', n: 1 }, { kind: 'question', n: 1 }],
  byTopic: [{ topic: 'public_order', nameKk: 'Қоғамдық тәртіп', nameRu: 'Общественный порядок', n: 6 }, { topic: 'roads', nameKk: 'Жол қозғалысы', nameRu: 'Дорожное движение', n: 3 }],
  byOutcome: [{ outcome: 'answered', n: 4 }, { outcome: 'to_check', n: 3 }, { outcome: 'to_forward', n: 2 }],
  checks: { onTime: 2, overdue: 1, open: 0 },
  forwardings: { total: 2, notified: 1, byBody: [{ bodyId: '00000000-0000-4000-8000-000000000001', nameKk: 'Қарасай ауданының әкімдігі', nameRu: 'Акимат Карасайского района', n: 2, notified: 1 }] },
  verdicts: { resolved: 1, notResolved: 1 },
};

describe('participation and items drawn from fixed, richer figures than the demo holds (the endpoints answered by the test)', () => {
  it('draws a chart and a table of each, at 360 and 1280 px, with nothing for axe and no overflow', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    // The report frame is the compliance one's: the same quarters and children, other figures.
    await context.route(/\/api\/v1\/analytics\/(participation|items)\?/, async (route) => {
      const url = new URL(route.request().url());
      const frame = await (await route.fetch({ url: url.toString().replace(/analytics\/(participation|items)/, 'analytics/compliance') })).json() as Report & Record<string, unknown>;
      const figures = url.pathname.endsWith('/items') ? ITEMS : PARTICIPATION;
      await route.fulfill({ json: { ...frame, quarters: frame.quarters.map((q) => ({ quarter: q.quarter, total: figures, children: q.children.map((c) => ({ ...c, figures })) })) } });
    });
    const page = await openAnalytics(context, `from=${LAST}&to=${LAST}`);
    try {
      await page.locator('[data-testid=analytics-participation]').waitFor();
      await page.locator('[data-testid=analytics-items]').waitFor();
      expect(await page.locator(`[data-testid=participation-${LAST}]`).innerText()).toContain('96');
      expect(await page.locator('[data-testid=items-kind-complaint]').innerText()).toContain('4');
      // Sixteen counts, ten a page: the topics are on the second.
      expect(await page.locator('[data-testid=items-topic-public_order]').count()).toBe(0);
      await page.locator('[data-testid=analytics-items] nav button', { hasText: /^2$/ }).first().click();
      expect(await page.locator('[data-testid=items-topic-public_order]').innerText()).toContain('6');
      for (const chart of ['participation-chart', 'participation-format-chart', 'items-chart', 'items-bodies-chart']) {
        await page.locator(`[data-testid=${chart}] svg.recharts-surface`).first().waitFor();
      }
      expect(await page.locator('[data-testid=analytics-unavailable]').count()).toBe(0);
      await screenshot(page, 'analytics-outcomes-360');
      await expectClean(page, 'participation and items at 360 px');
      await page.setViewportSize({ width: 1280, height: 900 });
      await expectClean(page, 'participation and items at 1280 px');
    } finally {
      await context.close();
    }
  }, 180_000);
});

function addQuarter(key: string, by: number): string {
  const [year, q] = key.split('-Q').map(Number) as [number, number];
  const index = year * 4 + q - 1 + by;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}
