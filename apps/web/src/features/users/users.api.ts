import { api, request } from '../../app/api.ts';
import type { AtuPage, PointPage, RegionPage, Role, Staff, UnitPage, User, UserCreateBody, UserPage } from '../../app/types.ts';

export interface UserListParams {
  page: number;
  pageSize: number;
  sort: string;
  role?: Role;
}

export const usersKey = (params?: UserListParams) => (params ? ['users', params] as const : ['users'] as const);

export const fetchUsers = (params: UserListParams, signal?: AbortSignal) =>
  api.get<UserPage>('/users', { ...params }, signal);

export const createUser = (body: UserCreateBody) => api.post<User>('/users', body);

/** The territories an account can be bound to, searched by code or name. */
export const TERRITORY_PATHS = { region: '/regions', unit: '/units', point: '/points', atu: '/atus' } as const;
export type TerritoryLevel = keyof typeof TERRITORY_PATHS;
export type TerritoryPage = RegionPage | UnitPage | PointPage | AtuPage;

export const fetchTerritories = (level: TerritoryLevel, q: string, signal?: AbortSignal) =>
  api.get<TerritoryPage>(TERRITORY_PATHS[level], { q, pageSize: 50, sort: 'code' }, signal);

/** One staff member, with `iinRecorded`; the IIN itself is never sent. */
export const staffMemberKey = (id: string) => ['staff-member', id] as const;

export const fetchStaffMember = (id: string, signal?: AbortSignal) =>
  api.get<Staff>(`/staff/${encodeURIComponent(id)}`, undefined, signal);

/**
 * records the IIN an EDS signature of the staff member must carry, or forgets it (null).
 * Administrators only; 400 `iin_invalid`, 409 `iin_taken` (field `iin`).
 */
export const recordStaffIin = (id: string, iin: string | null) =>
  request<Staff>(`/staff/${encodeURIComponent(id)}/iin`, { method: 'PUT', body: { iin } });
