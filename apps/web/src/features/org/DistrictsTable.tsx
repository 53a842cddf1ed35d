import { Anchor, Button, Group, Loader, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconX } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatNumber } from '../../app/format.ts';
import { ErrorAlert } from '../../app/status.tsx';
import { SortableTh, TableMessageRow, TablePager, TableScroll } from '../../app/table.tsx';
import { localName } from '../../i18n/names.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { fetchDistricts, orgKeys, type DistrictListParams } from './org.api.ts';

const PAGE_SIZE = 25;
const COLUMNS = 6;

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
      <TableScroll label={t('org.districts')} minWidth={680}>
        <Table striped highlightOnHover verticalSpacing="xs" data-testid="districts-table" aria-busy={query.isFetching}>
          <Table.Thead>
            <Table.Tr>
              <SortableTh field="code" sort={params.sort} onSort={sort}>{t('district.code')}</SortableTh>
              <SortableTh field={nameField} sort={params.sort} onSort={sort}>{t('district.name')}</SortableTh>
              <SortableTh field="population" sort={params.sort} onSort={sort}>{t('district.population')}</SortableTh>
              <Table.Th>{t('district.point')}</Table.Th>
              <Table.Th>{t('district.unit')}</Table.Th>
              <Table.Th>{t('district.inspector')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.isPending && <TableMessageRow colSpan={COLUMNS}>{t('table.loading')}</TableMessageRow>}
            {query.isSuccess && items.length === 0 && <TableMessageRow colSpan={COLUMNS}>{t('table.empty')}</TableMessageRow>}
            {items.map((district) => (
              <Table.Tr key={district.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{district.code}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/districts/${district.id}`}>{localName(district, language)}</Anchor>
                </Table.Td>
                <Table.Td ta="right">{district.population == null ? t('app.none') : formatNumber(district.population, language)}</Table.Td>
                <Table.Td>{localName(district.point, language)}</Table.Td>
                <Table.Td>{localName(district.unit, language)}</Table.Td>
                <Table.Td>{district.inspector?.fullName ?? t('district.noInspector')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {query.data && (
        <TablePager page={params.page} pageSize={params.pageSize} total={query.data.total}
          onChange={(page) => update({ page: page > 1 ? String(page) : undefined })} />
      )}
    </Stack>
  );
}
