import { LOCALES, type Locale } from '@esep/contracts';
import type { FastifyRequest } from 'fastify';
import { negotiateLocale } from './locale.ts';

/*
 * The server-rendered public pages residents open from a QR code — the meeting's
 * self-registration page (R-32.2, `/m/:id`) and the protocol's verification page (R-32.1,
 * `/v/:id`) and the rest of issue 13's public side (public/): no login, no script, kk by default.
 */

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `?lang=` when it names a language, else the browser's Accept-Language, else Kazakh. */
export function pageLocale(request: FastifyRequest): Locale {
  const lang = (request.query as { lang?: unknown } | undefined)?.lang;
  if (typeof lang === 'string' && (LOCALES as readonly string[]).includes(lang)) return lang as Locale;
  return negotiateLocale(request.headers['accept-language'], 'kk');
}

