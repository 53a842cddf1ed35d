import 'i18next';
import type en from './locales/en.json';
import type meetings from './locales/meetings.en.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en; meetings: typeof meetings };
  }
}
