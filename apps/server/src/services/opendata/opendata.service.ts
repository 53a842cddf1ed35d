import { createHash } from 'node:crypto';
import { OPEN_DATA_FIELDS, OPEN_DATA_LICENCE, type OpenDataQuery, type OpenDataSet } from '@esep/contracts';
import {
  openCompliancePage, openMeetingsPage, openOutcomesPage, openRegions, territoryIdByCode, type OpenTerritory, type TerritoryLevel,
} from '@esep/db';
import {
  addDays, almatyDateTime, daysBetween, districtObligation, NOTICE_DAYS, quarterEnd, quarterKey, quarterOf, quarterStart, type Quarter,
} from '@esep/domain';
import { AppError } from '../../http/app-error.ts';
import type { ServiceContext } from '../context.ts';
import { CSV_BOM, csvLine, type CsvCell } from './opendata.csv.ts';

/*
 * Issue 13, part 6 (Law 401-V: proactive publication): meetings, compliance and outcomes per
 * quarter and territory as CSV and JSON. Reads only, nothing to audit; no person in any row.
 * Rows are read in keyset pages of PAGE rows, so the database never hands over a national
 * quarter in one result; the text is assembled chunk by chunk (≈ 300 bytes a row: a national
 * quarter's 14,000 meetings make a file of a few megabytes).
 */

const PAGE = 1000;
/** Esep's data begins with the regulation's first full year in the system. */
const FIRST_YEAR = 2023;

export type OpenRow = Record<string, CsvCell>;

export interface OpenScope {
  quarter: Quarter;
  from: string;
  to: string;
  territory: OpenTerritory | null;
  /** For the file name and the ETag: `2026-Q4`, `2026-Q4-ALM`. */
  slug: string;
}

const nextQuarter = (q: Quarter): Quarter => (q.quarter === 4 ? { year: q.year + 1, quarter: 1 } : { year: q.year, quarter: (q.quarter + 1) as Quarter['quarter'] });
const ordinal = (q: Quarter) => q.year * 4 + q.quarter;

const badQuarter = (value: string) => new AppError('validation_failed', { field: 'quarter', value }, 400, {
  kk: `Тоқсан дұрыс емес: «${value}». Пішімі YYYY-Q (мысалы, 2026-4), ${FIRST_YEAR} жылдан бастап, келесі тоқсаннан кешіктірмей.`,
  ru: `Неверный квартал: «${value}». Формат YYYY-Q (например, 2026-4), не ранее ${FIRST_YEAR} года и не позже следующего квартала.`,
  en: `Invalid quarter "${value}". Use YYYY-Q (e.g. 2026-4), from ${FIRST_YEAR} up to the next quarter.`,
});

/** `2026-4` or `2026-Q4`; the current quarter (Asia/Almaty, by the clock) when absent. */
export function parseOpenQuarter(value: string | undefined, today: string): Quarter {
  const current = quarterOf(today);
  if (value == null || value === '') return current;
  const m = /^(\d{4})-Q?([1-4])$/i.exec(value.trim());
  if (!m) throw badQuarter(value);
  const q: Quarter = { year: Number(m[1]), quarter: Number(m[2]) as Quarter['quarter'] };
  if (q.year < FIRST_YEAR || ordinal(q) > ordinal(nextQuarter(current))) throw badQuarter(value);
  return q;
}

const LEVELS: TerritoryLevel[] = ['district', 'point', 'unit', 'region'];

/** The quarter and the territory a request names; an unknown territory code → 404. */
export async function openScope(ctx: ServiceContext, query: OpenDataQuery): Promise<OpenScope> {
  const quarter = parseOpenQuarter(query.quarter, ctx.today);
  const named = LEVELS.filter((l) => query[l]?.trim());
  if (named.length > 1) {
    throw new AppError('validation_failed', { fields: named }, 400, {
      kk: 'Бір ғана аумақты көрсетіңіз: region, unit, point немесе district.',
      ru: 'Укажите только одну территорию: region, unit, point или district.',
      en: 'Name one territory only: region, unit, point or district.',
    });
  }
  let territory: OpenTerritory | null = null;
  let code = '';
  if (named[0]) {
    const level = named[0];
    code = query[level]!.trim();
    const id = await territoryIdByCode(ctx.db, level, code);
    if (!id) {
      throw new AppError('not_found', { [level]: code }, 404, {
        kk: `Мұндай кодпен аумақ жоқ: ${level}=${code}`, ru: `Территории с таким кодом нет: ${level}=${code}`, en: `No territory with this code: ${level}=${code}`,
      });
    }
    territory = { level, id };
  }
  return { quarter, from: quarterStart(quarter), to: quarterEnd(quarter), territory, slug: `${quarterKey(quarter)}${code ? `-${code.replace(/[^\w.-]/g, '_')}` : ''}` };
}

const instant = (ms: number | null) => (ms == null ? null : almatyDateTime(new Date(Number(ms))));

/** Meetings: one row per meeting and district it covers. */
export async function* meetingsRows(ctx: ServiceContext, scope: OpenScope, pageSize = PAGE): AsyncGenerator<OpenRow> {
  let after: [string, string] | null = null;
  for (;;) {
    const page = await openMeetingsPage(ctx.db, scope.territory, scope.from, scope.to, after, pageSize);
    for (const r of page) {
      yield {
        meeting_number: r.meeting_number, status: r.status, setting: r.setting, format: r.format, starts_at: instant(r.starts_at_ms),
        district_code: r.district_code, district_name_kk: r.district_name_kk, district_name_ru: r.district_name_ru, atu_code: r.atu_code,
        point_code: r.point_code, unit_code: r.unit_code, region_code: r.region_code,
        announced_on: r.announced_on, notice_days: r.announced_on ? daysBetween(r.announced_on, r.start_date) : null,
        participants: r.participants, items: r.items, protocol_signed_at: instant(r.protocol_signed_at_ms), protocol_late: r.protocol_late,
      };
    }
    if (page.length < pageSize) return;
    const last = page[page.length - 1]!;
    after = [last.meeting_number, last.district_code];
  }
}

