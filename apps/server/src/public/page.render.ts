import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

/*
 * Issue 13: how a public page leaves the server. `shared` pages are the same for everyone who
 * asks (district, meeting, outcomes, open data): cacheable for a minute by browsers and proxies,
 * with a strong ETag so a repeat visit on a slow network costs a 304 and no body. Pages that
 * carry a person's input or a form's answer are `private` (no-store).
 */
export type PageCache = 'shared' | 'private';

const PAGE_POLICY = 'default-src \'none\'; style-src \'unsafe-inline\'; img-src \'self\' data:; form-action \'self\'; base-uri \'none\'; frame-ancestors \'none\'';

export const PAGE_SECURITY_HEADERS = {
  'content-security-policy': PAGE_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

/**
 * A page with a script of the server's own (only the question form's proof of work, R-29): the
 * same policy plus `script-src 'self'` — no inline script, nothing from elsewhere. Every other
 * public page runs no script at all.
 */
export const SCRIPTED_PAGE_SECURITY_HEADERS = {
  ...PAGE_SECURITY_HEADERS,
  'content-security-policy': `${PAGE_POLICY}; script-src 'self'`,
} as const;

export function renderHtml(element: ReactElement): string {
  return `<!doctype html>${renderToStaticMarkup(element)}`;
}

export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** True when the request's If-None-Match names this ETag (weak or strong, or a list). */
export function notModified(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

export interface SendPageOptions {
  status?: number;
  cache?: PageCache;
  maxAgeSeconds?: number;
  /** The page loads a same-origin script (`script-src 'self'`); only the question form does. */
  script?: boolean;
}

export function sendPage(request: FastifyRequest, reply: FastifyReply, element: ReactElement, options: SendPageOptions = {}) {
  const status = options.status ?? 200;
  const body = renderHtml(element);
  reply.headers(options.script ? SCRIPTED_PAGE_SECURITY_HEADERS : PAGE_SECURITY_HEADERS).header('vary', 'Accept-Language');
  if (options.cache === 'shared' && status === 200) {
    const etag = etagOf(body);
    reply.header('cache-control', `public, max-age=${options.maxAgeSeconds ?? 60}`).header('etag', etag);
    if (notModified(request, etag)) return reply.status(304).send();
  } else {
    reply.header('cache-control', 'no-store');
  }
  return reply.status(status).type('text/html; charset=utf-8').send(body);
}
