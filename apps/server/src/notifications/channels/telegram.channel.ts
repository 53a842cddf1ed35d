import { TelegramChatId } from '@esep/contracts';
import { Api, GrammyError, HttpError } from 'grammy';
import { type Channel, ChannelError, type OutgoingMessage, type SendResult } from '../channel.ts';
import { describe } from './channel.http.ts';
import { Pacer } from './telegram.pacer.ts';

/*
 * Issue 12: reminders through a Telegram bot (the user gives the chat id the bot showed them).
 * grammY's `Api` is the Bot API client: it knows the methods' shapes and turns the Bot API's
 * `{ ok: false, error_code, description, parameters }` into a GrammyError, and a failed
 * request into an HttpError. The API root is configurable for a local Bot API server (or a
 * proxy inside the police network) and for the tests' counterpart.
 */

/** grammY types its signal as the abort-controller shim's; it only calls addEventListener on it. */
type GrammySignal = Parameters<Api['sendMessage']>[3];

export interface TelegramChannelOptions {
  token: string;
  /** https://api.telegram.org, a local telegram-bot-api server, or the test counterpart. */
  apiRoot: string;
  /** Keeps sends under Telegram's limits; one per channel, so per process. */
  pacer?: Pacer;
}

/** Telegram refuses texts over 4096 characters (after entity parsing); reminders are far shorter. */
const MAX_TEXT = 4000;

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The subject in bold on the first line, then the body and the link. HTML parse mode, every
 * part escaped, because the texts are rendered from user data (names, addresses, questions)
 * and MarkdownV2 would need a dozen characters escaped instead of three.
 */
export function telegramHtml(message: Pick<OutgoingMessage, 'subject' | 'text' | 'link'>): string {
  const link = message.link ? `\n\n${escapeHtml(message.link)}` : '';
  const subject = `<b>${escapeHtml(message.subject.trim())}</b>\n\n`;
  let body = message.text.trim();
  const room = MAX_TEXT - subject.length - link.length;
  if (escapeHtml(body).length > room) {
    // Cut by code points (an emoji is two UTF-16 units), leaving room for the ellipsis.
    let chars = Array.from(body);
    while (escapeHtml(chars.join('')).length > room - 1) chars = chars.slice(0, Math.floor(chars.length * 0.9));
    body = `${chars.join('')}…`;
  }
  return `${subject}${escapeHtml(body)}${link}`;
}

/** A Bot API error as the delivery log keeps it: 429 and 5xx temporary, other 4xx permanent. */
export function telegramError(error: unknown, signal?: AbortSignal): ChannelError {
  if (error instanceof ChannelError) return error;
  if (signal?.aborted) return new ChannelError('temporary', 'timeout', `Telegram did not answer before the deadline: ${describe(signal.reason)}`);
  if (error instanceof GrammyError) {
    const code = error.error_code;
    const reason = `telegram_${code}`;
    if (code === 429) {
      const seconds = error.parameters.retry_after;
      return new ChannelError('temporary', reason, error.description, seconds === undefined ? undefined : seconds * 1000);
    }
    // 400 "chat not found", 403 "bot was blocked by the user" / "user is deactivated", 401 a
    // revoked token: sending the same again gets the same answer.
    if (code >= 400 && code < 500) return new ChannelError('permanent', reason, error.description);
    return new ChannelError('temporary', reason, error.description);
  }
  if (error instanceof HttpError) return new ChannelError('temporary', 'connection', describe(error.error instanceof Error ? error.error : error));
  return new ChannelError('temporary', 'connection', describe(error));
}

export function telegramChannel(options: TelegramChannelOptions): Channel {
  const api = new Api(options.token, {
    apiRoot: options.apiRoot.replace(/\/+$/, ''),
    // A backstop only: the worker's AbortSignal ends a send long before (grammY's default is 500 s).
    timeoutSeconds: 120,
  });
  const pacer = options.pacer ?? new Pacer();
  return {
    name: 'telegram',
    // sendMessage has no client key: a send whose answer was lost may have been delivered.
    idempotent: false,
    validAddress: (address) => TelegramChatId.safeParse(address).success,
    async send(message: OutgoingMessage, signal?: AbortSignal): Promise<SendResult> {
      try {
        await pacer.wait(message.address, signal);
        const sent = await api.sendMessage(message.address, telegramHtml(message), {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
        }, signal as GrammySignal);
        return { providerId: String(sent.message_id) };
      } catch (error) {
        const failure = telegramError(error, signal);
        if (failure.retryAfterMs !== undefined) pacer.holdChat(message.address, failure.retryAfterMs);
        throw failure;
      }
    },
  };
}
