import { E164, type Locale } from '@esep/contracts';
import { type Channel, ChannelError, type OutgoingMessage, type SendResult } from '../channel.ts';
import { httpRequest, httpStatusError, plainText, retryAfterMs } from './channel.http.ts';

/*
 * Issue 12: WhatsApp through Meta's Cloud API. A message the business starts (every reminder is
 * one) must be an approved template; Esep's template has one body variable, {{1}}, which gets
 * the whole reminder. The template is approved once per language (kk, ru, en) under one name.
 */

export interface WhatsAppChannelOptions {
  /** A system user's permanent access token with whatsapp_business_messaging. */
  token: string;
  /** The sending number's id in the WhatsApp Business Account (not the number itself). */
  phoneNumberId: string;
  /** The approved template's name. */
  template: string;
  /** https://graph.facebook.com, or the test counterpart. */
  apiRoot: string;
  /** Graph API version, e.g. v21.0. */
  version: string;
}

/** Esep's languages as WhatsApp's template language codes. */
export const WHATSAPP_LANGUAGE: Record<Locale, string> = { kk: 'kk', ru: 'ru', en: 'en' };

/*
 * Error codes (developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes) that mean
 * "not now" although they may come with a 4xx status: 4 and 80007 the app's or the account's
 * call rate, 130429 throughput, 131048 spam rate limit, 131056 too many messages to one number,
 * 131016 service unavailable. Every other 4xx refuses this message (131026 undeliverable — no
 * WhatsApp on the number —, 132001 template missing in this language, 190 token expired …).
 */
const TEMPORARY_CODES = new Set([4, 80007, 130429, 131016, 131048, 131056]);

/** A template body variable may not hold newlines, tabs or more than 4 spaces in a row. */
const PARAMETER_MAX = 1024;
export function templateParameter(message: Pick<OutgoingMessage, 'subject' | 'text' | 'link'>): string {
  const flat = plainText(message).split('\n').map((line) => line.replace(/\s+/g, ' ').trim()).filter(Boolean).join(' · ');
  return flat.length > PARAMETER_MAX ? `${flat.slice(0, PARAMETER_MAX - 1)}…` : flat;
}

export function whatsappChannel(options: WhatsAppChannelOptions): Channel {
  const url = `${options.apiRoot.replace(/\/+$/, '')}/${options.version}/${options.phoneNumberId}/messages`;
  return {
    name: 'whatsapp',
    // The Cloud API has no client key: a send whose answer was lost may have been delivered.
    idempotent: false,
    validAddress: (address) => E164.safeParse(address).success,
    async send(message: OutgoingMessage, signal?: AbortSignal): Promise<SendResult> {
      const body = {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: message.address.replace(/^\+/, ''),
        type: 'template',
        template: {
          name: options.template,
          language: { code: WHATSAPP_LANGUAGE[message.locale] },
          components: [{ type: 'body', parameters: [{ type: 'text', text: templateParameter(message) }] }],
        },
      };
      const answer = await httpRequest(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }, signal);
      if (answer.status >= 200 && answer.status <= 299) {
        const id = (answer.json as { messages?: Array<{ id?: unknown }> } | undefined)?.messages?.[0]?.id;
        return { providerId: typeof id === 'string' ? id : null };
      }
      const error = (answer.json as { error?: { code?: unknown; message?: unknown; error_subcode?: unknown; error_data?: { details?: unknown } } } | undefined)?.error;
      if (!error || typeof error.code !== 'number') throw httpStatusError('whatsapp', answer);
      const details = typeof error.error_data?.details === 'string' ? ` (${error.error_data.details})` : '';
      const text = `${String(error.message ?? '')}${details}`;
      const temporary = TEMPORARY_CODES.has(error.code) || answer.status === 429 || answer.status >= 500;
      throw new ChannelError(temporary ? 'temporary' : 'permanent', `whatsapp_${error.code}`, text, retryAfterMs(answer.headers));
    },
  };
}
