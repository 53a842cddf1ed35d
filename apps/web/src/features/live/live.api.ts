import { api, request } from '../../app/api.ts';
import type {
  ItemClassifyBody, LiveItem, LiveOperation, LiveState, LiveSyncResult, PaperSheet, ParticipantSuggestion,
} from './live.types.ts';

export const liveKeys = {
  state: (meetingId: string) => ['live', meetingId] as const,
  sheets: (meetingId: string) => ['live', meetingId, 'paper-sheets'] as const,
  suggestions: (meetingId: string, q: string) => ['live', meetingId, 'suggestions', q] as const,
};

const meetingPath = (id: string) => `/meetings/${encodeURIComponent(id)}`;

export const fetchLiveState = (meetingId: string, signal?: AbortSignal) =>
  api.get<LiveState>(`${meetingPath(meetingId)}/live`, undefined, signal);

/**
 * One batch of queued operations of their author; each is answered on its own (created,
 * duplicate, rejected). The server refuses the batch under anyone else's login.
 */
export const postLiveSync = (meetingId: string, operations: LiveOperation[], authorId: string) =>
  api.post<LiveSyncResult>(`${meetingPath(meetingId)}/live/sync`, { operations, authorId });

/** The key sealing the logged-in user's entries on this device (see outbox.ts). */
export const fetchOutboxKey = async () => (await api.get<{ key: string }>('/auth/me/outbox-key')).key;

/** Names from earlier meetings of the same districts (staff entry; online only). */
export async function fetchSuggestions(meetingId: string, q: string, signal?: AbortSignal): Promise<ParticipantSuggestion[]> {
  const answer = await api.get<ParticipantSuggestion[] | { items: ParticipantSuggestion[] }>(`${meetingPath(meetingId)}/participants/suggestions`, { q }, signal);
  return Array.isArray(answer) ? answer : answer.items;
}

export const classifyItem = (itemId: string, body: ItemClassifyBody) =>
  request<LiveItem>(`/items/${encodeURIComponent(itemId)}`, { method: 'PATCH', body });

export type DeletableKind = 'participants' | 'decisions' | 'awards';
export const deleteRecord = (kind: DeletableKind, id: string) =>
  request<void>(`/${kind}/${encodeURIComponent(id)}`, { method: 'DELETE' });

export async function fetchPaperSheets(meetingId: string, signal?: AbortSignal): Promise<PaperSheet[]> {
  const answer = await api.get<PaperSheet[] | { items: PaperSheet[] }>(`${meetingPath(meetingId)}/paper-sheets`, undefined, signal);
  return Array.isArray(answer) ? answer : answer.items;
}

/** The scan (PDF, JPEG, PNG) of a paper sign-in sheet; entries typed from it name it. */
export function uploadPaperSheet(meetingId: string, file: File): Promise<PaperSheet> {
  const form = new FormData();
  form.append('file', file);
  return request<PaperSheet>(`${meetingPath(meetingId)}/paper-sheets`, { method: 'POST', body: form });
}

export const posterUrl = (meetingId: string, lang: 'kk' | 'ru') => `/api/v1${meetingPath(meetingId)}/poster?lang=${lang}`;
