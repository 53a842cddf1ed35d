import { Paper, Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/status.tsx';
import { TablePager } from '../../app/table.tsx';
import { fetchAudit, auditKey, type AuditFilters, type AuditParams } from './audit.api.ts';
import { AuditFiltersForm } from './AuditFiltersForm.tsx';
import { AuditTable } from './AuditTable.tsx';

const PAGE_SIZE = 50;

/** The audit trail, for the administrator and the auditor. */
export function AuditPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('audit.title')} — ${t('app.name')}`);
  const [filters, setFilters] = useState<AuditFilters>({});
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState('-at');
  const params: AuditParams = { ...filters, page, pageSize: PAGE_SIZE, sort };
  const query = useQuery({
    queryKey: auditKey(params),
    queryFn: ({ signal }) => fetchAudit(params, signal),
    placeholderData: keepPreviousData,
  });

  return (
    <Stack gap="md">
      <Title order={1}>{t('audit.title')}</Title>
      <Paper withBorder p="md" component="section" aria-labelledby="audit-filters">
        <Title order={2} size="h4" mb="sm" id="audit-filters">{t('audit.filters')}</Title>
        <AuditFiltersForm value={filters} onChange={(next) => { setFilters(next); setPage(1); }} />
      </Paper>
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      <AuditTable
        items={query.data?.items ?? []}
        sort={sort}
        onSort={(next) => { setSort(next); setPage(1); }}
        loading={query.isPending || query.isFetching}
      />
      {query.data && <TablePager page={page} pageSize={PAGE_SIZE} total={query.data.total} onChange={setPage} />}
    </Stack>
  );
}
