import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCalendarOff } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../app/format.ts';
import { lazyComponent } from '../../app/lazy.ts';
import { ErrorAlert } from '../../app/status.tsx';
import { DataTable } from '../../app/table.tsx';
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

  return (
    <>
      <DataTable
        label={t('district.assignments')}
        minWidth={canEdit ? 620 : 520}
        testId="district-assignments"
        rows={rows}
        rowKey={(row) => row.id}
        loading={query.isPending}
        empty={query.isSuccess ? t('district.assignmentsEmpty') : null}
        columns={[
          { id: 'staff', header: t('district.staff'), stack: 'title', cell: (row) => row.staff.fullName },
          { id: 'role', header: t('district.assignmentRole'), cell: (row) => t(`assignmentRoles.${row.role}`) },
          { id: 'from', header: t('district.from'), nowrap: true, cell: (row) => formatDate(row.from, language) },
          { id: 'to', header: t('district.to'), nowrap: true, cell: (row) => row.to ? formatDate(row.to, language) : t('district.current') },
          canEdit && {
            id: 'actions', header: t('assignment.actions'), hiddenHeader: true, label: false, align: 'right',
            cell: (row) => row.to === null && (
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
            ),
          },
        ]}
      />
      {canEdit && (
        <Suspense fallback={null}>
          <EndAssignmentModal assignment={ending} opened={endOpen} onClose={endModal.close} />
        </Suspense>
      )}
    </>
  );
}
