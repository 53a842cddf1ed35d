import type * as c from '@esep/contracts';
import type { QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiUrl, request } from '../../app/api.ts';
import { meetingKeys } from '../meetings/meetings.api.ts';

/** The shapes of the protocol API, from the shared contracts. */
export type Protocol = c.ProtocolView;
export type ProtocolContent = c.ProtocolContent;
export type ProtocolSignature = z.infer<typeof c.Signature>;
export type Addendum = z.infer<typeof c.Addendum>;
export type Signing = NonNullable<Protocol['signing']>;
export type Signer = Protocol['signers'][number];
export type SignBody = z.input<typeof c.SignBody>;
export type ProtocolEditBody = z.input<typeof c.ProtocolEditBody>;
export type SignatureMethod = ProtocolSignature['method'];

export const protocolKeys = {
  protocol: (meetingId: string) => ['meetings', 'detail', meetingId, 'protocol'] as const,
};

const path = (meetingId: string) => `/meetings/${encodeURIComponent(meetingId)}/protocol`;

export const fetchProtocol = (meetingId: string, signal?: AbortSignal) => request<Protocol>(path(meetingId), { signal });

/** A draft's summary and remarks; a save over a newer version is refused with 409 `conflict`. */
export const saveProtocol = (meetingId: string, body: ProtocolEditBody) => request<Protocol>(path(meetingId), { method: 'PUT', body });

/** Assembles the draft again from the meeting's records (the summary and remarks are kept). */
export const reassembleProtocol = (meetingId: string) => request<Protocol>(`${path(meetingId)}/reassemble`, { method: 'POST' });

/** a reporting inspector signs; late signing needs `lateReason`. */
export const signProtocol = (meetingId: string, body: SignBody) => request<Protocol>(`${path(meetingId)}/signatures`, { method: 'POST', body });

/** After signing, changes are signed addenda. */
export const addAddendum = (meetingId: string, text: string) => request<Protocol>(`${path(meetingId)}/addenda`, { method: 'POST', body: { text } });

export const signAddendum = (meetingId: string, addendumId: string, body: SignBody) =>
  request<Protocol>(`${path(meetingId)}/addenda/signatures`, { method: 'POST', body, query: { addendumId } });

export type DocumentFormat = 'pdf' | 'docx';
export type DocumentCopy = 'public' | 'internal';

/** The protocol as a document: the public copy, or the internal one with the register as an annex. */
export const protocolDocumentUrl = (meetingId: string, format: DocumentFormat, lang: 'kk' | 'ru', copy: DocumentCopy) =>
  apiUrl(`/meetings/${encodeURIComponent(meetingId)}/protocol.${format}`, { lang, copy });

/** After a change: the protocol shows the answer, and the meeting (its status, checklist) is fetched again. */
export function protocolChanged(queryClient: QueryClient, meetingId: string, protocol?: Protocol): void {
  if (protocol) queryClient.setQueryData(protocolKeys.protocol(meetingId), protocol);
  void queryClient.invalidateQueries({ queryKey: meetingKeys.detail(meetingId), exact: true });
  void queryClient.invalidateQueries({ queryKey: meetingKeys.boards });
}
