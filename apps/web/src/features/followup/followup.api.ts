import type * as c from '@esep/contracts';
import type { QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, apiUrl, request } from '../../app/api.ts';
import { meetingKeys } from '../meetings/meetings.api.ts';

/** The shapes of the follow-up APIs, from the shared contracts. */
export type Check = z.infer<typeof c.FollowUpCheck>;
export type CheckPatchBody = z.input<typeof c.CheckPatchBody>;
export type CheckPatchResult = z.infer<typeof c.CheckPatchResult>;
export type Forwarding = z.infer<typeof c.Forwarding>;
export type ForwardingPatchBody = z.input<typeof c.ForwardingPatchBody>;
export type ForwardingMissing = Forwarding['missing'][number];
export type FollowUpStatus = Check['status'];
export type NoticeChannel = z.infer<typeof c.NoticeChannel>;
export type NoticeText = z.infer<typeof c.NoticeText>;
export type StateBody = z.infer<typeof c.StateBody>;
export type StateBodyBody = z.input<typeof c.StateBodyBody>;
export type ControlBoard = z.infer<typeof c.ControlBoard>;
export type ControlMeeting = ControlBoard['meetings'][number];
export type ControlEntry = ControlMeeting['entries'][number];
export type ControlKind = ControlEntry['kind'];
export type VerifyResult = z.infer<typeof c.VerifyResult>;
export type DecisionExecution = z.infer<typeof c.DecisionExecution>;
export type Topic = z.infer<typeof c.Topic>;
export type Decision = z.infer<typeof c.Decision>;
export type StaffPage = z.infer<typeof c.StaffPage>;

export interface ControlParams {
  status: 'open' | 'closed' | 'all';
  regionId?: string; unitId?: string; pointId?: string; districtId?: string; staffId?: string;
  kind?: ControlKind; overdue?: 'true'; page: number; pageSize: number;
}

export const followupKeys = {
  checks: (meetingId: string) => ['meetings', 'detail', meetingId, 'checks'] as const,
  forwardings: (meetingId: string) => ['meetings', 'detail', meetingId, 'forwardings'] as const,
  decisions: (meetingId: string) => ['meetings', 'detail', meetingId, 'decisions'] as const,
  executions: (meetingId: string) => ['meetings', 'detail', meetingId, 'decision-executions'] as const,
  inspectors: (pointId: string) => ['staff', 'point-inspectors', pointId] as const,
  bodies: (topic?: string, districtId?: string) => ['state-bodies', topic ?? '', districtId ?? ''] as const,
  allBodies: ['state-bodies'] as const,
  topics: ['topics'] as const,
  control: (params: ControlParams) => ['control', params] as const,
  allControl: ['control'] as const,
};

const meetingPath = (id: string) => `/meetings/${encodeURIComponent(id)}`;

// ─── Checks ────────────────────────────────────────────────────────
export const fetchChecks = (meetingId: string, signal?: AbortSignal) =>
  api.get<Check[]>(`${meetingPath(meetingId)}/checks`, undefined, signal);
export const patchCheck = (id: string, body: CheckPatchBody) =>
  api.patch<CheckPatchResult>(`/checks/${encodeURIComponent(id)}`, body);

/** The inspectors of a police point: whom the point lead may hand a check to. */
export const fetchPointInspectors = (pointId: string, signal?: AbortSignal) =>
  api.get<StaffPage>('/staff', { pointId, position: 'inspector', pageSize: 200, sort: 'fullName' }, signal);

/** Opens the checks and forwardings of a signed protocol's items (also done by signing). */
export const openFollowUps = (meetingId: string) =>
  api.post<{ checks: number; forwardings: number }>(`${meetingPath(meetingId)}/follow-ups`);

// ─── Forwardings ───────────────────────────────────────────────────
export const fetchForwardings = (meetingId: string, signal?: AbortSignal) =>
  api.get<Forwarding[]>(`${meetingPath(meetingId)}/forwardings`, undefined, signal);
export const patchForwarding = (id: string, body: ForwardingPatchBody) =>
  api.patch<Forwarding>(`/forwardings/${encodeURIComponent(id)}`, body);
export const letterUrl = (id: string, format: 'docx' | 'pdf', lang: 'kk' | 'ru') =>
  apiUrl(`/forwardings/${encodeURIComponent(id)}/letter.${format}`, { lang });

/** Suggestions first: competent for the topic and covering the district. */
export const fetchStateBodies = (params: { topic?: string; districtId?: string; q?: string; includeInactive?: boolean }, signal?: AbortSignal) =>
  api.get<StateBody[]>('/state-bodies', { ...params, includeInactive: params.includeInactive ? 'true' : undefined }, signal);
export const createStateBody = (body: StateBodyBody) => api.post<StateBody>('/state-bodies', body);
export const updateStateBody = (id: string, body: StateBodyBody) =>
  request<StateBody>(`/state-bodies/${encodeURIComponent(id)}`, { method: 'PUT', body });

export const fetchTopics = (signal?: AbortSignal) => api.get<Topic[]>('/topics', undefined, signal);

// ─── Decisions' execution and control (R-33) ────────────────────────────────
export const fetchDecisions = (meetingId: string, signal?: AbortSignal) =>
  api.get<Decision[]>(`${meetingPath(meetingId)}/decisions`, undefined, signal);
/** What is recorded of each decision's execution, for everyone who reads the follow-up. */
export const fetchDecisionExecutions = (meetingId: string, signal?: AbortSignal) =>
  api.get<DecisionExecution[]>(`${meetingPath(meetingId)}/decisions/execution`, undefined, signal);
export const recordExecution = (decisionId: string, body: { doneOn: string; note?: string | null }) =>
  api.patch<DecisionExecution>(`/decisions/${encodeURIComponent(decisionId)}/execution`, body);

export const fetchControl = (params: ControlParams, signal?: AbortSignal) =>
  api.get<ControlBoard>('/control', { ...params }, signal);
export const verifyRecord = (kind: ControlKind, id: string) => api.post<VerifyResult>('/control/verify', { kind, id });

/** After a follow-up changed: the meeting (checklist, status) and the control board are fetched again. */
export function followUpChanged(queryClient: QueryClient, meetingId: string): void {
  void queryClient.invalidateQueries({ queryKey: meetingKeys.detail(meetingId) });
  void queryClient.invalidateQueries({ queryKey: followupKeys.allControl });
  void queryClient.invalidateQueries({ queryKey: meetingKeys.boards });
}
