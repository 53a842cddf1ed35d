import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { openDatabase, rowsOf, type Database } from '@esep/db';
import { parseQuarterKey, quarterStart } from '@esep/domain';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../apps/server/src/clock.ts';
import { systemContext } from '../apps/server/src/services/context.ts';
import { createAccount } from '../apps/server/src/services/user.service.ts';
import { seedNational, type SeedResult } from '../bench/national.seed.ts';
import { axe, launch, logIn } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

/*
 * Issue 11: the web app's boards on the national data set. A new PostgreSQL database loaded by
 * seed:national at scale 0.05 (10 regions of one police department each, 135 points, 600
 * districts, three years of meetings); a national analyst, created as user:create does, opens the
 * quarter board on a phone and drills down country → region → department → point → district by
 * the names on the page, the counts at each level matching the database and adding up to the
 * level above. PostgreSQL only (TEST_DATABASE_URL); the seed takes 20–40 s, the browser part 20–25 s.
 */
const BASE_URL = process.env.TEST_DATABASE_URL;
const SCALE = 0.05;

type Status = 'met' | 'held' | 'scheduled' | 'at_risk' | 'open' | 'missed';
interface Area { id: string; code: string; nameKk: string; nameRu: string; total: number; counts: Record<Status, number> }
interface Board {
  quarter: string; total: number; counts: Record<Status, number>;
  districts: Array<{ district: { id: string; code: string; nameKk: string; nameRu: string } }>;
  areas: { level: 'region' | 'unit' | 'point'; items: Area[] } | null;
}

