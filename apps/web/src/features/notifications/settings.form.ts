import type { Channel, NotificationSettings, NotificationSettingsBody } from './notifications.api.ts';
import { CHANNELS } from './options.ts';

/*
 * The reminder settings form, pure: what the inputs hold, what is checked before sending (the
 * same rules the server applies, so most mistakes are shown before a round trip), and where the
 * server's refusals go. Messages are translation keys of the `notifications` namespace.
 */

/** Each channel's address input. */
export const ADDRESS_FIELD = { email: 'email', telegram: 'telegramChatId', sms: 'phone', whatsapp: 'whatsapp' } as const satisfies Record<Channel, keyof NotificationSettings>;
export type AddressField = (typeof ADDRESS_FIELD)[Channel];

export interface SettingsForm {
  channels: Record<Channel, boolean>;
  email: string;
  telegramChatId: string;
  phone: string;
  whatsapp: string;
  quietFrom: string;
  quietTo: string;
  digest: boolean;
  digestAt: string;
  /** '' — the interface language. */
  locale: '' | 'kk' | 'ru' | 'en';
  consent: boolean;
}

export type FormField = AddressField | 'quietFrom' | 'quietTo' | 'digestAt' | 'locale' | 'consent';
export type ErrorKey =
  | 'errors.addressMissing' | 'errors.email' | 'errors.phone' | 'errors.telegram' | 'errors.time'
  | 'errors.quietBoth' | 'errors.consent' | 'errors.locale';
export type FormErrors = Partial<Record<FormField, ErrorKey>>;

// The server's own patterns (packages/contracts notification.contract.ts); the test holds the two together.
const EMAIL = /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;
const E164 = /^\+[1-9]\d{7,14}$/;
const CHAT_ID = /^-?\d{1,20}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const ADDRESS_ERROR: Record<Channel, ErrorKey> = { email: 'errors.email', telegram: 'errors.telegram', sms: 'errors.phone', whatsapp: 'errors.phone' };

export function formOf(settings: NotificationSettings): SettingsForm {
  return {
    channels: Object.fromEntries(CHANNELS.map((c) => [c, settings.channels.includes(c)])) as Record<Channel, boolean>,
    email: settings.email ?? '',
    telegramChatId: settings.telegramChatId ?? '',
    phone: settings.phone ?? '',
    whatsapp: settings.whatsapp ?? '',
    quietFrom: settings.quietFrom ?? '',
    quietTo: settings.quietTo ?? '',
    digest: settings.digest,
    digestAt: settings.digestAt,
    locale: settings.locale ?? '',
    consent: false,
  };
}

/**
 * An address as the server wants it: spaces, dashes and brackets people type into phone numbers
 * ("+7 (701) 123-45-67") are left out; an e-mail address is only trimmed.
 */
export function normalizeAddress(channel: Channel, value: string): string {
  const trimmed = value.trim();
  return channel === 'email' ? trimmed : trimmed.replace(/[\s()-]/g, '');
}

export function validAddress(channel: Channel, address: string): boolean {
  if (channel === 'email') return address.length <= 254 && EMAIL.test(address);
  if (channel === 'telegram') return CHAT_ID.test(address);
  return E164.test(address);
}

/**
 * The addresses that would be kept. Only a chosen channel's address is sent: unticking a channel
 * deletes its address (nothing personal is kept that no reminder goes to).
 */
export function keptAddresses(form: SettingsForm): Partial<Record<AddressField, string>> {
  const kept: Partial<Record<AddressField, string>> = {};
  for (const channel of CHANNELS) {
    const value = normalizeAddress(channel, form[ADDRESS_FIELD[channel]]);
    if (form.channels[channel] && value) kept[ADDRESS_FIELD[channel]] = value;
  }
  return kept;
}

/** The server records consent once and keeps it while any address is kept. */
export function consentRecorded(saved: NotificationSettings): boolean {
  return Boolean(saved.email || saved.telegramChatId || saved.phone || saved.whatsapp);
}

