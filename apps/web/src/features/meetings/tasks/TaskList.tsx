import { Badge, Group, Text } from '@mantine/core';
import { IconCircleCheck, IconCircleDashed, IconCircleDot, IconClockHour4, IconCircleX, IconCircleMinus, type Icon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RuleLink } from '../RuleRefusal.tsx';
import { badgeStyles, TONE } from '../StatusBadge.tsx';
import type { MeetingDetail } from '../types.ts';
import { PALETTE } from '../../../app/design.ts';

export type Task = MeetingDetail['tasks']['steps'][number];
export type TaskKey = Task['key'];
type TaskStatus = Task['status'];

/** Each status with its own shape and a colour dark enough for 4.5:1; the word says it too. */
const LOOK: Record<TaskStatus, { icon: Icon; color: string }> = {
  done: { icon: IconCircleCheck, color: TONE.green },
  current: { icon: IconCircleDot, color: TONE.blue },
  available: { icon: IconCircleDashed, color: TONE.blue },
  waiting: { icon: IconClockHour4, color: PALETTE.neutral },
  todo: { icon: IconCircleDashed, color: PALETTE.neutral },
  blocked: { icon: IconCircleX, color: 'var(--mantine-color-red-9)' },
  skipped: { icon: IconCircleMinus, color: PALETTE.neutral },
};

/**
 * Issue 14: the meeting as a task list (GOV.UK's pattern): each step, its status in words, the
 * paragraph of the Rules it rests on, and a link to its own screen (`?step=`).
 */
export function TaskList({ meetingId, steps, selected }: { meetingId: string; steps: Task[]; selected: TaskKey }) {
  const { t } = useTranslation('meetings');
  return (
    <ol className="task-list" data-testid="task-list" aria-label={t('tasks.title')}>
      {steps.map((step, index) => {
        const { icon: StatusIcon, color } = LOOK[step.status];
        const isSelected = step.key === selected;
        return (
          <li key={step.key} data-testid={`task-${step.key}`} data-status={step.status} data-selected={isSelected || undefined}>
            <StatusIcon size={22} color={color} aria-hidden style={{ flex: 'none' }} />
            <div className="task-body">
              <Link to={`/meetings/${meetingId}?step=${step.key}`} aria-current={isSelected ? 'step' : undefined} className="task-link" data-testid={`task-link-${step.key}`}>
                {index + 1}. {t(`tasks.step.${step.key}`)}
              </Link>
              <Group gap={6} wrap="wrap">
                <Badge size="sm" tt="none" variant={step.status === 'current' ? 'filled' : 'outline'} color={color} styles={badgeStyles}>{t(`tasks.status.${step.status}`)}</Badge>
                <Text span size="xs"><RuleLink rule={step.rule} /></Text>
              </Group>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
