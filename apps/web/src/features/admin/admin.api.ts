import type * as c from '@esep/contracts';
import type { z } from 'zod';
import { api, request } from '../../app/api.ts';
import type { AtuPage } from '../../app/types.ts';

/** The administrator's directories: the working-day calendar and retention. */
export type WorkingCalendarYear = z.infer<typeof c.WorkingCalendarYear>;
export type CalendarDay = z.infer<typeof c.CalendarDay>;
export type CalendarDayKind = CalendarDay['kind'];

export const adminKeys = {
  calendar: (year: number) => ['working-calendar', year] as const,
  atus: ['atus', 'all'] as const,
  retention: (asOf: string) => ['retention', asOf] as const,
  allRetention: ['retention'] as const,
};

export const fetchWorkingCalendar = (year: number, signal?: AbortSignal) =>
  api.get<WorkingCalendarYear>('/working-calendar', { year }, signal);

/** Replaces the year's rows; due dates of open checks and unsent forwardings are recomputed. */
export const saveWorkingCalendar = (year: number, days: Array<{ date: string; kind: CalendarDayKind; note: string | null }>) =>
  request<WorkingCalendarYear>('/working-calendar', { method: 'PUT', query: { year }, body: { days } });

export const fetchAtus = (signal?: AbortSignal) => api.get<AtuPage>('/atus', { pageSize: 200, sort: 'nameRu' }, signal);

export type RetentionList = c.RetentionList;
export type RetentionEntry = c.RetentionEntry;
export type RetentionKind = c.RetentionKind;
export type RetentionRemovalResult = c.RetentionRemovalResult;
export type LegalHold = c.LegalHold;

/** dry run: what has passed retention on `asOf` (meetings under a legal hold excepted). */
export const fetchRetention = (asOf: string, signal?: AbortSignal) => api.get<RetentionList>('/retention', { asOf }, signal);

/** deletes the listed files and records each removal; protocols and registers stay. */
export const removeExpired = (asOf: string) => api.post<RetentionRemovalResult>('/retention/removals', { asOf, confirm: true });

const holdPath = (meetingId: string) => `/meetings/${encodeURIComponent(meetingId)}/legal-hold`;
export const placeLegalHold = (meetingId: string, reason: string) => request<LegalHold>(holdPath(meetingId), { method: 'PUT', body: { reason } });
export const releaseLegalHold = (meetingId: string) => request<void>(holdPath(meetingId), { method: 'DELETE' });

/** A size in bytes as people read it (KB, MB, GB with one decimal). */
export function formatSize(bytes: number, language: string): string {
  const units = language === 'en' ? ['B', 'KB', 'MB', 'GB', 'TB'] : ['Б', 'КБ', 'МБ', 'ГБ', 'ТБ'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit += 1; }
  const locale = language === 'en' ? 'en-GB' : 'ru-RU';
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}
