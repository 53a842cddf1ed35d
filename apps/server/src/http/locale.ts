import type { Locale } from '@esep/contracts';

/** Picks kk, ru or en from Accept-Language (first supported tag by quality); Kazakh by default. */
export function negotiateLocale(header: string | undefined, fallback: Locale = 'kk'): Locale {
  if (!header) return fallback;
  const tags = header.split(',').map((part) => {
    const [tag = '', ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return { tag: tag.toLowerCase().slice(0, 2), q: q ? Number(q.slice(2)) : 1 };
  }).sort((a, b) => b.q - a.q);
  const hit = tags.find((t) => t.tag === 'kk' || t.tag === 'ru' || t.tag === 'en');
  return (hit?.tag as Locale | undefined) ?? fallback;
}
