import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { badgeStyles } from '../StatusBadge.tsx';
import type { LateEntryStatus } from './late.api.ts';
import { PALETTE } from '../../../app/design.ts';

/** Dark enough for white text at 4.5:1; the text says the state, the colour only repeats it. */
const COLORS: Record<LateEntryStatus, string> = { pending: PALETTE.pendingStrong, confirmed: PALETTE.accentMuted, returned: PALETTE.danger, withdrawn: PALETTE.neutral };

/** The mark of a meeting entered after the fact, wherever meetings are listed. */
export function LateEntryBadge({ status, size = 'sm', testId }: { status: LateEntryStatus | null | undefined; size?: 'sm' | 'md' | 'lg'; testId?: string }) {
  const { t } = useTranslation('late');
  if (!status) return null;
  return (
    <Badge color={COLORS[status]} variant="filled" tt="none" size={size} styles={badgeStyles} data-testid={testId ?? 'late-entry-flag'} data-late-entry={status}>
      {t(`flag.${status}`)}
    </Badge>
  );
}