/**
 * Compliance: one row per district. A rule over the quarter's meetings is `true` when every
 * meeting held met it, `false` when one did not, empty when none was held (nothing to judge).
 */
export async function* complianceRows(ctx: ServiceContext, scope: OpenScope, atRiskDays: number, pageSize = PAGE): AsyncGenerator<OpenRow> {
  const idle = districtObligation(scope.quarter, ctx.today, atRiskDays, '', []);
  const clock = {
    quarterStart: scope.from, quarterEnd: scope.to, today: ctx.today, noticeHorizon: addDays(ctx.today, NOTICE_DAYS), planning: ctx.today <= scope.to, idle: idle.status,
  };
  const key = quarterKey(scope.quarter);
  let after: string | null = null;
  for (;;) {
    const page = await openCompliancePage(ctx.db, scope.territory, clock, after, pageSize);
    for (const r of page) {
      const held = Number(r.signed) + Number(r.held);
      const all = (n: number, of = held) => (of === 0 ? null : Number(n) >= of);
      yield {
        quarter: key, district_code: r.district_code, district_name_kk: r.district_name_kk, district_name_ru: r.district_name_ru, atu_code: r.atu_code,
        point_code: r.point_code, unit_code: r.unit_code, region_code: r.region_code,
        quarter_status: r.quarter_status, obligation_met: Number(r.signed) > 0, meetings_held: held,
        notice_10_days: all(r.notice_ok), police_leadership_present: all(r.leadership_ok), akimat_present: all(r.akimat_ok),
        register_kept: all(r.register_ok), video_recorded: all(r.video_ok), protocol_same_day: all(r.same_day_ok, Number(r.signed_protocols)),
        checks_overdue: Number(r.checks_overdue ?? 0), forwardings_overdue: Number(r.forwardings_overdue ?? 0),
      };
    }
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.district_code;
  }
}

/** Outcomes: one row per item of the quarter's signed meetings, without its text. */
export async function* outcomesRows(ctx: ServiceContext, scope: OpenScope, pageSize = PAGE): AsyncGenerator<OpenRow> {
  let after: [string, number] | null = null;
  for (;;) {
    const page = await openOutcomesPage(ctx.db, scope.territory, scope.from, scope.to, after, pageSize);
    for (const r of page) yield { ...r };
    if (page.length < pageSize) return;
    const last = page[page.length - 1]!;
    after = [last.meeting_number, last.item_number];
  }
}

export type OpenFormat = 'csv' | 'json';

export interface OpenFile { body: Buffer; etag: string; fileName: string; contentType: string }

/**
 * The file of a data set. The ETag covers everything but `generatedAt`, so a client that has
 * the same rows gets a 304 whenever it asks again.
 */
export async function openDataFile(ctx: ServiceContext, set: OpenDataSet, format: OpenFormat, scope: OpenScope, rows: AsyncIterable<OpenRow>): Promise<OpenFile> {
  const fields = OPEN_DATA_FIELDS[set];
  const names = fields.map((f) => f.name);
  const hash = createHash('sha256').update(`${set}\n${format}\n${scope.slug}\n`);
  const chunks: string[] = [];
  const push = (text: string) => { chunks.push(text); hash.update(text); };
  if (format === 'csv') {
    push(CSV_BOM + csvLine(names));
    for await (const row of rows) push(csvLine(names.map((n) => row[n])));
  } else {
    chunks.push(`{"licence":${JSON.stringify(OPEN_DATA_LICENCE)},"generatedAt":${JSON.stringify(ctx.now().toISOString())},`);
    push(`"quarter":${JSON.stringify(quarterKey(scope.quarter))},"fields":${JSON.stringify(fields)},"rows":[`);
    let first = true;
    for await (const row of rows) {
      push(`${first ? '' : ','}${JSON.stringify(Object.fromEntries(names.map((n) => [n, row[n] ?? null])))}`);
      first = false;
    }
    push(']}');
  }
  return {
    body: Buffer.from(chunks.join(''), 'utf8'),
    etag: `"${hash.digest('base64url').slice(0, 27)}"`,
    fileName: `esep-${set}-${scope.slug}.${format}`,
    contentType: format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/json; charset=utf-8',
  };
}

/** What the open-data page shows: the chosen quarter and region (an unknown one → null, the page says 404), and the regions to choose from. */
export async function openDataPage(ctx: ServiceContext, query: { quarter?: string | undefined; region?: string | undefined }) {
  let quarter: Quarter;
  try { quarter = parseOpenQuarter(query.quarter, ctx.today); } catch { quarter = quarterOf(ctx.today); }
  const regions = await openRegions(ctx.db);
  const code = query.region?.trim() || null;
  const region = code ? regions.find((r) => r.code === code) ?? null : null;
  const quarters: string[] = [];
  for (let q = nextQuarter(quarterOf(ctx.today)); q.year >= FIRST_YEAR; q = q.quarter === 1 ? { year: q.year - 1, quarter: 4 } : { year: q.year, quarter: (q.quarter - 1) as Quarter['quarter'] }) {
    quarters.push(quarterKey(q));
  }
  return { quarter: quarterKey(quarter), quarters, regions, region, unknownRegion: code != null && region == null };
}
