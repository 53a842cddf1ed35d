import type { Locale } from '@esep/contracts';

/*
 * Issue 12: one interface for every way a message leaves Esep (e-mail, Telegram, SMS, WhatsApp).
 * The delivery worker (delivery.service.ts) claims a delivery row, renders the message in the
 * recipient's language, and calls `send`; what comes back decides the row's next state:
 *   - a SendResult: `sent` (with the provider's id when it gives one);
 *   - a ChannelError 'temporary' (timeout, 5xx, 429, connection refused): retried with backoff;
 *   - a ChannelError 'permanent' (4xx other than 429, an address the provider refuses, a missing
 *     configuration): `failed`, never retried, the reason shown in the delivery log.
 * Anything else thrown counts as temporary.
 */
export const CHANNEL_NAMES = ['email', 'telegram', 'sms', 'whatsapp'] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

export interface OutgoingMessage {
  /**
   * The delivery's idempotency key: the same for every attempt of one message. Channels whose
   * provider de-duplicates on a client key pass it on (and say `idempotent: true`); e-mail puts
   * it in the Message-ID so a receiving system can recognise a copy.
   */
  key: string;
  /** E-mail address, Telegram chat id, or E.164 phone number (+77011234567), already validated. */
  address: string;
  locale: Locale;
  /** One line: the e-mail subject, the first line of a chat message. */
  subject: string;
  /** Plain text body (Telegram, SMS and WhatsApp send this; e-mail sends it beside `html`). */
  text: string;
  html?: string;
  /** Where in Esep the recipient acts on it (absolute URL), when there is such a page. */
  link?: string;
  /** Extra e-mail headers (issue 13: List-Unsubscribe, List-Unsubscribe-Post); other channels ignore them. */
  headers?: Record<string, string>;
}

export interface SendResult {
  /** The provider's message id (SMTP Message-ID/response, Telegram message_id, gateway id). */
  providerId: string | null;
}

export type FailureKind = 'permanent' | 'temporary';

export class ChannelError extends Error {
  constructor(
    readonly kind: FailureKind,
    /** Short, stable reason for the log: `smtp_550`, `telegram_403`, `timeout`, `not_configured` … */
    readonly reason: string,
    message: string,
    /** The provider asked to wait this long (Telegram's retry_after, HTTP Retry-After). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ChannelError';
  }
}

export interface Channel {
  readonly name: ChannelName;
  /** A resend with the same key cannot deliver twice: the provider de-duplicates on it. */
  readonly idempotent: boolean;
  /** Whether `address` is well-formed for this channel (e-mail, E.164, Telegram chat id). */
  validAddress(address: string): boolean;
  /** Sends one message; resolves once the provider has accepted it. Honours `signal` (timeout). */
  send(message: OutgoingMessage, signal?: AbortSignal): Promise<SendResult>;
  close?(): Promise<void>;
}

/** The channels this process can send through; a channel absent here is "not configured". */
export type Channels = Partial<Record<ChannelName, Channel>>;
