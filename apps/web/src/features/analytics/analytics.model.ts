import { parseQuarterKey, quarterEnd, quarterKey, quarterOf, quarterStart } from '@esep/domain';
import type { Role } from '../../app/types.ts';
import type {
  AnalyticsView, ComplianceFigures, ComplianceReport, ItemFigures, Level, ParticipationFigures, PathStep,
} from './analytics.types.ts';

/*
 * Issue 15: the analytics page's logic without React — the view in the URL, the rows of every
 * table (the charts draw the same rows), sorting and paging, the breadcrumb and the links to the
 * meetings behind a figure.
 */

export const LEVELS: readonly Level[] = ['region', 'unit', 'point', 'district'];
/** Every rule the view can be narrowed to, in the order the API reports them. */
export const RULES = ['R-22.13', 'R-27.1', 'R-26', 'R-32.2', 'R-32.1', 'R-32.3', 'R-32.4', 'R-32.5', 'R-33'] as const;
export const PAGE_SIZE = 10;

const isQuarter = (v: string | null): v is string => v !== null && parseQuarterKey(v) !== null;

/** The view from the page's query string; anything malformed is left out (the API's defaults apply). */
export function readView(search: URLSearchParams): AnalyticsView {
  const level = LEVELS.find((l) => search.get(l));
  const rule = search.get('rule');
  return {
    from: isQuarter(search.get('from')) ? search.get('from')! : undefined,
    to: isQuarter(search.get('to')) ? search.get('to')! : undefined,
    level, id: level ? search.get(level)! : undefined,
    rule: rule && (RULES as readonly string[]).includes(rule) ? rule : undefined,
    format: search.get('format') || undefined,
    topic: search.get('topic') || undefined,
  };
}

/** The query string of a view (the order fixed, so equal views are equal links). */
export function writeView(view: AnalyticsView): string {
  const params = new URLSearchParams();
  if (view.from) params.set('from', view.from);
  if (view.to) params.set('to', view.to);
  if (view.level && view.id) params.set(view.level, view.id);
  if (view.rule) params.set('rule', view.rule);
  if (view.format) params.set('format', view.format);
  if (view.topic) params.set('topic', view.topic);
  return params.toString();
}

/** The quarters a user picks from: the last `count` up to today's, newest first. */
export function quarterOptions(today: string, count = 12): string[] {
  const now = quarterOf(today);
  const index = now.year * 4 + now.quarter - 1;
  return Array.from({ length: count }, (_, i) => {
    const k = index - i;
    return quarterKey({ year: Math.floor(k / 4), quarter: ((k % 4) + 1) as 1 | 2 | 3 | 4 });
  });
}

/** The first and last day of a quarter ("2026-Q3" → 2026-07-01 … 2026-09-30). */
export function quarterDates(key: string): { from: string; to: string } {
  const q = parseQuarterKey(key)!;
  return { from: quarterStart(q), to: quarterEnd(q) };
}

/** The territory's level and id as the meetings list filters them. */
const MEETING_FILTER: Record<Level, string> = { region: 'regionId', unit: 'unitId', point: 'pointId', district: 'districtId' };

/**
 * The meetings behind a figure: those the analytics count (held, signed or closed; not practice;
 * confirmed if entered after the fact) of the territory in the quarter — for a checklist line,
 * those judged for it, met or not met.
 */
export function meetingsLink(area: { level: Level | null; id: string | null }, quarter: string, line?: { rule: string; met?: boolean }): string {
  const { from, to } = quarterDates(quarter);
  const params = new URLSearchParams();
  if (area.level && area.id) params.set(MEETING_FILTER[area.level], area.id);
  params.set('from', from);
  params.set('to', to);
  params.set('counted', 'true');
  // A checklist line's figure: the meetings judged for it, met or not (R-22.13 counts districts: all counted meetings).
  if (line && line.rule !== 'R-22.13') {
    params.set('rule', line.rule);
    if (line.met !== undefined) params.set('met', String(line.met));
  }
  return `/meetings/list?${params.toString()}`;
}

/**
 * The items behind a figure: checks and forwardings on the control board of the territory
 * — the overdue ones alone for "overdue" — and the other counts among the meetings counted.
 */
export function itemsLink(area: { level: Level | null; id: string | null }, count: { group: string; key: string }, quarter: string): string {
  if (count.group !== 'checks' && count.group !== 'forwardings') return meetingsLink(area, quarter);
  const params = new URLSearchParams();
  if (area.level && area.id) params.set(area.level, area.id);
  params.set('kind', count.group === 'checks' ? 'check' : 'forwarding');
  params.set('status', 'all');
  if (count.key === 'overdue') params.set('overdue', '1');
  return `/control?${params.toString()}`;
}

/** The level a role's own territory is at: the breadcrumb above it is not his to open. */
export function ownLevel(role: Role): Level | 'national' {
  switch (role) {
    case 'regional_head': return 'region';
    case 'unit_head': return 'unit';
    case 'point_lead': return 'point';
    case 'inspector': case 'assistant': case 'akimat': return 'district';
    default: return 'national';
  }
}

export interface Crumb { level: Level | 'national'; id: string | null; step: PathStep | null; link: boolean; current: boolean }

/**
 * The breadcrumb: the country, then the territory's region, unit, point and district. A level
 * above the user's own territory is shown but not a link (it would answer 404); the last is the
 * page itself.
 */
export function crumbs(path: readonly PathStep[], role: Role): Crumb[] {
  const own = ownLevel(role);
  const rank = (level: Level | 'national') => (level === 'national' ? 0 : LEVELS.indexOf(level) + 1);
  const all: Crumb[] = [
    { level: 'national', id: null, step: null, link: false, current: false },
    ...path.map((step) => ({ level: step.level, id: step.id, step, link: false, current: false })),
  ];
  return all.map((c, i) => ({ ...c, current: i === all.length - 1, link: i !== all.length - 1 && rank(c.level) >= rank(own) }));
}

