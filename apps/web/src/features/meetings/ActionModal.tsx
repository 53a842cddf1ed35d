import { Button, Group, Modal, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { meetingTitle, todayIso } from '../../app/format.ts';
import { meetingChanged, transitionMeeting } from './meetings.api.ts';
import { FieldRefusal, RefusalAlert, refusalOf } from './RuleRefusal.tsx';
import { almatyInstant, almatyParts } from './time.ts';
import type { MeetingDetail, MeetingTransitionBody } from './types.ts';
import { notifyDone } from './notify.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';

export type ModalAction = 'postpone' | 'reschedule' | 'cancel';

/** Postpone (reason, maybe a new time), reschedule (new time) or cancel (reason). */
export function ActionModal({ meeting, action, onClose }: { meeting: MeetingDetail; action: ModalAction; onClose: () => void }) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  const queryClient = useQueryClient();
  const start = almatyParts(meeting.startsAt);
  const [reason, setReason] = useState('');
  const [date, setDate] = useState(action === 'reschedule' ? start.date : '');
  const [startTime, setStartTime] = useState(start.time);
  const [endTime, setEndTime] = useState(almatyParts(meeting.endsAt).time);
  const [missing, setMissing] = useState<string[]>([]);
  const needsReason = action !== 'reschedule';
  const hasTime = action !== 'cancel';

  const body = (): MeetingTransitionBody => {
    const time = date ? { startsAt: almatyInstant(date, startTime), endsAt: almatyInstant(date, endTime) } : {};
    if (action === 'cancel') return { action, reason: reason.trim() };
    if (action === 'postpone') return { action, reason: reason.trim(), ...time };
    return { action, startsAt: almatyInstant(date, startTime), endsAt: almatyInstant(date, endTime) };
  };
  const submit = useMutation({
    mutationFn: () => transitionMeeting(meeting.id, body()),
    onSuccess: (detail) => {
      meetingChanged(queryClient, detail);
      notifyDone(t(`actionDone.${action}`));
      onClose();
    },
  });
  const refusal = submit.isError ? refusalOf(submit.error) : null;
  const fieldError = (field: string) => (refusal && refusal.field === field ? <FieldRefusal refusal={refusal} /> : undefined);

  const confirm = () => {
    const problems = [
      ...(needsReason && !reason.trim() ? ['reason'] : []),
      ...(action === 'reschedule' && !date ? ['date'] : []),
      ...(date && endTime <= startTime ? ['endTime'] : []),
    ];
    setMissing(problems);
    if (problems.length === 0) submit.mutate();
  };

  return (
    <Modal opened onClose={onClose} title={t(`actionTitle.${action}`, { title: meetingTitle(meeting, language) })} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="md">
        {action === 'postpone' && <Text size="sm">{t('meeting.postponeHint')}</Text>}
        {needsReason && (
          <Textarea
            size="md"
            label={t('meeting.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={missing.includes('reason') ? t('meeting.reasonRequired') : fieldError('reason')}
            withAsterisk
            autosize
            minRows={2}
            maxLength={1000}
            data-testid="action-reason"
            data-autofocus
          />
        )}
        {hasTime && (
          <Stack gap="xs">
            <TextInput
              size="md"
              type="date"
              label={action === 'postpone' ? t('meeting.newDateOptional') : t('meeting.newDate')}
              min={todayIso()}
              value={date}
              onChange={(e) => setDate(e.currentTarget.value)}
              error={missing.includes('date') ? t('wizard.missing.date') : fieldError('startsAt')}
              withAsterisk={action === 'reschedule'}
              data-testid="action-date"
              data-autofocus={action === 'reschedule' || undefined}
            />
            <SimpleGrid cols={2}>
              <TextInput size="md" type="time" label={t('wizard.time.start')} value={startTime} onChange={(e) => setStartTime(e.currentTarget.value)} data-testid="action-start" />
              <TextInput size="md" type="time" label={t('wizard.time.end')} value={endTime} onChange={(e) => setEndTime(e.currentTarget.value)}
                error={missing.includes('endTime') ? t('wizard.missing.endBeforeStart') : fieldError('endsAt')} data-testid="action-end" />
            </SimpleGrid>
            <Text size="xs" c="gray.8">{t('wizard.time.zone')}</Text>
          </Stack>
        )}
        {refusal && <RefusalAlert error={submit.error} testId="action-error" />}
        <Group justify="flex-end" gap="sm">
          <Button size="md" variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button size="md" color={action === 'cancel' ? 'red' : undefined} loading={submit.isPending} onClick={confirm} data-testid="action-confirm">
            {t(`action.${action}`)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
