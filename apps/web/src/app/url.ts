/**
 * An address shown short — host, path, and the last segment's first 8 characters when it is a
 * long id: "https://esep.kz/v/32f40bde-ef07-4568-8801-…" → "esep.kz/v/32f40bde…". A full URL of
 * 60 characters wraps over many lines on a 360 px phone (issue 14); the link and a copy button
 * carry the whole address, the text only has to be recognised.
 */
export function shortUrl(url: string): string {
  const { host, pathname } = new URL(url);
  const parts = pathname.split('/');
  const last = parts.pop() ?? '';
  return `${host}${parts.join('/')}/${last.length > 12 ? `${last.slice(0, 8)}…` : last}`;
}
