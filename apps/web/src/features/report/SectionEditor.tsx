import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { RichTextEditor } from '@mantine/tiptap';
import '@mantine/tiptap/styles.css';
import { IconAlertTriangle, IconDeviceFloppy, IconHistory } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEditor, type JSONContent } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api.ts';
import { formatLongDateTime } from '../../app/format.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { notifyDone } from '../meetings/notify.ts';
import { fetchReport, reportKeys, saveSection, type Report, type ReportSection, type RichText } from './report.api.ts';
import { RevisionsModal } from './RevisionsModal.tsx';
import { isEmptyRichText, RichTextView, toRichText } from './richText.tsx';
import { useDirtyMark } from './unsaved.tsx';
import { PALETTE } from '../../app/design.ts';

/**
 * Exactly what `RichText` allows: paragraphs, level-3 headings, lists, hard breaks and
 * bold/italic/underline. Code, quotes, strike-through, links and rules are not registered, so
 * they can be neither typed nor pasted.
 */
const EXTENSIONS = [
  StarterKit.configure({
    blockquote: false, code: false, codeBlock: false, strike: false, link: false, horizontalRule: false,
    heading: { levels: [3] },
  }),
];

interface Props {
  meetingId: string;
  section: ReportSection;
  title: string;
  canEdit: boolean;
}

/** One section of one reporter: an editor with save, conflict handling and history. */
export function SectionEditor(props: Props) {
  return props.canEdit ? <EditableSection {...props} /> : <ReadOnlySection {...props} />;
}

function SavedLine({ section }: { section: ReportSection }) {
  const { t } = useTranslation('report');
  const language = useLanguage();
  if (section.version === 0 || !section.updatedAt) return <Text size="xs" c="gray.8">{t('editor.neverSaved')}</Text>;
  return (
    <Text size="xs" c="gray.8" data-testid="section-saved">
      {t('editor.savedLine', { version: section.version, at: formatLongDateTime(section.updatedAt, language), by: section.updatedBy ?? t('editor.unknownAuthor') })}
    </Text>
  );
}

function ReadOnlySection({ meetingId, section }: Props) {
  const { t } = useTranslation('report');
  const [history, setHistory] = useState(false);
  return (
    <Stack gap="xs" data-testid={`report-section-${section.section}`} data-staff={section.staffId}>
      {isEmptyRichText(section.content) || !section.content
        ? <Text size="sm" c="gray.8">{t('editor.empty')}</Text>
        : <RichTextView doc={section.content} testId={`report-text-${section.section}`} />}
      <Group gap="sm" justify="space-between">
        <SavedLine section={section} />
        {section.version > 0 && (
          <Button size="xs" variant="subtle" leftSection={<IconHistory size={16} aria-hidden />} onClick={() => setHistory(true)}>{t('editor.history')}</Button>
        )}
      </Group>
      <RevisionsModal meetingId={meetingId} section={section} opened={history} onClose={() => setHistory(false)} />
    </Stack>
  );
}

/** The report in the cache with one section replaced by its saved state. */
function withSection(report: Report | undefined, saved: ReportSection): Report | undefined {
  if (!report) return report;
  return {
    ...report,
    reporters: report.reporters.map((r) => (r.staffId !== saved.staffId ? r : {
      ...r, sections: r.sections.map((s) => (s.section === saved.section ? saved : s)),
    })),
  };
}

