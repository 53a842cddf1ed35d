import { Alert, Anchor, Button, Group, Input, Loader, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconChecks, IconCircleCheck, IconDownload, IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api.ts';
import { DataTable } from '../../app/table.tsx';
import type { Role } from '../../app/types.ts';
import { importStatistics, statisticsTemplateUrl, type StatisticsImportReport } from '../report/report.api.ts';

/** Policy `statistics.import`: the administrator and the heads of regions and units. */
export const IMPORT_STATISTICS_ROLES: readonly Role[] = ['admin', 'regional_head', 'unit_head'];

const ACCEPT = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The report carried by a 422 answer, if the error is one. */
function reportOfError(error: unknown): StatisticsImportReport | null {
  if (!isApiError(error)) return null;
  const details = error.details as Partial<StatisticsImportReport> | undefined;
  if (!details || !Array.isArray(details.errors)) return null;
  return { dryRun: details.dryRun ?? true, applied: false, counts: details.counts ?? {}, errors: details.errors };
}

function ImportResult({ report, message }: { report: StatisticsImportReport; message?: string }) {
  const { t } = useTranslation('report');
  const failed = report.errors.length > 0;
  const counts = Object.values(report.counts ?? {});
  const sum = (key: 'created' | 'updated' | 'unchanged') => counts.reduce((s, c) => s + (c[key] ?? 0), 0);
  return (
    <Stack gap="sm" data-testid="statistics-import-report">
      {failed ? (
        <Alert color="red" role="alert" icon={<IconAlertCircle aria-hidden />} title={message ?? t('import.notApplied')}>
          {t('import.errorCount', { count: report.errors.length })}
        </Alert>
      ) : (
        <Alert color="teal" role="status" icon={<IconCircleCheck aria-hidden />} title={report.applied ? t('import.applied') : t('import.checkPassed')}>
          {counts.length > 0 && t('import.counts', { created: sum('created'), updated: sum('updated'), unchanged: sum('unchanged') })}
        </Alert>
      )}
      {failed && (
        <DataTable
          label={t('import.errors')}
          minWidth={480}
          maxHeight={360}
          testId="statistics-import-errors"
          rows={report.errors.map((e, index) => ({ ...e, index }))}
          rowKey={(e) => `${e.row}-${e.column ?? ''}-${e.index}`}
          columns={[
            { id: 'row', header: t('import.row'), align: 'right', stack: 'first', cell: (e) => (e.row > 0 ? e.row : '—') },
            { id: 'column', header: t('import.column'), stack: 'first', cell: (e) => e.column ?? '—' },
            { id: 'message', header: t('import.message'), stack: 'title', cell: (e) => <Text size="sm" title={e.code}>{e.message}</Text> },
          ]}
        />
      )}
    </Stack>
  );
}

/** District statistics from a workbook: check first (nothing changes), then apply all or nothing. */
export function StatisticsImport() {
  const { t } = useTranslation('report');
  const queryClient = useQueryClient();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: (dryRun: boolean) => importStatistics(file!, dryRun),
    onSuccess: (report) => {
      if (report.applied) void queryClient.invalidateQueries({ queryKey: ['district'] });
    },
  });
  const invalid = upload.isError ? reportOfError(upload.error) : null;
  const report = upload.data ?? invalid;
  return (
    <section aria-labelledby={`${inputId}-title`}>
      <Stack gap="sm">
        <Title order={3} size="h5" id={`${inputId}-title`}>{t('import.title')}</Title>
        <Text size="sm">{t('import.intro')}</Text>
        <Anchor href={statisticsTemplateUrl} size="sm" download data-testid="statistics-template">
          <Group gap={4} component="span" wrap="nowrap"><IconDownload size={16} aria-hidden />{t('import.template')}</Group>
        </Anchor>
        <Input.Wrapper label={t('import.file')} id={inputId}>
          <input id={inputId} className="file-input" type="file" accept={ACCEPT} data-testid="statistics-import-file"
            onChange={(e) => { setFile(e.currentTarget.files?.[0] ?? null); upload.reset(); }} />
        </Input.Wrapper>
        <Group gap="sm">
          <Button variant="default" leftSection={<IconChecks size={18} aria-hidden />} disabled={!file || upload.isPending}
            onClick={() => upload.mutate(true)} data-testid="statistics-import-check">{t('import.dryRun')}</Button>
          <Button leftSection={<IconUpload size={18} aria-hidden />} disabled={!file || upload.isPending}
            onClick={() => upload.mutate(false)} data-testid="statistics-import-apply">{t('import.apply')}</Button>
        </Group>
        <div aria-live="polite">
          {upload.isPending && (
            <Group gap="sm" role="status"><Loader size="sm" aria-hidden /><Text size="sm">{t('import.uploading')}</Text></Group>
          )}
        </div>
        {upload.isError && !invalid && <Text size="sm" c="red.8" role="alert">{upload.error.message}</Text>}
        {report && <ImportResult report={report} message={invalid ? upload.error?.message : undefined} />}
      </Stack>
    </section>
  );
}
