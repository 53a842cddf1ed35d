import { api } from '../../app/api.ts';
import type { AuditPage } from '../../app/types.ts';

export interface AuditFilters {
  action?: string;
  entityType?: string;
  /** YYYY-MM-DD */
  from?: string;
  /** YYYY-MM-DD */
  to?: string;
}

export interface AuditParams extends AuditFilters {
  page: number;
  pageSize: number;
  sort: string;
}

export const auditKey = (params: AuditParams) => ['audit', params] as const;

export const fetchAudit = (params: AuditParams, signal?: AbortSignal) =>
  api.get<AuditPage>('/audit', { ...params }, signal);
