import { Anchor, Button, FileButton, Group, Modal, NativeSelect, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconPaperclip, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../app/format.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { notifyDone } from '../meetings/notify.ts';
import { SOURCE_KINDS } from './options.ts';
import {
  createSource, deleteSource, reportKeys, sourceFileUrl, updateSource, uploadSourceFile, type Report, type Source, type SourceBody, type SourceKind,
} from './report.api.ts';

const ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,application/pdf,image/png,image/jpeg,'
  + 'application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_BYTES = 20 * 1024 * 1024;

function useSizeLabel() {
  const { t } = useTranslation('report');
  const language = useLanguage();
  return (bytes: number) => (bytes >= 1024 * 1024
    ? t('sources.sizeMb', { size: formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10, language) })
    : t('sources.sizeKb', { size: formatNumber(Math.max(1, Math.round(bytes / 1024)), language) }));
}

/** The report is fetched again after a change of its sources. */
function useSourcesChanged(meetingId: string) {
  const queryClient = useQueryClient();
  return (source?: Source, removed?: string) => {
    queryClient.setQueryData<Report>(reportKeys.report(meetingId), (r) => {
      if (!r) return r;
      if (removed) return { ...r, sources: r.sources.filter((s) => s.id !== removed) };
      if (!source) return r;
      const exists = r.sources.some((s) => s.id === source.id);
      return { ...r, sources: exists ? r.sources.map((s) => (s.id === source.id ? source : s)) : [...r.sources, source] };
    });
  };
}

