import type * as c from '@esep/contracts';
import type { z } from 'zod';
import { api, request } from '../../app/api.ts';

/** The shapes of the reminder APIs (issue 12), from the shared contracts. */
export type Notification = z.infer<typeof c.Notification>;
export type NotificationList = z.infer<typeof c.NotificationList>;
export type NotificationSettings = z.infer<typeof c.NotificationSettings>;
export type NotificationSettingsBody = z.input<typeof c.NotificationSettingsBody>;
export type MarkReadResult = z.infer<typeof c.MarkReadResult>;
export type Delivery = z.infer<typeof c.Delivery>;
export type DeliveryLog = z.infer<typeof c.DeliveryLog>;
export type DeliveryStatus = Delivery['status'];
export type DeliveryChannel = Delivery['channel'];
export type DeliveryRecipient = Delivery['recipient'];
export type DeliveryRecipientKind = DeliveryRecipient['kind'];
export type SubscriptionMessageKind = c.SubscriptionMessageKind;
export type Channel = NotificationSettings['channels'][number];
export type NotificationKind = Notification['kind'];
export type OutboxMessage = z.infer<typeof c.OutboxMessage>;
export type Outbox = z.infer<typeof c.Outbox>;

export interface DeliveryFilters {
  status?: DeliveryStatus | undefined;
  channel?: DeliveryChannel | undefined;
  /** Issue 13: staff, or residents' subscriptions. */
  recipient?: DeliveryRecipientKind | undefined;
}

export const notificationKeys = {
  all: ['notifications'] as const,
  count: ['notifications', 'count'] as const,
  // The texts come in the reader's language: another language is another list.
  list: (language: string) => ['notifications', 'list', language] as const,
  lists: ['notifications', 'list'] as const,
  settings: ['notifications', 'settings'] as const,
  deliveries: (filters: DeliveryFilters) => ['deliveries', filters] as const,
  outbox: ['deliveries', 'outbox'] as const,
};

/** A page of the bell, newest first; the first page's `unread` counts all unread ones. */
export const fetchNotifications = (query: { cursor?: string | undefined; limit: number }, signal?: AbortSignal) =>
  api.get<NotificationList>('/notifications', { ...query }, signal);

/** Marks these reminders read, or all of them when `ids` is absent. */
export const markRead = (ids?: readonly string[]) =>
  api.post<MarkReadResult>('/notifications/read', ids ? { ids } : {});

export const fetchSettings = (signal?: AbortSignal) =>
  api.get<NotificationSettings>('/notifications/settings', undefined, signal);
export const saveSettings = (body: NotificationSettingsBody) =>
  request<NotificationSettings>('/notifications/settings', { method: 'PUT', body });

/** The delivery log (administrator). */
export const fetchDeliveries = (query: DeliveryFilters & { cursor?: string | undefined; limit: number }, signal?: AbortSignal) =>
  api.get<DeliveryLog>('/deliveries', { ...query }, signal);

/** Development only: what would have gone out. Answers 404 on any other server. */
export const fetchOutbox = (signal?: AbortSignal) => api.get<Outbox>('/dev/outbox', undefined, signal);
