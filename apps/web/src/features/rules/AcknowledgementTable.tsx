import { capitalised, positionLabel } from '@esep/domain';
import { Badge, NativeSelect, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../app/format.ts';
import { ErrorAlert } from '../../app/status.tsx';
import { DataTable } from '../../app/table.tsx';
import { localName } from '../../i18n/names.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { almatyParts } from '../meetings/time.ts';
import { fetchAcknowledgements, rulesKeys } from './rules.api.ts';
import { badgeStyles } from '../meetings/StatusBadge.tsx';
import { PALETTE } from '../../app/design.ts';

/** R-O.4: who in the territory has and has not read the rules in force (heads only). */
export function AcknowledgementTable() {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  const [show, setShow] = useState<'all' | 'read' | 'unread'>('all');
  const report = useQuery({ queryKey: rulesKeys.report, queryFn: ({ signal }) => fetchAcknowledgements(signal) });
  if (report.isError) return <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />;
  const items = (report.data?.items ?? [])
    .filter((i) => show === 'all' || (show === 'read') === (i.acknowledgedAt !== null))
    .sort((a, b) => Number(a.acknowledgedAt !== null) - Number(b.acknowledgedAt !== null) || a.staff.fullName.localeCompare(b.staff.fullName));

  return (
    <Stack gap="sm" data-testid="rules-report">
      {report.data && (
        <Text fw={600} data-testid="rules-report-summary">{t('rules.reportSummary', { acknowledged: report.data.acknowledged, total: report.data.total })}</Text>
      )}
      <NativeSelect
        label={t('rules.reportShow')}
        value={show}
        onChange={(e) => setShow(e.currentTarget.value as typeof show)}
        data={(['all', 'unread', 'read'] as const).map((v) => ({ value: v, label: t(`rules.reportFilter.${v}`) }))}
        maw={280}
      />
      <DataTable
        label={t('rules.reportTitle')}
        minWidth={680}
        rows={items}
        rowKey={(item) => item.userId}
        loading={report.isPending}
        empty={report.data ? t('rules.reportEmpty') : null}
        columns={[
          {
            id: 'staff', header: t('rules.staff'), stack: 'title',
            cell: (item) => (
              <>
                <Text size="sm" fw={600}>{item.staff.fullName}</Text>
                <Text size="xs" c="gray.8" fw={400}>{item.username}</Text>
              </>
            ),
          },
          { id: 'position', header: t('rules.position'), cell: (item) => <Text size="sm">{capitalised(positionLabel(item.staff.position, language) ?? '')}</Text> },
          {
            id: 'unit', header: t('rules.unit'),
            cell: (item) => (
              <>
                <Text size="sm">{localName(item.unit, language)}</Text>
                {item.pointCode && <Text size="xs" c="gray.8">{item.pointCode}</Text>}
              </>
            ),
          },
          {
            id: 'read', header: t('rules.read'), stack: 'first',
            cell: (item) => item.acknowledgedAt
              ? <Badge styles={badgeStyles} tt="none" color={PALETTE.success}>{t('rules.readOn', { date: formatDate(almatyParts(item.acknowledgedAt).date, language) })}</Badge>
              : <Badge styles={badgeStyles} tt="none" color={PALETTE.danger}>{t('rules.notRead')}</Badge>,
          },
        ]}
      />
    </Stack>
  );
}