/** A view narrowed to one territory (a drill-down or a breadcrumb step), the rest kept. */
export function withTerritory(view: AnalyticsView, level: Level | 'national', id: string | null): AnalyticsView {
  return level === 'national' || !id ? { ...view, level: undefined, id: undefined } : { ...view, level, id };
}

// ─── Rows ────────────────────────────────────────────────────────────────────

/** One line of the compliance picture: R-22.13 (districts) or a checklist line (meetings). */
export interface LineRow { rule: string; key: string; met: number; judged: number; share: number | null }

/** The obligation and each checklist line of one figure set, R-22.13 first. */
export function lineRows(f: ComplianceFigures): LineRow[] {
  return [
    { rule: 'R-22.13', key: 'obligation', met: f.obligation.met, judged: f.districts, share: f.obligation.share },
    ...f.lines.map((l) => ({ rule: l.rule, key: l.key, met: l.met, judged: l.judged, share: l.share })),
  ];
}

/** The share of one rule in a figure set (null: not judged, or the rule is not reported). */
export function shareOf(f: ComplianceFigures, rule: string): number | null {
  return lineRows(f).find((l) => l.rule === rule)?.share ?? null;
}

/** The quarter a view's pictures show: the last of the range. */
export const shownQuarter = <Q extends { quarter: string }>(report: { quarters: readonly Q[] }): Q | undefined => report.quarters.at(-1);

export interface TrendRow { quarter: string; meetings: number; districts: number; lines: LineRow[] }
export function trendRows(report: ComplianceReport): TrendRow[] {
  return report.quarters.map((q) => ({ quarter: q.quarter, meetings: q.total.meetings, districts: q.total.districts, lines: lineRows(q.total) }));
}

export interface ChildRow { id: string; code: string; nameKk: string; nameRu: string; districts: number; meetings: number; share: number | null; lines: LineRow[] }

/** The children in the shown quarter with the share of `rule`, best first (not judged last). */
export function childRows(report: ComplianceReport, rule: string): ChildRow[] {
  const q = shownQuarter(report);
  if (!q) return [];
  return sortRows(q.children.map((c) => ({
    id: c.id, code: c.code, nameKk: c.nameKk, nameRu: c.nameRu, districts: c.figures.districts, meetings: c.figures.meetings,
    share: shareOf(c.figures, rule), lines: lineRows(c.figures),
  })), '-share');
}

/**
 * Rows ordered by `sort` (`field` ascending, `-field` descending); a missing value (a share not
 * judged) always goes last, and ties keep their order (the API's: by code).
 */
export function sortRows<T>(rows: readonly T[], sort: string, value: (row: T, field: string) => string | number | null = (row, field) => (row as Record<string, unknown>)[field] as string | number | null): T[] {
  const descending = sort.startsWith('-');
  const field = descending ? sort.slice(1) : sort;
  return rows.map((row, index) => ({ row, index })).sort((a, b) => {
    const x = value(a.row, field);
    const y = value(b.row, field);
    if (x == null || y == null) return x == null && y == null ? a.index - b.index : x == null ? 1 : -1;
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return (descending ? -order : order) || a.index - b.index;
  }).map((r) => r.row);
}

/** One page of rows (1-based; a page past the end shows the last). */
export function pageRows<T>(rows: readonly T[], page: number, size = PAGE_SIZE): T[] {
  const last = Math.max(1, Math.ceil(rows.length / size));
  const p = Math.min(Math.max(1, page), last);
  return rows.slice((p - 1) * size, p * size);
}

// ─── Participation and items (shapes agreed in the contract notes) ───────────

export interface ParticipationRow { quarter: string; meetings: number; participants: number; residents: number; perMeeting: number | null; perThousand: number | null }
export function participationTrend(quarters: ReadonlyArray<{ quarter: string; total: ParticipationFigures }>): ParticipationRow[] {
  return quarters.map(({ quarter, total: f }) => ({ quarter, meetings: f.meetings, participants: f.participants, residents: f.residents, perMeeting: f.perMeeting, perThousand: f.perThousand }));
}

/** Items of a figure set as labelled counts in groups (kind, outcome, checks, forwardings, verdicts, topics). */
export interface ItemCount { group: 'kind' | 'outcome' | 'checks' | 'forwardings' | 'verdicts' | 'topic'; key: string; n: number; nameKk?: string; nameRu?: string }
export function itemCounts(f: ItemFigures): ItemCount[] {
  return [
    ...f.byKind.map((k) => ({ group: 'kind' as const, key: k.kind, n: k.n })),
    ...f.byOutcome.map((o) => ({ group: 'outcome' as const, key: o.outcome, n: o.n })),
    { group: 'checks', key: 'onTime', n: f.checks.onTime }, { group: 'checks', key: 'overdue', n: f.checks.overdue }, { group: 'checks', key: 'open', n: f.checks.open },
    { group: 'forwardings', key: 'total', n: f.forwardings.total }, { group: 'forwardings', key: 'notified', n: f.forwardings.notified },
    { group: 'verdicts', key: 'resolved', n: f.verdicts.resolved }, { group: 'verdicts', key: 'notResolved', n: f.verdicts.notResolved },
    ...f.byTopic.map((t) => ({ group: 'topic' as const, key: t.topic, n: t.n, nameKk: t.nameKk, nameRu: t.nameRu })),
  ];
}

/** A share as a percentage with one decimal ("87.5 %"), or a dash. */
export const percent = (share: number | null | undefined) => (share == null ? '—' : `${Math.round(share * 1000) / 10} %`);
