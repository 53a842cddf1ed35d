import { Button, Group, Stack } from '@mantine/core';
import { IconBan, IconCalendarEvent, IconCalendarPause, IconCalendarTime, IconPencil, type Icon } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ActionModal, type ModalAction } from './ActionModal.tsx';
import { wrappingButton } from './buttons.ts';
import { meetingChanged, transitionMeeting } from './meetings.api.ts';
import { RefusalAlert } from './RuleRefusal.tsx';
import type { MeetingAction, MeetingDetail } from './types.ts';
import { notifyDone } from './notify.ts';

/**
 * The other transitions the web client offers; the modal ones ask for a reason or a new time.
 * Issue 14: announcing and "held" belong to their steps of the task list (AnnounceStep, HoldButton);
 * "schedule" (a plan not yet announced) stays for those who announce later.
 */
const ACTIONS = ['schedule', 'postpone', 'reschedule', 'cancel'] as const;
type Offered = (typeof ACTIONS)[number];
const ICONS: Record<Offered, Icon> = {
  schedule: IconCalendarEvent,
  postpone: IconCalendarPause, reschedule: IconCalendarTime, cancel: IconBan,
};

const offered = (action: MeetingAction): action is Offered => (ACTIONS as readonly string[]).includes(action);

/** Buttons for what may be done with the meeting now (server's `availableActions`). */
export function MeetingActions({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation('meetings');
  const queryClient = useQueryClient();
  const [modal, setModal] = useState<ModalAction | null>(null);
  const run = useMutation({
    mutationFn: (action: 'schedule') => transitionMeeting(meeting.id, { action }),
    onSuccess: (detail, action) => {
      meetingChanged(queryClient, detail);
      notifyDone(t(`actionDone.${action}`));
    },
  });
  if (!meeting.abilities.update) return null;
  const actions = meeting.availableActions.filter(offered);
  const editable = meeting.status === 'draft' || meeting.status === 'scheduled';
  if (actions.length === 0 && !editable) return null;

  return (
    <Stack gap="sm">
      <Group gap="sm">
        {actions.map((action) => {
          const ActionIcon = ICONS[action];
          return (
            <Button
              key={action}
              size="md"
              styles={wrappingButton}
              variant="default"
              color={action === 'cancel' ? 'red' : undefined}
              leftSection={<ActionIcon size={18} aria-hidden />}
              loading={run.isPending && run.variables === action}
              disabled={run.isPending}
              onClick={() => {
                if (action === 'postpone' || action === 'reschedule' || action === 'cancel') setModal(action);
                else { run.reset(); run.mutate(action); }
              }}
              data-testid={`action-${action}`}
            >
              {t(`action.${action}`)}
            </Button>
          );
        })}
        {editable && (
          <Button size="md" styles={wrappingButton} variant="default" component={Link} to={`/meetings/${meeting.id}/edit`} leftSection={<IconPencil size={18} aria-hidden />} data-testid="meeting-edit">
            {t('meeting.editPlan')}
          </Button>
        )}
      </Group>
      {run.isError && <RefusalAlert error={run.error} testId="action-error" title={t('meeting.actionRefused')} />}
      {modal && <ActionModal meeting={meeting} action={modal} onClose={() => setModal(null)} />}
    </Stack>
  );
}
