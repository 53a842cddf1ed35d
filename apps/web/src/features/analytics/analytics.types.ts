import type * as c from '@esep/contracts';
import type { z } from 'zod';
import type { QueryValue } from '../../app/api.ts';

/*
 * Issue 15: the analytics API. The reports are the contract's (ComplianceReport, ParticipationReport,
 * ItemsReport): one frame, each with its own figures.
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

export type ParticipationReport = z.infer<typeof c.ParticipationReport>;
export type ParticipationFigures = ParticipationReport['quarters'][number]['total'];
export type ItemsReport = z.infer<typeof c.ItemsReport>;
export type ItemFigures = ItemsReport['quarters'][number]['total'];

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

