import { api } from '../../app/api.ts';
import type {
  Assignment, DistrictDetail, DistrictPage, DistrictUpdateBody, OrgTree, ServedBy,
} from '../../app/types.ts';

export interface DistrictListParams {
  page: number;
  pageSize: number;
  sort?: string;
  q?: string;
  pointId?: string;
  unitId?: string;
}

export const orgKeys = {
  tree: ['org', 'tree'] as const,
  districts: (params: DistrictListParams) => ['districts', params] as const,
  district: (id: string) => ['district', id] as const,
  assignments: (id: string) => ['district', id, 'assignments'] as const,
  servedBy: (id: string, date: string) => ['district', id, 'served-by', date] as const,
};

export const fetchOrgTree = (signal?: AbortSignal) => api.get<OrgTree>('/org/tree', undefined, signal);

export const fetchDistricts = (params: DistrictListParams, signal?: AbortSignal) =>
  api.get<DistrictPage>('/districts', { ...params }, signal);

export const fetchDistrict = (id: string, signal?: AbortSignal) =>
  api.get<DistrictDetail>(`/districts/${encodeURIComponent(id)}`, undefined, signal);

export const fetchAssignments = (id: string, signal?: AbortSignal) =>
  api.get<Assignment[]>(`/districts/${encodeURIComponent(id)}/assignments`, undefined, signal);

export const fetchServedBy = (id: string, date: string, signal?: AbortSignal) =>
  api.get<ServedBy>(`/districts/${encodeURIComponent(id)}/served-by`, { date }, signal);

export const updateDistrict = (id: string, body: DistrictUpdateBody) =>
  api.patch<DistrictDetail>(`/districts/${encodeURIComponent(id)}`, body);
