import type { Locale } from '@esep/contracts';
import type { ReactNode } from 'react';
import { LANGUAGE_NAMES, publicT } from './public.i18n.ts';
import { PUBLIC_STYLE } from './public.style.ts';

/*
 * Issue 13: the one layout of every public page. Server-rendered, no script needed: a resident
 * on a cheap phone and a slow network gets the whole page in the first response. React escapes
 * every text and attribute, so nothing from a person or the database needs hand escaping.
 */
export interface PageMeta {
  locale: Locale;
  title: string;
  /** One sentence for search engines and link previews (Open Graph). */
  description?: string;
  /** The page's own path without `lang` (e.g. `/d/ALM-01`), for the language switch and og:url. */
  path: string;
  /** Other query parameters the language links keep (e.g. `online=1`). */
  query?: Record<string, string>;
  /** Absolute base for og:url (PUBLIC_URL), when known. */
  publicUrl?: string;
  /**
   * Same-origin scripts, deferred: progressive enhancement only, the page works without them.
   * Only the question form has one (its proof of work, R-29); sendPage's `script` option opens
   * the page's policy to it.
   */
  scripts?: string[];
}

export function withLang(path: string, lang: Locale, query: Record<string, string> = {}): string {
  const qs = new URLSearchParams({ ...query, lang }).toString();
  return `${path}?${qs}`;
}

export function Layout({ meta, children }: { meta: PageMeta; children: ReactNode }) {
  const t = publicT(meta.locale);
  const url = meta.publicUrl ? new URL(withLang(meta.path, meta.locale, meta.query), meta.publicUrl).toString() : undefined;
  return (
    <html lang={meta.locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>{meta.title}</title>
        {meta.description ? <meta name="description" content={meta.description} /> : null}
        <meta property="og:type" content="website" />
        <meta property="og:site_name" content="Esep" />
        <meta property="og:title" content={meta.title} />
        {meta.description ? <meta property="og:description" content={meta.description} /> : null}
        <meta property="og:locale" content={{ kk: 'kk_KZ', ru: 'ru_RU', en: 'en_GB' }[meta.locale]} />
        {url ? <meta property="og:url" content={url} /> : null}
        {(['kk', 'ru', 'en'] as const).map((l) => <link key={l} rel="alternate" hrefLang={l} href={withLang(meta.path, l, meta.query)} />)}
        <style dangerouslySetInnerHTML={{ __html: PUBLIC_STYLE }} />
        {meta.scripts?.map((src) => <script key={src} src={src} defer />)}
      </head>
      <body>
        <a className="skip" href="#main">{t('common.skip')}</a>
        <header>
          <a className="brand" href={withLang('/find', meta.locale)}>Esep</a>
          <nav aria-label={t('common.language')}>
            <ul>
              {(['kk', 'ru', 'en'] as const).map((l) => (
                <li key={l}>
                  <a href={withLang(meta.path, l, meta.query)} lang={l} hrefLang={l} aria-current={l === meta.locale ? 'true' : undefined}>{LANGUAGE_NAMES[l]}</a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main">{children}</main>
        <footer><p className="small">{t('common.footer')}</p></footer>
      </body>
    </html>
  );
}

/** The page every public route answers when what it names does not exist (404). */
export function NotFoundPage({ locale, path }: { locale: Locale; path: string }) {
  const t = publicT(locale);
  return (
    <Layout meta={{ locale, title: t('common.notFound'), path }}>
      <h1>{t('common.notFound')}</h1>
      <p>{t('common.notFoundText')}</p>
      <p><a className="button secondary" href={withLang('/find', locale)}>{t('common.home')}</a></p>
    </Layout>
  );
}
