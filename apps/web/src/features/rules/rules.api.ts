import { api } from '../../app/api.ts';
import type { AcknowledgementReport, AcknowledgementState, RulesCatalogue } from '../meetings/types.ts';

export const rulesKeys = {
  catalogue: ['rules'] as const,
  mine: ['rules', 'acknowledgement'] as const,
  report: ['rules', 'acknowledgements'] as const,
};

export const fetchRules = (signal?: AbortSignal) => api.get<RulesCatalogue>('/rules', undefined, signal);
export const fetchAcknowledgement = (signal?: AbortSignal) => api.get<AcknowledgementState>('/rules/acknowledgement', undefined, signal);
export const acknowledgeRules = () => api.post<AcknowledgementState>('/rules/acknowledgement');
export const fetchAcknowledgements = (signal?: AbortSignal) => api.get<AcknowledgementReport>('/rules/acknowledgements', undefined, signal);
