import { Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { OBLIGATION_STATUSES } from '../meetings/options.ts';
import { ObligationBadge, OBLIGATION_COLORS } from '../meetings/StatusBadge.tsx';
import type { ObligationBoard } from '../meetings/types.ts';

/**
 * The districts by status: a badge with the count for each (the words), and one bar split in
 * proportion (the picture, hidden from screen readers since the counts say it all).
 */
export function StatusChart({ counts, testId = 'board-counts', totalText }: { counts: ObligationBoard['counts']; testId?: string; totalText?: string }) {
  const { t } = useTranslation('meetings');
  const total = OBLIGATION_STATUSES.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
  let offset = 0;
  return (
    <Stack gap="sm">
      <ul className="status-counts" aria-label={totalText ?? t('board.counts')} data-testid={testId}>
        {OBLIGATION_STATUSES.map((status) => (
          <li key={status} data-status={status} data-count={counts[status] ?? 0}>
            <Group gap={6} wrap="nowrap">
              <ObligationBadge status={status} />
              <Text fw={700}>{counts[status] ?? 0}</Text>
            </Group>
          </li>
        ))}
      </ul>
      {total > 0 && (
        <svg viewBox="0 0 100 6" preserveAspectRatio="none" width="100%" height="20" aria-hidden="true" focusable="false" style={{ display: 'block', borderRadius: 4 }}>
          {OBLIGATION_STATUSES.map((status) => {
            const width = ((counts[status] ?? 0) / total) * 100;
            const x = offset;
            offset += width;
            return width > 0 ? <rect key={status} x={x} y={0} width={width} height={6} fill={OBLIGATION_COLORS[status]} /> : null;
          })}
        </svg>
      )}
      <Text size="sm" c="gray.8">{totalText ?? t('board.total', { count: total })}</Text>
    </Stack>
  );
}