// The interface in English: names are the Russian ones (localName), labels from the English texts.
const en = JSON.parse(readFileSync(new URL('../apps/web/src/i18n/locales/meetings.en.json', import.meta.url), 'utf8')) as {
  board: { areas: Record<'region' | 'unit' | 'point', string> }; obligation: Record<Status, string>;
};
const LEVEL_LABEL = en.board.areas;

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: BASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe.skipIf(!BASE_URL)(`the boards on the national data set (PostgreSQL, scale ${SCALE})`, () => {
  const name = `esep_e2en_${randomBytes(5).toString('hex')}`;
  const password = `Nat-${randomBytes(12).toString('base64url')}`;
  let created = false;
  let database: Database | undefined;
  let seeded: SeedResult;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    await admin((c) => c.query(`create database "${name}"`));
    created = true;
    database = await openDatabase({ url: withDatabase(BASE_URL!, name), poolSize: 5 });
    // The server reads the wall clock (no injected time in production code): the data set is
    // seeded at the same "now", so its current quarter is the board's.
    const now = systemClock.now();
    console.log(`national e2e: seeding ${name} at scale ${SCALE}, now = ${now.toISOString()}`);
    seeded = await seedNational(database, { scale: SCALE, now });
    console.log(`national e2e: seeded ${seeded.rows.districts} districts, ${seeded.meetings.total} meetings in ${seeded.seconds.toFixed(1)} s`);
    // The seeded accounts have no password: a national analyst as `npm run user:create` makes one
    // (the product's service: policy-checked fields, argon2 hash, audit entry).
    await createAccount(systemContext(database.db, systemClock, 'e2e national'), {
      username: 'e2e.analyst', displayName: 'Ұлттық талдаушы (e2e)', password, role: 'national_analyst', locale: 'en', staffId: null, territoryId: null,
    });
    server = await startServer({ databaseUrl: withDatabase(BASE_URL!, name), env: { ESEP_AT_RISK_DAYS: '30' } });
    browser = await launch();
  }, 900_000);

  afterAll(async () => {
    try {
      await browser?.close();
      await server?.stop();
      await database?.close();
    } finally {
      // Dropped whatever happened above (FORCE: also with the server's connections still open).
      if (created) await admin((c) => c.query(`drop database if exists "${name}" with (force)`));
    }
  }, 120_000);

  /** The board as the API gives it to the logged-in user (the page's own session). */
  const boardOf = (page: Page, query: Record<string, string> = {}) =>
    page.evaluate(async (q) => {
      const response = await fetch(`/api/v1/obligations?${new URLSearchParams(q)}`);
      if (!response.ok) throw new Error(`GET /obligations: ${response.status} ${await response.text()}`);
      return response.json();
    }, query) as Promise<Board>;

  /** The summary's counts per status as the page shows them. */
  const shownCounts = (page: Page) => page.locator('[data-testid=board-counts] li').evaluateAll((items) =>
    Object.fromEntries(items.map((li) => [li.getAttribute('data-status'), Number(li.getAttribute('data-count'))])));

  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

  /**
   * The per-area bars of a level: one per area, with its name, its total and (when any) its missed
   * and at-risk counts; the areas' totals and counts add up to the board's.
   */
  async function checkAreas(page: Page, board: Board, level: 'region' | 'unit' | 'point') {
    expect(board.areas?.level).toBe(level);
    const areas = board.areas!.items;
    expect(areas.length).toBeGreaterThan(0);
    expect(areas.reduce((n, a) => n + a.total, 0)).toBe(board.total);
    for (const status of Object.keys(board.counts) as Status[]) {
      expect(areas.reduce((n, a) => n + a.counts[status], 0), status).toBe(board.counts[status]);
    }
    const list = page.getByRole('list', { name: LEVEL_LABEL[level], exact: true });
    await expect.poll(() => list.locator(':scope > li').count()).toBe(areas.length);
    const texts = await list.locator(':scope > li').allInnerTexts();
    areas.forEach((area, i) => {
      const text = texts[i]!.replace(/\s+/g, ' ').trim();
      const risk = area.counts.missed + area.counts.at_risk > 0
        ? ` · ${en.obligation.missed} ${area.counts.missed}, ${en.obligation.at_risk} ${area.counts.at_risk}` : '';
      expect(text).toBe(`${area.nameRu} ${area.total}${risk}`);
    });
    await expect.poll(() => shownCounts(page)).toEqual(board.counts);
  }

  /** A user's click on an area's name in the bars of its level. */
  const pick = (page: Page, area: Area) => page.locator('[data-testid=board-area-bars] > li')
    .filter({ has: page.getByText(area.nameRu, { exact: true }) }).getByRole('button').click();

  async function noHorizontalScroll(page: Page) {
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
    expect(scrollWidth, 'the page scrolls sideways').toBeLessThanOrEqual(innerWidth);
  }

  it('the analyst opens the quarter board on a phone and drills down from the country to a district', async () => {
    const context = await browser!.newContext({ viewport: { width: 360, height: 780 } });
    const page = await context.newPage();
    const started = performance.now();
    await logIn(page, server!.url, 'e2e.analyst', 'en', password);
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.locator('[data-testid=nav-board]').click();
    await page.waitForURL((url) => url.pathname === '/board');
    await page.getByRole('heading', { level: 1, name: 'Quarter board' }).waitFor();

    // The country: every region, its districts and how many met the quarter, as in the database.
    const country = await boardOf(page);
    expect(country.total).toBe(seeded.rows.districts);
    await expect.poll(() => page.locator('[data-testid=quarter-label]').getAttribute('data-quarter')).toBe(country.quarter);
    const facts = rowsOf<{ id: string; districts: number; met: number; held: number }>(await database!.db.execute(sql`
      select r.id, count(*)::int as districts,
        count(*) filter (where f.signed > 0)::int as met,
        count(*) filter (where coalesce(f.signed, 0) = 0 and f.held > 0)::int as held
      from regions r join police_units u on u.region_id = r.id join police_points p on p.unit_id = u.id join districts d on d.point_id = p.id
        left join district_quarter_facts f on f.district_id = d.id and f.quarter_start = ${quarterStart(parseQuarterKey(country.quarter)!)}::date
      group by r.id order by r.code`));
    expect(facts).toHaveLength(seeded.rows.regions!);
    expect(country.areas!.items.map((a) => ({ id: a.id, districts: a.total, met: a.counts.met, held: a.counts.held }))).toEqual(facts);
    console.log(`national e2e: ${country.quarter}: ${JSON.stringify(country.counts)}`);
    await checkAreas(page, country, 'region');
    await noHorizontalScroll(page);
    expect((await axe(page)).map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    // Region → its police department(s): the region's name narrows the board to it.
    const region = country.areas!.items[0]!;
    await pick(page, region);
    await page.waitForURL((url) => url.searchParams.get('region') === region.id);
    await expect.poll(() => page.locator('[data-testid=filter-region]').inputValue()).toBe(region.id);
    const regionBoard = await boardOf(page, { regionId: region.id });
    expect(regionBoard.total).toBe(region.total);
    expect(regionBoard.counts).toEqual(region.counts);
    await checkAreas(page, regionBoard, 'unit');
    await page.locator('[data-testid=board-up]').waitFor();
    await noHorizontalScroll(page);

    // Department → its points.
    const unit = regionBoard.areas!.items[0]!;
    await pick(page, unit);
    await page.waitForURL((url) => url.searchParams.get('unit') === unit.id && url.searchParams.get('region') === region.id);
    const unitBoard = await boardOf(page, { regionId: region.id, unitId: unit.id });
    expect(unitBoard.total).toBe(unit.total);
    expect(unitBoard.counts).toEqual(unit.counts);
    await checkAreas(page, unitBoard, 'point');
    await noHorizontalScroll(page);

    // Point → its districts, listed with their statuses (no breakdown below a point).
    const point = unitBoard.areas!.items[0]!;
    await pick(page, point);
    await page.waitForURL((url) => url.searchParams.get('point') === point.id && url.searchParams.get('unit') === unit.id);
    const pointBoard = await boardOf(page, { regionId: region.id, unitId: unit.id, pointId: point.id });
    expect(pointBoard.areas).toBeNull();
    expect(pointBoard.total).toBe(point.total);
    expect(pointBoard.counts).toEqual(point.counts);
    expect(sum(pointBoard.counts)).toBe(pointBoard.districts.length);
    await expect.poll(() => shownCounts(page)).toEqual(point.counts);
    await expect.poll(() => page.locator('[data-testid=board-table] tbody tr[data-district]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-district'))))
      .toEqual(pointBoard.districts.map((d) => d.district.code));
    expect(await page.locator('[data-testid=board-area-bars]').count()).toBe(0);
    await noHorizontalScroll(page);

    // A district's name opens its page: the district, under that point, department and region.
    const { district } = pointBoard.districts[0]!;
    await page.locator(`[data-testid=board-table] tr[data-district="${district.code}"]`).getByRole('link', { name: district.nameRu, exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/districts/${district.id}`);
    await expect.poll(() => page.locator('[data-testid=district-title]').innerText()).toBe(district.nameRu);
    const crumbs = await page.locator('nav .mantine-Breadcrumbs-root a').allInnerTexts();
    expect(crumbs).toEqual([region.nameRu, unit.nameRu, point.nameRu]);
    await noHorizontalScroll(page);
    console.log(`national e2e: drill-down ${region.code} → ${unit.code} → ${point.code} → ${district.code} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await context.close();
  });

  it('on a wide screen the country board lists the regions in a table, without accessibility violations', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await logIn(page, server!.url, 'e2e.analyst', 'en', password);
    await page.goto(`${server!.url}/board`);
    const table = page.locator('[data-testid=board-areas][data-level=region]');
    await table.waitFor();
    const country = await boardOf(page);
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => ({
      // A cell holds its value and, for the phone's stacked rows, its column's name (hidden on a wide screen).
      code: tr.getAttribute('data-area'), total: Number(tr.querySelector('td[data-column=total] .data-table-value')?.textContent),
      met: Number(tr.querySelector('td[data-status=met] .data-table-value')?.textContent),
    })));
    expect(rows).toEqual(country.areas!.items.map((a) => ({ code: a.code, total: a.total, met: a.counts.met })));
    expect((await axe(page)).map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await context.close();
  });
});
