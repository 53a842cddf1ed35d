import { NativeSelect } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import type { DistrictPage, PointPage, RegionPage, StaffPage, UnitPage } from '../../app/types.ts';
import { localName } from '../../i18n/names.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';

/** Where a board is narrowed to: ids, empty = the whole territory. */
export interface Territory { regionId: string; unitId: string; pointId: string; districtId: string; staffId: string }
export const NO_TERRITORY: Territory = { regionId: '', unitId: '', pointId: '', districtId: '', staffId: '' };

const PAGE = { pageSize: 200, sort: 'code' };

/**
 * Region → unit → point (→ district, inspector) selects for a board, loaded one level at a time
 * from the paged lists, so a national user never downloads the country's districts to filter.
 * A level is offered once the one above is chosen (or the user's territory has only one), and
 * only when it has more than one choice; choosing a level clears those below it.
 */
export function TerritoryFilter({ value, onChange, withDistrict = false, withInspector = false }: {
  value: Territory; onChange: (patch: Partial<Territory>) => void; withDistrict?: boolean; withInspector?: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const regions = useQuery({
    queryKey: ['regions', 'filter'], staleTime: 5 * 60_000,
    queryFn: ({ signal }) => api.get<RegionPage>('/regions', PAGE, signal),
  });
  const regionFixed = (regions.data?.items.length ?? 0) <= 1;
  const units = useQuery({
    queryKey: ['units', 'filter', value.regionId], staleTime: 5 * 60_000, enabled: regions.isSuccess && (regionFixed || !!value.regionId),
    queryFn: ({ signal }) => api.get<UnitPage>('/units', { ...PAGE, regionId: value.regionId }, signal),
  });
  const unitFixed = units.isSuccess && units.data.items.length <= 1;
  const unitId = value.unitId || (unitFixed ? units.data?.items[0]?.id ?? '' : '');
  const points = useQuery({
    queryKey: ['points', 'filter', unitId], staleTime: 5 * 60_000, enabled: !!unitId,
    queryFn: ({ signal }) => api.get<PointPage>('/points', { ...PAGE, unitId }, signal),
  });
  const pointFixed = points.isSuccess && points.data.items.length <= 1;
  const pointId = value.pointId || (pointFixed ? points.data?.items[0]?.id ?? '' : '');
  const districts = useQuery({
    queryKey: ['districts', 'filter', pointId], staleTime: 5 * 60_000, enabled: withDistrict && !!pointId,
    queryFn: ({ signal }) => api.get<DistrictPage>('/districts', { ...PAGE, pointId }, signal),
  });
  const inspectors = useQuery({
    queryKey: ['staff', 'point-inspectors', pointId], staleTime: 5 * 60_000, enabled: withInspector && !!pointId,
    queryFn: ({ signal }) => api.get<StaffPage>('/staff', { pointId, position: 'inspector', pageSize: 200, sort: 'fullName' }, signal),
  });
  const options = (items: Array<{ id: string; code: string; nameKk: string; nameRu: string }> | undefined, all: string) => [
    { value: '', label: all },
    ...(items ?? []).map((i) => ({ value: i.id, label: `${localName(i, language)} (${i.code})` })),
  ];

  return (
    <>
      {!regionFixed && (
        <NativeSelect label={t('territoryFilter.region')} value={value.regionId} data-testid="filter-region"
          onChange={(e) => onChange({ regionId: e.currentTarget.value, unitId: '', pointId: '', districtId: '', staffId: '' })}
          data={options(regions.data?.items, t('territoryFilter.allRegions'))} />
      )}
      {units.isSuccess && !unitFixed && (
        <NativeSelect label={t('territoryFilter.unit')} value={value.unitId} data-testid="filter-unit"
          onChange={(e) => onChange({ unitId: e.currentTarget.value, pointId: '', districtId: '', staffId: '' })}
          data={options(units.data.items, t('territoryFilter.allUnits'))} />
      )}
      {points.isSuccess && !pointFixed && (
        <NativeSelect label={t('territoryFilter.point')} value={value.pointId} data-testid="filter-point"
          onChange={(e) => onChange({ pointId: e.currentTarget.value, districtId: '', staffId: '' })}
          data={options(points.data.items, t('territoryFilter.allPoints'))} />
      )}
      {withInspector && inspectors.isSuccess && inspectors.data.items.length > 1 && (
        <NativeSelect label={t('territoryFilter.inspector')} value={value.staffId} data-testid="filter-inspector"
          onChange={(e) => onChange({ staffId: e.currentTarget.value })}
          data={[{ value: '', label: t('territoryFilter.allInspectors') }, ...inspectors.data.items.map((s) => ({ value: s.id, label: s.fullName }))]} />
      )}
      {withDistrict && districts.isSuccess && districts.data.items.length > 1 && (
        <NativeSelect label={t('territoryFilter.district')} value={value.districtId} data-testid="filter-district"
          onChange={(e) => onChange({ districtId: e.currentTarget.value })}
          data={options(districts.data.items, t('territoryFilter.allDistricts'))} />
      )}
    </>
  );
}
