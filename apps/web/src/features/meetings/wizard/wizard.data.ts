import { CONVENING_ATU_KINDS } from '@esep/domain';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../app/api.ts';
import type { AtuPage, DistrictPage } from '../../../app/types.ts';
import { fetchDistrict, orgKeys } from '../../org/org.api.ts';

const MY_DISTRICTS = { page: 1, pageSize: 200, sort: 'code' };

/** The districts the user sees (an inspector: his own; a point lead: his point's). */
export function useMyDistricts() {
  return useQuery({
    queryKey: orgKeys.districts(MY_DISTRICTS),
    queryFn: ({ signal }) => api.get<DistrictPage>('/districts', MY_DISTRICTS, signal),
    staleTime: 5 * 60_000,
  });
}

/** One district with its neighbours (`adjacent`, R-27.4). */
export function useDistrict(id: string | undefined) {
  return useQuery({
    queryKey: orgKeys.district(id ?? ''),
    queryFn: ({ signal }) => fetchDistrict(id!, signal),
    enabled: Boolean(id),
    staleTime: 5 * 60_000,
  });
}

/** ATUs whose akim may convene a local community meeting. */
export function useConveningAtus(enabled: boolean) {
  return useQuery({
    queryKey: ['atus', 'convening'],
    queryFn: ({ signal }) => api.get<AtuPage>('/atus', { pageSize: 200, sort: 'code' }, signal),
    select: (page) => page.items.filter((atu) => (CONVENING_ATU_KINDS as readonly string[]).includes(atu.kind)),
    enabled,
    staleTime: 10 * 60_000,
  });
}
