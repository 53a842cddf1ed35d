import { Button, Table, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCalendarOff } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../app/format.ts';
import { lazyComponent } from '../../app/lazy.ts';
import { ErrorAlert } from '../../app/status.tsx';
import { TableMessageRow, TableScroll } from '../../app/table.tsx';
import type { Assignment } from '../../app/types.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { fetchAssignments, orgKeys } from './org.api.ts';

const EndAssignmentModal = lazyComponent(() => import('./EndAssignmentModal.tsx'), (m) => m.EndAssignmentModal);

/**
 * Who was assigned to the district, newest first. The rows carry no abilities of their own:
 * whoever may update the district (`canEdit`) may end its open assignments.
 */
export function DistrictAssignments({ districtId, canEdit }: { districtId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [ending, setEnding] = useState<Assignment | null>(null);
  const [endOpen, endModal] = useDisclosure(false);
  const query = useQuery({
    queryKey: orgKeys.assignments(districtId),
    queryFn: ({ signal }) => fetchAssignments(districtId, signal),
  });
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const rows = [...(query.data ?? [])].sort((a, b) => b.from.localeCompare(a.from) || a.role.localeCompare(b.role));
  const columns = canEdit ? 5 : 4;

  return (
    <>
      <TableScroll label={t('district.assignments')} minWidth={canEdit ? 620 : 520}>
        <Table striped verticalSpacing="xs" data-testid="district-assignments">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('district.staff')}</Table.Th>
              <Table.Th>{t('district.assignmentRole')}</Table.Th>
              <Table.Th>{t('district.from')}</Table.Th>
              <Table.Th>{t('district.to')}</Table.Th>
              {canEdit && <Table.Th><VisuallyHidden>{t('assignment.actions')}</VisuallyHidden></Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.isPending && <TableMessageRow colSpan={columns}>{t('table.loading')}</TableMessageRow>}
            {query.isSuccess && rows.length === 0 && <TableMessageRow colSpan={columns}>{t('district.assignmentsEmpty')}</TableMessageRow>}
            {rows.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Td>{row.staff.fullName}</Table.Td>
                <Table.Td>{t(`assignmentRoles.${row.role}`)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(row.from, language)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{row.to ? formatDate(row.to, language) : t('district.current')}</Table.Td>
                {canEdit && (
                  <Table.Td ta="right">
                    {row.to === null && (
                      <Button
                        size="compact-sm"
                        variant="default"
                        leftSection={<IconCalendarOff size={14} aria-hidden />}
                        aria-label={t('assignment.endFor', { name: row.staff.fullName })}
                        onClick={() => { setEnding(row); endModal.open(); }}
                        data-testid="assignment-end"
                      >
                        {t('assignment.end')}
                      </Button>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {canEdit && (
        <Suspense fallback={null}>
          <EndAssignmentModal assignment={ending} opened={endOpen} onClose={endModal.close} />
        </Suspense>
      )}
    </>
  );
}
