import { Paper, SimpleGrid, Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../auth/session.tsx';
import { Facts } from '../org/DistrictFacts.tsx';
import { PasswordForm } from './PasswordForm.tsx';

/** The user's own profile, language and password. */
export function AccountPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('account.title')} — ${t('app.name')}`);
  const user = useCurrentUser();
  return (
    <Stack gap="md">
      <Title order={1}>{t('account.title')}</Title>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder p="md" component="section" aria-labelledby="account-profile">
          <Title order={2} size="h4" mb="sm" id="account-profile">{t('account.profile')}</Title>
          <Facts items={[
            [t('account.displayName'), user.displayName],
            [t('account.username'), user.username],
            [t('account.role'), t(`roles.${user.role}`)],
            [t('account.language'), t(`languages.${user.locale}`)],
          ]} />
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="account-password">
          <Title order={2} size="h4" mb="sm" id="account-password">{t('account.passwordTitle')}</Title>
          <PasswordForm />
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}
