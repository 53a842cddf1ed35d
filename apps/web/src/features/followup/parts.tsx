import { Badge, Group, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { badgeStyles } from '../meetings/StatusBadge.tsx';
import type { FollowUpStatus } from './followup.api.ts';
import { STATUS_COLORS } from './options.ts';
import { PALETTE } from '../../app/design.ts';

/** The status of a check, forwarding or decision in words; the colour only repeats it. */
export function StatusBadge({ status, testId }: { status: FollowUpStatus; testId?: string }) {
  const { t } = useTranslation('followup');
  return (
    <Badge color={STATUS_COLORS[status]} variant="filled" tt="none" styles={badgeStyles} data-testid={testId} data-status={status}>
      {t(`status.${status}`)}
    </Badge>
  );
}

export function OverdueBadge() {
  const { t } = useTranslation('followup');
  return <Badge color={PALETTE.danger} variant="filled" tt="none" styles={badgeStyles} data-testid="overdue-badge">{t('due.overdueBadge')}</Badge>;
}

/** One record (a check, a forwarding, a decision): its reference and badges, then its parts. */
export function RecordCard({ title, badges, children, testId, data }: {
  title: ReactNode; badges: ReactNode; children: ReactNode; testId: string; data?: Record<string, string | undefined>;
}) {
  return (
    <Paper withBorder p="sm" component="li" data-testid={testId} {...data}>
      <Group justify="space-between" gap="xs" wrap="wrap" mb={6}>
        <Text fw={700}>{title}</Text>
        <Group gap={6}>{badges}</Group>
      </Group>
      {children}
    </Paper>
  );
}

/** A term-and-value list that stacks on a phone. */
export function Facts({ children, testId }: { children: ReactNode; testId?: string }) {
  return <dl className="facts" data-testid={testId}>{children}</dl>;
}
