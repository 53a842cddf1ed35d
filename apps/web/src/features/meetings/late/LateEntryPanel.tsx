import { Button, Group, Modal, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconClockEdit } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatLongDate, formatLongDateTime, meetingTitle } from '../../../app/format.ts';
import { useLanguage } from '../../../i18n/useLanguage.ts';
import { meetingChanged } from '../meetings.api.ts';
import { notifyDone } from '../notify.ts';
import { RefusalAlert, RuleLink } from '../RuleRefusal.tsx';
import type { MeetingDetail } from '../types.ts';
import { decideLateEntry, type LateEntryView } from './late.api.ts';
import { LateEntryBadge } from './LateEntryBadge.tsx';
import { PALETTE } from '../../../app/design.ts';

type Decision = 'confirm' | 'return' | 'withdraw';

/** Confirm (a plain question), return or withdraw (with the reason). */
function DecisionModal({ meeting, decision, onClose }: { meeting: MeetingDetail; decision: Decision; onClose: () => void }) {
  const { t } = useTranslation('late');
  const { t: tm } = useTranslation('meetings');
  const language = useLanguage();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const needsReason = decision !== 'confirm';
  const submit = useMutation({
    mutationFn: () => decideLateEntry(meeting.id, decision, needsReason ? reason.trim() : undefined),
    onSuccess: (detail) => {
      meetingChanged(queryClient, detail);
      notifyDone(t(`panel.done.${decision}`));
      onClose();
    },
  });
  const go = () => {
    setMissing(needsReason && !reason.trim());
    if (!needsReason || reason.trim()) submit.mutate();
  };
  return (
    <Modal opened onClose={onClose} title={t(`panel.${decision}Title`, { title: meetingTitle(meeting, language) })} size="lg" closeButtonProps={{ 'aria-label': tm('common.close') }}>
      <Stack gap="md">
        <Text size="sm">{t(`panel.${decision}Text`)}</Text>
        {needsReason && (
          <Textarea size="md" label={t('panel.why')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} withAsterisk autosize minRows={2} maxLength={1000}
            error={missing ? t('panel.whyRequired') : undefined} data-testid="late-decision-reason" data-autofocus />
        )}
        {submit.isError && <RefusalAlert error={submit.error} testId="late-decision-error" />}
        <Group justify="flex-end" gap="sm">
          <Button size="md" variant="default" onClick={onClose}>{tm('common.cancel')}</Button>
          <Button size="md" color={decision === 'confirm' ? 'green.9' : 'red.9'} loading={submit.isPending} onClick={go} data-testid="late-decision-confirm">
            {t(`panel.${decision}`)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function Lines({ entry }: { entry: LateEntryView }) {
  const { t } = useTranslation('late');
  const language = useLanguage();
  const decidedOn = entry.decidedAt ? formatLongDateTime(entry.decidedAt, language) : '';
  return (
    <Stack gap={4}>
      <Text size="sm">{t('panel.entered', { date: formatLongDate(entry.enteredOn, language), name: entry.enteredBy })}</Text>
      <Text size="sm"><Text span fw={600}>{t('panel.reason')}:</Text> {entry.reason}</Text>
      {entry.status === 'pending' && (
        <Text size="sm" fw={600} data-testid="late-entry-awaiting">
          {entry.confirmer ? t('panel.awaiting', { name: entry.confirmer }) : t('panel.awaitingLead')} (<RuleLink rule="R-33" />)
        </Text>
      )}
      {entry.status === 'confirmed' && entry.decidedBy && <Text size="sm" fw={600} data-testid="late-entry-confirmed">{t('panel.confirmed', { name: entry.decidedBy, date: decidedOn })}</Text>}
      {entry.status === 'returned' && entry.decidedBy && (
        <>
          <Text size="sm" fw={600}>{t('panel.returned', { name: entry.decidedBy, date: decidedOn })}</Text>
          <Text size="sm" data-testid="late-entry-return-reason"><Text span fw={600}>{t('panel.returnReason')}:</Text> {entry.returnReason}</Text>
        </>
      )}
      {entry.status === 'withdrawn' && <Text size="sm">{t('panel.withdrawn')}</Text>}
      {(entry.status === 'pending' || entry.status === 'returned') && (
        <Text size="sm" c="gray.8">{t('panel.counts')} (<RuleLink rule="R-22.13" />) {t('panel.signingWaits')}</Text>
      )}
    </Stack>
  );
}

/**
 * The mark of a meeting entered after the fact on its page: when, by whom and why, who must
 * confirm it or who did, and the actions this user may take on it.
 */
export function LateEntryPanel({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation('late');
  const [decision, setDecision] = useState<Decision | null>(null);
  const entry = meeting.enteredLate;
  if (!entry) return null;
  const can = (action: LateEntryView['actions'][number]) => entry.actions.includes(action);
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="late-entry-title" data-testid="late-entry-panel" data-late-entry={entry.status}
      style={{ borderLeft: `4px solid ${entry.status === 'returned' ? PALETTE.danger : PALETTE.pendingStrong}` }}>
      <Stack gap="sm">
        <Group gap="xs" wrap="wrap">
          <IconClockEdit size={20} aria-hidden />
          <Title order={2} size="h4" id="late-entry-title">{t('panel.title')}</Title>
          <LateEntryBadge status={entry.status} testId="late-entry-status" />
        </Group>
        <Lines entry={entry} />
        {entry.actions.length > 0 && (
          <Group gap="sm">
            {can('confirm') && <Button size="md" color="green.9" onClick={() => setDecision('confirm')} data-testid="late-entry-confirm">{t('panel.confirm')}</Button>}
            {can('return') && <Button size="md" variant="default" onClick={() => setDecision('return')} data-testid="late-entry-return">{t('panel.return')}</Button>}
            {can('correct') && <Button size="md" variant="default" component={Link} to={`/meetings/${meeting.id}/late-entry`} data-testid="late-entry-correct">{t('panel.correct')}</Button>}
            {can('withdraw') && <Button size="md" variant="default" c="red.9" onClick={() => setDecision('withdraw')} data-testid="late-entry-withdraw">{t('panel.withdraw')}</Button>}
          </Group>
        )}
      </Stack>
      {decision && <DecisionModal meeting={meeting} decision={decision} onClose={() => setDecision(null)} />}
    </Paper>
  );
}
