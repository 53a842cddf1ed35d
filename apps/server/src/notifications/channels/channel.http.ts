import { systemClock } from '../../clock.ts';
import { ChannelError, type OutgoingMessage } from '../channel.ts';

/*
 * What the HTTP channels (SMS gateways, WhatsApp Cloud API) share: one request with the
 * delivery's AbortSignal, its failures as ChannelErrors, and the message as plain text.
 */

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON; undefined when it is not JSON. */
  json: unknown;
}

/**
 * A request that never throws anything but a ChannelError: the signal's abort (the worker's
 * timeout) is `timeout`, a refused or broken connection is `connection` — both temporary, since
 * nothing says the provider refused the message.
 */
export async function httpRequest(url: string, init: RequestInit, signal?: AbortSignal): Promise<HttpAnswer> {
  try {
    const response = await fetch(url, { ...init, signal: signal ?? null, redirect: 'error' });
    const text = await response.text();
    let json: unknown;
    try { json = JSON.parse(text); } catch { json = undefined; }
    return { status: response.status, headers: response.headers, text, json };
  } catch (error) {
    if (signal?.aborted) throw new ChannelError('temporary', 'timeout', `no answer before the deadline: ${describe(signal.reason)}`);
    throw new ChannelError('temporary', 'connection', `cannot reach ${new URL(url).host}: ${describe(error)}`);
  }
}

/** HTTP Retry-After (seconds or a date) in milliseconds, when the provider sent one. */
export function retryAfterMs(headers: Headers, now = systemClock.now().getTime()): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * The failure every HTTP channel gives a status it has no better reading of: 429 and 5xx are
 * the provider's momentary trouble (temporary); any other 4xx refuses this request (permanent).
 */
export function httpStatusError(prefix: string, answer: HttpAnswer, detail = answer.text.slice(0, 200)): ChannelError {
  const { status } = answer;
  const kind = status === 429 || status >= 500 ? 'temporary' : 'permanent';
  return new ChannelError(kind, `${prefix}_http_${status}`, `HTTP ${status}: ${detail}`, retryAfterMs(answer.headers));
}

/**
 * The message as one plain text: the subject line, the body, the link. The subject is left out
 * when the body already begins with it, so an SMS does not pay for it twice.
 */
export function plainText(message: Pick<OutgoingMessage, 'subject' | 'text' | 'link'>): string {
  const text = message.text.trim();
  const subject = message.subject.trim();
  const parts = [subject && !text.startsWith(subject) ? subject : '', text, message.link ?? ''];
  return parts.filter(Boolean).join('\n');
}

export function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