/** The consent checkbox is asked for when an address is about to be kept and none was before. */
export function needsConsent(form: SettingsForm, saved: NotificationSettings): boolean {
  return Object.keys(keptAddresses(form)).length > 0 && !consentRecorded(saved);
}

export function validate(form: SettingsForm, saved: NotificationSettings): FormErrors {
  const errors: FormErrors = {};
  for (const channel of CHANNELS) {
    if (!form.channels[channel]) continue;
    const field = ADDRESS_FIELD[channel];
    const value = normalizeAddress(channel, form[field]);
    if (!value) errors[field] = 'errors.addressMissing';
    else if (!validAddress(channel, value)) errors[field] = ADDRESS_ERROR[channel];
  }
  for (const field of ['quietFrom', 'quietTo'] as const) {
    if (form[field] && !TIME.test(form[field])) errors[field] = 'errors.time';
  }
  if (!errors.quietFrom && !errors.quietTo && Boolean(form.quietFrom) !== Boolean(form.quietTo)) {
    errors[form.quietFrom ? 'quietTo' : 'quietFrom'] = 'errors.quietBoth';
  }
  if (!TIME.test(form.digestAt)) errors.digestAt = 'errors.time';
  if (needsConsent(form, saved) && !form.consent) errors.consent = 'errors.consent';
  return errors;
}

export function bodyOf(form: SettingsForm): NotificationSettingsBody {
  const kept = keptAddresses(form);
  return {
    channels: CHANNELS.filter((c) => form.channels[c]),
    email: kept.email ?? null,
    telegramChatId: kept.telegramChatId ?? null,
    phone: kept.phone ?? null,
    whatsapp: kept.whatsapp ?? null,
    quietFrom: form.quietFrom || null,
    quietTo: form.quietTo || null,
    digest: form.digest,
    digestAt: form.digestAt,
    locale: form.locale || null,
    // Sent whenever ticked and an address is kept: harmless when consent was recorded before.
    ...(form.consent && Object.keys(kept).length > 0 ? { consent: true as const } : {}),
  };
}

const BODY_FIELDS: Record<string, FormField> = {
  email: 'email', telegramChatId: 'telegramChatId', phone: 'phone', whatsapp: 'whatsapp',
  quietFrom: 'quietFrom', quietTo: 'quietTo', digestAt: 'digestAt', locale: 'locale', consent: 'consent',
};
const FIELD_ERROR: Record<FormField, ErrorKey> = {
  email: 'errors.email', telegramChatId: 'errors.telegram', phone: 'errors.phone', whatsapp: 'errors.phone',
  quietFrom: 'errors.time', quietTo: 'errors.quietBoth', digestAt: 'errors.time', locale: 'errors.locale', consent: 'errors.consent',
};

/**
 * The server's refusal, at the fields it names: a chosen channel without its address
 * (`{ field: 'channels', reason: 'telegram_address_missing' }`), a malformed value
 * (`{ field: 'body.phone' }`), consent not given (`consent_required`, whatever its status).
 * `other`: the refusal names nothing the form shows, so it is shown above the form as it came.
 */
export function serverErrors(error: unknown): { fields: FormErrors; other: boolean } {
  const e = error as { code?: unknown; details?: unknown } | null;
  if (e?.code === 'consent_required') return { fields: { consent: 'errors.consent' }, other: false };
  if (e?.code !== 'validation_failed' || !Array.isArray(e.details)) return { fields: {}, other: true };
  const fields: FormErrors = {};
  let other = false;
  for (const detail of e.details as Array<{ field?: unknown; reason?: unknown }>) {
    const reason = typeof detail.reason === 'string' ? detail.reason : '';
    const missing = /^(email|telegram|sms|whatsapp)_address_missing$/.exec(reason);
    if (missing) {
      fields[ADDRESS_FIELD[missing[1] as Channel]] = 'errors.addressMissing';
      continue;
    }
    const name = typeof detail.field === 'string' ? detail.field.replace(/^body\./, '').split('.')[0] ?? '' : '';
    const field = BODY_FIELDS[name];
    if (field) fields[field] ??= FIELD_ERROR[field];
    else other = true;
  }
  return { fields, other: other || Object.keys(fields).length === 0 };
}
