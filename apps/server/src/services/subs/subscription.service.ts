import { TELEGRAM_START_REPLIES, renderTemplate, type Locale } from '@esep/contracts';
import {
  countCodeAttempt, districtByCode, districtCodeOf, forgetDeliveryAddresses, insertDeliveries, insertSubscription, subscriptionById, subscriptionByStartCode, updateSubscription,
  type SubscriptionRow,
} from '@esep/db';
import { maskSubscriberAddress } from '@esep/domain';
import { AppError } from '../../http/app-error.ts';
import { QUEUES } from '../../jobs/job.queue.ts';
import type { Channels } from '../../notifications/channel.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import type { Waker } from './subscription.fanout.ts';
import { confirmationCode, linkKey, makeToken, newStartCode, readToken, sameCode, startCodeHash } from './subscription.tokens.ts';

/*
 * Issue 13, part 4: a resident subscribes to her district's meetings, confirms that the address
 * is hers, and leaves with one click. Only confirmed subscriptions get messages. The address is
 * personal data kept with her consent (Law 94-V: the consent text's version and time are stored);
 * withdrawing consent erases it, leaving a trace without the contact. Audit entries name ids
 * and channels, never addresses.
 */
export const SUBS_CONSENT_VERSION = 'subs-2026-1';
export const CODE_TTL_MS = 15 * 60_000;
export const CODE_MAX_ATTEMPTS = 5;
export const CONFIRM_TTL_MS = 7 * 86_400_000;
/** A Telegram deep link not opened within a day is stale. */
export const START_TTL_MS = 86_400_000;

const NO_DISTRICT = { kk: 'Мұндай коды бар учаске жоқ', ru: 'Участка с таким кодом нет', en: 'There is no district with this code' };

export const SUBS_CHANNELS = ['email', 'telegram', 'sms', 'whatsapp'] as const;
export type SubsChannel = (typeof SUBS_CHANNELS)[number];
export const SUBS_KINDS = ['announcements', 'reminder', 'outcomes'] as const;

export interface SubscribeInput {
  channel: SubsChannel;
  /** E-mail or E.164 phone; none for Telegram. */
  address: string | null;
  kinds: Array<(typeof SUBS_KINDS)[number]>;
  locale: Locale;
  consent: boolean;
}

export interface SubsDeps {
  jobs: Waker;
  channels: Channels;
  /** The bot's username for the deep link; null: Telegram is not offered. */
  telegramBot: string | null;
}

/** The channels a resident may choose on this server: configured ones (Telegram also needs the bot's name). */
export function offeredChannels(deps: Pick<SubsDeps, 'channels' | 'telegramBot'>): SubsChannel[] {
  return SUBS_CHANNELS.filter((c) => deps.channels[c] && (c !== 'telegram' || deps.telegramBot));
}

export type SubscribeOutcome =
  | { next: 'email'; id: string }
  | { next: 'code'; id: string }
  | { next: 'telegram'; id: string; deepLink: string };

