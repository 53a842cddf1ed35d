import { Alert, Anchor, Button, Center, Container, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconRefresh } from '@tabler/icons-react';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from './api.ts';
import { isChunkLoadError } from './lazy.ts';

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

/** The loader of a whole page, before the layout (with its `<main>`) is there. */
export function FullPageLoader() {
  return <Container component="main" id="main" py="xl"><PageLoader /></Container>;
}

/**
 * What a route shows when it fails to render: usually its code could not be downloaded (the
 * connection dropped, or a new version replaced the files); reloading the page fixes both.
 */
export function RouteError({ error, fullPage = false }: { error: unknown; fullPage?: boolean }) {
  const { t } = useTranslation();
  const chunk = isChunkLoadError(error);
  const content = (
    <Stack gap="md" maw={640}>
      <Title order={1}>{chunk ? t('app.loadFailedTitle') : t('app.errorTitle')}</Title>
      <Alert color="red" icon={<IconAlertCircle aria-hidden />} role="alert">
        {chunk ? t('app.loadFailedText') : t('app.crashText')}
      </Alert>
      <Group gap="sm">
        <Button leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => window.location.reload()}>{t('app.reload')}</Button>
        <Anchor href="/org">{t('app.toStart')}</Anchor>
      </Group>
    </Stack>
  );
  return fullPage ? <Container component="main" id="main" py="xl">{content}</Container> : content;
}

/**
 * Scrolls its content into view when it appears: an error at the top of a long form, after the
 * submit button at the bottom was pressed on a phone.
 */
export function Revealed({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.scrollIntoView({ block: 'nearest' }), []);
  return <div ref={ref}>{children}</div>;
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
