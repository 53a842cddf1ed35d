import { Anchor, Badge, Button, CopyButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { badgeStyles } from '../meetings/StatusBadge.tsx';
import type { FieldErrors, RowState } from './live.model.ts';
import { PALETTE } from '../../app/design.ts';

/** Dark tones: white text keeps 4.5:1; the text says the state, the colour only repeats it. */
const STATE_COLORS: Record<RowState, string> = { saved: PALETTE.success, waiting: PALETTE.info, attention: PALETTE.danger };

export function StateBadge({ state }: { state: RowState }) {
  const { t } = useTranslation('live');
  return (
    <Badge color={STATE_COLORS[state]} variant="filled" tt="none" size="sm" styles={badgeStyles} data-state={state}>
      {t(`state.${state}`)}
    </Badge>
  );
}

export function LiveSection({ id, title, children, testId }: { id: string; title: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby={id} data-testid={testId}>
      <Title order={2} size="h4" mb="sm" id={id}>{title}</Title>
      {children}
    </Paper>
  );
}

/** The message of a field's problem in the interface language, or undefined. */
export function useFieldError(errors: FieldErrors) {
  const { t } = useTranslation('live');
  return (field: string) => {
    const key = errors[field];
    return key ? t(`validation.${key}`) : undefined;
  };
}

/** A polite status line (what was just added), read out by screen readers. */
export function Announce({ message }: { message: string }) {
  return <Text size="sm" role="status" aria-live="polite" className="live-announce">{message}</Text>;
}

/**
 * Focuses a field and brings it out from under the sticky count bar (its scroll-margin in
 * live.css): after a submit the name field is at the top, where the bar would cover it.
 */
export function focusField(field: HTMLElement | null | undefined): void {
  if (!field) return;
  field.focus({ preventScroll: true });
  field.scrollIntoView({ block: 'nearest' });
}

/** Focuses the first field with a problem (after a submit that failed validation). */
export function focusFirstError(form: HTMLFormElement | null): void {
  focusField(form?.querySelector<HTMLElement>('[aria-invalid="true"]'));
}

/** A form's entry was not accepted: show its problems, clear the last announcement, focus the first problem. */
export function showProblems<E>(form: HTMLFormElement | null, problems: E, setErrors: (errors: E) => void, setAnnouncement: (text: string) => void): void {
  setErrors(problems);
  setAnnouncement('');
  requestAnimationFrame(() => focusFirstError(form));
}

/** A link to hand out (the QR/online registration address), with a copy button; wraps at 360 px. */
export function CopyLink({ label, value, testId }: { label: string; value: string; testId?: string }) {
  const { t } = useTranslation('meetings');
  return (
    <Stack gap={4}>
      <Text fw={600} size="sm">{label}</Text>
      <Group gap="xs" wrap="wrap">
        <Anchor href={value} target="_blank" rel="noreferrer" size="sm" style={{ overflowWrap: 'anywhere', minWidth: 0, flex: '1 1 200px' }} data-testid={testId}>{value}</Anchor>
        <CopyButton value={value} timeout={2000}>
          {({ copied, copy }) => (
            <Button size="compact-sm" variant="default" onClick={copy} aria-label={`${copied ? t('common.copied') : t('common.copy')}: ${label}`}
              leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}>
              {copied ? t('common.copied') : t('common.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}
