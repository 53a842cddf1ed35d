import { api } from '../../app/api.ts';
import type {
  Assignment, AssignmentCreateBody, DistrictDetail, DistrictPage, DistrictUpdateBody, OrgTree, ServedBy, StaffPage,
  StaffPosition,
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

export interface StaffParams {
  unitId?: string;
  position?: StaffPosition;
  q?: string;
  pageSize?: number;
}

export const staffKey = (params: StaffParams) => ['staff', params] as const;

export const fetchStaff = (params: StaffParams, signal?: AbortSignal) =>
  api.get<StaffPage>('/staff', { ...params, sort: 'fullName' }, signal);

/** assigns an inspector or assistant to a district; 409 `assignment_overlap` for a second inspector. */
export const createAssignment = (body: AssignmentCreateBody) => api.post<Assignment>('/assignments', body);

/** Ends an assignment on its last day (inclusive); the history is kept. */
export const endAssignment = (id: string, to: string) =>
  api.post<Assignment>(`/assignments/${encodeURIComponent(id)}/end`, { to });
