import type { Channel, DeliveryChannel, DeliveryRecipientKind, DeliveryStatus, NotificationKind, SubscriptionMessageKind } from './notifications.api.ts';
import { PALETTE } from '../../app/design.ts';

/*
 * The reminder API's enumerations, in the order the UI lists them. Written out rather than
 * imported from the contracts (whose zod schemas would come into the bundle with them);
 * `notifications.locales.test.ts` checks they match.
 */
export const CHANNELS = ['email', 'telegram', 'sms', 'whatsapp'] as const satisfies readonly Channel[];
export const DELIVERY_CHANNELS = [...CHANNELS, 'none'] as const satisfies readonly DeliveryChannel[];
export const DELIVERY_STATUSES = [
  'queued', 'held', 'sending', 'retrying', 'sent', 'failed', 'unknown', 'skipped',
] as const satisfies readonly DeliveryStatus[];
export const NOTIFICATION_KINDS = [
  'quarter_at_risk', 'notice_due_soon', 'notice_due_today', 'protocol_unsigned', 'check_due', 'check_overdue',
  'forwarding_due', 'forwarding_overdue', 'initiator_not_notified', 'invitation_pending',
] as const satisfies readonly NotificationKind[];
/** Issue 13: who a delivery went to — a staff account or a resident's subscription. */
export const DELIVERY_RECIPIENTS = ['staff', 'subscriber'] as const satisfies readonly DeliveryRecipientKind[];
/** Issue 13: the messages a resident's subscription receives (the contracts' SUBSCRIPTION_MESSAGE_KINDS). */
export const SUBSCRIPTION_KINDS = [
  'sub_confirm', 'sub_code', 'sub_announced', 'sub_changed', 'sub_postponed', 'sub_cancelled', 'sub_reminder', 'sub_outcomes',
] as const satisfies readonly SubscriptionMessageKind[];

/**
 * Badge colours of a delivery's state: white text on each keeps a contrast of at least 4.5:1
 * (`options.test.ts` measures it). The text says the state; the colour only repeats it.
 */
export const STATUS_COLORS: Record<DeliveryStatus, string> = {
  queued: PALETTE.info, held: PALETTE.accent, sending: PALETTE.progress, retrying: PALETTE.warning,
  sent: PALETTE.success, failed: PALETTE.danger, unknown: PALETTE.special, skipped: PALETTE.neutral,
};

/** The reasons the delivery engine writes in `error` that the log explains in words. */
export const ERROR_REASONS = [
  'no_channel', 'no_address', 'channel_not_configured', 'address_invalid', 'template_variable_missing',
  'attempts_exhausted', 'outcome_unknown', 'timeout',
] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];

/** The known reason an error text starts with (`attempts_exhausted: smtp_421` → attempts_exhausted), if any. */
export function errorReason(error: string | null): ErrorReason | null {
  if (!error) return null;
  const head = error.split(/[:\s]/, 1)[0] ?? '';
  return (ERROR_REASONS as readonly string[]).includes(head) ? (head as ErrorReason) : null;
}

export function isKind(kind: string): kind is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(kind);
}

export function isSubscriptionKind(kind: string): kind is SubscriptionMessageKind {
  return (SUBSCRIPTION_KINDS as readonly string[]).includes(kind);
}

/**
 * Whether a reminder's link stays inside Esep: a path of this app, never another site (the link
 * comes from the server, but a link that leaves the app would be a trap to follow).
 */
export function isAppPath(link: string | null): link is string {
  return typeof link === 'string' && link.startsWith('/') && !link.startsWith('//') && !link.includes('\\');
}
