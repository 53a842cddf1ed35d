import { z } from 'zod';

/*
 * Issue 15: leadership analytics. `from` and `to` are quarters (YYYY-Qn; the current quarter when
 * absent); region, unit, point or district narrow the user's territory (inside it, else 404);
 * `rule` keeps only the named lines (comma-separated rule IDs; an unknown one is a 400).
 * The quarter strings are checked by the service, so a malformed one is refused with its own reason.
 */
export const ComplianceQuery = z.object({
  from: z.string().max(20).optional(), to: z.string().max(20).optional(),
  region: z.uuid().optional(), unit: z.uuid().optional(), point: z.uuid().optional(), district: z.uuid().optional(),
  rule: z.string().max(200).optional(),
}).strict();

const Share = z.number().min(0).max(1).nullable().describe('met / judged, rounded to 0.001; null when nothing was judged');

export const ComplianceFiguresBody = z.object({
  districts: z.number().int().describe('Districts of the territory'),
  obligation: z.object({ rule: z.literal('R-22.13'), met: z.number().int(), share: Share }),
  meetings: z.number().int().describe('Meetings held in the quarter (not practice, not cancelled; an entry after the fact once confirmed)'),
  lines: z.array(z.object({
    key: z.string(), rule: z.string(), met: z.number().int(), judged: z.number().int(), share: Share,
  })),
});

const AreaRef = z.object({ id: z.uuid(), code: z.string(), nameKk: z.string(), nameRu: z.string() });
export const ANALYTICS_LEVELS = ['region', 'unit', 'point', 'district'] as const;
/** The territory's place: its region, unit, point and district down to itself (empty for the country or a set of districts). */
export const TerritoryPathStep = AreaRef.extend({ level: z.enum(ANALYTICS_LEVELS) });

export const ComplianceReport = z.object({
  from: z.string(), to: z.string(), today: z.string(),
  territory: z.object({ level: z.enum(['national', 'region', 'unit', 'point', 'district', 'districts', 'atu']), id: z.uuid().nullable() }),
  /** The breadcrumb of the territory, region first (issue 15: drill-down). */
  path: z.array(TerritoryPathStep),
  /** The level of `children` (regions of the country, units of a region, …); null for a district. */
  childLevel: z.enum(['region', 'unit', 'point', 'district']).nullable(),
  quarters: z.array(z.object({
    quarter: z.string(),
    total: ComplianceFiguresBody,
    children: z.array(AreaRef.extend({ figures: ComplianceFiguresBody })),
  })),
}).meta({ id: 'ComplianceReport' });

/** The exports of the compliance view: the same query, and the PDF's language. */
export const ComplianceExportQuery = ComplianceQuery.extend({ lang: z.enum(['kk', 'ru']).optional() }).strict();
