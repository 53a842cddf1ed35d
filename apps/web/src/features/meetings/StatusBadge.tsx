import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { MEETING_COLORS, OBLIGATION_COLORS, PALETTE } from '../../app/design.ts';
import type { MeetingStatus, ObligationStatus } from './types.ts';

/*
 * The status colours are design tokens (`app/design.ts`); re-exported here, where the badges
 * that use them live, so existing imports keep working.
 */
export { MEETING_COLORS, OBLIGATION_COLORS, TONE } from '../../app/design.ts';

/** Long Kazakh and Russian words wrap inside a badge rather than being cut off. */
export const badgeStyles = {
  root: { height: 'auto', minHeight: 'var(--badge-height)', maxWidth: '100%' },
  label: { whiteSpace: 'normal' as const, overflow: 'visible', lineHeight: 1.25, paddingBlock: 2 },
};

export function MeetingStatusBadge({ status, testId, size = 'md' }: { status: MeetingStatus; testId?: string; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation('meetings');
  return (
    <Badge color={MEETING_COLORS[status]} variant="filled" tt="none" size={size} styles={badgeStyles} data-testid={testId} data-status={status}>
      {t(`status.${status}`)}
    </Badge>
  );
}

export function ObligationBadge({ status, testId }: { status: ObligationStatus; testId?: string }) {
  const { t } = useTranslation('meetings');
  return (
    <Badge color={OBLIGATION_COLORS[status]} variant="filled" tt="none" styles={badgeStyles} data-testid={testId} data-status={status}>
      {t(`obligation.${status}`)}
    </Badge>
  );
}

/** Issue 14: a practice meeting is marked wherever it is shown; it never counts. */
export function PracticeBadge({ size = 'md' }: { size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation('meetings');
  return (
    <Badge color={PALETTE.special} variant="outline" tt="none" size={size} styles={badgeStyles} data-testid="practice-badge">
      {t('practice.badge')}
    </Badge>
  );
}
