import { useTranslation } from 'react-i18next';
import { isLanguage, type Language } from './index.ts';

/** The current interface language; components using it re-render when it changes. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(language) ? language : 'kk';
}
