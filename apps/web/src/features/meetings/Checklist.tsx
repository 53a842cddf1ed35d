import { Group, Text } from '@mantine/core';
import { IconCircleCheck, IconCircleMinus, IconCircleX, IconClockHour4, type Icon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { checkText } from './checklist.text.ts';
import { RuleLink } from './RuleRefusal.tsx';
import type { Check, CheckStatus } from './types.ts';
import { TONE } from './StatusBadge.tsx';
import { PALETTE } from '../../app/design.ts';

/** Each status has its own shape as well as its colour, and its name in words. */
const LOOK: Record<CheckStatus, { icon: Icon; color: string }> = {
  met: { icon: IconCircleCheck, color: TONE.green },
  not_met: { icon: IconCircleX, color: 'var(--mantine-color-red-9)' },
  pending: { icon: IconClockHour4, color: PALETTE.pending },
  not_applicable: { icon: IconCircleMinus, color: 'var(--mantine-color-gray-7)' },
};

/** What the Rules ask of this meeting and how far it is done, each line with its paragraph. */
export function Checklist({ checks }: { checks: Check[] }) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  return (
    <ul className="meeting-checklist" data-testid="checklist">
      {checks.map((check) => {
        const { icon: StatusIcon, color } = LOOK[check.status];
        return (
          <li key={check.key} data-testid={`check-${check.key}`} data-status={check.status}>
            <StatusIcon size={24} color={color} aria-hidden style={{ flex: 'none' }} />
            <div style={{ minWidth: 0 }}>
              <Text size="sm" c={check.status === 'not_applicable' ? 'gray.8' : undefined}>{checkText(check, language)}</Text>
              <Group gap={8} wrap="wrap">
                <Text size="xs" fw={700} c={color}>{t(`checkStatus.${check.status}`)}</Text>
                <Text size="xs"><RuleLink rule={check.rule} /> <span className="check-reference">{check.reference.replace(/^§\S+( ¶\d+)?\s*—\s*/, '')}</span></Text>
              </Group>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