export async function subscribe(ctx: ServiceContext, deps: SubsDeps, districtCode: string, input: SubscribeInput): Promise<SubscribeOutcome> {
  const district = await districtByCode(ctx.db, districtCode);
  if (!district) throw new AppError('not_found', { field: 'code' }, 404, NO_DISTRICT);
  if (!input.consent) throw new AppError('consent_required');
  const channel = deps.channels[input.channel];
  if (!offeredChannels(deps).includes(input.channel) || !channel) throw new AppError('validation_failed', [{ field: 'channel', reason: 'channel_not_offered' }]);
  const address = input.channel === 'telegram' ? null : (input.address ?? '').trim();
  if (address !== null && !(input.channel === 'email' ? /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address) && address.length <= 254 : /^\+[1-9]\d{7,14}$/.test(address))) {
    throw new AppError('validation_failed', [{ field: 'address', reason: input.channel === 'email' ? 'email' : 'phone' }]);
  }
  if (!input.kinds.length) throw new AppError('validation_failed', [{ field: 'kinds', reason: 'empty' }]);
  const now = ctx.now();
  const key = await linkKey(ctx.db);
  const start = input.channel === 'telegram' ? newStartCode() : null;
  const row = await inTransaction(ctx, async (tx, audit) => {
    const sub = await insertSubscription(tx, {
      districtId: district.id, channel: input.channel, address, addressMask: address ? maskSubscriberAddress(input.channel, address) : null,
      kinds: [...new Set(input.kinds)], locale: input.locale, status: 'pending', consentVersion: SUBS_CONSENT_VERSION, consentAt: now,
      startCodeHash: start?.hash ?? null, codeSentAt: input.channel === 'sms' || input.channel === 'whatsapp' ? now : null, codeAttempts: 0,
      createdAt: now, updatedAt: now,
    });
    if (address) {
      const params: Record<string, string> = input.channel === 'email'
        ? { districts: district.code, link: `/s/confirm/${makeToken(key, 'c', sub.id, new Date(now.getTime() + CONFIRM_TTL_MS))}` }
        : { code: confirmationCode(key, sub.id, now) };
      const kind = input.channel === 'email' ? 'sub_confirm' : 'sub_code';
      const [d] = await insertDeliveries(tx, [{
        notificationId: null, userId: null, subscriptionId: sub.id, kind, channel: input.channel, idempotencyKey: `sub:${sub.id}:${kind}:${now.getTime()}`,
        status: 'queued', addressMask: sub.addressMask, attempts: 0, nextAttemptAt: now, error: null, payload: { params }, createdAt: now, updatedAt: now,
      }]);
      if (d && deps.jobs) await deps.jobs.send(tx, QUEUES.deliver, { deliveryId: d.id });
    }
    await audit({ action: 'subscription.create', entityType: 'subscription', entityId: sub.id, after: { districtId: district.id, channel: input.channel, kinds: sub.kinds, locale: sub.locale, consentVersion: SUBS_CONSENT_VERSION } });
    return sub;
  });
  if (start) return { next: 'telegram', id: row.id, deepLink: `https://t.me/${deps.telegramBot}?start=${start.code}` };
  return { next: input.channel === 'email' ? 'email' : 'code', id: row.id };
}

export type LinkOutcome = 'confirmed' | 'already' | 'invalid' | 'expired' | 'ended';

async function confirm(ctx: ServiceContext, sub: SubscriptionRow, how: string, patch: Partial<SubscriptionRow> = {}): Promise<boolean> {
  return inTransaction(ctx, async (tx, audit) => {
    const done = await updateSubscription(tx, sub.id, 'pending', { ...patch, status: 'confirmed', confirmedAt: ctx.now(), updatedAt: ctx.now() });
    if (done) await audit({ action: 'subscription.confirm', entityType: 'subscription', entityId: sub.id, after: { channel: sub.channel, how } });
    return Boolean(done);
  });
}

/** The e-mail's double opt-in link. */
/**
 * What an e-mail confirmation link would do, without doing it. Mail scanners and link previews
 * open every link in a message (GET); the address is confirmed only by the page's button (POST),
 * so a scanner cannot subscribe someone who never clicked.
 */
export async function confirmLinkTarget(ctx: ServiceContext, token: string): Promise<{ outcome: Exclude<LinkOutcome, 'confirmed'> } | { outcome: 'pending'; sub: SubscriptionRow }> {
  const check = readToken(await linkKey(ctx.db), 'c', token, ctx.now());
  if (!check.ok) return { outcome: check.reason };
  const sub = await subscriptionById(ctx.db, check.id);
  if (!sub) return { outcome: 'invalid' };
  if (sub.status === 'confirmed') return { outcome: 'already' };
  if (sub.status !== 'pending') return { outcome: 'ended' };
  return { outcome: 'pending', sub };
}

export async function confirmByLink(ctx: ServiceContext, token: string): Promise<LinkOutcome> {
  const target = await confirmLinkTarget(ctx, token);
  if (target.outcome !== 'pending') return target.outcome;
  return (await confirm(ctx, target.sub, 'email_link')) ? 'confirmed' : 'already';
}

export type CodeOutcome = { result: 'confirmed' | 'already' | 'locked' | 'expired' | 'invalid' } | { result: 'wrong'; left: number };

/** The SMS/WhatsApp code: 15 minutes, five tries; the fifth wrong one locks the subscription's code. */
export async function confirmByCode(ctx: ServiceContext, id: string, code: string): Promise<CodeOutcome> {
  const sub = await subscriptionById(ctx.db, id);
  if (!sub || !sub.codeSentAt) return { result: 'invalid' };
  if (sub.status === 'confirmed') return { result: 'already' };
  if (sub.status !== 'pending') return { result: 'invalid' };
  if (sub.codeAttempts >= CODE_MAX_ATTEMPTS) return { result: 'locked' };
  if (ctx.now().getTime() - sub.codeSentAt.getTime() > CODE_TTL_MS) return { result: 'expired' };
  if (sameCode(confirmationCode(await linkKey(ctx.db), sub.id, sub.codeSentAt), code.trim())) {
    return { result: (await confirm(ctx, sub, 'code')) ? 'confirmed' : 'already' };
  }
  const attempts = await countCodeAttempt(ctx.db, sub.id, ctx.now());
  if (attempts === null) return { result: 'invalid' };
  const left = CODE_MAX_ATTEMPTS - attempts;
  return left <= 0 ? { result: 'locked' } : { result: 'wrong', left };
}

