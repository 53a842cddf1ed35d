import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { Layout, NotFoundPage } from './layout.tsx';
import { etagOf, renderHtml, sendPage } from './page.render.ts';

describe('public page rendering (issue 13)', () => {
  it('escapes text from people and the database, and carries Open Graph tags and the language switch', () => {
    const html = renderHtml(
      <Layout meta={{ locale: 'ru', title: 'Улица <script>', description: 'a "b"', path: '/d/X', publicUrl: 'https://esep.example' }}>
        <p>{'<img src=x onerror=alert(1)>'}</p>
      </Layout>,
    );
    expect(html.startsWith('<!doctype html><html lang="ru">')).toBe(true);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x');
    expect(html).toContain('<meta property="og:title" content="Улица &lt;script&gt;"/>');
    expect(html).toContain('content="https://esep.example/d/X?lang=ru"');
    expect(html).toContain('href="/d/X?lang=kk"');
    expect(html).toContain('aria-current="true"');
  });

  it('a shared page has an ETag and answers 304 to it; a private page is no-store', async () => {
    const app = Fastify();
    app.get('/shared', (req, reply) => sendPage(req, reply, <NotFoundPage locale="kk" path="/shared" />, { cache: 'shared', status: 200 }));
    app.get('/private', (req, reply) => sendPage(req, reply, <NotFoundPage locale="kk" path="/private" />, { cache: 'private' }));
    const first = await app.inject('/shared');
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    expect(first.headers.etag).toBe(etagOf(first.body));
    expect(first.headers['content-security-policy']).toContain('default-src \'none\'');
    const again = await app.inject({ url: '/shared', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const priv = await app.inject('/private');
    expect(priv.headers['cache-control']).toBe('no-store');
    expect(priv.headers.etag).toBeUndefined();
    await app.close();
  });
});
