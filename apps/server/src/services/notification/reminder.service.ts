import { NOTIFICATION_RULE, type NotificationKind } from '@esep/contracts';
import {
  insertDeliveries, insertNotifications, markProtocolReminderSent, settingsOf, unsignedProtocolCandidates,
  type NewNotification, type NotificationSettingsRow, type Tx,
} from '@esep/db';
import { maskAddress, planDeliveries, protocolReminderAt, protocolReminderDue, reminderDates, type DeliveryChannelName, type RecipientSettings } from '@esep/domain';
import { QUEUES, type JobQueue } from '../../jobs/job.queue.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { DAY_REMINDER_SOURCES } from './reminder.sources.ts';

/*
 * Issue 12: the reminder scan. Each minute (a scheduled job, once across all processes) it asks
 * which reminders are due at the clock's `now`, and makes each once: the notification's dedupe
 * key is unique, so a second scan — another process, a job run twice, a restart — finds it made
 * and adds nothing. The notifications, their deliveries and the jobs that send them commit in
 * one transaction.
 */
export interface NotificationDeps {
  jobs: JobQueue;
  /** The channels this server can send through. */
  configured: ReadonlySet<DeliveryChannelName>;
  /** the quarter board's at-risk threshold (config.atRiskDays), which quarter_at_risk shares. */
  atRiskDays: number;
}

export interface Reminder {
  kind: NotificationKind;
  userId: string;
  subjectType: 'meeting' | 'district' | 'check' | 'forwarding' | 'invitation';
  subjectId: string;
  /** Makes the reminder once per occasion (e.g. the due date it is about). */
  occasion: string;
  params: Record<string, string | number>;
  link: string | null;
}

/** inspectors of a held meeting whose protocol is unsigned at 20:00 on the meeting day. */
async function unsignedProtocols(ctx: ServiceContext): Promise<Array<Reminder & { dueAt: Date }>> {
  const now = ctx.now();
  const { today, yesterday } = reminderDates(now);
  const rows = await unsignedProtocolCandidates(ctx.db, yesterday, today);
  return rows.filter((m) => protocolReminderDue(m, now)).map((m) => ({
    kind: 'protocol_unsigned', userId: m.userId, subjectType: 'meeting', subjectId: m.meetingId, occasion: m.startDate,
    params: { meeting: m.number, meetingDate: m.startDate }, link: `/meetings/${m.meetingId}/protocol`, dueAt: protocolReminderAt(m),
  }));
}

function recipientSettings(row: NotificationSettingsRow | undefined): RecipientSettings | null {
  if (!row) return null;
  return {
    channels: row.channels as DeliveryChannelName[],
    addresses: { email: row.email, telegram: row.telegramChatId, sms: row.phone, whatsapp: row.whatsapp },
    quietFrom: row.quietFrom, quietTo: row.quietTo, digest: row.digest,
  };
}

/**
 * Makes these reminders (those not made before), plans their deliveries by each recipient's
 * settings and queues the jobs that send them, in the caller's transaction. Answers how many
 * notifications were new.
 */
export async function makeNotifications(tx: Tx, ctx: ServiceContext, deps: NotificationDeps, reminders: readonly Reminder[]): Promise<number> {
  if (!reminders.length) return 0;
  const now = ctx.now();
  const rows: NewNotification[] = reminders.map((r) => ({
    userId: r.userId, kind: r.kind, rule: NOTIFICATION_RULE[r.kind], subjectType: r.subjectType, subjectId: r.subjectId,
    params: r.params, link: r.link, dedupeKey: `${r.kind}:${r.subjectId}:${r.occasion}:${r.userId}`, createdAt: now,
  }));
  const made = await insertNotifications(tx, rows);
  if (!made.length) return 0;
  const settings = new Map((await settingsOf(tx, [...new Set(made.map((n) => n.userId))])).map((s) => [s.userId, s]));
  const planned = made.flatMap((n) => planDeliveries(recipientSettings(settings.get(n.userId)), deps.configured, now).map((p) => ({
    notificationId: n.id, userId: n.userId, kind: n.kind, channel: p.channel, idempotencyKey: `${n.id}:${p.channel}`,
    status: p.status, addressMask: p.address ? maskAddress(p.address) : null, attempts: 0,
    nextAttemptAt: p.status === 'skipped' ? null : p.notBefore, error: p.status === 'skipped' ? p.reason : null,
    createdAt: now, updatedAt: now,
  })));
  const inserted = await insertDeliveries(tx, planned);
  for (const d of inserted) {
    if (d.status === 'queued' || d.status === 'held') {
      await deps.jobs.send(tx, QUEUES.deliver, { deliveryId: d.id }, d.nextAttemptAt && d.nextAttemptAt > now ? { startAfter: d.nextAttemptAt } : {});
    }
  }
  return made.length;
}

/**
 * Where reminders come from: each source answers the reminders due at `ctx.now()` (made or not;
 * the dedupe key sorts that out), and may record, in the same transaction, that they were made.
 */
export interface ReminderSource {
  due(ctx: ServiceContext, deps: NotificationDeps): Promise<Reminder[]>;
  made?(tx: Tx, ctx: ServiceContext, due: readonly Reminder[]): Promise<void>;
}

/** the protocol unsigned at 20:00 on the meeting day; the evening reminder marked sent. */
const protocolSource: ReminderSource = {
  due: unsignedProtocols,
  async made(tx, ctx, due) {
    for (const p of due) await markProtocolReminderSent(tx, p.subjectId, (p as Reminder & { dueAt: Date }).dueAt, ctx.now());
  },
};

export const REMINDER_SOURCES: ReminderSource[] = [protocolSource, ...DAY_REMINDER_SOURCES];

/** The scan: every kind of reminder due now. Answers how many notifications were made. */
export async function scanReminders(ctx: ServiceContext, deps: NotificationDeps, sources: readonly ReminderSource[] = REMINDER_SOURCES): Promise<{ made: number }> {
  const found = await Promise.all(sources.map(async (source) => ({ source, due: await source.due(ctx, deps) })));
  const all = found.flatMap((f) => f.due);
  if (!all.length) return { made: 0 };
  const made = await inTransaction(ctx, async (tx, audit) => {
    const count = await makeNotifications(tx, ctx, deps, all);
    for (const { source, due } of found) if (due.length) await source.made?.(tx, ctx, due);
    if (count > 0) {
      await audit({ action: 'notifications.made', entityType: 'notification', entityId: null, after: { count, kinds: [...new Set(all.map((r) => r.kind))], asOf: reminderDates(ctx.now()).today } });
    }
    return count;
  });
  return { made };
}
