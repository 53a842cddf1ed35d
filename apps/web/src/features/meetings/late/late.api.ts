import type * as c from '@esep/contracts';
import type { z } from 'zod';
import { api, request } from '../../../app/api.ts';
import type { MeetingDetail } from '../types.ts';

/** A meeting entered after the fact (held during an outage or without a connection). */
export type LateEntryBody = z.input<typeof c.LateEntryBody>;
export type LateEntryCorrectionBody = z.input<typeof c.LateEntryCorrectionBody>;
export type LateEntryView = z.infer<typeof c.LateEntryView>;
export type LateEntryStatus = LateEntryView['status'];
export type LateEntryAction = LateEntryView['actions'][number];

const path = (id: string) => `/meetings/${encodeURIComponent(id)}/late-entry`;

export const enterLateMeeting = (body: LateEntryBody) => api.post<MeetingDetail>('/meetings/late-entries', body);

export const correctLateEntry = (id: string, body: LateEntryCorrectionBody) => request<MeetingDetail>(path(id), { method: 'PUT', body });

/** the point lead (or the unit or regional head) confirms or returns it; its author corrects or withdraws it. */
export function decideLateEntry(id: string, action: 'confirm' | 'return' | 'withdraw', reason?: string) {
  const to = { confirm: 'confirmation', return: 'return', withdraw: 'withdrawal' }[action];
  return api.post<MeetingDetail>(`${path(id)}/${to}`, action === 'confirm' ? undefined : { reason });
}
