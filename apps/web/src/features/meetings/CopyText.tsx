import { Button, CopyButton, Group, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { TONE } from './StatusBadge.tsx';

/** A text to copy (an announcement, a feed address): shown as is, with a copy button. */
export function CopyText({ label, value, lang, testId }: { label: string; value: string; lang?: string; testId?: string }) {
  const { t } = useTranslation('meetings');
  const id = useId();
  return (
    <Stack gap={4}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text fw={600} size="sm" id={id}>{label}</Text>
        <CopyButton value={value} timeout={2000}>
          {({ copied, copy }) => (
            <Button size="compact-md" variant={copied ? 'filled' : 'light'} color={copied ? TONE.green : undefined} onClick={copy}
              leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
              aria-label={`${copied ? t('common.copied') : t('common.copy')}: ${label}`} data-testid={testId ? `${testId}-copy` : undefined}>
              {copied ? t('common.copied') : t('common.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <pre className="copy-text" lang={lang} tabIndex={0} aria-labelledby={id} data-testid={testId}>{value}</pre>
    </Stack>
  );
}
