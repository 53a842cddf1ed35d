import { E164 } from '@esep/contracts';
import { type Channel, ChannelError, type OutgoingMessage, type SendResult } from '../channel.ts';
import { type HttpAnswer, httpRequest, httpStatusError, plainText } from './channel.http.ts';

/*
 * Issue 12: SMS through an HTTP gateway. Two Kazakh gateways are built in — Mobizon and SMSC.kz —
 * and any other fits a `custom` template: the URL, GET or POST, and the parameters with
 * placeholders. Secrets never come from the template itself: `{apiKey}`, `{login}` and
 * `{password}` are filled from their own settings, so the template can be shown and logged.
 */

export const SMS_GATEWAYS = ['mobizon', 'smsc', 'custom'] as const;
export type SmsGateway = (typeof SMS_GATEWAYS)[number];

/** What a custom template may use. `{phone}` is digits only (77011234567), `{e164}` keeps the '+'. */
export const SMS_PLACEHOLDERS = ['phone', 'e164', 'text', 'key', 'sender', 'apiKey', 'login', 'password'] as const;
type Placeholder = (typeof SMS_PLACEHOLDERS)[number];

export interface SmsChannelOptions {
  gateway: SmsGateway;
  /** The gateway's send URL (presets have their public one; custom needs it). */
  url: string;
  /** Custom only: GET puts the parameters in the query; POST sends a form, or JSON when the template is a JSON object. */
  method: 'GET' | 'POST';
  apiKey?: string | undefined;
  login?: string | undefined;
  password?: string | undefined;
  /** The registered sender name (alpha name); the account's default when unset. */
  sender?: string | undefined;
  /** Custom only: `to={phone}&msg={text}&ref={key}` or `{"to":"{phone}","text":"{text}"}`. */
  template?: string | undefined;
}

export const SMS_DEFAULT_URLS: Record<Exclude<SmsGateway, 'custom'>, string> = {
  mobizon: 'https://api.mobizon.kz/service/message/sendsmsmessage',
  smsc: 'https://smsc.kz/sys/send.php',
};

type Values = Record<Placeholder, string>;

/**
 * A template's placeholders that are not ours — a typo, or `{env:NAME}` from another tool —
 * which would otherwise go out literally. (A JSON template's own braces are not placeholders.)
 */
export function unknownPlaceholders(template: string): string[] {
  return [...template.matchAll(/\{([A-Za-z_][^{}"\s]*)\}/g)].map((m) => m[1]!).filter((name) => !(SMS_PLACEHOLDERS as readonly string[]).includes(name));
}

/** A template as parameters: `a=b&c=d` (values URL-decoded) or a JSON object (string leaves filled). */
export function fillTemplate(template: string, values: Values): { kind: 'form'; params: URLSearchParams } | { kind: 'json'; body: unknown } {
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? values[name as Placeholder] : whole));
  const trimmed = template.trim();
  if (trimmed.startsWith('{')) {
    const walk = (v: unknown): unknown => typeof v === 'string' ? fill(v)
      : Array.isArray(v) ? v.map(walk)
        : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)])) : v;
    return { kind: 'json', body: walk(JSON.parse(trimmed)) };
  }
  const params = new URLSearchParams();
  for (const [name, value] of new URLSearchParams(trimmed)) params.append(name, fill(value));
  return { kind: 'form', params };
}

/*
 * Mobizon's answer codes (mobizon.kz API docs, "API response codes"). Permanent: the request or
 * the account is wrong and the same request gets the same answer — 1 validation (a malformed
 * or unserved number, a sender name not registered), 2 not found, 4/5/6/9/11/12 a malformed
 * call, 8 the API key refused, 13 the account lives on another API domain (set ESEP_SMS_URL),
 * 14 the account blocked. Everything else — 3 unidentified, 10 saving clash, 15 operation
 * error, 30 rate limit, 999 general error, codes added later — may pass on a later try.
 * Mobizon has no code of its own for an empty balance; it comes as one of those.
 */
const MOBIZON_PERMANENT = new Set([1, 2, 4, 5, 6, 8, 9, 11, 12, 13, 14]);

/*
 * SMSC.kz's error_code (send.php). Permanent: 1 parameters, 2 login or password (or a client
 * address not allowed), 5 date format, 6 message forbidden (text or sender name), 7 phone
 * number format, 8 the number cannot be reached by SMS. Temporary: 4 client address blocked
 * for a while after errors, 9 too many identical requests within a minute (a retry of a send
 * that did go through can meet it; the worker's backoff is longer than that minute), and 3 —
 * a decision: an empty balance is an operator's top-up away, and a reminder's deadline is
 * days off, so it is retried with backoff rather than failed at once; the attempts still run
 * out, and the log's reason (`sms_smsc_3`) says what to do.
 */
const SMSC_PERMANENT = new Set([1, 2, 5, 6, 7, 8]);

