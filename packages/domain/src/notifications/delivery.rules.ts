import { almatyDate, almatyDayStart, almatyDateTime } from '../time/almaty.ts';

/*
 * Issue 12: what becomes of one reminder for one recipient — pure, so the delivery service and
 * its tests agree on every case without a database.
 */
export type DeliveryChannelName = 'email' | 'telegram' | 'sms' | 'whatsapp';

export interface RecipientSettings {
  channels: readonly DeliveryChannelName[];
  addresses: Partial<Record<DeliveryChannelName, string | null>>;
  /** "HH:MM" Almaty, both or neither. */
  quietFrom: string | null;
  quietTo: string | null;
  digest: boolean;
}

export type PlannedDelivery =
  | { channel: DeliveryChannelName; status: 'queued'; address: string; notBefore: Date }
  | { channel: DeliveryChannelName; status: 'held'; address: string; notBefore: Date }
  | { channel: DeliveryChannelName | 'none'; status: 'skipped'; address: string | null; reason: 'no_channel' | 'no_address' | 'channel_not_configured' };

/**
 * One planned delivery per chosen channel: queued now, held until the end of quiet hours, or
 * skipped with its reason (no channel chosen: the bell alone, said in the log; no address for a
 * chosen channel; a channel this server has not been configured for). A digest user gets no
 * single messages: the daily digest carries them (`digestDue`).
 */
export function planDeliveries(settings: RecipientSettings | null, configured: ReadonlySet<DeliveryChannelName>, now: Date): PlannedDelivery[] {
  if (!settings || settings.channels.length === 0) return [{ channel: 'none', status: 'skipped', address: null, reason: 'no_channel' }];
  if (settings.digest) return [];
  const quietUntil = quietHoursEnd(settings.quietFrom, settings.quietTo, now);
  return [...new Set(settings.channels)].map((channel): PlannedDelivery => {
    const address = settings.addresses[channel] ?? null;
    if (!address) return { channel, status: 'skipped', address: null, reason: 'no_address' };
    if (!configured.has(channel)) return { channel, status: 'skipped', address, reason: 'channel_not_configured' };
    return quietUntil ? { channel, status: 'held', address, notBefore: quietUntil } : { channel, status: 'queued', address, notBefore: now };
  });
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Minutes since Almaty midnight of an instant. */
export function almatyMinutes(instant: Date): number {
  return minutesOf(almatyDateTime(instant).slice(11, 16));
}

/** The instant of "HH:MM" Almaty on a calendar date. */
export function almatyAt(isoDate: string, hhmm: string): Date {
  return new Date(almatyDayStart(isoDate).getTime() + minutesOf(hhmm) * 60_000);
}

/**
 * When quiet hours that hold `now` end, or null when `now` is outside them. Quiet hours may wrap
 * midnight (22:00–07:00); equal ends mean none.
 */
export function quietHoursEnd(from: string | null, to: string | null, now: Date): Date | null {
  if (!from || !to || from === to) return null;
  const m = almatyMinutes(now);
  const start = minutesOf(from);
  const end = minutesOf(to);
  const today = almatyDate(now);
  const wraps = start > end;
  const inside = wraps ? m >= start || m < end : m >= start && m < end;
  if (!inside) return null;
  // Past midnight of a wrapping span, or inside a same-day span: it ends today; else tomorrow.
  const endsToday = !wraps || m < end;
  const endDate = endsToday ? today : almatyDate(new Date(almatyDayStart(today).getTime() + 36 * 3_600_000));
  return almatyAt(endDate, to);
}

/** The daily digest is due once a day from `digestAt` (Almaty), for the calendar day of `now`. */
export function digestDue(digestAt: string, now: Date): { due: boolean; date: string } {
  return { due: almatyMinutes(now) >= minutesOf(digestAt), date: almatyDate(now) };
}

/** Attempts before a temporary failure is given up as failed. */
export const MAX_ATTEMPTS = 6;

/**
 * When to try again after `attempts` tries: 30 s, 1, 2, 4, 8 min …, at most an hour; a provider's
 * own "retry after" wins when it is later.
 */
export function retryAt(now: Date, attempts: number, retryAfterMs?: number): Date {
  const backoff = Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
  return new Date(now.getTime() + Math.max(backoff, retryAfterMs ?? 0));
}

/** An address as the delivery log shows it: enough to recognise, not enough to use. */
export function maskAddress(address: string): string {
  const at = address.indexOf('@');
  if (at > 0) return `${address[0]}***${address.slice(at)}`;
  if (address.length <= 4) return '***';
  return `${address.slice(0, address.startsWith('+') ? 3 : 1)}***${address.slice(-2)}`;
}

/**
 * Issue 13: a resident subscriber's address as the delivery log (and her unsubscribe page)
 * shows it. The log names no subscriber, so the mask is all it holds of her: less than a staff
 * address shows (the mail domain is hidden too), enough for her to recognise her own —
 * `a***@m***.kz`, `+7 *** *** 12 34`, a Telegram chat `****1234`.
 */
export function maskSubscriberAddress(channel: string, address: string): string {
  const value = address.trim();
  if (channel === 'email') {
    const at = value.lastIndexOf('@');
    if (at <= 0) return '***';
    const labels = value.slice(at + 1).split('.');
    const tld = labels.length > 1 ? `.${labels.at(-1)}` : '';
    return `${value[0]}***@${labels[0]?.[0] ?? ''}***${tld}`;
  }
  const digits = value.replace(/\D/g, '');
  if (channel === 'telegram') return digits.length > 6 ? `****${digits.slice(-4)}` : '****';
  if (digits.length < 8) return '***';
  // +7 is Kazakhstan's (and Russia's) code; another country's code is not guessed at.
  return `+${digits.startsWith('7') ? '7' : '***'} *** *** ${digits.slice(-4, -2)} ${digits.slice(-2)}`;
}

/**
 * A provider's answer may quote the address it refused ("550 <anna@mail.kz>: no such user"): the
 * log keeps the reason with the address replaced by its mask, never whole. Phone numbers are
 * also found without their `+`.
 */
export function redactAddress(text: string, address: string, mask: string | null): string {
  const value = address.trim();
  if (value.length < 3) return text;
  const forms = [value, ...(value.startsWith('+') ? [value.slice(1)] : [])];
  return forms.reduce((out, form) => out.replace(new RegExp(form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), () => mask ?? '***'), text);
}
