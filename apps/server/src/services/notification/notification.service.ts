import type { Delivery, DeliveryRecipient, Locale, Notification, NotificationKind, NotificationSettings, NotificationSettingsBody } from '@esep/contracts';
import { NOTIFICATION_RULE } from '@esep/contracts';
import { bellOf, deliveryLog, markRead, settingsOf, unreadCount, upsertSettings, type DeliveryLogFilter, type NotificationRow } from '@esep/db';
import { AppError } from '../../http/app-error.ts';
import { inTransaction, requireActor, type ServiceContext } from '../context.ts';
import { renderNotification } from './notification.render.ts';

/*
 * Issue 12: what a user sees of his reminders (the bell), how he wants them, and what operators
 * see of their delivery. Every read is the user's own: the bell and the settings take the user
 * from the session, never from the request.
 */
const DEFAULT_SETTINGS: NotificationSettings = {
  channels: [], email: null, telegramChatId: null, phone: null, whatsapp: null,
  quietFrom: null, quietTo: null, digest: false, digestAt: '18:00', locale: null,
};

export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): { createdAt: Date; id: string } | undefined {
  if (!cursor) return undefined;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id ?? '')) throw new AppError('validation_failed', [{ field: 'cursor', reason: 'cursor' }]);
  return { createdAt, id: id! };
}

function shown(n: NotificationRow, locale: Locale): Notification {
  let title: string;
  let body: string;
  try {
    ({ title, body } = renderNotification(n, locale));
  } catch {
    // A reminder whose template cannot be filled is still shown, by its rule, not hidden.
    title = n.kind;
    body = NOTIFICATION_RULE[n.kind as NotificationKind] ?? n.rule;
  }
  return {
    id: n.id, kind: n.kind as NotificationKind, rule: n.rule, title, body, link: n.link,
    createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null,
  };
}

export async function bell(ctx: ServiceContext, query: { cursor?: string | undefined; limit: number }) {
  const actor = requireActor(ctx);
  const rows = await bellOf(ctx.db, actor.id, query.limit + 1, decodeCursor(query.cursor));
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((n) => shown(n, ctx.locale ?? 'kk')),
    unread: await unreadCount(ctx.db, actor.id),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}

export async function markNotificationsRead(ctx: ServiceContext, ids: readonly string[] | undefined) {
  const actor = requireActor(ctx);
  // Marking read changes only the reader's own view: not an audited record of the case.
  const marked = await markRead(ctx.db, actor.id, ctx.now(), ids);
  return { marked, unread: await unreadCount(ctx.db, actor.id) };
}

export async function mySettings(ctx: ServiceContext): Promise<NotificationSettings> {
  const actor = requireActor(ctx);
  const [row] = await settingsOf(ctx.db, [actor.id]);
  if (!row) return DEFAULT_SETTINGS;
  return {
    channels: row.channels as NotificationSettings['channels'], email: row.email, telegramChatId: row.telegramChatId, phone: row.phone, whatsapp: row.whatsapp,
    quietFrom: row.quietFrom, quietTo: row.quietTo, digest: row.digest, digestAt: row.digestAt, locale: row.locale as Locale | null,
  };
}

const ADDRESS_FIELDS = ['email', 'telegramChatId', 'phone', 'whatsapp'] as const;

/**
 * Saves the user's reminder settings. Addresses are personal data: keeping any needs the user's
 * consent, recorded once (`consent: true`) and kept while addresses are kept; the audit entry
 * says which addresses changed, never their values.
 */
export async function saveSettings(ctx: ServiceContext, body: NotificationSettingsBody): Promise<NotificationSettings> {
  const actor = requireActor(ctx);
  const hasAddress = ADDRESS_FIELDS.some((f) => body[f]);
  const chosenWithoutAddress = body.channels.filter((c) => !body[c === 'email' ? 'email' : c === 'telegram' ? 'telegramChatId' : c === 'sms' ? 'phone' : 'whatsapp']);
  if (chosenWithoutAddress.length) {
    throw new AppError('validation_failed', chosenWithoutAddress.map((c) => ({ field: 'channels', reason: `${c}_address_missing` })));
  }
  await inTransaction(ctx, async (tx, audit) => {
    const [before] = await settingsOf(tx, [actor.id]);
    const consentAt = hasAddress ? (before?.consentAt ?? (body.consent ? ctx.now() : null)) : null;
    if (hasAddress && !consentAt) throw new AppError('consent_required');
    const { consent: _consent, ...values } = body;
    await upsertSettings(tx, { userId: actor.id, ...values, consentAt, updatedAt: ctx.now() });
    await audit({
      action: 'notification_settings.update', entityType: 'user', entityId: actor.id,
      before: before ? { channels: before.channels, digest: before.digest, quiet: [before.quietFrom, before.quietTo] } : null,
      after: {
        channels: body.channels, digest: body.digest, quiet: [body.quietFrom, body.quietTo],
        addressesChanged: ADDRESS_FIELDS.filter((f) => (before?.[f] ?? null) !== body[f]),
        consentRecorded: !before?.consentAt && Boolean(consentAt),
      },
    });
  });
  // Read after the commit: inside, `ctx.db` would wait for the transaction's own connection (PGlite).
  return mySettings(ctx);
}

/** The delivery log (operators): newest first, filtered by state, channel and kind of recipient. */
export async function deliveries(ctx: ServiceContext, query: { status?: DeliveryLogFilter['status']; channel?: string | undefined; recipient?: DeliveryLogFilter['recipient']; cursor?: string | undefined; limit: number }) {
  const rows = await deliveryLog(ctx.db, { status: query.status, channel: query.channel, recipient: query.recipient, userIds: null, before: decodeCursor(query.cursor) }, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1)?.delivery;
  return {
    items: page.map(({ delivery: d, userName, subscriberDistrict }): Delivery => ({
      id: d.id, notificationId: d.notificationId, kind: d.kind, channel: d.channel as Delivery['channel'], address: d.addressMask,
      recipient: recipientView(d.userId, userName, subscriberDistrict),
      status: d.status, attempts: d.attempts, error: d.error, providerId: d.providerId,
      createdAt: d.createdAt.toISOString(), nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null, sentAt: d.sentAt?.toISOString() ?? null,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}

/** A staff member by name; a subscriber (issue 13) by her district alone, her address only as the row's mask. */
function recipientView(userId: string | null, userName: string | null, district: Extract<DeliveryRecipient, { kind: 'subscriber' }>['district'] | null): DeliveryRecipient {
  if (userId) return { kind: 'staff', id: userId, name: userName ?? '' };
  if (!district) throw new Error('a delivery without its recipient'); // deliveries_recipient_check: a user or a subscription
  return { kind: 'subscriber', district };
}
