import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../i18n/index.ts';
import { rememberSession, savePreferences } from '../auth/auth.api.ts';
import { useCurrentUser } from '../auth/session.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

/** The header's language switch: a choice is also saved to the account, so it follows the user to other devices. */
export function AccountLanguageSwitch() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const user = useCurrentUser();
  const save = useMutation({
    mutationFn: savePreferences,
    onSuccess: (answer) => rememberSession(queryClient, answer),
    onError: (error) => notifications.show({ color: 'red', title: t('app.errorTitle'), message: error.message }),
  });
  const onChoose = (language: Language) => {
    if (user.locale !== language) save.mutate(language);
  };
  return <LanguageSwitch onChoose={onChoose} disabled={save.isPending} />;
}
