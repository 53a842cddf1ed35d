import { Alert, Badge, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatLongDate } from '../../app/format.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { meetingKeys } from '../meetings/meetings.api.ts';
import { notifyDone } from '../meetings/notify.ts';
import { badgeStyles } from '../meetings/StatusBadge.tsx';
import { missingNotes, OUTCOME_COLORS } from './options.ts';
import { reportKeys, saveCarryNote, type CarriedItem, type ItemOutcome, type Report } from './report.api.ts';
import { useDirtyMark } from './unsaved.tsx';
import { PALETTE } from '../../app/design.ts';

export function OutcomeBadge({ outcome }: { outcome: ItemOutcome }) {
  const { t } = useTranslation('report');
  return (
    <Badge color={OUTCOME_COLORS[outcome]} variant="filled" tt="none" styles={badgeStyles} data-testid="carry-outcome" data-outcome={outcome}>
      {t(`outcome.${outcome}`)}
    </Badge>
  );
}

function NoteForm({ meetingId, item, testPrefix }: { meetingId: string; item: CarriedItem; testPrefix: string }) {
  const { t } = useTranslation('report');
  const queryClient = useQueryClient();
  const [note, setNote] = useState(item.note ?? '');
  const dirty = note.trim() !== (item.note ?? '');
  const markDirty = useDirtyMark(`${testPrefix}:${item.itemId}`);
  useEffect(() => markDirty(dirty), [dirty, markDirty]);
  const save = useMutation({
    mutationFn: () => saveCarryNote(meetingId, item.itemId, note),
    onSuccess: (saved) => {
      queryClient.setQueryData<Report>(reportKeys.report(meetingId), (r) => r && {
        ...r, carryOver: r.carryOver.map((c) => (c.itemId === saved.itemId ? saved : c)),
      });
      // The meeting's checklist (R-30 carry-over) depends on the notes.
      void queryClient.invalidateQueries({ queryKey: meetingKeys.detail(meetingId), exact: true });
      notifyDone(t('carry.noteSaved', { reference: item.reference }));
    },
  });
  return (
    <Stack gap={6}>
      <Textarea label={t('carry.note')} description={t('carry.noteHint')} value={note} onChange={(e) => setNote(e.currentTarget.value)}
        autosize minRows={2} maxRows={8} maxLength={4000} data-testid={`${testPrefix}-note`} />
      <Group gap="xs">
        <Button size="xs" onClick={() => save.mutate()} loading={save.isPending} disabled={!dirty} data-testid={`${testPrefix}-note-save`}
          aria-label={`${t('carry.saveNote')}: ${item.reference}`}>
          {t('carry.saveNote')}
        </Button>
        {dirty && <Text size="xs" fw={700} c={PALETTE.warning}>{t('editor.unsaved')}</Text>}
      </Group>
      {save.isError && <Text size="sm" c="red.8" role="alert">{save.error.message}</Text>}
    </Stack>
  );
}

/**
 * The items raised at earlier meetings of the same districts that the report must answer for
 * (R-30 ¶4): what was said, the outcome so far in words, and what the inspector says was done.
 */
export function CarryOverList({ meetingId, items, editable, testPrefix = 'carry' }: {
  meetingId: string; items: readonly CarriedItem[]; editable: boolean; testPrefix?: string;
}) {
  const { t } = useTranslation('report');
  const language = useLanguage();
  if (items.length === 0) return <Text size="sm" data-testid={`${testPrefix}-empty`}>{t('carry.none')}</Text>;
  const missing = missingNotes(items);
  return (
    <Stack gap="sm" data-testid={`${testPrefix}-list`}>
      {missing > 0 ? (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} data-testid={`${testPrefix}-missing`} data-count={missing}>
          {t('carry.missing', { count: missing })}
        </Alert>
      ) : (
        <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} data-testid={`${testPrefix}-missing`} data-count={0}>
          {t('carry.allNoted')}
        </Alert>
      )}
      <ul className="plain-list">
        {items.map((item) => (
          <li key={item.itemId} data-testid={`${testPrefix}-item`} data-reference={item.reference} data-outcome={item.outcome}>
            <Stack gap={6} py={4}>
              <Group gap="xs" justify="space-between" wrap="wrap" align="flex-start">
                <Text fw={700} size="sm">
                  {item.reference} · {t(`itemKind.${item.kind}`)}
                  <Text span size="sm" fw={400} c="gray.8"> · {t('carry.raisedAt', { date: formatLongDate(item.meetingDate, language) })}</Text>
                </Text>
                <OutcomeBadge outcome={item.outcome} />
              </Group>
              <Text size="sm" className="carry-text">{item.text}</Text>
              {item.raisedBy && <Text size="sm"><Text span fw={600}>{t('carry.raisedBy')}:</Text> {item.raisedBy}</Text>}
              {item.resolution && <Text size="sm"><Text span fw={600}>{t('carry.resolution')}:</Text> {t(`resolution.${item.resolution}`)}</Text>}
              {item.answer && <Text size="sm"><Text span fw={600}>{t('carry.answer')}:</Text> {item.answer}</Text>}
              {item.followUp && <Text size="sm"><Text span fw={600}>{t('carry.followUp')}:</Text> {item.followUp}</Text>}
              {(item.residentsNotResolved?.count ?? 0) > 0 && (
                // Issue 13: residents who sent it ahead say it was not resolved; their words, never their names.
                <Alert color="red" variant="light" p="xs" icon={<IconAlertTriangle aria-hidden />} data-testid={`${testPrefix}-residents`} data-count={item.residentsNotResolved.count}>
                  <Text size="sm" fw={700}>{t('carry.residentsNotResolved', { n: item.residentsNotResolved.count })}</Text>
                  {item.residentsNotResolved.words.length > 0 && (
                    <ul className="plain-list" aria-label={t('carry.residentWords')}>
                      {item.residentsNotResolved.words.map((w, i) => <li key={i}><Text size="sm" fs="italic" className="carry-text">«{w}»</Text></li>)}
                    </ul>
                  )}
                </Alert>
              )}
              {editable
                ? <NoteForm key={`${item.itemId}:${item.note ?? ''}`} meetingId={meetingId} item={item} testPrefix={testPrefix} />
                : <Text size="sm"><Text span fw={600}>{t('carry.note')}:</Text> {item.note ?? t('carry.noNote')}</Text>}
            </Stack>
          </li>
        ))}
      </ul>
    </Stack>
  );
}
