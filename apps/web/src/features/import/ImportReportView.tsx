import { Alert, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { TableScroll } from '../../app/table.tsx';
import type { ImportReport } from '../../app/types.ts';
import { isSheet, SHEETS } from './import.api.ts';

function useSheetLabel() {
  const { t } = useTranslation();
  return (sheet: string) => (isSheet(sheet) ? t(`import.sheets.${sheet}`) : sheet);
}

/** Sheets in workbook order, then any the server added. */
function orderedSheets(counts: ImportReport['counts']): string[] {
  const known = SHEETS.filter((sheet) => sheet in counts);
  return [...known, ...Object.keys(counts).filter((sheet) => !isSheet(sheet))];
}

/** The result of a check or an import: counts per sheet, then the errors row by row. */
export function ImportReportView({ report, message }: { report: ImportReport; message?: string }) {
  const { t } = useTranslation();
  const sheetLabel = useSheetLabel();
  const failed = report.errors.length > 0;
  const sheets = orderedSheets(report.counts);

  return (
    <Stack gap="md" data-testid="import-report">
      {failed ? (
        <Alert color="red" role="alert" icon={<IconAlertCircle aria-hidden />} title={message ?? t('import.notApplied')}>
          {t('import.errorCount', { count: report.errors.length })}
        </Alert>
      ) : (
        <Alert color="teal" role="status" icon={<IconCircleCheck aria-hidden />} title={t('app.success')}>
          {report.applied ? t('import.applied') : t('import.checkPassed')}
        </Alert>
      )}

      {sheets.length > 0 && (
        <section aria-labelledby="import-counts">
          <Title order={2} size="h4" mb="xs" id="import-counts">{t('import.counts')}</Title>
          <TableScroll label={t('import.counts')} minWidth={420}>
            <Table striped verticalSpacing="xs" data-testid="import-counts">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('import.sheet')}</Table.Th>
                  <Table.Th ta="right">{t('import.created')}</Table.Th>
                  <Table.Th ta="right">{t('import.updated')}</Table.Th>
                  <Table.Th ta="right">{t('import.unchanged')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sheets.map((sheet) => {
                  const count = report.counts[sheet];
                  return (
                    <Table.Tr key={sheet}>
                      <Table.Td>{sheetLabel(sheet)}</Table.Td>
                      <Table.Td ta="right">{count?.created ?? 0}</Table.Td>
                      <Table.Td ta="right">{count?.updated ?? 0}</Table.Td>
                      <Table.Td ta="right">{count?.unchanged ?? 0}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </TableScroll>
        </section>
      )}

      {failed && (
        <section aria-labelledby="import-errors">
          <Title order={2} size="h4" mb="xs" id="import-errors">{t('import.errors')}</Title>
          <TableScroll label={t('import.errors')} minWidth={560} maxHeight={480}>
              <Table striped verticalSpacing="xs" data-testid="import-errors">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('import.sheet')}</Table.Th>
                    <Table.Th ta="right">{t('import.row')}</Table.Th>
                    <Table.Th>{t('import.column')}</Table.Th>
                    <Table.Th>{t('import.message')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.errors.map((error, index) => (
                    <Table.Tr key={`${error.sheet}-${error.row}-${error.column ?? ''}-${index}`}>
                      <Table.Td>{sheetLabel(error.sheet)}</Table.Td>
                      <Table.Td ta="right">{error.row > 0 ? error.row : t('app.none')}</Table.Td>
                      <Table.Td>{error.column ?? t('app.none')}</Table.Td>
                      <Table.Td><Text size="sm" title={error.code}>{error.message}</Text></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
          </TableScroll>
        </section>
      )}
    </Stack>
  );
}
