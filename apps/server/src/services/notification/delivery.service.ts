import { TemplateVariableMissing, type Locale } from '@esep/contracts';
import {
  claimDelivery, deliveriesToWake, insertDeliveries, markDigested, notificationsByIds, recipientOf,
  setDeliveryStatus, settingsOf, settleDelivery, stuckDeliveries, undigested, type DeliveryRow, type NotificationSettingsRow,
} from '@esep/db';
import { digestDue, MAX_ATTEMPTS, maskAddress, redactAddress, retryAt, type DeliveryChannelName } from '@esep/domain';
import { ChannelError, type Channels } from '../../notifications/channel.ts';
import { QUEUES, type JobQueue } from '../../jobs/job.queue.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { renderDigest, renderNotification } from './notification.render.ts';
import { subscriberMessage, subscriberTarget } from '../subs/subscription.render.ts';

/*
 * Issue 12, part 2: each message is delivered once. The queue may run a job twice; the delivery
 * row may not: a worker claims it (queued/held/retrying → sending, one UPDATE), calls the
 * provider, and records the answer only on a row it still holds. A worker that stops between the
 * provider's answer and the record leaves the row `sending`; the sweep finds it past its lease
 * and calls it `unknown` — resent only when the channel de-duplicates on the key, since
 * otherwise a resend could be the second copy.
 */
export interface DeliveryDeps {
  jobs: JobQueue;
  channels: Channels;
  publicUrl?: string;
  /** How long a claim is trusted before the sweep calls its worker gone (longer than a send's timeout). */
  leaseMs: number;
  /** Longest wait for a provider. */
  sendTimeoutMs: number;
}

const ADDRESS: Record<DeliveryChannelName, keyof Pick<NotificationSettingsRow, 'email' | 'telegramChatId' | 'phone' | 'whatsapp'>> = {
  email: 'email', telegram: 'telegramChatId', sms: 'phone', whatsapp: 'whatsapp',
};

export type DeliverOutcome = 'sent' | 'retrying' | 'failed' | 'skipped' | 'not_claimed';

