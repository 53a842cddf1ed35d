import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.ts';
import { closeChannels, createChannels } from './channels.ts';

const load = (env: Record<string, string>) => loadConfig(env as NodeJS.ProcessEnv);
function refusal(env: Record<string, string>): string {
  try {
    load(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a configuration error');
}

const EMAIL = { ESEP_SMTP_URL: 'smtp://esep:s3cret-pass@mail.police.kz:587', ESEP_MAIL_FROM: 'Esep <esep@police.kz>' };
const TELEGRAM = { ESEP_TELEGRAM_BOT_TOKEN: '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw' };
const MOBIZON = { ESEP_SMS_GATEWAY: 'mobizon', ESEP_SMS_API_KEY: 'kz1234567890abcdef', ESEP_SMS_SENDER: 'ESEP' };
const WHATSAPP = { ESEP_WHATSAPP_TOKEN: 'EAAG-secret-token', ESEP_WHATSAPP_PHONE_NUMBER_ID: '106540352242922', ESEP_WHATSAPP_TEMPLATE: 'esep_reminder' };

describe('notification channels configuration (issue 12)', () => {
  it('configures no channel by default, and then builds none', () => {
    const { notifications } = load({});
    expect(notifications).toEqual({ email: null, telegram: null, sms: null, whatsapp: null });
    expect(createChannels(notifications)).toEqual({});
  });

  it('builds each configured channel, with the documented defaults', async () => {
    const { notifications } = load({ ...EMAIL, ...TELEGRAM, ...MOBIZON, ...WHATSAPP });
    expect(notifications.email).toEqual({ url: EMAIL.ESEP_SMTP_URL, from: EMAIL.ESEP_MAIL_FROM });
    expect(notifications.telegram).toEqual({ token: TELEGRAM.ESEP_TELEGRAM_BOT_TOKEN, apiRoot: 'https://api.telegram.org' });
    expect(notifications.sms).toMatchObject({ gateway: 'mobizon', url: 'https://api.mobizon.kz/service/message/sendsmsmessage', method: 'POST', apiKey: MOBIZON.ESEP_SMS_API_KEY, sender: 'ESEP' });
    expect(notifications.whatsapp).toEqual({ ...{ token: 'EAAG-secret-token', phoneNumberId: '106540352242922', template: 'esep_reminder' }, apiRoot: 'https://graph.facebook.com', version: 'v21.0' });
    const channels = createChannels(notifications);
    expect(Object.fromEntries(Object.entries(channels).map(([name, c]) => [name, c.name]))).toEqual({ email: 'email', telegram: 'telegram', sms: 'sms', whatsapp: 'whatsapp' });
    await closeChannels(channels);
  });

  it('builds only what is configured', () => {
    const channels = createChannels(load({ ...TELEGRAM, ESEP_SMS_GATEWAY: 'smsc', ESEP_SMS_LOGIN: 'esep', ESEP_SMS_PASSWORD: 'p' }).notifications);
    expect(Object.keys(channels).sort()).toEqual(['sms', 'telegram']);
    expect(load({ ESEP_SMS_GATEWAY: 'custom', ESEP_SMS_URL: 'https://sms.example.kz/send', ESEP_SMS_TEMPLATE: 'to={phone}&text={text}&ref={key}', ESEP_SMS_METHOD: 'GET' }).notifications.sms)
      .toMatchObject({ gateway: 'custom', url: 'https://sms.example.kz/send', method: 'GET', template: 'to={phone}&text={text}&ref={key}' });
  });

  it('refuses a half-configured channel, naming what is missing', () => {
    expect(refusal({ ESEP_SMTP_URL: EMAIL.ESEP_SMTP_URL })).toMatch(/^ESEP_MAIL_FROM is not set: e-mail is half configured \(ESEP_SMTP_URL set\); set it to the sender/);
    expect(refusal({ ESEP_MAIL_FROM: EMAIL.ESEP_MAIL_FROM })).toMatch(/^ESEP_SMTP_URL is not set/);
    expect(refusal({ ESEP_TELEGRAM_API_ROOT: 'http://127.0.0.1:8081' })).toMatch(/^ESEP_TELEGRAM_BOT_TOKEN is not set: Telegram/);
    const whatsapp = refusal({ ESEP_WHATSAPP_TOKEN: 'EAAG' });
    expect(whatsapp).toContain('ESEP_WHATSAPP_PHONE_NUMBER_ID is not set');
    expect(whatsapp).toContain('ESEP_WHATSAPP_TEMPLATE is not set');
    expect(whatsapp).not.toContain('\n');
    expect(refusal({ ESEP_SMS_API_KEY: 'k' })).toMatch(/^ESEP_SMS_GATEWAY is not set: SMS is half configured/);
    expect(refusal({ ESEP_SMS_GATEWAY: 'mobizon' })).toMatch(/^ESEP_SMS_API_KEY is not set: SMS through mobizon/);
    expect(refusal({ ESEP_SMS_GATEWAY: 'smsc', ESEP_SMS_LOGIN: 'esep' })).toMatch(/^ESEP_SMS_PASSWORD is not set/);
    expect(refusal({ ESEP_SMS_GATEWAY: 'custom', ESEP_SMS_URL: 'https://sms.example.kz' })).toMatch(/^ESEP_SMS_TEMPLATE is not set/);
    expect(refusal({ ...MOBIZON, ESEP_SMS_TEMPLATE: 'to={phone}' })).toMatch(/^ESEP_SMS_TEMPLATE is set but mobizon has its own request/);
    expect(refusal({ ESEP_SMS_GATEWAY: 'custom', ESEP_SMS_URL: 'https://sms.example.kz', ESEP_SMS_TEMPLATE: '{"to":"{phone}"}', ESEP_SMS_METHOD: 'GET' })).toMatch(/^ESEP_SMS_METHOD="GET" is not valid/);
  });

  it('refuses malformed values without repeating secrets', () => {
    const smtp = refusal({ ...EMAIL, ESEP_SMTP_URL: 'http://esep:s3cret-pass@mail.police.kz' });
    expect(smtp).toMatch(/^ESEP_SMTP_URL is not valid: set it to the SMTP relay/);
    expect(smtp).not.toContain('s3cret');
    expect(refusal({ ...TELEGRAM, ESEP_TELEGRAM_BOT_TOKEN: 'leaked-token' })).not.toContain('leaked');
    expect(refusal({ ...EMAIL, ESEP_MAIL_FROM: 'esep' })).toMatch(/^ESEP_MAIL_FROM="esep" is not valid/);
    expect(refusal({ ...MOBIZON, ESEP_SMS_GATEWAY: 'twilio' })).toMatch(/^ESEP_SMS_GATEWAY="twilio" is not valid: set it to mobizon, smsc or custom/);
    expect(refusal({ ESEP_SMS_GATEWAY: 'custom', ESEP_SMS_URL: 'https://sms.example.kz', ESEP_SMS_TEMPLATE: 'to={phone}&pw={env:SMS_PASSWORD}' })).toMatch(/^ESEP_SMS_TEMPLATE=.* is not valid/);
    expect(refusal({ ESEP_SMS_GATEWAY: 'custom', ESEP_SMS_URL: 'https://sms.example.kz', ESEP_SMS_TEMPLATE: 'to={phone}&pw={secret}' })).toMatch(/^ESEP_SMS_TEMPLATE=.* is not valid/);
    expect(refusal({ ...WHATSAPP, ESEP_WHATSAPP_API_VERSION: '21' })).toMatch(/^ESEP_WHATSAPP_API_VERSION="21" is not valid/);
    expect(refusal({ ...WHATSAPP, ESEP_WHATSAPP_TEMPLATE: 'Esep Reminder' })).toMatch(/^ESEP_WHATSAPP_TEMPLATE="Esep Reminder" is not valid/);
  });
});
