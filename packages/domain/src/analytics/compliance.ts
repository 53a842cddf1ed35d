import type { RuleId } from '../rules/rule.catalog.ts';

/*
 * Issue 15: leadership analytics — compliance with the quarterly obligation and with
 * each line of the meeting checklist, as shares with the counts behind them. The counts come from
 * the records (packages/db analytics.repository.ts); this turns them into shares and names each
 * line by its rule ID, in one order everywhere (API, charts, exports).
 */

/** The checklist lines the analytics report on, in the order they are shown. */
export const COMPLIANCE_LINES = [
  { key: 'notice', rule: 'R-27.1' },
  { key: 'presence', rule: 'R-26' },
  { key: 'registration', rule: 'R-32.2' },
  { key: 'video', rule: 'R-32.1' },
  { key: 'protocol_same_day', rule: 'R-32.3' },
  { key: 'checks_opened', rule: 'R-32.4' },
  { key: 'initiators_notified', rule: 'R-32.5' },
  { key: 'control', rule: 'R-33' },
] as const satisfies ReadonlyArray<{ key: string; rule: RuleId }>;
export type ComplianceLineKey = (typeof COMPLIANCE_LINES)[number]['key'];

/** Every rule the analytics can be filtered by (`rule=`): the quarterly obligation and the lines. */
export const COMPLIANCE_RULES = ['R-22.13', ...COMPLIANCE_LINES.map((l) => l.rule)] as const;
export type ComplianceRule = (typeof COMPLIANCE_RULES)[number];

export const isComplianceRule = (rule: string): rule is ComplianceRule => (COMPLIANCE_RULES as readonly string[]).includes(rule);

/** The checklist line a rule ID names (R-27.1 → notice, …). */
export function complianceLineKey(rule: (typeof COMPLIANCE_LINES)[number]['rule']): ComplianceLineKey {
  return COMPLIANCE_LINES.find((l) => l.rule === rule)!.key;
}

/** At most this many quarters in one request (ten years). */
export const MAX_ANALYTICS_QUARTERS = 40;

/** A share rounded to 0.1 % (as a fraction, 0–1), or null when nothing was judged. */
export function share(met: number, judged: number): number | null {
  if (judged <= 0) return null;
  return Math.round((met / judged) * 1000) / 1000;
}

export interface LineCounts { met: number; judged: number }

export interface ComplianceCounts {
  /** Districts of the territory, and how many of them met in the quarter. */
  districts: number;
  obligationMet: number;
  /** Per checklist line: meetings where it was met, and where it could be judged (met or not met). */
  lines: Partial<Record<ComplianceLineKey, LineCounts>>;
}

export interface ComplianceLine { key: ComplianceLineKey; rule: RuleId; met: number; judged: number; share: number | null }

export interface ComplianceFigures {
  districts: number;
  obligation: { rule: 'R-22.13'; met: number; share: number | null };
  lines: ComplianceLine[];
}

/**
 * Counts → figures: the obligation's share of districts, and each line (those `rules` selects,
 * or all) with its rule ID and share. A line with no counts is reported as 0 of 0 (share null).
 */
export function complianceFigures(counts: ComplianceCounts, rules?: ReadonlySet<ComplianceRule>): ComplianceFigures {
  const wanted = (rule: ComplianceRule) => !rules || rules.size === 0 || rules.has(rule);
  return {
    districts: counts.districts,
    obligation: { rule: 'R-22.13', met: counts.obligationMet, share: share(counts.obligationMet, counts.districts) },
    lines: COMPLIANCE_LINES.filter((l) => wanted(l.rule)).map((l) => {
      const c = counts.lines[l.key] ?? { met: 0, judged: 0 };
      return { key: l.key, rule: l.rule, met: c.met, judged: c.judged, share: share(c.met, c.judged) };
    }),
  };
}

/** The quarters from `from` to `to` inclusive, as { year, quarter }; empty when reversed. */
export function quartersBetween(from: { year: number; quarter: number }, to: { year: number; quarter: number }): Array<{ year: number; quarter: 1 | 2 | 3 | 4 }> {
  const out: Array<{ year: number; quarter: 1 | 2 | 3 | 4 }> = [];
  for (let i = from.year * 4 + from.quarter - 1; i <= to.year * 4 + to.quarter - 1; i++) {
    out.push({ year: Math.floor(i / 4), quarter: ((i % 4) + 1) as 1 | 2 | 3 | 4 });
  }
  return out;
}

/** Quarters in the range, counting both ends (≤ 0 when reversed). */
export const quarterSpan = (from: { year: number; quarter: number }, to: { year: number; quarter: number }) =>
  (to.year * 4 + to.quarter) - (from.year * 4 + from.quarter) + 1;
