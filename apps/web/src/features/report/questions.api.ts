import type * as c from '@esep/contracts';
import type { z } from 'zod';
import { api, request } from '../../app/api.ts';

/** questions residents sent ahead of the meeting, and the meeting's items to link them to. */
export type ResidentQuestion = z.infer<typeof c.ResidentQuestion>;
export type MeetingItem = z.infer<typeof c.Item>;

export const questionKeys = {
  list: (meetingId: string) => ['meetings', 'detail', meetingId, 'resident-questions'] as const,
  items: (meetingId: string) => ['meetings', 'detail', meetingId, 'items'] as const,
};

const meetingPath = (id: string) => `/meetings/${encodeURIComponent(id)}`;

export const fetchResidentQuestions = (meetingId: string, signal?: AbortSignal) =>
  api.get<ResidentQuestion[]>(`${meetingPath(meetingId)}/resident-questions`, undefined, signal);

export const fetchMeetingItems = (meetingId: string, signal?: AbortSignal) =>
  api.get<MeetingItem[]>(`${meetingPath(meetingId)}/items`, undefined, signal);

/** Links the question to an item of this meeting, or unlinks it (null). */
export const linkResidentQuestion = (meetingId: string, questionId: string, itemId: string | null) =>
  request<ResidentQuestion>(`${meetingPath(meetingId)}/resident-questions/${encodeURIComponent(questionId)}/item`, { method: 'PUT', body: { itemId } });
