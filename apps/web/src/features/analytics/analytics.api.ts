import { api, apiUrl } from '../../app/api.ts';
import { viewQuery, type AnalyticsView, type ComplianceReport, type ItemsReport, type ParticipationReport } from './analytics.types.ts';

/** Issue 15: the analytics API (the types and the view's query: ./analytics.types.ts, free of the app's modules for unit tests). */
export * from './analytics.types.ts';

export const analyticsKeys = {
  compliance: (view: AnalyticsView) => ['analytics', 'compliance', viewQuery(view)] as const,
  participation: (view: AnalyticsView) => ['analytics', 'participation', viewQuery(view, ['format'])] as const,
  items: (view: AnalyticsView) => ['analytics', 'items', viewQuery(view, ['format', 'topic'])] as const,
};

export const fetchCompliance = (view: AnalyticsView, signal?: AbortSignal) =>
  api.get<ComplianceReport>('/analytics/compliance', viewQuery(view), signal);
export const fetchParticipation = (view: AnalyticsView, signal?: AbortSignal) =>
  api.get<ParticipationReport>('/analytics/participation', viewQuery(view, ['format']), signal);
export const fetchItems = (view: AnalyticsView, signal?: AbortSignal) =>
  api.get<ItemsReport>('/analytics/items', viewQuery(view, ['format', 'topic']), signal);

/** The exports of the compliance view (downloaded by a plain link: the session cookie goes along). */
export const complianceXlsxUrl = (view: AnalyticsView) => apiUrl('/analytics/compliance.xlsx', viewQuery(view, ['format', 'topic']));
export const compliancePdfUrl = (view: AnalyticsView, lang: 'kk' | 'ru') => apiUrl('/analytics/compliance.pdf', { ...viewQuery(view, ['format', 'topic']), lang });
