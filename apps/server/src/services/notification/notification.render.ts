import { DIGEST_TEMPLATE, NOTIFICATION_TEMPLATES, renderTemplate, type Locale, type NotificationKind } from '@esep/contracts';
import type { NotificationRow } from '@esep/db';
import { readableParams } from '@esep/domain';

/*
 * Issue 12: a reminder's words in one language, the same for the bell and every channel. A
 * template naming a value the reminder does not carry throws TemplateVariableMissing: the
 * delivery is then skipped with that reason instead of going out with a hole in it.
 */
export interface RenderedMessage { title: string; body: string; link: string | null }

export function renderNotification(n: Pick<NotificationRow, 'kind' | 'params' | 'link'>, locale: Locale, publicUrl?: string): RenderedMessage {
  const template = NOTIFICATION_TEMPLATES[n.kind as NotificationKind]?.[locale];
  if (!template) throw new Error(`no template for ${n.kind}/${locale}`);
  return {
    // Issue 14, item 11: the stored values stay ISO; the reader gets "22 июня 2027 г." and «3-й квартал 2027 г.».
    title: renderTemplate(template.title, readableParams(n.params, locale)),
    body: renderTemplate(template.body, readableParams(n.params, locale)),
    link: n.link ? (publicUrl ? new URL(n.link, publicUrl).toString() : n.link) : null,
  };
}

/** The daily digest: one line per reminder, in order. */
export function renderDigest(items: ReadonlyArray<Pick<NotificationRow, 'kind' | 'params' | 'link'>>, locale: Locale, publicUrl?: string): RenderedMessage {
  const lines = items.map((n) => {
    const m = renderNotification(n, locale, publicUrl);
    return `• ${m.title}${m.link ? ` — ${m.link}` : ''}`;
  });
  return {
    title: renderTemplate(DIGEST_TEMPLATE[locale].title, { count: items.length }),
    body: renderTemplate(DIGEST_TEMPLATE[locale].body, { lines: lines.join('\n') }),
    link: null,
  };
}
