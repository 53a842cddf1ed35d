import type { QueryClient } from '@tanstack/react-query';
import { api } from '../../../app/api.ts';
import { meetingKeys } from '../meetings.api.ts';
import type { AgreementAnswerBody, MeetingAgreement, MyAgreement } from '../types.ts';

/** agreements to joint meetings. */
export const agreementKeys = { mine: ['agreements', 'mine'] as const };

export const fetchMyAgreements = (signal?: AbortSignal) => api.get<{ items: MyAgreement[] }>('/agreements/mine', undefined, signal);

export const answerAgreement = (id: string, body: AgreementAnswerBody) =>
  api.post<MeetingAgreement>(`/agreements/${encodeURIComponent(id)}/answer`, body);

/** After an answer: the meeting (its checklist and agreements) and the lists are fetched again. */
export function agreementAnswered(queryClient: QueryClient, meetingId: string): void {
  void queryClient.invalidateQueries({ queryKey: meetingKeys.detail(meetingId) });
  void queryClient.invalidateQueries({ queryKey: agreementKeys.mine });
}
