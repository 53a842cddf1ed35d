import 'i18next';
import type en from './locales/en.json';
import type meetings from './locales/meetings.en.json';
import type live from './locales/live.en.json';
import type report from './locales/report.en.json';
import type followup from './locales/followup.en.json';
import type protocol from './locales/protocol.en.json';
import type late from './locales/late.en.json';
import type notifications from './locales/notifications.en.json';
import type analytics from './locales/analytics.en.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en; meetings: typeof meetings; live: typeof live; report: typeof report; followup: typeof followup; protocol: typeof protocol; late: typeof late; notifications: typeof notifications; analytics: typeof analytics };
  }
}
