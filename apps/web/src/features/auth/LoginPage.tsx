import { Alert, Button, Center, Container, Divider, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertCircle, IconLogin } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { preloadPath } from '../../app/preload.ts';
import { PageLoader } from '../../app/status.tsx';
import { LanguageSwitch } from '../account/LanguageSwitch.tsx';
import type { Language } from '../../i18n/index.ts';
import { fetchOidcConfig, login, OIDC_LOGIN_URL, oidcKey, rememberSession, savePreferences } from './auth.api.ts';
import type { ReturnState } from './RequireAuth.tsx';
import { useSessionQuery } from './session.tsx';

/** Where to go after login: back to the page that asked for it, never to another site. */
function returnPath(state: unknown): string {
  const from = (state as ReturnState | null)?.from;
  return from && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login') ? from : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('login.title')} — ${t('app.name')}`);
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useSessionQuery();
  const oidc = useQuery({ queryKey: oidcKey, queryFn: fetchOidcConfig, retry: false, staleTime: Infinity });
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const target = returnPath(location.state);
  const [search] = useSearchParams();
  // The server's OpenID Connect callback comes back here with `?error=oidc_failed`.
  const oidcFailed = search.get('error') === 'oidc_failed';

  // A language chosen on this page: kept after login, and saved to the account (i18n/language.ts).
  const [chosen, setChosen] = useState<Language | null>(null);

  const submit = useMutation({
    mutationFn: () => login(username.trim(), password),
    onSuccess: (answer) => {
      rememberSession(queryClient, answer);
      if (chosen && chosen !== answer.user.locale) {
        void savePreferences(chosen).then((saved) => rememberSession(queryClient, saved), () => undefined);
      }
      void navigate(target, { replace: true });
    },
  });

  if (session.data) return <Navigate to={target} replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (submit.isPending) return;
    // The page he will land on downloads alongside the login request, not before: the login
    // page alone stays light on a phone's connection (issue 14, item 13).
    preloadPath(target);
    submit.mutate();
  };

  return (
    <Center component="main" id="main" mih="100vh" px="md" py="xl" bg="gray.0">
      <Container size={420} w="100%" p={0}>
        <Stack gap="lg">
          <Stack gap={4} align="center">
            <Title order={1} ta="center">{t('app.name')}</Title>
            <Text ta="center" c="gray.8">{t('app.tagline')}</Text>
          </Stack>
          <Paper withBorder shadow="sm" p="lg" radius="md">
            {session.isPending ? <PageLoader /> : (
              <form onSubmit={onSubmit} aria-labelledby="login-title">
                <Stack gap="md">
                  <Title order={2} size="h3" id="login-title">{t('login.title')}</Title>
                  <LanguageSwitch visibleLabel onChoose={setChosen} />
                  {oidcFailed && !submit.isError && (
                    <Alert color="red" role="alert" icon={<IconAlertCircle aria-hidden />} title={t('login.failed')}>
                      {t('login.oidcFailed')}
                    </Alert>
                  )}
                  {submit.isError && (
                    <Alert color="red" role="alert" icon={<IconAlertCircle aria-hidden />} title={t('login.failed')}>
                      {submit.error.message}
                    </Alert>
                  )}
                  <TextInput
                    data-testid="login-username"
                    label={t('login.username')}
                    name="username"
                    autoComplete="username"
                    autoCapitalize="none"
                    spellCheck={false}
                    required
                    withAsterisk={false}
                    value={username}
                    onChange={(event) => setUsername(event.currentTarget.value)}
                  />
                  <TextInput
                    data-testid="login-password"
                    type="password"
                    label={t('login.password')}
                    name="password"
                    autoComplete="current-password"
                    required
                    withAsterisk={false}
                    value={password}
                    onChange={(event) => setPassword(event.currentTarget.value)}
                  />
                  <Button data-testid="login-submit" type="submit" loading={submit.isPending} leftSection={<IconLogin size={18} aria-hidden />}>
                    {t('login.submit')}
                  </Button>
                  {oidc.data?.enabled && (
                    <>
                      <Divider label={t('login.or')} labelPosition="center" />
                      <Button component="a" href={`${OIDC_LOGIN_URL}?returnTo=${encodeURIComponent(target)}`} variant="default" data-testid="login-oidc">
                        {t('login.oidc', { label: oidc.data.label ?? t('login.oidcDefault') })}
                      </Button>
                    </>
                  )}
                </Stack>
              </form>
            )}
          </Paper>
        </Stack>
      </Container>
    </Center>
  );
}
