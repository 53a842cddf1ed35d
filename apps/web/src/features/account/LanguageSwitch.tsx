import { NativeSelect } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import i18n, { currentLanguage, isLanguage, LANGUAGES, rememberLanguage, type Language } from '../../i18n/index.ts';
import { rememberSession, savePreferences } from '../auth/auth.api.ts';
import { useSessionQuery } from '../auth/session.tsx';

/**
 * The interface language. Before login the choice is kept on this device; once logged in it is
 * also saved in the user's preferences, so it follows him to other devices.
 */
export function LanguageSwitch({ visibleLabel = false }: { visibleLabel?: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const session = useSessionQuery();
  const language = currentLanguage();
  const save = useMutation({
    mutationFn: savePreferences,
    onSuccess: (answer) => rememberSession(queryClient, answer),
    onError: (error) => notifications.show({ color: 'red', title: t('app.errorTitle'), message: error.message }),
  });

  const choose = (value: Language) => {
    rememberLanguage(value);
    void i18n.changeLanguage(value);
    if (session.data && session.data.user.locale !== value) save.mutate(value);
  };

  return (
    <NativeSelect
      data-testid="language-switch"
      label={visibleLabel ? t('app.language') : undefined}
      aria-label={visibleLabel ? undefined : t('app.language')}
      value={language}
      onChange={(event) => { if (isLanguage(event.currentTarget.value)) choose(event.currentTarget.value); }}
      disabled={save.isPending}
      w={visibleLabel ? undefined : 118}
      size="sm"
    >
      {LANGUAGES.map((value) => (
        <option key={value} value={value} lang={value}>{t(`languages.${value}`)}</option>
      ))}
    </NativeSelect>
  );
}
