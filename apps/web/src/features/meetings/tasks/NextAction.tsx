import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconArrowRight, IconCheck, IconClockHour4 } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../../app/format.ts';
import { useLanguage } from '../../../i18n/useLanguage.ts';
import { wrappingButton } from '../buttons.ts';
import { meetingChanged, transitionMeeting } from '../meetings.api.ts';
import { notifyDone } from '../notify.ts';
import { RefusalAlert } from '../RuleRefusal.tsx';
import type { MeetingDetail } from '../types.ts';

/** "17 желтоқсан 2026, 18:00" from the server's Almaty reading "2026-12-17T18:00:00+05:00". */
export function formatLocal(local: string, language: ReturnType<typeof useLanguage>): string {
  return `${formatDate(local.slice(0, 10), language)}, ${local.slice(11, 16)}`;
}

/**
 * "held" cannot be undone, so it asks first; the button is only offered once the guard
 * lets it succeed (the server's `tasks.next`, from the domain's meetingTasks).
 */
export function HoldButton({ meeting, primary = true, onHeld }: { meeting: MeetingDetail; primary?: boolean; onHeld?: () => void }) {
  const { t } = useTranslation('meetings');
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const hold = useMutation({
    mutationFn: () => transitionMeeting(meeting.id, { action: 'hold' }),
    onSuccess: (detail) => {
      meetingChanged(queryClient, detail);
      notifyDone(t('actionDone.hold'));
      setAsking(false);
      onHeld?.();
    },
  });
  return (
    <>
      <Button size="md" styles={wrappingButton} variant={primary ? 'filled' : 'default'} leftSection={<IconCheck size={18} aria-hidden />}
        onClick={() => { hold.reset(); setAsking(true); }} data-testid="action-hold">
        {t('action.hold')}
      </Button>
      <Modal opened={asking} onClose={() => setAsking(false)} title={t('tasks.holdConfirm.title')} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Stack gap="md">
          <Text size="sm">{t('tasks.holdConfirm.text', { count: meeting.participantCount })}</Text>
          {hold.isError && <RefusalAlert error={hold.error} testId="action-error" title={t('meeting.actionRefused')} />}
          <Group justify="flex-end" gap="sm">
            <Button size="md" variant="default" onClick={() => setAsking(false)}>{t('common.cancel')}</Button>
            <Button size="md" loading={hold.isPending} onClick={() => hold.mutate()} data-testid="hold-confirm">{t('tasks.holdConfirm.confirm')}</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** The one thing to do next, as a button that will succeed now — or when it becomes possible. */
export function NextAction({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  const { next } = meeting.tasks;
  if (!meeting.abilities.update) return null;
  const link = (to: string) => (
    <Button component={Link} to={to} size="md" styles={wrappingButton} rightSection={<IconArrowRight size={18} aria-hidden />} data-testid="next-action" data-action={next.action}>
      {t(`tasks.next.${next.action}`)}
    </Button>
  );
  let body;
  switch (next.action) {
    case 'announce': case 'invite': case 'edit_plan':
      // The step's own screen holds the form; the task list shows it already when it is current.
      body = next.action === 'edit_plan'
        ? <Stack gap="xs"><Text size="sm">{t('tasks.noticeMissed')}</Text>{link(`/meetings/${meeting.id}/edit`)}</Stack>
        : null;
      break;
    case 'open_live': body = link(`/meetings/${meeting.id}/live`); break;
    case 'hold': body = <HoldButton meeting={meeting} />; break;
    case 'open_protocol': body = link(`/meetings/${meeting.id}/protocol`); break;
    case 'follow_up': body = null; break;
    case 'none':
      body = next.fromLocal
        ? <Alert color="gray" variant="light" icon={<IconClockHour4 aria-hidden />} data-testid="next-wait" data-from={next.from ?? undefined}>
            {t('tasks.waitUntil', { when: formatLocal(next.fromLocal, language) })}
          </Alert>
        : null;
      break;
  }
  return body ? <div data-testid="next-step" data-action={next.action}>{body}</div> : null;
}
