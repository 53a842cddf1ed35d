import { SUBSCRIPTION_TEMPLATES, UNSUBSCRIBE_LINE, renderTemplate, type Locale, type SubscriptionMessageKind } from '@esep/contracts';
import { subscriptionById, type DeliveryRow, type Executor } from '@esep/db';
import { unsubscribeLink } from './subscription.service.ts';

/*
 * Issue 13, part 4: the delivery worker's side of a message to a subscriber (a delivery row with
 * `subscription_id`): the address comes from the subscription, only while it may still receive
 * (confirmation messages while pending, the rest while confirmed), and the text is rendered in
 * the subscriber's language with the one-click unsubscribe link at the end (for e-mail also the
 * List-Unsubscribe and List-Unsubscribe-Post headers, RFC 8058).
 */
const CONFIRMATION: readonly string[] = ['sub_confirm', 'sub_code'];

export type SubscriberTarget = { skip: string } | { address: string; locale: Locale; subscriptionId: string };

export async function subscriberTarget(db: Executor, delivery: DeliveryRow): Promise<SubscriberTarget> {
  const sub = await subscriptionById(db, delivery.subscriptionId!);
  if (!sub || !sub.address) return { skip: 'no_address' };
  const wanted = CONFIRMATION.includes(delivery.kind) ? 'pending' : 'confirmed';
  if (sub.status !== wanted) return { skip: sub.status === 'confirmed' ? 'already_confirmed' : 'unsubscribed' };
  return { address: sub.address, locale: sub.locale as Locale, subscriptionId: sub.id };
}

export async function subscriberMessage(db: Executor, publicUrl: string | undefined, delivery: DeliveryRow, target: { locale: Locale; subscriptionId: string }) {
  const { locale } = target;
  const template = SUBSCRIPTION_TEMPLATES[delivery.kind as SubscriptionMessageKind]?.[locale];
  if (!template) throw new Error(`no template for ${delivery.kind}/${locale}`);
  const absolute = (path: string) => {
    const url = new URL(path, publicUrl ?? 'http://localhost');
    url.searchParams.set('lang', locale);
    return publicUrl ? url.toString() : `${url.pathname}${url.search}`;
  };
  const params: Record<string, string | number> = { ...(delivery.payload?.params ?? {}) };
  if (typeof params.link === 'string') params.link = absolute(params.link);
  const title = renderTemplate(template.title, params);
  let body = renderTemplate(template.body, params);
  let headers: Record<string, string> | undefined;
  if (!CONFIRMATION.includes(delivery.kind)) {
    const unsubscribe = absolute(await unsubscribeLink(db, target.subscriptionId));
    body = `${body}\n\n${renderTemplate(UNSUBSCRIBE_LINE[locale], { link: unsubscribe })}`;
    headers = { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
  }
  return { title, body, link: null, locale, headers };
}
