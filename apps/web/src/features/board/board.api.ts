import { api } from '../../app/api.ts';
import type { ObligationBoard, ObligationStatus } from '../meetings/types.ts';

/** A page of the quarter board and its filters; the current quarter when none is given. */
export interface BoardParams {
  quarter?: string | undefined;
  page: number;
  pageSize: number;
  sort?: string | undefined;
  q?: string | undefined;
  status?: ObligationStatus | undefined;
  regionId?: string | undefined;
  unitId?: string | undefined;
  pointId?: string | undefined;
}

/** who has met the quarter's obligation, who is at risk: counts over the whole territory, one page of districts. */
export const fetchBoard = (params: BoardParams, signal?: AbortSignal) =>
  api.get<ObligationBoard>('/obligations', { ...params }, signal);
