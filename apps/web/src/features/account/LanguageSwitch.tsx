import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import i18n, { currentLanguage, isLanguage, LANGUAGES, rememberLanguage, type Language } from '../../i18n/index.ts';

/**
 * The interface language. A choice is kept in this browser and wins there over the account's
 * language (i18n/language.ts). `onChoose`: what else a choice does where the switch stands — the
 * login page saves it to the account after login, the header at once (AccountLanguageSwitch).
 */
export function LanguageSwitch({ visibleLabel = false, onChoose, disabled = false }: {
  visibleLabel?: boolean;
  onChoose?: (language: Language) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();

  const choose = (value: Language) => {
    rememberLanguage(value);
    void i18n.changeLanguage(value);
    onChoose?.(value);
  };

  return (
    <NativeSelect
      data-testid="language-switch"
      label={visibleLabel ? t('app.language') : undefined}
      aria-label={visibleLabel ? undefined : t('app.language')}
      value={language}
      onChange={(event) => { if (isLanguage(event.currentTarget.value)) choose(event.currentTarget.value); }}
      disabled={disabled}
      w={visibleLabel ? undefined : 118}
      size="sm"
    >
      {LANGUAGES.map((value) => (
        <option key={value} value={value} lang={value}>{t(`languages.${value}`)}</option>
      ))}
    </NativeSelect>
  );
}
