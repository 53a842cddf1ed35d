import { Alert, Anchor, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from './api.ts';

/** A loader with a text for screen readers, announced politely. */
export function PageLoader({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" aria-hidden />
        <Text>{label ?? t('app.loading')}</Text>
      </Group>
    </Center>
  );
}

/** The server's localised message of a failed call, with an optional retry. */
export function ErrorAlert({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const { t } = useTranslation();
  const message = isApiError(error) || error instanceof Error ? error.message : String(error);
  return (
    <Alert color="red" title={title ?? t('app.errorTitle')} icon={<IconAlertCircle aria-hidden />} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{message}</Text>
        {onRetry && <Button size="xs" variant="default" onClick={onRetry}>{t('app.retry')}</Button>}
      </Stack>
    </Alert>
  );
}

/** A whole page that only explains something: not found, no access. */
export function MessagePage({ title, text, children }: { title: string; text: string; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" maw={640}>
      <Title order={1}>{title}</Title>
      <Text>{text}</Text>
      {children ?? <Anchor component={Link} to="/org">{t('app.toStart')}</Anchor>}
    </Stack>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return <MessagePage title={t('app.notFoundTitle')} text={t('app.notFoundText')} />;
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return <MessagePage title={t('app.forbiddenTitle')} text={t('app.forbiddenText')} />;
}
