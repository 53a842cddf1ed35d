import 'i18next';
import type en from './locales/en.json';
import type meetings from './locales/meetings.en.json';
import type live from './locales/live.en.json';
import type report from './locales/report.en.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en; meetings: typeof meetings; live: typeof live; report: typeof report };
  }
}