function EditableSection({ meetingId, section, title }: Props) {
  const { t } = useTranslation('report');
  const queryClient = useQueryClient();
  const contentId = useId();
  const [current, setCurrent] = useState(section);
  const [dirty, setDirty] = useState(false);
  const [conflict, setConflict] = useState<number | null>(null);
  const [history, setHistory] = useState(false);

  const editor = useEditor({
    extensions: EXTENSIONS,
    content: (section.content ?? '') as JSONContent | string,
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: {
        role: 'textbox', 'aria-multiline': 'true', 'aria-label': title, id: contentId,
        'data-testid': `report-editor-${section.section}`,
      },
    },
    onUpdate: () => setDirty(true),
  });

  const markDirty = useDirtyMark(`section:${section.staffId}:${section.section}`);
  useEffect(() => markDirty(dirty), [dirty, markDirty]);

  const replaceContent = (content: RichText | null) => {
    editor.commands.setContent((content ?? '') as JSONContent | string, { emitUpdate: false });
  };

  const save = useMutation({
    mutationFn: (baseVersion: number) => saveSection(meetingId, section.staffId, section.section, toRichText(editor.getJSON()), baseVersion),
    onSuccess: (saved) => {
      setCurrent(saved);
      setDirty(false);
      setConflict(null);
      queryClient.setQueryData<Report>(reportKeys.report(meetingId), (r) => withSection(r, saved));
      void queryClient.invalidateQueries({ queryKey: reportKeys.revisions(meetingId, saved.staffId, saved.section) });
      notifyDone(t('editor.saved', { section: title }));
    },
    onError: (error) => {
      if (isApiError(error, 409) && error.code === 'conflict') {
        const details = error.details as { currentVersion?: number } | undefined;
        setConflict(typeof details?.currentVersion === 'number' ? details.currentVersion : current.version + 1);
      }
    },
  });

  // Someone saved in between: load the newest text, leaving one's own changes.
  const reload = useMutation({
    mutationFn: () => queryClient.fetchQuery({ queryKey: reportKeys.report(meetingId), queryFn: ({ signal }) => fetchReport(meetingId, signal), staleTime: 0 }),
    onSuccess: (report) => {
      const fresh = report.reporters.find((r) => r.staffId === section.staffId)?.sections.find((s) => s.section === section.section);
      if (!fresh) return;
      replaceContent(fresh.content);
      setCurrent(fresh);
      setDirty(false);
      setConflict(null);
      save.reset();
    },
  });

  return (
    <Stack gap="xs" data-testid={`report-section-${section.section}`} data-staff={section.staffId}>
      <RichTextEditor editor={editor} labels={{
        boldControlLabel: t('editor.bold'), italicControlLabel: t('editor.italic'), underlineControlLabel: t('editor.underline'),
        h3ControlLabel: t('editor.heading'), bulletListControlLabel: t('editor.bulletList'), orderedListControlLabel: t('editor.orderedList'),
        undoControlLabel: t('editor.undo'), redoControlLabel: t('editor.redo'),
      }}>
        <RichTextEditor.Toolbar role="toolbar" aria-label={t('editor.toolbar', { section: title })}>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.Bold />
            <RichTextEditor.Italic />
            <RichTextEditor.Underline />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.H3 />
            <RichTextEditor.BulletList />
            <RichTextEditor.OrderedList />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.Undo />
            <RichTextEditor.Redo />
          </RichTextEditor.ControlsGroup>
        </RichTextEditor.Toolbar>
        <RichTextEditor.Content className="report-editor-content" />
      </RichTextEditor>

      {conflict !== null && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} title={t('editor.conflictTitle')} role="alert" data-testid="section-conflict">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('editor.conflictText', { version: conflict })}</Text>
            <Group gap="xs">
              <Button size="xs" onClick={() => reload.mutate()} loading={reload.isPending} data-testid="section-reload">{t('editor.loadTheirs')}</Button>
              <Button size="xs" variant="default" onClick={() => save.mutate(conflict)} loading={save.isPending} data-testid="section-overwrite">{t('editor.keepMine')}</Button>
            </Group>
            {reload.isError && <Text size="sm" c="red.8">{reload.error.message}</Text>}
          </Stack>
        </Alert>
      )}
      {save.isError && conflict === null && <Text size="sm" c="red.8" role="alert">{save.error.message}</Text>}

      <Group gap="sm" justify="space-between" wrap="wrap">
        <Group gap="xs" wrap="wrap">
          <SavedLine section={current} />
          {dirty && <Text size="xs" fw={700} c={PALETTE.warning} data-testid="section-dirty">{t('editor.unsaved')}</Text>}
        </Group>
        <Group gap="xs">
          <Button size="xs" variant="subtle" leftSection={<IconHistory size={16} aria-hidden />} onClick={() => setHistory(true)} disabled={current.version === 0}
            data-testid={`report-history-${section.section}`}>
            {t('editor.history')}
          </Button>
          <Button size="xs" leftSection={<IconDeviceFloppy size={16} aria-hidden />} onClick={() => save.mutate(current.version)} loading={save.isPending}
            disabled={!dirty || conflict !== null} data-testid={`report-save-${section.section}`} aria-label={`${t('editor.save')}: ${title}`}>
            {t('editor.save')}
          </Button>
        </Group>
      </Group>
      <RevisionsModal meetingId={meetingId} section={current} opened={history} onClose={() => setHistory(false)}
        onRestore={(content) => { replaceContent(content); setDirty(true); setHistory(false); notifyDone(t('editor.restored')); }} />
    </Stack>
  );
}
