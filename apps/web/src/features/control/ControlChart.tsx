import { Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { badgeStyles } from '../meetings/StatusBadge.tsx';
import { BOARD_COLORS, BOARD_STATES, type BoardState } from '../followup/options.ts';

/**
 * The records by state: a badge with the count for each (the words), and one bar split in
 * proportion (the picture, hidden from screen readers since the counts say it all).
 */
export function ControlChart({ counts }: { counts: Record<BoardState, number> }) {
  const { t } = useTranslation('followup');
  const total = BOARD_STATES.reduce((sum, s) => sum + counts[s], 0);
  let offset = 0;
  return (
    <Stack gap="sm">
      <ul className="status-counts" aria-label={t('control.counts')} data-testid="control-counts">
        {BOARD_STATES.map((state) => (
          <li key={state} data-state={state} data-count={counts[state]}>
            <Group gap={6} wrap="nowrap">
              <Badge color={BOARD_COLORS[state]} variant="filled" tt="none" styles={badgeStyles}>{t(`control.state.${state}`)}</Badge>
              <Text fw={700}>{counts[state]}</Text>
            </Group>
          </li>
        ))}
      </ul>
      {total > 0 && (
        <svg viewBox="0 0 100 6" preserveAspectRatio="none" width="100%" height="20" aria-hidden="true" focusable="false" style={{ display: 'block', borderRadius: 4 }}>
          {BOARD_STATES.map((state) => {
            const width = (counts[state] / total) * 100;
            const x = offset;
            offset += width;
            return width > 0 ? <rect key={state} x={x} y={0} width={width} height={6} fill={BOARD_COLORS[state]} /> : null;
          })}
        </svg>
      )}
      <Text size="sm" c="gray.8">{t('control.total', { count: total })}</Text>
    </Stack>
  );
}
