import { Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatLongDateTime } from '../../app/format.ts';
import { ErrorAlert, PageLoader } from '../../app/status.tsx';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { fetchRevisions, reportKeys, type ReportRevision, type ReportSection, type RichText } from './report.api.ts';
import { isEmptyRichText, RichTextView } from './richText.tsx';

/**
 * The saved versions of a section, newest first: each can be read, and (for one who may edit)
 * put back into the editor — restoring is a new save, so history is never rewritten.
 */
export function RevisionsModal({ meetingId, section, opened, onClose, onRestore }: {
  meetingId: string; section: ReportSection; opened: boolean; onClose: () => void; onRestore?: (content: RichText) => void;
}) {
  const { t } = useTranslation('report');
  const language = useLanguage();
  const [viewing, setViewing] = useState<ReportRevision | null>(null);
  const query = useQuery({
    queryKey: reportKeys.revisions(meetingId, section.staffId, section.section),
    queryFn: ({ signal }) => fetchRevisions(meetingId, section.staffId, section.section, signal),
    enabled: opened,
  });
  const close = () => { setViewing(null); onClose(); };

  return (
    <Modal opened={opened} onClose={close} size="xl" title={t('history.title', { section: t(`section.${section.section}`) })}
      closeButtonProps={{ 'aria-label': t('history.close') }}>
      <Stack gap="md" data-testid="revisions">
        {query.isPending && <PageLoader />}
        {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
        {query.data?.length === 0 && <Text size="sm">{t('history.none')}</Text>}
        {query.data && query.data.length > 0 && (
          <ul className="plain-list">
            {query.data.map((revision) => (
              <li key={revision.version} data-testid={`revision-${revision.version}`}>
                <Group justify="space-between" gap="xs" wrap="wrap">
                  <div>
                    <Text size="sm" fw={600}>{t('history.version', { version: revision.version })}{revision.version === section.version && ` · ${t('history.current')}`}</Text>
                    <Text size="sm">{formatDateTime(revision.savedAt, language)} · {revision.savedBy ?? t('editor.unknownAuthor')}</Text>
                  </div>
                  <Group gap="xs">
                    <Button size="xs" variant={viewing?.version === revision.version ? 'filled' : 'default'} onClick={() => setViewing(revision)}
                      aria-pressed={viewing?.version === revision.version}>
                      {t('history.view')}
                    </Button>
                    {onRestore && revision.version !== section.version && (
                      <Button size="xs" variant="light" onClick={() => { setViewing(null); onRestore(revision.content); }} data-testid={`revision-restore-${revision.version}`}>
                        {t('history.restore')}
                      </Button>
                    )}
                  </Group>
                </Group>
              </li>
            ))}
          </ul>
        )}
        {viewing && (
          <Paper withBorder p="sm" component="section" aria-labelledby="revision-viewing" bg="gray.0">
            <Title order={3} size="h5" id="revision-viewing" mb="xs">
              {t('history.viewing', { version: viewing.version, at: formatLongDateTime(viewing.savedAt, language) })}
            </Title>
            {isEmptyRichText(viewing.content) ? <Text size="sm" c="gray.8">{t('editor.empty')}</Text> : <RichTextView doc={viewing.content} />}
          </Paper>
        )}
      </Stack>
    </Modal>
  );
}
