import { z } from 'zod';
import { Locale } from './error.contract.ts';

/*
 * Issue 12: reminders staff get in Esep (the bell) and, as each chooses, by e-mail, Telegram, SMS
 * or WhatsApp. Each kind names the rule whose deadline it guards.
 */
export const NOTIFICATION_KINDS = [
  'quarter_at_risk', // the district has no meeting held this quarter and little time is left
  'notice_due_soon', // the notice deadline (10 days before the meeting) is in 3 days
  'notice_due_today', // the notice deadline is today
  'protocol_unsigned', // 20:00 Almaty on the meeting day and the protocol is not signed
  'check_due', // a check is due tomorrow
  'check_overdue', // a check is past its due date
  'forwarding_due', // a forwarding is due tomorrow
  'forwarding_overdue', // a forwarding is past its due date
  'initiator_not_notified', // the person who raised a forwarded item has not been told
  'invitation_pending', // an invitation to the meeting has no answer yet
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_RULE: Record<NotificationKind, string> = {
  quarter_at_risk: 'R-22.13',
  notice_due_soon: 'R-27.1',
  notice_due_today: 'R-27.1',
  protocol_unsigned: 'R-32.3',
  check_due: 'R-32.4',
  check_overdue: 'R-32.4',
  forwarding_due: 'R-32.5',
  forwarding_overdue: 'R-32.5',
  initiator_not_notified: 'R-32.5',
  invitation_pending: 'R-26',
};

export const DELIVERY_CHANNELS = ['email', 'telegram', 'sms', 'whatsapp'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/**
 * A delivery's life: `queued` → `sending` (claimed by one worker) → `sent`; or → `retrying`
 * (temporary failure, `nextAttemptAt`) → `sending` …; or → `failed` (permanent, or attempts used
 * up; `error` says why); `unknown` when a worker stopped between the provider's answer and the
 * record (never resent unless the channel de-duplicates); `skipped` when it could not be sent at
 * all (no address, address malformed, channel not configured) — `error` says which; `held` while
 * quiet hours or the daily digest keep it back.
 */
export const DELIVERY_STATUS_VALUES = ['queued', 'held', 'sending', 'retrying', 'sent', 'failed', 'unknown', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUS_VALUES)[number];

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const Email = z.email().max(254);
/** E.164: + then 8–15 digits, no leading zero (Kazakhstan: +7 7xx xxx xx xx). */
export const E164 = z.string().regex(/^\+[1-9]\d{7,14}$/, 'E.164 phone number, e.g. +77011234567');
/** A Telegram chat id: a user's (positive) or a group's (negative) integer. */
export const TelegramChatId = z.string().regex(/^-?\d{1,20}$/, 'a Telegram chat id (digits)');

export const NotificationSettings = z.object({
  /** Channels to deliver through besides the bell, in order of preference. */
  channels: z.array(z.enum(DELIVERY_CHANNELS)).max(4),
  email: Email.nullable(),
  telegramChatId: TelegramChatId.nullable(),
  phone: E164.nullable(),
  whatsapp: E164.nullable(),
  /** Quiet hours in Almaty time: messages due inside are held until `quietTo`. Both or neither. */
  quietFrom: Time.nullable(),
  quietTo: Time.nullable(),
  /** One message a day at `digestAt` (Almaty) instead of one per reminder. */
  digest: z.boolean(),
  digestAt: Time,
  /** The language of the messages; the user's interface language when null. */
  locale: Locale.nullable(),
}).meta({ id: 'NotificationSettings' });
export type NotificationSettings = z.infer<typeof NotificationSettings>;

export const NotificationSettingsBody = NotificationSettings.extend({
  /** Consent to keep the phone number, chat id and e-mail for reminders (personal data). */
  consent: z.literal(true).optional(),
}).strict().refine((s) => (s.quietFrom === null) === (s.quietTo === null), { path: ['quietTo'], message: 'quiet hours need both ends' })
  .meta({ id: 'NotificationSettingsBody' });
export type NotificationSettingsBody = z.infer<typeof NotificationSettingsBody>;

export const Notification = z.object({
  id: z.uuid(),
  kind: z.enum(NOTIFICATION_KINDS),
  rule: z.string(),
  /** The text in the request's language, rendered from the same template as the messages. */
  title: z.string(),
  body: z.string(),
  /** The Esep page to act on it (relative), if any. */
  link: z.string().nullable(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
}).meta({ id: 'Notification' });
export type Notification = z.infer<typeof Notification>;

export const NotificationList = z.object({
  items: z.array(Notification),
  unread: z.number().int(),
  nextCursor: z.string().nullable(),
}).meta({ id: 'NotificationList' });

/** Issue 13: a message goes to a staff account, or to a resident's subscription to her district. */
export const DELIVERY_RECIPIENT_KINDS = ['staff', 'subscriber'] as const;
export type DeliveryRecipientKind = (typeof DELIVERY_RECIPIENT_KINDS)[number];

/**
 * Who a delivery went to. A staff member by name; a subscriber only by her district — never her
 * contact: the address appears masked (`address`) and nowhere else, and no subscription id is given.
 */
export const DeliveryRecipient = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('staff'), id: z.uuid(), name: z.string() }),
  z.object({ kind: z.literal('subscriber'), district: z.object({ id: z.uuid(), code: z.string(), nameKk: z.string(), nameRu: z.string() }) }),
]).meta({ id: 'DeliveryRecipient' });
export type DeliveryRecipient = z.infer<typeof DeliveryRecipient>;

