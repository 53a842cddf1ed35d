import { notifications } from '@mantine/notifications';
import i18next from 'i18next';

/**
 * A short confirmation; its close button has a name for screen readers. Issue 14: one at a time —
 * a new one replaces the last, so confirmations never stack over the screen on a phone.
 */
export function notifyDone(message: string): void {
  notifications.clean();
  notifications.show({ color: 'green', message, autoClose: 3000, closeButtonProps: { 'aria-label': i18next.t('meetings:common.close') } });
}
