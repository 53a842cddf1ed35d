import { E164, NotificationSettingsBody, TelegramChatId } from '@esep/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { NotificationSettings } from './notifications.api.ts';
import { bodyOf, consentRecorded, formOf, needsConsent, normalizeAddress, serverErrors, validAddress, validate, type SettingsForm } from './settings.form.ts';

const NONE: NotificationSettings = {
  channels: [], email: null, telegramChatId: null, phone: null, whatsapp: null,
  quietFrom: null, quietTo: null, digest: false, digestAt: '18:00', locale: null,
};
const form = (patch: Partial<SettingsForm> = {}, saved = NONE): SettingsForm => ({ ...formOf(saved), ...patch });
const only = (channel: 'email' | 'telegram' | 'sms' | 'whatsapp') => ({ ...formOf(NONE).channels, [channel]: true });

describe('the reminder settings form checks what the server checks', () => {
  it.each([
    'inspector@police.kz', 'a.b+c@mvd.gov.kz', 'x@y.co', 'not an address', 'a@b', '@police.kz', 'a..b@police.kz', 'a@police.k',
    'иван@police.kz', '.a@police.kz', 'a.@police.kz',
  ])('e-mail %j: the same verdict as the contract', (address) => {
    expect(validAddress('email', address)).toBe(z.email().safeParse(address).success);
  });

  it.each(['+77011234567', '+7701123456', '+0123456789', '87011234567', '+7 701 123 45 67', '+1234567', '+123456789012345', '+1234567890123456'])(
    'phone %j: the same verdict as the contract (E.164)', (phone) => {
      expect(validAddress('sms', phone)).toBe(E164.safeParse(phone).success);
      expect(validAddress('whatsapp', phone)).toBe(E164.safeParse(phone).success);
    },
  );

  it.each(['123456789', '-100123456', '12ab', '', '123456789012345678901'])('Telegram chat id %j: the same verdict as the contract', (id) => {
    expect(validAddress('telegram', id)).toBe(TelegramChatId.safeParse(id).success);
  });

  it('takes a phone number as people type it, and sends it as the server wants it', () => {
    expect(normalizeAddress('sms', ' +7 (701) 123-45-67 ')).toBe('+77011234567');
    expect(normalizeAddress('email', ' inspector@police.kz ')).toBe('inspector@police.kz');
  });

  it('asks for the address of a chosen channel, and marks a malformed one', () => {
    expect(validate(form({ channels: only('telegram') }), NONE)).toMatchObject({ telegramChatId: 'errors.addressMissing' });
    expect(validate(form({ channels: only('sms'), phone: '87011234567', consent: true }), NONE)).toEqual({ phone: 'errors.phone' });
    expect(validate(form({ channels: only('email'), email: 'inspector', consent: true }), NONE)).toEqual({ email: 'errors.email' });
  });

  it('wants quiet hours whole: both ends or neither', () => {
    expect(validate(form({ quietFrom: '22:00' }), NONE)).toEqual({ quietTo: 'errors.quietBoth' });
    expect(validate(form({ quietTo: '07:00' }), NONE)).toEqual({ quietFrom: 'errors.quietBoth' });
    expect(validate(form({ quietFrom: '22:00', quietTo: '07:00' }), NONE)).toEqual({});
  });

  it('asks for consent when an address is to be kept and none was given before', () => {
    const withEmail = form({ channels: only('email'), email: 'inspector@police.kz' });
    expect(needsConsent(withEmail, NONE)).toBe(true);
    expect(validate(withEmail, NONE)).toEqual({ consent: 'errors.consent' });
    expect(validate({ ...withEmail, consent: true }, NONE)).toEqual({});
    // Consent is kept while addresses are: a second change does not ask again.
    const saved = { ...NONE, channels: ['email' as const], email: 'inspector@police.kz' };
    expect(consentRecorded(saved)).toBe(true);
    expect(needsConsent(form({ channels: only('sms'), phone: '+77011234567' }, saved), saved)).toBe(false);
  });

  it('sends a body the contract accepts, keeping only the chosen channels\' addresses', () => {
    const filled = form({
      channels: { email: true, telegram: false, sms: true, whatsapp: false },
      email: ' inspector@police.kz ', telegramChatId: '123456789', phone: '+7 701 123 45 67', quietFrom: '22:00', quietTo: '07:00', locale: 'ru', consent: true,
    });
    const body = bodyOf(filled);
    expect(body).toEqual({
      channels: ['email', 'sms'], email: 'inspector@police.kz', telegramChatId: null, phone: '+77011234567', whatsapp: null,
      quietFrom: '22:00', quietTo: '07:00', digest: false, digestAt: '18:00', locale: 'ru', consent: true,
    });
    expect(NotificationSettingsBody.safeParse(body).success).toBe(true);
    // Nothing kept, nothing consented to: the body says no more than that.
    expect(bodyOf(form({ consent: true }))).not.toHaveProperty('consent');
    expect(NotificationSettingsBody.safeParse(bodyOf(form())).success).toBe(true);
  });
});

describe('the server\'s refusals land at their fields', () => {
  it('a chosen channel without its address', () => {
    expect(serverErrors({ code: 'validation_failed', details: [{ field: 'channels', reason: 'telegram_address_missing' }, { field: 'channels', reason: 'sms_address_missing' }] }))
      .toEqual({ fields: { telegramChatId: 'errors.addressMissing', phone: 'errors.addressMissing' }, other: false });
  });

  it('a malformed value, named by its place in the body', () => {
    expect(serverErrors({ code: 'validation_failed', details: [{ field: 'body.phone', reason: 'E.164 phone number, e.g. +77011234567' }] }))
      .toEqual({ fields: { phone: 'errors.phone' }, other: false });
    expect(serverErrors({ code: 'validation_failed', details: [{ field: 'body.quietTo', reason: 'quiet hours need both ends' }] }))
      .toEqual({ fields: { quietTo: 'errors.quietBoth' }, other: false });
  });

  it('consent not given, whatever the status it comes with', () => {
    expect(serverErrors({ status: 422, code: 'consent_required' })).toEqual({ fields: { consent: 'errors.consent' }, other: false });
    expect(serverErrors({ status: 400, code: 'consent_required', details: { fields: [] } })).toEqual({ fields: { consent: 'errors.consent' }, other: false });
  });

  it('anything else is shown as it came, above the form', () => {
    expect(serverErrors({ code: 'network_error' })).toEqual({ fields: {}, other: true });
    expect(serverErrors({ code: 'validation_failed', details: [{ field: 'body', reason: 'Unrecognized key' }] })).toEqual({ fields: {}, other: true });
  });
});