export const Delivery = z.object({
  id: z.uuid(),
  notificationId: z.uuid().nullable(),
  kind: z.string(),
  /** `none`: the user has chosen no channel; the reminder is in the bell only. */
  channel: z.enum([...DELIVERY_CHANNELS, 'none']),
  /**
   * The address, masked (personal data never shown whole in the log): a subscriber's as
   * `a***@m***.kz`, `+7 *** *** 12 34` or a Telegram chat `****1234`; null once she withdrew consent.
   */
  address: z.string().nullable(),
  recipient: DeliveryRecipient,
  status: z.enum(DELIVERY_STATUS_VALUES),
  attempts: z.number().int(),
  error: z.string().nullable(),
  providerId: z.string().nullable(),
  createdAt: z.iso.datetime(),
  nextAttemptAt: z.iso.datetime().nullable(),
  sentAt: z.iso.datetime().nullable(),
}).meta({ id: 'Delivery' });
export type Delivery = z.infer<typeof Delivery>;

/** A keyset position in a newest-first list: opaque to clients (base64url of the last row's time and id). */
export const Cursor = z.string().max(200).regex(/^[A-Za-z0-9_-]+$/, 'cursor');

export const NotificationListQuery = z.object({
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
}).strict();

export const MarkReadBody = z.object({
  /** These notifications (the user's own); all unread ones when absent. */
  ids: z.array(z.uuid()).min(1).max(200).optional(),
}).strict().meta({ id: 'MarkReadBody' });

export const MarkReadResult = z.object({ marked: z.number().int(), unread: z.number().int() }).meta({ id: 'MarkReadResult' });

export const DeliveryLogQuery = z.object({
  status: z.enum(DELIVERY_STATUS_VALUES).optional(),
  channel: z.enum([...DELIVERY_CHANNELS, 'none']).optional(),
  /** Issue 13: only messages to staff, or only those to residents' subscriptions. */
  recipient: z.enum(DELIVERY_RECIPIENT_KINDS).optional(),
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict();

export const DeliveryLog = z.object({
  items: z.array(Delivery),
  nextCursor: z.string().nullable(),
}).meta({ id: 'DeliveryLog' });

/** What the development outbox shows: each message as it would have gone out. */
export const OutboxMessage = z.object({
  channel: z.enum(DELIVERY_CHANNELS),
  address: z.string(),
  subject: z.string(),
  text: z.string(),
  link: z.string().nullable(),
  key: z.string(),
  at: z.iso.datetime(),
}).meta({ id: 'OutboxMessage' });
export const Outbox = z.object({ items: z.array(OutboxMessage) }).meta({ id: 'Outbox' });
