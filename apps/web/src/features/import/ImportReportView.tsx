import { Alert, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../app/table.tsx';
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
          <DataTable
            label={t('import.counts')}
            minWidth={420}
            testId="import-counts"
            rows={sheets}
            rowKey={(sheet) => sheet}
            columns={[
              { id: 'sheet', header: t('import.sheet'), stack: 'title', cell: (sheet) => sheetLabel(sheet) },
              { id: 'created', header: t('import.created'), align: 'right', cell: (sheet) => report.counts[sheet]?.created ?? 0 },
              { id: 'updated', header: t('import.updated'), align: 'right', cell: (sheet) => report.counts[sheet]?.updated ?? 0 },
              { id: 'unchanged', header: t('import.unchanged'), align: 'right', cell: (sheet) => report.counts[sheet]?.unchanged ?? 0 },
            ]}
          />
        </section>
      )}

      {failed && (
        <section aria-labelledby="import-errors">
          <Title order={2} size="h4" mb="xs" id="import-errors">{t('import.errors')}</Title>
          <DataTable
            label={t('import.errors')}
            minWidth={560}
            maxHeight={480}
            testId="import-errors"
            rows={report.errors.map((error, index) => ({ ...error, index }))}
            rowKey={(error) => `${error.sheet}-${error.row}-${error.column ?? ''}-${error.index}`}
            columns={[
              { id: 'sheet', header: t('import.sheet'), stack: 'first', cell: (error) => sheetLabel(error.sheet) },
              { id: 'row', header: t('import.row'), align: 'right', stack: 'first', cell: (error) => error.row > 0 ? error.row : t('app.none') },
              { id: 'column', header: t('import.column'), stack: 'first', cell: (error) => error.column ?? t('app.none') },
              { id: 'message', header: t('import.message'), stack: 'title', cell: (error) => <Text size="sm" title={error.code}>{error.message}</Text> },
            ]}
          />
        </section>
      )}
    </Stack>
  );
}
