import { createTransport } from 'nodemailer';
import { z } from 'zod';
import { type Channel, ChannelError, type OutgoingMessage, type SendResult } from '../channel.ts';
import { describe } from './channel.http.ts';

/*
 * Issue 12: e-mail through the operator's SMTP relay (an MTA of the police network, or a
 * provider's submission port). Nodemailer speaks SMTP; its errors carry the server's reply code,
 * which decides the delivery's fate.
 */

export interface EmailChannelOptions {
  /** smtp://user:password@host:587 (STARTTLS when offered) or smtps://…:465 (TLS from the start). */
  url: string;
  /** The From header: `esep@example.kz` or `Esep <esep@example.kz>`. */
  from: string;
}

const Email = z.email().max(254);

/**
 * The Message-ID of a delivery: the same for every attempt, so a receiving system (or a person
 * reading headers) can tell a resend from a new message. The key is the local part,
 * percent-encoded where RFC 5322's dot-atom would not take it (so any key makes a valid id).
 */
export function messageIdFor(key: string): string {
  const local = encodeURIComponent(key).replace(/[().]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `<${local}@esep>`;
}

interface SmtpFailure { code?: string; responseCode?: number; response?: string; message?: string }

/**
 * SMTP failures: a 5xx reply refuses the message for good (550 no such mailbox, 552 too big,
 * 554 rejected as spam, 535 login refused) — except 503, a command out of sequence, which a new
 * connection gets past; a 4xx reply (421, 450, 451, 452 greylisting, a full queue) asks to
 * come back later. No reply at all — refused or dropped connection, DNS, TLS — is temporary.
 */
export function emailError(error: unknown, signal?: AbortSignal): ChannelError {
  if (error instanceof ChannelError) return error;
  const failure = (error ?? {}) as SmtpFailure;
  if (signal?.aborted || failure.code === 'EABORT') {
    return new ChannelError('temporary', 'timeout', `the SMTP server did not accept the message before the deadline${signal ? `: ${describe(signal.reason)}` : ''}`);
  }
  const detail = (failure.response ?? describe(error)).slice(0, 300);
  const code = failure.responseCode;
  if (typeof code === 'number' && code >= 400) {
    const permanent = code >= 500 && code !== 503;
    return new ChannelError(permanent ? 'permanent' : 'temporary', `smtp_${code}`, detail);
  }
  if (failure.code === 'ETIMEDOUT') return new ChannelError('temporary', 'timeout', detail);
  // An envelope nodemailer itself refuses (no valid recipient) fails every time.
  if (failure.code === 'EENVELOPE') return new ChannelError('permanent', 'smtp_envelope', detail);
  return new ChannelError('temporary', 'connection', detail);
}

export function emailChannel(options: EmailChannelOptions): Channel {
  // A pool keeps a few connections open between messages: a batch of reminders does not pay
  // the TCP and TLS handshakes each time. The timeouts are backstops; the worker's signal
  // ends a send that takes too long (nodemailer then closes that message's connection).
  const transport = createTransport({
    url: options.url,
    pool: true,
    maxConnections: 3,
    // A message whose connection dropped is not sent again by the pool: the delivery worker
    // decides about retries (backoff, attempts, the log), and a drop after DATA may have delivered.
    maxRequeues: 0,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  }, { from: options.from });
  return {
    name: 'email',
    // SMTP has no way to refuse a second copy: a send cut off after DATA may have been delivered.
    idempotent: false,
    validAddress: (address) => Email.safeParse(address).success,
    async send(message: OutgoingMessage, signal?: AbortSignal): Promise<SendResult> {
      try {
        const info = await transport.sendMail({
          to: message.address,
          subject: message.subject,
          text: message.link ? `${message.text}\n\n${message.link}` : message.text,
          ...(message.html ? { html: message.html } : {}),
          messageId: messageIdFor(message.key),
          headers: { ...message.headers, 'Content-Language': message.locale },
          ...(signal ? { signal } : {}),
        });
        // The server's answer names its queue id ("250 2.0.0 Ok: queued as 4XyZ"), the handle to
        // find the message in the relay's log; the Message-ID is known from the key anyway.
        return { providerId: (info.response ?? info.messageId ?? '').slice(0, 200) || null };
      } catch (error) {
        throw emailError(error, signal);
      }
    },
    async close() {
      transport.close();
    },
  };
}
