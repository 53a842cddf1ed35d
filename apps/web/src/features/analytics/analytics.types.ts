import type * as c from '@esep/contracts';
import type { z } from 'zod';
import type { QueryValue } from '../../app/api.ts';

/*
 * Issue 15: the analytics API. Compliance is the contract's ComplianceReport; participation and
 * items follow the shapes agreed for their endpoints (issue 15): the same report frame with
 * their own figures.
 */
export type ComplianceReport = z.infer<typeof c.ComplianceReport>;
export type ComplianceFigures = ComplianceReport['quarters'][number]['total'];
export type PathStep = ComplianceReport['path'][number];
export type Level = PathStep['level'];
export type TerritoryLevel = ComplianceReport['territory']['level'];

export const FORMATS = ['indoor', 'open_air', 'online', 'hybrid'] as const;
export type MeetingFormat = (typeof FORMATS)[number];
export const ITEM_KINDS = ['complaint', 'proposal', 'remark', 'question'] as const;
export const OUTCOMES = ['answered', 'to_check', 'to_forward'] as const;

export interface ParticipationFigures {
  meetings: number; participants: number; residents: number;
  perMeeting: number | null; population: number | null; perThousand: number | null;
  byFormat: Array<{ format: MeetingFormat; meetings: number; participants: number }>;
}

export interface ItemFigures {
  items: number;
  byKind: Array<{ kind: (typeof ITEM_KINDS)[number]; n: number }>;
  byTopic: Array<{ topic: string; nameKk: string; nameRu: string; n: number }>;
  byOutcome: Array<{ outcome: (typeof OUTCOMES)[number]; n: number }>;
  checks: { onTime: number; overdue: number; open: number };
  forwardings: { total: number; notified: number; byBody: Array<{ bodyId: string; nameKk: string; nameRu: string; n: number; notified: number }> };
  verdicts: { resolved: number; notResolved: number };
}

/** The report frame every analytics endpoint answers with. */
export interface AnalyticsReport<F> {
  from: string; to: string; today: string;
  territory: { level: TerritoryLevel; id: string | null };
  childLevel: Level | null;
  quarters: Array<{ quarter: string; total: F; children: Array<{ id: string; code: string; nameKk: string; nameRu: string; figures: F }> }>;
}
export type ParticipationReport = AnalyticsReport<ParticipationFigures>;
export type ItemsReport = AnalyticsReport<ItemFigures>;

/** What the page's URL holds: a view is a link. */
export interface AnalyticsView {
  from?: string | undefined; to?: string | undefined;
  level?: Level | undefined; id?: string | undefined;
  rule?: string | undefined; format?: string | undefined; topic?: string | undefined;
}

/** The API's query of a view: the territory as `<level>=<id>`. */
export function viewQuery(view: AnalyticsView, extra: Array<'format' | 'topic'> = []): Record<string, QueryValue> {
  return {
    from: view.from, to: view.to, rule: view.rule,
    ...(view.level && view.id ? { [view.level]: view.id } : {}),
    ...(extra.includes('format') ? { format: view.format } : {}),
    ...(extra.includes('topic') ? { topic: view.topic } : {}),
  };
}