/**
 * The bot's `/start <code>` update: the deep link's code names a pending Telegram subscription,
 * whose address becomes this chat. A bad or stale code stores nothing; the chat is told either way.
 */
export async function telegramStart(ctx: ServiceContext, deps: Pick<SubsDeps, 'channels'>, chatId: string, text: string): Promise<'confirmed' | 'bad_code' | 'hello'> {
  const code = /^\/start(?:@\w+)?\s+([A-Za-z0-9_-]{1,64})\s*$/.exec(text.trim())?.[1];
  let outcome: 'confirmed' | 'bad_code' | 'hello' = code ? 'bad_code' : 'hello';
  let locale: Locale = 'kk';
  let districts = '';
  if (code) {
    const sub = await subscriptionByStartCode(ctx.db, startCodeHash(code));
    if (sub && sub.status === 'pending' && ctx.now().getTime() - sub.createdAt.getTime() <= START_TTL_MS) {
      locale = sub.locale as Locale;
      const ok = await confirm(ctx, sub, 'telegram_start', { address: chatId, addressMask: maskSubscriberAddress('telegram', chatId), startCodeHash: null });
      if (ok) {
        outcome = 'confirmed';
        districts = (await districtCodeOf(ctx.db, sub.districtId)) ?? '';
      }
    }
  }
  const telegram = deps.channels.telegram;
  if (telegram) {
    const reply = TELEGRAM_START_REPLIES[outcome];
    const text = outcome === 'confirmed' ? renderTemplate(reply[locale], { districts }) : `${reply.kk}\n\n${reply.ru}\n\n${reply.en}`;
    await telegram.send({ key: `tg-start:${chatId}:${ctx.now().getTime()}`, address: chatId, locale, subject: 'Esep', text }, AbortSignal.timeout(10_000))
      .catch(() => undefined);
  }
  return outcome;
}

export type UnsubscribeOutcome = 'unsubscribed' | 'already' | 'erased' | 'invalid';

/** Reads the unsubscribe token (for the confirm page): the subscription's state, without changing it. */
export async function unsubscribeTarget(ctx: ServiceContext, token: string): Promise<SubscriptionRow | null> {
  const check = readToken(await linkKey(ctx.db), 'u', token, ctx.now());
  return check.ok ? subscriptionById(ctx.db, check.id) : null;
}

/** One click: the subscription gets nothing more. `erase` also withdraws consent: the address is erased. */
export async function unsubscribe(ctx: ServiceContext, token: string, erase: boolean): Promise<UnsubscribeOutcome> {
  const sub = await unsubscribeTarget(ctx, token);
  if (!sub) return 'invalid';
  if (sub.status === 'erased') return 'erased';
  if (!erase && sub.status === 'unsubscribed') return 'already';
  return inTransaction(ctx, async (tx, audit) => {
    const now = ctx.now();
    const patch = erase
      ? { status: 'erased' as const, address: null, addressMask: null, startCodeHash: null, endedAt: sub.endedAt ?? now, updatedAt: now }
      : { status: 'unsubscribed' as const, endedAt: now, updatedAt: now };
    const done = await updateSubscription(tx, sub.id, ['pending', 'confirmed', ...(erase ? ['unsubscribed' as const] : [])], patch);
    if (!done) return 'already';
    if (erase) await forgetDeliveryAddresses(tx, sub.id);
    // The trace of a withdrawal: which subscription, of which district, when — never the contact.
    await audit({ action: erase ? 'subscription.withdraw_consent' : 'subscription.unsubscribe', entityType: 'subscription', entityId: sub.id, before: { status: sub.status }, after: { status: done.status, districtId: sub.districtId, channel: sub.channel } });
    return erase ? 'erased' : 'unsubscribed';
  });
}

export async function unsubscribeLink(db: ServiceContext['db'], subscriptionId: string): Promise<string> {
  return `/s/unsubscribe/${makeToken(await linkKey(db), 'u', subscriptionId, null)}`;
}
