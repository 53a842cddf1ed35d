import { api } from '../../app/api.ts';
import type { Invitation, InvitationBody, InvitationStatus, MeetingDetail, MyInvitation } from '../meetings/types.ts';

/** The statuses an invitation may move to (the server's order: sent first, then the answer or attendance). */
export const NEXT_STATUS: Record<InvitationStatus, readonly InvitationStatus[]> = {
  draft: ['sent'], sent: ['accepted', 'declined', 'attended', 'absent'], accepted: ['declined', 'attended', 'absent'],
  declined: ['accepted', 'attended', 'absent'], attended: ['absent'], absent: ['attended'],
};

export const createInvitation = (meetingId: string, body: InvitationBody) =>
  api.post<Invitation>(`/meetings/${encodeURIComponent(meetingId)}/invitations`, body);

export const setInvitationStatus = (id: string, status: InvitationStatus) =>
  api.patch<Invitation>(`/invitations/${encodeURIComponent(id)}`, { status });

export const fetchMyInvitations = (signal?: AbortSignal) => api.get<MyInvitation[]>('/invitations/mine', undefined, signal);

export const answerInvitation = (id: string, answer: 'accepted' | 'declined', note: string | null) =>
  api.post<Invitation>(`/invitations/${encodeURIComponent(id)}/answer`, { answer, note });

export const letterUrl = (id: string, lang: 'kk' | 'ru', format: 'docx' | 'pdf') =>
  `/api/v1/invitations/${encodeURIComponent(id)}/letter?lang=${lang}&format=${format}`;

/** the required categories not yet invited to the meeting. */
export const missingRequired = <C extends string>(meeting: Pick<MeetingDetail, 'invitations'>, required: readonly C[]): C[] =>
  required.filter((category) => !meeting.invitations.some((i) => i.category === category && i.status !== 'declined'));