interface Preset {
  request(values: Values, options: SmsChannelOptions): { url: string; init: RequestInit };
  /** The provider's id on success; throws a ChannelError for the gateway's own refusals. */
  read(answer: HttpAnswer): string | null;
}

const form = (params: Record<string, string | undefined>) => {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== '') body.append(name, value);
  return body;
};

const malformed = (gateway: string, answer: HttpAnswer) =>
  // 2xx but not the gateway's JSON (a proxy's page, a maintenance notice): not a refusal.
  new ChannelError('temporary', `sms_${gateway}_answer`, `unexpected answer (HTTP ${answer.status}): ${answer.text.slice(0, 200)}`);

const PRESETS: Record<SmsGateway, Preset> = {
  mobizon: {
    request(values, options) {
      const url = new URL(options.url);
      url.searchParams.set('output', 'json');
      url.searchParams.set('api', 'v1');
      url.searchParams.set('apiKey', values.apiKey);
      return { url: url.href, init: { method: 'POST', body: form({ recipient: values.phone, text: values.text, from: values.sender }) } };
    },
    read(answer) {
      const body = answer.json as { code?: unknown; message?: unknown; data?: { messageId?: unknown } } | undefined;
      if (!body || typeof body.code !== 'number') throw malformed('mobizon', answer);
      if (body.code === 0 || body.code === 100) return body.data?.messageId == null ? null : String(body.data.messageId);
      const detail = [body.message, body.data && JSON.stringify(body.data)].filter(Boolean).join(' ');
      throw new ChannelError(MOBIZON_PERMANENT.has(body.code) ? 'permanent' : 'temporary', `sms_mobizon_${body.code}`, `Mobizon: ${detail}`.slice(0, 300));
    },
  },
  smsc: {
    request(values, options) {
      // charset: SMSC reads windows-1251 unless told, which has no ә ғ қ ң ө ұ ү һ і.
      return {
        url: options.url,
        init: { method: 'POST', body: form({ login: values.login, psw: values.password, phones: values.phone, mes: values.text, sender: values.sender, fmt: '3', charset: 'utf-8' }) },
      };
    },
    read(answer) {
      const body = answer.json as { id?: unknown; error?: unknown; error_code?: unknown } | undefined;
      if (!body || typeof body !== 'object') throw malformed('smsc', answer);
      if (typeof body.error_code === 'number') {
        throw new ChannelError(SMSC_PERMANENT.has(body.error_code) ? 'permanent' : 'temporary', `sms_smsc_${body.error_code}`, `SMSC: ${String(body.error ?? '')}`);
      }
      if (body.id == null) throw malformed('smsc', answer);
      return String(body.id);
    },
  },
  custom: {
    request(values, options) {
      const filled = fillTemplate(options.template ?? '', values);
      if (filled.kind === 'json') {
        return { url: options.url, init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(filled.body) } };
      }
      if (options.method === 'GET') {
        const url = new URL(options.url);
        for (const [name, value] of filled.params) url.searchParams.append(name, value);
        return { url: url.href, init: { method: 'GET' } };
      }
      return { url: options.url, init: { method: 'POST', body: filled.params } };
    },
    // A custom gateway says success by a 2xx status; its id is taken from the usual fields.
    read(answer) {
      const body = answer.json as Record<string, unknown> | undefined;
      const data = body?.data as Record<string, unknown> | undefined;
      const id = body?.id ?? body?.messageId ?? body?.message_id ?? data?.messageId ?? data?.id;
      return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
    },
  },
};

export function smsChannel(options: SmsChannelOptions): Channel {
  const preset = PRESETS[options.gateway];
  if (options.gateway === 'custom') {
    const unknown = unknownPlaceholders(options.template ?? '');
    if (!options.template || unknown.length) throw new Error(`SMS template: unknown placeholders ${unknown.join(', ')}`);
  }
  return {
    name: 'sms',
    // Only a custom gateway that receives the delivery key can refuse a second copy; Mobizon and
    // SMSC take no client key, so a send whose answer was lost may have gone out.
    idempotent: options.gateway === 'custom' && (options.template ?? '').includes('{key}'),
    validAddress: (address) => E164.safeParse(address).success,
    async send(message: OutgoingMessage, signal?: AbortSignal): Promise<SendResult> {
      const values: Values = {
        phone: message.address.replace(/^\+/, ''),
        e164: message.address,
        text: plainText(message),
        key: message.key,
        sender: options.sender ?? '',
        apiKey: options.apiKey ?? '',
        login: options.login ?? '',
        password: options.password ?? '',
      };
      const { url, init } = preset.request(values, options);
      const answer = await httpRequest(url, init, signal);
      if (answer.status < 200 || answer.status > 299) throw httpStatusError(`sms_${options.gateway}`, answer);
      return { providerId: preset.read(answer) };
    },
  };
}
