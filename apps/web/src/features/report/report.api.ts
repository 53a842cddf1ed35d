import type * as c from '@esep/contracts';
import type { QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, apiUrl, request } from '../../app/api.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { sessionKey } from '../auth/auth.api.ts';
import type { SessionResponse } from '../../app/types.ts';

/** The shapes of the report, sources and statistics APIs, from the shared contracts. */
export type Report = z.infer<typeof c.Report>;
export type Reporter = Report['reporters'][number];
export type ReportSection = z.infer<typeof c.ReportSection>;
export type ReportSectionName = ReportSection['section'];
export type ReportRevision = z.infer<typeof c.ReportRevision>;
export type RichText = c.RichText;
export type CarriedItem = z.infer<typeof c.CarriedItem>;
export type Source = z.infer<typeof c.Source>;
export type SourceBody = z.input<typeof c.SourceBody>;
export type SourceKind = Source['kind'];
export type Statistics = z.infer<typeof c.Statistics>;
export type StatisticsRow = Statistics['rows'][number];
export type StatisticsBody = z.input<typeof c.StatisticsBody>;
export type OffenceCategory = StatisticsRow['category'];
export type ItemKind = CarriedItem['kind'];
export type ItemOutcome = CarriedItem['outcome'];
export type ReportStatistics = Report['statistics'][number];

export const reportKeys = {
  report: (meetingId: string) => ['meetings', 'detail', meetingId, 'report'] as const,
  revisions: (meetingId: string, staffId: string, section: string) => ['meetings', 'detail', meetingId, 'report', 'revisions', staffId, section] as const,
  statistics: (districtId: string, year: number, quarter: number) => ['district', districtId, 'statistics', year, quarter] as const,
  districtStatistics: (districtId: string) => ['district', districtId, 'statistics'] as const,
};

const meetingPath = (id: string) => `/meetings/${encodeURIComponent(id)}`;
const sourcePath = (id: string) => `/sources/${encodeURIComponent(id)}`;

export const fetchReport = (meetingId: string, signal?: AbortSignal) =>
  api.get<Report>(`${meetingPath(meetingId)}/report`, undefined, signal);

/** saves one section; a save over a newer version is refused with 409 `conflict`. */
export const saveSection = (meetingId: string, staffId: string, section: ReportSectionName, content: RichText, baseVersion: number) =>
  request<ReportSection>(`${meetingPath(meetingId)}/report/sections`, { method: 'PUT', query: { staffId, section }, body: { content, baseVersion } });

export const fetchRevisions = (meetingId: string, staffId: string, section: ReportSectionName, signal?: AbortSignal) =>
  api.get<ReportRevision[]>(`${meetingPath(meetingId)}/report/revisions`, { staffId, section }, signal);

/** R-30 ¶4: what was done about an item raised at an earlier meeting. */
export const saveCarryNote = (meetingId: string, itemId: string, note: string) =>
  request<CarriedItem>(`${meetingPath(meetingId)}/report/carry-notes`, { method: 'PUT', query: { itemId }, body: { note } });

export const reportPdfUrl = (meetingId: string, lang: 'kk' | 'ru') => apiUrl(`${meetingPath(meetingId)}/report.pdf`, { lang });

// ─── Sources ────────────────────────────────────────────────────────
export const createSource = (meetingId: string, body: SourceBody) => api.post<Source>(`${meetingPath(meetingId)}/sources`, body);
export const updateSource = (id: string, body: Partial<SourceBody>) => api.patch<Source>(sourcePath(id), body);
export const deleteSource = (id: string) => request<void>(sourcePath(id), { method: 'DELETE' });
export const sourceFileUrl = (id: string, file: string) => apiUrl(`${sourcePath(id)}/files`, { name: file });

/** The current session's CSRF token (the upload goes through XMLHttpRequest, for its progress). */
function csrfToken(queryClient: QueryClient): string | null {
  return queryClient.getQueryData<SessionResponse | null>(sessionKey)?.csrfToken ?? null;
}

/** An error answer of an upload, in the API's one shape. */
export class UploadError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

/**
 * Uploads an attachment of a source, reporting progress from 0 to 1. `fetch` cannot report
 * the progress of a request body, so this one call uses XMLHttpRequest.
 */
export function uploadSourceFile(queryClient: QueryClient, sourceId: string, file: File, onProgress: (share: number) => void, fallbackMessage: string): Promise<Source> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(`${sourcePath(sourceId)}/files`));
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', currentLanguage());
    const token = csrfToken(queryClient);
    if (token) xhr.setRequestHeader('X-CSRF-Token', token);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (event) => { if (event.lengthComputable) onProgress(event.loaded / event.total); };
    xhr.onload = () => {
      let body: unknown = null;
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) { resolve(body as Source); return; }
      const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
      reject(new UploadError(xhr.status, error?.code ?? 'http_error', error?.message ?? fallbackMessage));
    };
    xhr.onerror = () => reject(new UploadError(0, 'network_error', fallbackMessage));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

// ─── District statistics ───────────────────────────────────────────────────
export const fetchStatistics = (districtId: string, year: number, quarter: number, signal?: AbortSignal) =>
  api.get<Statistics>(`/districts/${encodeURIComponent(districtId)}/statistics`, { year, quarter }, signal);

export const saveStatistics = (districtId: string, body: StatisticsBody) =>
  request<Statistics>(`/districts/${encodeURIComponent(districtId)}/statistics`, { method: 'PUT', body });

/** The answer of a statistics import: the structure import's report shape. */
export interface StatisticsImportReport {
  dryRun: boolean;
  applied: boolean;
  counts?: Record<string, { created: number; updated: number; unchanged: number }>;
  errors: Array<{ sheet?: string; row: number; column: string | null; code: string; message: string }>;
}

export function importStatistics(file: File, dryRun: boolean): Promise<StatisticsImportReport> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.post<StatisticsImportReport>('/statistics/import', form, { dryRun });
}

export const statisticsTemplateUrl = apiUrl('/statistics/template');
