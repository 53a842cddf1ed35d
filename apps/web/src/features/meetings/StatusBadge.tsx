import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MeetingStatus, ObligationStatus } from './types.ts';

/**
 * Dark shades, so the white text of a badge keeps a contrast above 4.5:1; the text says the
 * status, the colour only repeats it.
 */
/** Tones for alerts and text, dark enough for 4.5:1 on white and on their own light tint. */
export const TONE = { green: '#237032', orange: '#a8380a', blue: '#1864ab' } as const;

export const OBLIGATION_COLORS: Record<ObligationStatus, string> = {
  met: '#237032', held: '#087f5b', scheduled: '#1864ab', at_risk: '#c2410c', open: '#495057', missed: '#c92a2a',
};

export const MEETING_COLORS: Record<MeetingStatus, string> = {
  draft: '#495057', scheduled: '#1864ab', announced: '#5f3dc4', held: '#087f5b', protocol_signed: '#237032',
  closed: '#343a40', postponed: '#c2410c', cancelled: '#c92a2a',
};

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
    <Badge color="#862e9c" variant="outline" tt="none" size={size} styles={badgeStyles} data-testid="practice-badge">
      {t('practice.badge')}
    </Badge>
  );
}
