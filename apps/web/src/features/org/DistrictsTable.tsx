import { Anchor, Button, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconX } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatNumber } from '../../app/format.ts';
import { ErrorAlert } from '../../app/status.tsx';
import { DataTable, TablePager } from '../../app/table.tsx';
import { localName } from '../../i18n/names.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { fetchDistricts, orgKeys, type DistrictListParams } from './org.api.ts';

const PAGE_SIZE = 25;

/** The list state lives in the address, so Back returns to the same page of the same search. */
function useListParams(): [DistrictListParams, (changes: Record<string, string | undefined>) => void] {
  const [search, setSearch] = useSearchParams();
  const params: DistrictListParams = {
    page: Math.max(1, Number(search.get('page')) || 1),
    pageSize: PAGE_SIZE,
    sort: search.get('sort') ?? 'code',
    q: search.get('q') ?? undefined,
    pointId: search.get('pointId') ?? undefined,
    unitId: search.get('unitId') ?? undefined,
  };
  const update = (changes: Record<string, string | undefined>) => setSearch((current) => {
    const next = new URLSearchParams(current);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value); else next.delete(key);
    }
    return next;
  }, { replace: true });
  return [params, update];
}

export function DistrictsTable() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [params, update] = useListParams();
  const [text, setText] = useState(params.q ?? '');
  const [debounced] = useDebouncedValue(text.trim(), 350);

  // The address changed from elsewhere (a link, Back): show its search text.
  useEffect(() => {
    if ((params.q ?? '') !== debounced) setText(params.q ?? '');
  }, [params.q]);

  useEffect(() => {
    if ((params.q ?? '') !== debounced) update({ q: debounced || undefined, page: undefined });
    // Only the typed text drives this; `params.q` follows from it.
  }, [debounced]);

  const query = useQuery({
    queryKey: orgKeys.districts(params),
    queryFn: ({ signal }) => fetchDistricts(params, signal),
    placeholderData: keepPreviousData,
  });
  const nameField = language === 'kk' ? 'nameKk' : 'nameRu';
  const sort = (value: string) => update({ sort: value, page: undefined });
  const items = query.data?.items ?? [];

  return (
    <Stack gap="sm">
      <TextInput
        label={t('org.search')}
        placeholder={t('org.searchPlaceholder')}
        type="search"
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        leftSection={<IconSearch size={16} aria-hidden />}
        rightSection={query.isFetching ? <Loader size="xs" aria-hidden /> : null}
        data-testid="districts-search"
      />
      {(params.pointId || params.unitId) && (
        <Group gap="xs">
          <Text size="sm">{params.pointId ? t('org.filteredByPoint') : t('org.filteredByUnit')}</Text>
          <Button size="compact-sm" variant="default" leftSection={<IconX size={14} aria-hidden />}
            onClick={() => update({ pointId: undefined, unitId: undefined, page: undefined })}>
            {t('org.clearFilter')}
          </Button>
        </Group>
      )}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      <DataTable
        label={t('org.districts')}
        minWidth={680}
        testId="districts-table"
        busy={query.isFetching}
        highlightOnHover
        rows={items}
        rowKey={(district) => district.id}
        sort={params.sort}
        onSort={sort}
        loading={query.isPending}
        empty={query.isSuccess ? t('table.empty') : null}
        columns={[
          { id: 'code', header: t('district.code'), sort: 'code', nowrap: true, stack: 'first', cell: (district) => district.code },
          {
            id: 'name', header: t('district.name'), sort: nameField, stack: 'title',
            cell: (district) => <Anchor component={Link} to={`/districts/${district.id}`}>{localName(district, language)}</Anchor>,
          },
          {
            id: 'population', header: t('district.population'), sort: 'population', align: 'right',
            cell: (district) => district.population == null ? t('app.none') : formatNumber(district.population, language),
          },
          { id: 'point', header: t('district.point'), cell: (district) => localName(district.point, language) },
          { id: 'unit', header: t('district.unit'), cell: (district) => localName(district.unit, language) },
          { id: 'inspector', header: t('district.inspector'), cell: (district) => district.inspector?.fullName ?? t('district.noInspector') },
        ]}
      />
      {query.data && (
        <TablePager page={params.page} pageSize={params.pageSize} total={query.data.total}
          onChange={(page) => update({ page: page > 1 ? String(page) : undefined })} />
      )}
    </Stack>
  );
}