function SourceForm({ meetingId, source, onClose }: { meetingId: string; source: Source | null; onClose: () => void }) {
  const { t } = useTranslation('report');
  const changed = useSourcesChanged(meetingId);
  const [kind, setKind] = useState<SourceKind>(source?.kind ?? 'state_statistics');
  const [title, setTitle] = useState(source?.title ?? '');
  const [sourceDate, setSourceDate] = useState(source?.sourceDate ?? '');
  const [note, setNote] = useState(source?.note ?? '');
  const [missing, setMissing] = useState(false);
  const save = useMutation({
    mutationFn: () => {
      const body: SourceBody = { kind, title: title.trim(), sourceDate: sourceDate || null, note: note.trim() || null };
      return source ? updateSource(source.id, body) : createSource(meetingId, body);
    },
    onSuccess: (saved) => { changed(saved); notifyDone(t(source ? 'sources.updated' : 'sources.created')); onClose(); },
  });
  const submit = () => {
    setMissing(!title.trim());
    if (title.trim()) save.mutate();
  };
  return (
    <Modal opened onClose={onClose} title={t(source ? 'sources.editTitle' : 'sources.addTitle')} size="lg" closeButtonProps={{ 'aria-label': t('sources.close') }}>
      <Stack gap="sm">
        <NativeSelect label={t('sources.kind')} value={kind} onChange={(e) => setKind(e.currentTarget.value as SourceKind)}
          data={SOURCE_KINDS.map((k) => ({ value: k, label: t(`sourceKind.${k}`) }))} data-testid="source-kind" />
        <TextInput label={t('sources.titleLabel')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required maxLength={300}
          error={missing ? t('sources.titleRequired') : undefined} data-testid="source-title" />
        <TextInput type="date" label={t('sources.date')} value={sourceDate} onChange={(e) => setSourceDate(e.currentTarget.value)} w={200} data-testid="source-date" />
        <Textarea label={t('sources.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} maxRows={8} maxLength={4000} data-testid="source-note" />
        {save.isError && <Text size="sm" c="red.8" role="alert">{save.error.message}</Text>}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>{t('sources.cancel')}</Button>
          <Button onClick={submit} loading={save.isPending} data-testid="source-save">{t('sources.save')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function Attach({ meetingId, source }: { meetingId: string; source: Source }) {
  const { t } = useTranslation('report');
  const queryClient = useQueryClient();
  const changed = useSourcesChanged(meetingId);
  const [progress, setProgress] = useState(0);
  const [tooLarge, setTooLarge] = useState(false);
  const upload = useMutation({
    mutationFn: (file: File) => uploadSourceFile(queryClient, source.id, file, setProgress, t('sources.uploadFailed')),
    onMutate: () => setProgress(0),
    onSuccess: (saved) => { changed(saved); notifyDone(t('sources.attached')); },
  });
  const pick = (file: File | null) => {
    if (!file) return;
    setTooLarge(file.size > MAX_BYTES);
    if (file.size <= MAX_BYTES) upload.mutate(file);
  };
  return (
    <Stack gap={4}>
      <FileButton onChange={pick} accept={ACCEPT}>
        {(props) => (
          <Button {...props} size="xs" variant="default" leftSection={<IconPaperclip size={16} aria-hidden />} disabled={upload.isPending}
            data-testid="source-attach" aria-label={`${t('sources.attach')}: ${source.title}`}>
            {t('sources.attach')}
          </Button>
        )}
      </FileButton>
      <Text size="xs" c="gray.8">{t('sources.attachHint')}</Text>
      <div aria-live="polite">
        {upload.isPending && (
          <Group gap="xs" role="status" data-testid="source-progress">
            <progress max={100} value={Math.round(progress * 100)} aria-label={t('sources.uploading')} className="upload-progress" />
            <Text size="xs">{t('sources.progress', { percent: Math.round(progress * 100) })}</Text>
          </Group>
        )}
      </div>
      {tooLarge && <Text size="sm" c="red.8" role="alert">{t('sources.tooLarge')}</Text>}
      {upload.isError && <Text size="sm" c="red.8" role="alert">{upload.error.message}</Text>}
    </Stack>
  );
}

function DeleteSource({ meetingId, source, onClose }: { meetingId: string; source: Source; onClose: () => void }) {
  const { t } = useTranslation('report');
  const changed = useSourcesChanged(meetingId);
  const remove = useMutation({
    mutationFn: () => deleteSource(source.id),
    onSuccess: () => { changed(undefined, source.id); notifyDone(t('sources.deleted')); onClose(); },
  });
  return (
    <Modal opened onClose={onClose} title={t('sources.deleteTitle')} closeButtonProps={{ 'aria-label': t('sources.close') }}>
      <Stack gap="sm">
        <Text size="sm">{t('sources.deleteText', { title: source.title })}</Text>
        {remove.isError && <Text size="sm" c="red.8" role="alert">{remove.error.message}</Text>}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>{t('sources.cancel')}</Button>
          <Button color="red.8" onClick={() => remove.mutate()} loading={remove.isPending} data-testid="source-delete-confirm">{t('sources.delete')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function SourceEntry({ meetingId, source, editable, onEdit, onDelete }: {
  meetingId: string; source: Source; editable: boolean; onEdit: () => void; onDelete: () => void;
}) {
  const { t } = useTranslation('report');
  const language = useLanguage();
  const size = useSizeLabel();
  return (
    <li data-testid="source" data-kind={source.kind}>
      <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 260px' }}>
          <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>{source.title}</Text>
          {source.sourceDate && <Text size="sm">{formatDate(source.sourceDate, language)}</Text>}
          {source.note && <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{source.note}</Text>}
          {source.files.length > 0 && (
            <ul className="source-files" aria-label={t('sources.files')}>
              {source.files.map((f) => (
                <li key={f.file}>
                  <Anchor href={sourceFileUrl(source.id, f.file)} size="sm" target="_blank" rel="noreferrer" style={{ overflowWrap: 'anywhere' }} data-testid="source-file">{f.name}</Anchor>
                  <Text span size="xs" c="gray.8"> ({size(f.size)})</Text>
                </li>
              ))}
            </ul>
          )}
        </Stack>
        {editable && (
          <Stack gap={6} align="flex-start">
            <Group gap="xs">
              <Button size="xs" variant="default" leftSection={<IconPencil size={16} aria-hidden />} onClick={onEdit} aria-label={`${t('sources.edit')}: ${source.title}`}>{t('sources.edit')}</Button>
              <Button size="xs" variant="default" c="red.9" leftSection={<IconTrash size={16} aria-hidden />} onClick={onDelete}
                aria-label={`${t('sources.delete')}: ${source.title}`} data-testid="source-delete">{t('sources.delete')}</Button>
            </Group>
            <Attach meetingId={meetingId} source={source} />
          </Stack>
        )}
      </Group>
    </li>
  );
}

/** what the report was prepared from, by kind, with attachments. */
export function SourcesPanel({ meetingId, sources, editable }: { meetingId: string; sources: readonly Source[]; editable: boolean }) {
  const { t } = useTranslation('report');
  const [editing, setEditing] = useState<Source | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Source | null>(null);
  const kinds = SOURCE_KINDS.filter((k) => sources.some((s) => s.kind === k));
  return (
    <Stack gap="md" data-testid="sources">
      <Text size="sm" c="gray.8">{t('sources.intro')}</Text>
      {editable && (
        <Group>
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')} data-testid="source-add">{t('sources.add')}</Button>
        </Group>
      )}
      {sources.length === 0 && <Text size="sm">{t('sources.none')}</Text>}
      {kinds.map((kind) => (
        <section key={kind} aria-labelledby={`source-kind-${kind}`}>
          <Title order={3} size="h5" id={`source-kind-${kind}`} mb={4}>{t(`sourceKind.${kind}`)}</Title>
          <ul className="plain-list">
            {sources.filter((s) => s.kind === kind).map((s) => (
              <SourceEntry key={s.id} meetingId={meetingId} source={s} editable={editable} onEdit={() => setEditing(s)} onDelete={() => setDeleting(s)} />
            ))}
          </ul>
        </section>
      ))}
      {editing && <SourceForm meetingId={meetingId} source={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {deleting && <DeleteSource meetingId={meetingId} source={deleting} onClose={() => setDeleting(null)} />}
    </Stack>
  );
}
