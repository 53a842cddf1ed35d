import { notifications } from '@mantine/notifications';
import i18next from 'i18next';

/** A short confirmation; its close button has a name for screen readers. */
export function notifyDone(message: string): void {
  notifications.show({ color: 'green', message, closeButtonProps: { 'aria-label': i18next.t('meetings:common.close') } });
}
