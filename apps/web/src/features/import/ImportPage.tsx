import { Button, Group, Input, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconChecks, IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/status.tsx';
import type { ImportReport } from '../../app/types.ts';
import { ExportLinks } from './ExportLinks.tsx';
import { ImportReportView } from './ImportReportView.tsx';
import { reportOfError, uploadStructure } from './import.api.ts';

const ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

/** Structure import for the administrator: check a workbook first, then apply it. */
export function ImportPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('import.title')} — ${t('app.name')}`);
  const queryClient = useQueryClient();
  const inputId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<File[]>([]);

  const upload = useMutation({
    mutationFn: (dryRun: boolean) => uploadStructure(files, dryRun),
    onSuccess: (report) => {
      if (report.applied) {
        void queryClient.invalidateQueries({ queryKey: ['org'] });
        void queryClient.invalidateQueries({ queryKey: ['districts'] });
        void queryClient.invalidateQueries({ queryKey: ['district'] });
      }
    },
  });

  // A 422 answer carries the same report as a successful one, with the errors row by row.
  const invalid = upload.isError ? reportOfError(upload.error) : null;
  const report: ImportReport | null = upload.data ?? invalid;

  return (
    <Stack gap="md">
      <Title order={1}>{t('import.title')}</Title>
      <Paper withBorder p="md" component="section" aria-labelledby="import-upload">
        <Stack gap="md">
          <Title order={2} size="h4" id="import-upload">{t('import.upload')}</Title>
          <Text>{t('import.intro')}</Text>
          <Input.Wrapper label={t('import.file')} description={t('import.fileHint')} id={inputId}>
            <input
              ref={fileInput}
              id={inputId}
              className="file-input"
              type="file"
              multiple
              accept={ACCEPT}
              data-testid="import-file"
              aria-describedby={`${inputId}-description`}
              onChange={(event) => {
                setFiles(Array.from(event.currentTarget.files ?? []));
                upload.reset();
              }}
            />
          </Input.Wrapper>
          {files.length > 0 && (
            <Text size="sm">{t('import.selected', { names: files.map((file) => file.name).join(', ') })}</Text>
          )}
          <Group gap="sm">
            <Button
              variant="default"
              leftSection={<IconChecks size={18} aria-hidden />}
              disabled={files.length === 0 || upload.isPending}
              onClick={() => upload.mutate(true)}
              data-testid="import-dry-run"
            >
              {t('import.dryRun')}
            </Button>
            <Button
              leftSection={<IconUpload size={18} aria-hidden />}
              disabled={files.length === 0 || upload.isPending}
              onClick={() => upload.mutate(false)}
              data-testid="import-apply"
            >
              {t('import.apply')}
            </Button>
          </Group>
          <div aria-live="polite">
            {upload.isPending && (
              <Group gap="sm" role="status" data-testid="import-progress">
                <Loader size="sm" aria-hidden />
                <Text>{t('import.uploading')}</Text>
              </Group>
            )}
          </div>
          {upload.isError && !invalid && <ErrorAlert error={upload.error} />}
          {report && <ImportReportView report={report} message={invalid ? upload.error?.message : undefined} />}
        </Stack>
      </Paper>
      <ExportLinks />
    </Stack>
  );
}
