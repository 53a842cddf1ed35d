import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/*
 * Security headers on every response: a Content-Security-Policy with `frame-ancestors 'none'`,
 * `X-Content-Type-Options: nosniff`, a referrer policy and, behind https, HSTS.
 *
 * One onSend hook rather than @fastify/helmet: the policy depends on what the response is — the
 * web app's shell, the interactive API docs, JSON, a stored file — and the public pages residents
 * open from a QR code (`/m/:id`, `/v/:id`, see public/page.render.ts) already send a stricter policy
 * of their own, which must win. Helmet sets one policy for all responses up front, so it would
 * need the same per-response choice on top of it; the hook is the choice and nothing more.
 */

const join_ = (directives: Record<string, string>) => Object.entries(directives).map(([k, v]) => `${k} ${v}`).join('; ');

/**
 * The web app (React + Vite + Mantine, see apps/web/index.html and vite.config.ts), as strict as
 * it can be:
 * - scripts: only the app's own files, plus the one inline script of index.html (the "could not
 *   load" message) by its SHA-256; no eval (the web app turns zod's eval-based JIT off);
 * - styles: 'unsafe-inline' because Mantine injects <style> tags for its CSS variables at run time
 *   and sets style attributes on its components (a nonce cannot cover attributes). Styles cannot
 *   run code, so this is the one relaxation;
 * - connections: the API and the tus video upload (same origin) and NCALayer, the qualified
 *   signature's local websocket on wss://127.0.0.1:13579 (protocol signing page);
 * - images: own files, data: (icons) and blob: (Uppy's previews); media: the video player;
 * - the Workbox service worker and the web manifest come from the same origin.
 */
export function webAppPolicy(inlineScriptHashes: readonly string[]): string {
  return join_({
    'default-src': '\'self\'',
    'script-src': ['\'self\'', ...inlineScriptHashes.map((h) => `'${h}'`)].join(' '),
    'style-src': '\'self\' \'unsafe-inline\'',
    'img-src': '\'self\' data: blob:',
    'font-src': '\'self\' data:',
    'connect-src': '\'self\' wss://127.0.0.1:13579',
    'media-src': '\'self\' blob:',
    'worker-src': '\'self\'',
    'manifest-src': '\'self\'',
    'frame-src': '\'none\'',
    'object-src': '\'none\'',
    'base-uri': '\'none\'',
    'form-action': '\'self\'',
    'frame-ancestors': '\'none\'',
  });
}

/** Swagger UI (`/api/docs`): its own scripts and styles (it sets style attributes), the spec from the same origin. */
export const DOCS_POLICY = join_({
  'default-src': '\'self\'',
  'script-src': '\'self\'',
  'style-src': '\'self\' \'unsafe-inline\'',
  'img-src': '\'self\' data:',
  'connect-src': '\'self\'',
  'object-src': '\'none\'',
  'base-uri': '\'none\'',
  'form-action': '\'self\'',
  'frame-ancestors': '\'none\'',
});

/** JSON and other API answers are data, never a document: nothing may load, nothing may frame them. */
export const DATA_POLICY = 'default-src \'none\'; frame-ancestors \'none\'';

/**
 * Stored files (protocol PDFs, posters, sheets, sources, videos): only framing is forbidden.
 * A `default-src 'none'` here would break Chrome's built-in PDF viewer, which draws the document
 * in a synthetic page with inline styles under the response's policy. Uploaded files are
 * accepted by their bytes as PDF, images, DOCX, XLSX or video only, and nosniff keeps a browser
 * from reading them as anything else, so no stored file can run script in Esep's origin.
 */
export const FILE_POLICY = 'frame-ancestors \'none\'';

/** The SHA-256 sources of the inline <script> elements of an HTML page (those without `src`). */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
    if (/\ssrc\s*=/i.test(match[1] ?? '')) continue;
    hashes.push(`sha256-${createHash('sha256').update(match[2] ?? '', 'utf8').digest('base64')}`);
  }
  return hashes;
}

/** The headers of an answer written past Fastify (the tus upload hijacks the reply): it is data. */
export const RAW_DATA_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'same-origin', 'content-security-policy': DATA_POLICY,
};

export default fp(async function securityHeadersPlugin(app: FastifyInstance) {
  const index = join(app.config.webDist, 'index.html');
  const webPolicy = webAppPolicy(existsSync(index) ? inlineScriptHashes(readFileSync(index, 'utf8')) : []);
  const hsts = app.config.publicUrl.startsWith('https:');

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    // The legacy twin of frame-ancestors, for browsers that predate CSP level 2.
    if (!reply.hasHeader('x-frame-options')) reply.header('x-frame-options', 'DENY');
    if (!reply.hasHeader('referrer-policy')) reply.header('referrer-policy', 'same-origin');
    if (hsts) reply.header('strict-transport-security', 'max-age=31536000');
    // A handler that set its own policy (the public pages) keeps it. A 304 has no body to judge
    // the policy by, and the browser merges its headers into the copy it keeps: it gets none, so
    // the kept copy (the app's page, revalidated by the service worker) keeps its own policy.
    if (reply.hasHeader('content-security-policy') || reply.statusCode === 304) return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    const url = request.url;
    let policy: string;
    if (url === '/api/docs' || url.startsWith('/api/docs/')) policy = DOCS_POLICY;
    else if (type.startsWith('text/html')) policy = webPolicy;
    else if (type === '' || type.startsWith('application/json') || type.startsWith('text/plain')) policy = DATA_POLICY;
    else policy = FILE_POLICY;
    reply.header('content-security-policy', policy);
    return payload;
  });
});
