import type { QueryClient } from '@tanstack/react-query';
import { api, request } from '../../app/api.ts';
import type {
  AnnouncementBody, AnnouncementTexts, MeetingDetail, MeetingPage, MeetingPlanBody, MeetingStatus, MeetingTransitionBody,
} from './types.ts';

export interface MeetingListParams {
  from?: string;
  to?: string;
  districtId?: string;
  pointId?: string;
  /** Issue 15: the meeting's unit or region. */
  unitId?: string;
  regionId?: string;
  /** Issue 15: only the meetings the analytics count (held, signed or closed; not practice; confirmed entries). */
  counted?: 'true';
  /** Issue 15: the meetings behind a checklist line's figure — judged for the rule, met or not met. */
  rule?: string;
  met?: 'true' | 'false';
  status?: MeetingStatus;
  /** Meetings entered after the fact, or those whose entry is in one state (`pending`: the lead's queue). */
  lateEntry?: 'any' | 'pending' | 'confirmed' | 'returned' | 'withdrawn';
  page?: number;
  pageSize?: number;
  sort?: 'startsAt' | '-startsAt';
}

export const meetingKeys = {
  all: ['meetings'] as const,
  list: (params: MeetingListParams) => ['meetings', 'list', params] as const,
  detail: (id: string) => ['meetings', 'detail', id] as const,
  texts: (id: string) => ['meetings', 'detail', id, 'texts'] as const,
  board: (params: object) => ['obligations', params] as const,
  boards: ['obligations'] as const,
  mine: ['invitations', 'mine'] as const,
};

const path = (id: string) => `/meetings/${encodeURIComponent(id)}`;

export const fetchMeetings = (params: MeetingListParams, signal?: AbortSignal) =>
  api.get<MeetingPage>('/meetings', { ...params }, signal);

export const fetchMeeting = (id: string, signal?: AbortSignal) => api.get<MeetingDetail>(path(id), undefined, signal);

export const createMeeting = (body: MeetingPlanBody) => api.post<MeetingDetail>('/meetings', body);

export const updateMeeting = (id: string, body: MeetingPlanBody) => request<MeetingDetail>(path(id), { method: 'PUT', body });

/** and the lifecycle: refusals answer 409 with the rule. */
export const transitionMeeting = (id: string, body: MeetingTransitionBody) =>
  api.post<MeetingDetail>(`${path(id)}/transitions`, body);

export const recordAnnouncement = (id: string, body: AnnouncementBody) =>
  api.post<MeetingDetail>(`${path(id)}/announcements`, body);

/** uploads a screenshot or scan proving a publication. */
export function attachProof(announcementId: string, file: File) {
  const form = new FormData();
  form.append('file', file);
  return request<{ file: string; contentType: string; size: number }>(`/announcements/${encodeURIComponent(announcementId)}/proof`, { method: 'POST', body: form });
}

export const fetchAnnouncementTexts = (id: string, signal?: AbortSignal) =>
  api.get<AnnouncementTexts>(`${path(id)}/announcement-texts`, undefined, signal);

export const posterUrl = (id: string, lang: 'kk' | 'ru' | 'both') => `/api/v1${path(id)}/poster?lang=${lang}`;

/**
 * After a change of a meeting: its page shows the answer at once, and the lists, the quarter
 * board and the invitations that depend on it are fetched again when next shown.
 */
export function meetingChanged(queryClient: QueryClient, detail?: MeetingDetail): void {
  if (detail) queryClient.setQueryData(meetingKeys.detail(detail.id), detail);
  void queryClient.invalidateQueries({ queryKey: meetingKeys.all, predicate: (q) => !detail || q.queryKey[2] !== detail.id || q.queryKey.length > 3 });
  void queryClient.invalidateQueries({ queryKey: meetingKeys.boards });
  void queryClient.invalidateQueries({ queryKey: meetingKeys.mine });
}
