import { z } from 'zod';

/*
 * Issue 15: leadership analytics. `from` and `to` are quarters (YYYY-Qn; the current quarter when
 * absent); region, unit, point or district narrow the user's territory (inside it, else 404);
 * `format` counts only meetings of those formats, `topic` (items) only items of those topics and
 * `rule` (compliance) keeps only the named lines — each comma-separated; an unknown value is a 400.
 * The quarter strings are checked by the service, so a malformed one is refused with its own reason.
 */
const AnalyticsQuery = z.object({
  from: z.string().max(20).optional(), to: z.string().max(20).optional(),
  region: z.uuid().optional(), unit: z.uuid().optional(), point: z.uuid().optional(), district: z.uuid().optional(),
  /** Comma-separated meeting formats (indoor, open_air, online, hybrid): only meetings of these count. */
  format: z.string().max(100).optional(),
});

export const ComplianceQuery = AnalyticsQuery.extend({ rule: z.string().max(200).optional() }).strict();
export const ParticipationQuery = AnalyticsQuery.strict();
/** `topic`: comma-separated item topic codes (an unknown one is a 400). */
export const ItemsQuery = AnalyticsQuery.extend({ topic: z.string().max(500).optional() }).strict();

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

/** The frame every analytics report shares: per quarter, the territory's figures and its children's. */
const analyticsReport = <F extends z.ZodType>(figures: F, id: string) => z.object({
  from: z.string(), to: z.string(), today: z.string(),
  territory: z.object({ level: z.enum(['national', 'region', 'unit', 'point', 'district', 'districts', 'atu']), id: z.uuid().nullable() }),
  /** The breadcrumb of the territory, region first (issue 15: drill-down). */
  path: z.array(TerritoryPathStep),
  /** The level of `children` (regions of the country, units of a region, …); null for a district. */
  childLevel: z.enum(['region', 'unit', 'point', 'district']).nullable(),
  quarters: z.array(z.object({
    quarter: z.string(),
    total: figures,
    children: z.array(AreaRef.extend({ figures })),
  })),
}).meta({ id });

export const ComplianceReport = analyticsReport(ComplianceFiguresBody, 'ComplianceReport');

const Count = z.number().int().min(0);
const FormatEnum = z.enum(['indoor', 'open_air', 'online', 'hybrid']);

export const ParticipationFiguresBody = z.object({
  meetings: Count.describe('Meetings counted as the compliance report counts them'),
  participants: Count.describe('Registered participants of those meetings, every category'),
  residents: Count.describe("Participants of category 'resident'"),
  perMeeting: z.number().nullable().describe('participants / meetings, to 0.1; null without meetings'),
  population: Count.nullable().describe("Sum of the population of the area's districts where known; null when none is known"),
  perThousand: z.number().nullable().describe('Residents per 1,000 population, over the districts with a known population (to 0.01)'),
  byFormat: z.array(z.object({ format: FormatEnum, meetings: Count, participants: Count })).describe('All four formats, in this order: indoor, open_air, online, hybrid'),
});

export const ParticipationReport = analyticsReport(ParticipationFiguresBody, 'ParticipationReport');

const Names = { nameKk: z.string(), nameRu: z.string() };

export const ItemFiguresBody = z.object({
  items: Count,
  byKind: z.array(z.object({ kind: z.enum(['complaint', 'proposal', 'remark', 'question']), n: Count })).describe('All four kinds, in this order'),
  byTopic: z.array(z.object({ topic: z.string(), ...Names, n: Count })).describe('Topics with at least one item, biggest first'),
  byOutcome: z.array(z.object({ outcome: z.enum(['answered', 'to_check', 'to_forward']), n: Count })).describe('All three outcomes, in this order'),
  checks: z.object({ onTime: Count, overdue: Count, open: Count })
    .describe('R-32.4: done by the due date; done late or open past it; open and not yet due'),
  forwardings: z.object({
    total: Count, notified: Count,
    byBody: z.array(z.object({ bodyId: z.uuid(), ...Names, n: Count, notified: Count })),
  }).describe('R-32.5: per receiving body (biggest first; a forwarding with no body chosen yet counts in total only); notified: sent and the initiator told (or no registered initiator)'),
  verdicts: z.object({ resolved: Count, notResolved: Count }).describe("The residents' own verdicts on the items"),
});

export const ItemsReport = analyticsReport(ItemFiguresBody, 'ItemsReport');

/** The exports of the analytics view: compliance's query, the items' topic, and the PDF's language. */
export const ComplianceExportQuery = ComplianceQuery.extend({ topic: z.string().max(500).optional(), lang: z.enum(['kk', 'ru']).optional() }).strict();
