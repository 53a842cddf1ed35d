import { Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../app/format.ts';
import { ErrorAlert } from '../../app/status.tsx';
import { TableMessageRow, TableScroll } from '../../app/table.tsx';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { fetchAssignments, orgKeys } from './org.api.ts';

/** Who was assigned to the district, newest first. */
export function DistrictAssignments({ districtId }: { districtId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const query = useQuery({
    queryKey: orgKeys.assignments(districtId),
    queryFn: ({ signal }) => fetchAssignments(districtId, signal),
  });
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const rows = [...(query.data ?? [])].sort((a, b) => b.from.localeCompare(a.from) || a.role.localeCompare(b.role));

  return (
    <TableScroll label={t('district.assignments')} minWidth={520}>
      <Table striped verticalSpacing="xs" data-testid="district-assignments">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('district.staff')}</Table.Th>
            <Table.Th>{t('district.assignmentRole')}</Table.Th>
            <Table.Th>{t('district.from')}</Table.Th>
            <Table.Th>{t('district.to')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {query.isPending && <TableMessageRow colSpan={4}>{t('table.loading')}</TableMessageRow>}
          {query.isSuccess && rows.length === 0 && <TableMessageRow colSpan={4}>{t('district.assignmentsEmpty')}</TableMessageRow>}
          {rows.map((row) => (
            <Table.Tr key={row.id}>
              <Table.Td>{row.staff.fullName}</Table.Td>
              <Table.Td>{t(`assignmentRoles.${row.role}`)}</Table.Td>
              <Table.Td>{formatDate(row.from, language)}</Table.Td>
              <Table.Td>{row.to ? formatDate(row.to, language) : t('district.current')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
