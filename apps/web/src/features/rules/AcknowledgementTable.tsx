import { capitalised, positionLabel } from '@esep/domain';
import { Badge, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../app/format.ts';
import { ErrorAlert } from '../../app/status.tsx';
import { TableMessageRow, TableScroll } from '../../app/table.tsx';
import { localName } from '../../i18n/names.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { almatyParts } from '../meetings/time.ts';
import { fetchAcknowledgements, rulesKeys } from './rules.api.ts';
import { badgeStyles } from '../meetings/StatusBadge.tsx';

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
      <TableScroll label={t('rules.reportTitle')} minWidth={680}>
        <Table verticalSpacing="xs" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('rules.staff')}</Table.Th>
              <Table.Th>{t('rules.position')}</Table.Th>
              <Table.Th>{t('rules.unit')}</Table.Th>
              <Table.Th>{t('rules.read')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.isPending && <TableMessageRow colSpan={4}>{t('common.loading')}</TableMessageRow>}
            {report.data && items.length === 0 && <TableMessageRow colSpan={4}>{t('rules.reportEmpty')}</TableMessageRow>}
            {items.map((item) => (
              <Table.Tr key={item.userId}>
                <Table.Td>
                  <Text size="sm" fw={600}>{item.staff.fullName}</Text>
                  <Text size="xs" c="gray.8">{item.username}</Text>
                </Table.Td>
                <Table.Td><Text size="sm">{capitalised(positionLabel(item.staff.position, language) ?? '')}</Text></Table.Td>
                <Table.Td>
                  <Text size="sm">{localName(item.unit, language)}</Text>
                  {item.pointCode && <Text size="xs" c="gray.8">{item.pointCode}</Text>}
                </Table.Td>
                <Table.Td>
                  {item.acknowledgedAt
                    ? <Badge styles={badgeStyles} tt="none" color="#237032">{t('rules.readOn', { date: formatDate(almatyParts(item.acknowledgedAt).date, language) })}</Badge>
                    : <Badge styles={badgeStyles} tt="none" color="#c92a2a">{t('rules.notRead')}</Badge>}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </Stack>
  );
}
