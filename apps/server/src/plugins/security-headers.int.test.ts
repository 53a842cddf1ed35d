import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { districtIds, meetingInProgress } from '../../test/holding.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';

/*
 * Every answer carries a Content-Security-Policy that forbids framing and X-Content-Type-Options:
 * the web app's shell, the API docs, JSON, stored files and the public pages.
 */

const INLINE = '\n      window.addEventListener(\'error\', function () {});\n    ';
const INDEX = `<!doctype html><html><head><script>${INLINE}</script><script type="module" src="/assets/app.js"></script></head><body><div id="root"></div></body></html>`;

let t: TestApp;
let docsOff: TestApp;
let inspector: Client;
let meetingId: string;
let webDist: string;

/** The policy as directive → sources. */
function policyOf(response: LightMyRequestResponse): Map<string, string[]> {
  const header = String(response.headers['content-security-policy'] ?? '');
  return new Map(header.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...sources] = d.split(/\s+/);
    return [name!, sources];
  }));
}

function expectBaseHeaders(response: LightMyRequestResponse) {
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(policyOf(response).get('frame-ancestors')).toEqual(['\'none\'']);
}

beforeAll(async () => {
  webDist = mkdtempSync(join(tmpdir(), 'esep-web-'));
  mkdirSync(join(webDist, 'assets'));
  writeFileSync(join(webDist, 'index.html'), INDEX);
  writeFileSync(join(webDist, 'assets', 'app.js'), 'console.log(1)');
  t = await testApp({ webDist });
  inspector = await login(t.app, 'inspector');
  const ids = await districtIds(inspector);
  meetingId = await meetingInProgress(t, inspector, ids['ALM-KAR-P2-D01']!);
}, 120_000);
afterAll(async () => {
  await t?.close();
  await docsOff?.close();
  rmSync(webDist, { recursive: true, force: true });
});

describe('security headers', () => {
  it('the web app\'s HTML (any client route and /index.html): a strict policy allowing its own inline script by hash and NCALayer', async () => {
    for (const url of ['/', '/meetings/123/live', '/index.html']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expectBaseHeaders(response);
      const policy = policyOf(response);
      const hash = `'sha256-${createHash('sha256').update(INLINE).digest('base64')}'`;
      expect(policy.get('script-src')).toEqual(['\'self\'', hash]);
      expect(policy.get('script-src')).not.toContain('\'unsafe-inline\'');
      expect(policy.get('script-src')).not.toContain('\'unsafe-eval\'');
      expect(policy.get('default-src')).toEqual(['\'self\'']);
      expect(policy.get('object-src')).toEqual(['\'none\'']);
      expect(policy.get('base-uri')).toEqual(['\'none\'']);
      expect(policy.get('connect-src')).toEqual(['\'self\'', 'wss://127.0.0.1:13579']);
      expect(response.headers['x-frame-options']).toBe('DENY');
    }
    // Revalidated (304): no policy, so the browser's kept copy keeps the page's own.
    const first = await t.app.inject({ method: 'GET', url: '/index.html' });
    const revalidated = await t.app.inject({ method: 'GET', url: '/index.html', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.headers['content-security-policy']).toBeUndefined();
    expect(revalidated.headers['x-content-type-options']).toBe('nosniff');
    // The app's scripts are files: no document policy beyond framing, still nosniff.
    const script = await t.app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(script.statusCode).toBe(200);
    expectBaseHeaders(script);
  });

  it('JSON answers, errors included: nothing may load, nothing may frame them', async () => {
    for (const response of [
      await inspector.get(`/api/v1/meetings/${meetingId}`),
      await t.app.inject({ method: 'GET', url: '/api/v1/meetings' }),
      await t.app.inject({ method: 'GET', url: '/api/v1/no-such-route' }),
      await t.app.inject({ method: 'GET', url: '/api/health' }),
      await t.app.inject({ method: 'GET', url: '/api/openapi.json' }),
    ]) {
      expect(response.headers['content-type']).toContain('application/json');
      expectBaseHeaders(response);
      expect(policyOf(response).get('default-src')).toEqual(['\'none\'']);
    }
  });

  it('the interactive API docs: their own scripts only', async () => {
    for (const url of ['/api/docs', '/api/docs/', '/api/docs/static/swagger-initializer.js']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBeLessThan(400);
      expectBaseHeaders(response);
      const policy = policyOf(response);
      expect(policy.get('script-src')).toEqual(['\'self\'']);
      expect(policy.get('object-src')).toEqual(['\'none\'']);
    }
  });

  it('stored files (the poster PDF): nosniff and no framing', async () => {
    const poster = await inspector.get(`/api/v1/meetings/${meetingId}/poster?lang=kk`);
    expect(poster.statusCode).toBe(200);
    expect(poster.headers['content-type']).toBe('application/pdf');
    expectBaseHeaders(poster);
  });

  it('the public pages keep their own stricter policy', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/m/${meetingId}` });
    expect(page.statusCode).toBe(200);
    expectBaseHeaders(page);
    expect(policyOf(page).get('default-src')).toEqual(['\'none\'']);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });

  it('ESEP_API_DOCS=0 takes the interactive docs away; the OpenAPI document stays', async () => {
    docsOff = await testApp({ webDist, apiDocs: false });
    const docs = await docsOff.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(404);
    expect(docs.json().error.code).toBe('not_found');
    expectBaseHeaders(docs);
    const spec = await docsOff.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(spec.statusCode).toBe(200);
    expect(spec.json().openapi).toBe('3.1.0');
  });
});
