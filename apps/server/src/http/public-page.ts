import { LOCALES, type Locale } from '@esep/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { negotiateLocale } from './locale.ts';

/*
 * The server-rendered public pages residents open from a QR code — the meeting's
 * self-registration page (R-32.2, `/m/:id`) and the protocol's verification page (R-32.1,
 * `/v/:id`): no login, no script, kk by default.
 */

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' })[c]!);
}

/** `?lang=` when it names a language, else the browser's Accept-Language, else Kazakh. */
export function pageLocale(request: FastifyRequest): Locale {
  const lang = (request.query as { lang?: unknown } | undefined)?.lang;
  if (typeof lang === 'string' && (LOCALES as readonly string[]).includes(lang)) return lang as Locale;
  return negotiateLocale(request.headers['accept-language'], 'kk');
}

/** A page with a strict policy: nothing but its own inline style, forms posting to itself. */
export function sendHtml(reply: FastifyReply, status: number, html: string) {
  return reply.status(status).type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-security-policy', 'default-src \'none\'; style-src \'unsafe-inline\'; form-action \'self\'; base-uri \'none\'; frame-ancestors \'none\'')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .send(html);
}