/** Sends one delivery (the `deliver` job). */
export async function deliver(ctx: ServiceContext, deps: DeliveryDeps, deliveryId: string): Promise<DeliverOutcome> {
  const claimed = await claimDelivery(ctx.db, deliveryId, ctx.now());
  if (!claimed) return 'not_claimed';
  const channelName = claimed.channel as DeliveryChannelName;
  const finish = async (values: Parameters<typeof settleDelivery>[2], outcome: DeliverOutcome, requeueAt?: Date) => {
    await inTransaction(ctx, async (tx) => {
      const settled = await settleDelivery(tx, claimed.id, values);
      if (settled && requeueAt) await deps.jobs.send(tx, QUEUES.deliver, { deliveryId: claimed.id }, { startAfter: requeueAt });
    });
    return outcome;
  };
  const channel = deps.channels[channelName];
  if (!channel) return finish({ status: 'skipped', error: 'channel_not_configured', updatedAt: ctx.now() }, 'skipped');

  // Issue 13: a message to a resident's subscription takes its address and language from the subscription.
  const target = claimed.subscriptionId ? await subscriberTarget(ctx.db, claimed) : null;
  if (target && 'skip' in target) return finish({ status: 'skipped', error: target.skip, updatedAt: ctx.now() }, 'skipped');
  const [settings] = target || !claimed.userId ? [] : await settingsOf(ctx.db, [claimed.userId]);
  const address = target ? target.address : settings?.[ADDRESS[channelName]] ?? null;
  if (!address) return finish({ status: 'skipped', error: 'no_address', updatedAt: ctx.now() }, 'skipped');
  if (!channel.validAddress(address)) return finish({ status: 'skipped', error: 'address_invalid', updatedAt: ctx.now() }, 'skipped');

  let message: { title: string; body: string; link: string | null; locale: Locale; headers?: Record<string, string> | undefined };
  try {
    message = target
      ? await subscriberMessage(ctx.db, deps.publicUrl, claimed, target)
      : await messageOf(ctx, deps, claimed, (settings?.locale as Locale | null) ?? null);
  } catch (error) {
    if (error instanceof TemplateVariableMissing) return finish({ status: 'skipped', error: `template_variable_missing:${error.variable}`, updatedAt: ctx.now() }, 'skipped');
    // Never left `sending` (which would read as "outcome unknown"): nothing was sent.
    return finish({ status: 'failed', error: `render_error: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500), updatedAt: ctx.now() }, 'failed');
  }
  try {
    const result = await channel.send({ key: claimed.idempotencyKey, address, locale: message.locale, subject: message.title, text: message.body, ...(message.link ? { link: message.link } : {}), ...(message.headers ? { headers: message.headers } : {}) },
      AbortSignal.timeout(deps.sendTimeoutMs));
    return await finish({ status: 'sent', providerId: result.providerId, sentAt: ctx.now(), error: null, nextAttemptAt: null, updatedAt: ctx.now() }, 'sent');
  } catch (error) {
    const failure = error instanceof ChannelError ? error : new ChannelError('temporary', 'error', error instanceof Error ? error.message : String(error));
    // The log shows the reason to operators: an address the provider quotes is masked there too.
    const reason = redactAddress(`${failure.reason}: ${failure.message}`, address, claimed.addressMask).slice(0, 500);
    if (failure.kind === 'permanent' || claimed.attempts >= MAX_ATTEMPTS) {
      return finish({ status: 'failed', error: failure.kind === 'permanent' ? reason : `attempts_exhausted: ${reason}`, updatedAt: ctx.now() }, 'failed');
    }
    const next = retryAt(ctx.now(), claimed.attempts, failure.retryAfterMs);
    return finish({ status: 'retrying', error: reason, nextAttemptAt: next, updatedAt: ctx.now() }, 'retrying', next);
  }
}

async function messageOf(ctx: ServiceContext, deps: DeliveryDeps, delivery: DeliveryRow, settingsLocale: Locale | null) {
  const recipient = delivery.userId ? await recipientOf(ctx.db, delivery.userId) : null;
  const locale = settingsLocale ?? (recipient?.locale as Locale | undefined) ?? 'kk';
  const ids = delivery.notificationId ? [delivery.notificationId] : delivery.payload?.notificationIds ?? [];
  const items = await notificationsByIds(ctx.db, ids);
  if (!items.length) throw new TemplateVariableMissing('notification');
  const rendered = delivery.notificationId ? renderNotification(items[0]!, locale, deps.publicUrl) : renderDigest(items, locale, deps.publicUrl);
  return { ...rendered, locale };
}

export interface SweepResult { unknown: number; resent: number; woken: number; digests: number }

/**
 * The sweep (every minute, and once when a process starts): settles deliveries whose worker
 * stopped mid-send, wakes deliveries whose job was lost, and makes the daily digests that are due.
 */
export async function sweepDeliveries(ctx: ServiceContext, deps: DeliveryDeps): Promise<SweepResult> {
  const now = ctx.now();
  const result: SweepResult = { unknown: 0, resent: 0, woken: 0, digests: 0 };
  for (const d of await stuckDeliveries(ctx.db, new Date(now.getTime() - deps.leaseMs))) {
    const idempotent = deps.channels[d.channel as DeliveryChannelName]?.idempotent === true;
    await inTransaction(ctx, async (tx) => {
      if (idempotent) {
        if (await setDeliveryStatus(tx, d.id, 'sending', { status: 'retrying', nextAttemptAt: now, error: 'outcome_unknown: resent with the same key', updatedAt: now })) {
          await deps.jobs.send(tx, QUEUES.deliver, { deliveryId: d.id });
          result.resent += 1;
        }
      } else if (await setDeliveryStatus(tx, d.id, 'sending', { status: 'unknown', error: 'outcome_unknown: the worker stopped after sending began; not resent, the channel cannot tell a copy', updatedAt: now })) {
        result.unknown += 1;
      }
    });
  }
  for (const d of await deliveriesToWake(ctx.db, now, new Date(now.getTime() - deps.leaseMs))) {
    await inTransaction(ctx, (tx) => deps.jobs.send(tx, QUEUES.deliver, { deliveryId: d.id }));
    result.woken += 1;
  }
  result.digests = await makeDigests(ctx, deps);
  return result;
}

/** One digest per digest user and channel, once a day from their hour, of what is not yet in one. */
async function makeDigests(ctx: ServiceContext, deps: DeliveryDeps): Promise<number> {
  const now = ctx.now();
  const byUser = new Map<string, { settings: NotificationSettingsRow; ids: string[] }>();
  for (const { notification, settings } of await undigested(ctx.db, now)) {
    if (!digestDue(settings.digestAt, now).due) continue;
    const entry = byUser.get(settings.userId) ?? { settings, ids: [] };
    entry.ids.push(notification.id);
    byUser.set(settings.userId, entry);
  }
  let made = 0;
  for (const { settings, ids } of byUser.values()) {
    const date = digestDue(settings.digestAt, now).date;
    await inTransaction(ctx, async (tx) => {
      const rows = (settings.channels as DeliveryChannelName[]).map((channel) => {
        const address = settings[ADDRESS[channel]];
        return {
          notificationId: null, userId: settings.userId, kind: 'digest', channel, idempotencyKey: `digest:${settings.userId}:${date}:${channel}:${ids[0]}`,
          status: (address ? 'queued' : 'skipped') as DeliveryRow['status'], addressMask: address ? maskAddress(address) : null, attempts: 0,
          nextAttemptAt: address ? now : null, error: address ? null : 'no_address', payload: { notificationIds: ids, date }, createdAt: now, updatedAt: now,
        };
      });
      for (const d of await insertDeliveries(tx, rows)) if (d.status === 'queued') await deps.jobs.send(tx, QUEUES.deliver, { deliveryId: d.id });
      await markDigested(tx, ids, now);
    });
    made += 1;
  }
  return made;
}

