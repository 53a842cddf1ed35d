import { timingSafeEqual } from 'node:crypto';
import { ERROR_MESSAGES, LOCALES, type Locale } from '@esep/contracts';
import { districtByCode } from '@esep/db';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../http/app-error.ts';
import { pageLocale, UUID } from '../http/public-page.ts';
import { contextOf, type ServiceContext } from '../services/context.ts';
import {
  confirmByCode, confirmByLink, confirmLinkTarget, offeredChannels, subscribe, telegramStart, unsubscribe, unsubscribeTarget,
  SUBS_CHANNELS, SUBS_KINDS, type LinkOutcome, type SubsDeps,
} from '../services/subs/subscription.service.ts';
import { NotFoundPage, withLang } from './layout.tsx';
import { sendPage } from './page.render.ts';
import { publicT } from './public.i18n.ts';
import { CodePage, ConfirmPage, SubscribePage, SubsMessagePage, TelegramPage, UnsubscribePage, type FieldErrors, type SubscribeForm } from './subs.page.tsx';

/*
 * Issue 13, part 4: residents' subscriptions — the public pages (`/d/:code/subscribe`, `/s/…`),
 * the JSON API of the same (`POST /api/v1/public/districts/:code/subscriptions`), and the
 * Telegram webhook that receives the bot's `/start <code>`. No login; a resident acts without an
 * account even in a browser with a staff session.
 */
const access = { public: true as const };
/** The form per client address: a few subscriptions a minute (counted in the database, like every route limit). */
const formLimit = { max: 10, timeWindow: '1 minute' };

const anonymous = (request: FastifyRequest): ServiceContext => ({ ...contextOf(request), actor: null, actorName: null });

function depsOf(app: FastifyInstance): SubsDeps {
  return { jobs: app.jobs, channels: app.channels, telegramBot: app.config.subscriptions.telegramBot };
}

const field = (body: unknown, name: string): string => {
  const v = (body as Record<string, unknown> | null)?.[name];
  return typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '';
};
const list = (body: unknown, name: string): string[] => {
  const v = (body as Record<string, unknown> | null)?.[name];
  return Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : [];
};
const districtName = (d: { code: string; nameKk: string; nameRu: string }, locale: Locale) => `${d.code} · ${locale === 'kk' ? d.nameKk : d.nameRu}`;

const SubscriptionBody = z.object({
  channel: z.enum(SUBS_CHANNELS),
  address: z.string().max(254).nullable().default(null),
  kinds: z.array(z.enum(SUBS_KINDS)).min(1).default([...SUBS_KINDS]),
  locale: z.enum(LOCALES).default('kk'),
  consent: z.literal(true, { error: 'consent_required' }),
}).meta({ id: 'SubscriptionBody' });
const CodeParam = z.object({ code: z.string().min(1).max(64) });

const api = async (app: FastifyInstance) => {
  app.post('/api/v1/public/districts/:code/subscriptions', {
    schema: {
      tags: ['public'], summary: 'Subscribe to a district\'s meetings (issue 13). 201 { next: email | code | telegram, deepLink? }; 404 for an unknown district; 400 consent_required / validation_failed',
      params: CodeParam, body: SubscriptionBody,
    },
    config: { access, rateLimit: formLimit },
  }, async (request, reply) => {
    const { code } = request.params as z.infer<typeof CodeParam>;
    const body = request.body as z.infer<typeof SubscriptionBody>;
    const outcome = await subscribe(anonymous(request), depsOf(app), code, body);
    return reply.status(201).send(outcome.next === 'telegram' ? { next: outcome.next, deepLink: outcome.deepLink } : { next: outcome.next });
  });

  /**
   * Telegram's webhook. Bot API `setWebhook` with `secret_token`: Telegram sends that secret in the
   * `X-Telegram-Bot-Api-Secret-Token` header of every update, so the URL itself carries none (it
   * would land in proxies' access logs). Only the bot's `/start <code>` matters. Always 200 once
   * the secret matches, so Telegram does not resend.
   */
  app.post('/api/v1/telegram/webhook', {
    schema: {
      tags: ['public'], summary: 'Telegram Bot API webhook: /start <code> confirms a Telegram subscription (issue 13). 404 unless the X-Telegram-Bot-Api-Secret-Token header is the configured secret',
      headers: z.object({ 'x-telegram-bot-api-secret-token': z.string().max(256).optional() }),
    },
    config: { access },
  }, async (request, reply) => {
    const expected = app.config.subscriptions.telegramWebhookSecret;
    const given = Buffer.from(String(request.headers['x-telegram-bot-api-secret-token'] ?? ''));
    if (!expected || given.length !== Buffer.from(expected).length || !timingSafeEqual(given, Buffer.from(expected))) throw new AppError('not_found');
    const update = request.body as { message?: { chat?: { id?: number | string }; text?: string } } | null;
    const chatId = update?.message?.chat?.id;
    const text = update?.message?.text;
    if (chatId !== undefined && typeof text === 'string' && text.startsWith('/start')) {
      await telegramStart(anonymous(request), depsOf(app), String(chatId), text);
    }
    return reply.status(200).send({ ok: true });
  });
};

const pages = async (app: FastifyInstance) => {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, body, done) => {
    const form: Record<string, string | string[]> = {};
    for (const [k, v] of new URLSearchParams(body as string)) {
      const had = form[k];
      form[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
    }
    done(null, form);
  });
  app.setErrorHandler((error: { statusCode?: number }, request, reply) => {
    const locale = pageLocale(request);
    const t = publicT(locale);
    const statusCode = error instanceof AppError ? error.status : error.statusCode;
    const status = statusCode && statusCode >= 400 && statusCode < 500 ? statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'subscription page failed');
    const text = status === 429 ? t('common.tooMany') : ERROR_MESSAGES[status === 500 ? 'internal_error' : 'validation_failed'][locale];
    return sendPage(request, reply, <SubsMessagePage locale={locale} path={request.url.split('?')[0]!} title={t('common.error')} text={text} ok={false} />, { status, cache: 'private' });
  });

  const notFound = (request: FastifyRequest, reply: FastifyReply) => {
    const locale = pageLocale(request);
    return sendPage(request, reply, <NotFoundPage locale={locale} path={request.url.split('?')[0]!} />, { status: 404, cache: 'private' });
  };

  app.get('/d/:code/subscribe', { schema: { hide: true }, config: { access } }, async (request, reply) => {
    const locale = pageLocale(request);
    const district = await districtByCode(app.db, (request.params as { code: string }).code);
    if (!district) return notFound(request, reply);
    return sendPage(request, reply, <SubscribePage locale={locale} district={{ code: district.code, name: districtName(district, locale) }} channels={offeredChannels(depsOf(app))} />, { cache: 'private' });
  });

  app.post('/d/:code/subscribe', { schema: { hide: true }, config: { access, rateLimit: formLimit } }, async (request, reply) => {
    const locale = pageLocale(request);
    const t = publicT(locale);
    const district = await districtByCode(app.db, (request.params as { code: string }).code);
    if (!district) return notFound(request, reply);
    const channels = offeredChannels(depsOf(app));
    const chosenLocale = (LOCALES as readonly string[]).includes(field(request.body, 'locale')) ? field(request.body, 'locale') as Locale : locale;
    const values: SubscribeForm = {
      channel: field(request.body, 'channel'), address: field(request.body, 'address').trim(), kinds: list(request.body, 'kinds'),
      locale: chosenLocale, consent: field(request.body, 'consent') !== '',
    };
    const errors: FieldErrors = {};
    if (!(channels as string[]).includes(values.channel)) errors.channel = t('subs.error.channel');
    else if (values.channel === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.address)) errors.address = t('subs.error.address.email');
    else if ((values.channel === 'sms' || values.channel === 'whatsapp') && !/^\+[1-9]\d{7,14}$/.test(values.address.replace(/[\s()-]/g, ''))) errors.address = t('subs.error.address.phone');
    const kinds = values.kinds.filter((k): k is (typeof SUBS_KINDS)[number] => (SUBS_KINDS as readonly string[]).includes(k));
    if (!kinds.length) errors.kinds = t('subs.error.kinds');
    if (!values.consent) errors.consent = t('subs.error.consent');
    const page = (status: number) => sendPage(request, reply, <SubscribePage locale={locale} district={{ code: district.code, name: districtName(district, locale) }} channels={channels} values={values} errors={errors} />, { status, cache: 'private' });
    if (Object.keys(errors).length) return page(400);
    const outcome = await subscribe(anonymous(request), depsOf(app), district.code, {
      channel: values.channel as (typeof SUBS_CHANNELS)[number],
      address: values.channel === 'telegram' ? null : values.channel === 'email' ? values.address : values.address.replace(/[\s()-]/g, ''),
      kinds, locale: chosenLocale, consent: true,
    });
    if (outcome.next === 'telegram') return sendPage(request, reply, <TelegramPage locale={locale} deepLink={outcome.deepLink} />, { cache: 'private' });
    if (outcome.next === 'code') return reply.redirect(withLang(`/s/code/${outcome.id}`, locale), 303);
    return sendPage(request, reply, <SubsMessagePage locale={locale} path={`/d/${district.code}/subscribe`} title={t('subs.emailSent.title')} text={t('subs.emailSent.text')} ok />, { cache: 'private' });
  });

  app.get('/s/code/:subscription', { schema: { hide: true }, config: { access } }, async (request, reply) => {
    const { subscription: id } = request.params as { subscription: string };
    if (!UUID.test(id)) return notFound(request, reply);
    return sendPage(request, reply, <CodePage locale={pageLocale(request)} id={id} />, { cache: 'private' });
  });

  app.post('/s/code/:subscription', { schema: { hide: true }, config: { access, rateLimit: formLimit } }, async (request, reply) => {
    const locale = pageLocale(request);
    const t = publicT(locale);
    const { subscription: id } = request.params as { subscription: string };
    if (!UUID.test(id)) return notFound(request, reply);
    const outcome = await confirmByCode(anonymous(request), id, field(request.body, 'code'));
    const path = `/s/code/${id}`;
    switch (outcome.result) {
      case 'confirmed': return sendPage(request, reply, <SubsMessagePage locale={locale} path={path} title={t('subs.confirmed.title')} text={t('subs.confirmed.text')} ok />, { cache: 'private' });
      case 'already': return sendPage(request, reply, <SubsMessagePage locale={locale} path={path} title={t('subs.already.title')} text={t('subs.confirmed.text')} ok />, { cache: 'private' });
      case 'wrong': return sendPage(request, reply, <CodePage locale={locale} id={id} error={t('subs.code.wrong', { left: outcome.left })} />, { status: 400, cache: 'private' });
      case 'locked': return sendPage(request, reply, <SubsMessagePage locale={locale} path={path} title={t('subs.code.title')} text={t('subs.code.locked')} ok={false} />, { status: 409, cache: 'private' });
      case 'expired': return sendPage(request, reply, <SubsMessagePage locale={locale} path={path} title={t('subs.expired.title')} text={t('subs.code.expired')} ok={false} />, { status: 410, cache: 'private' });
      default: return notFound(request, reply);
    }
  });

  const invalidLink = (request: FastifyRequest, reply: FastifyReply, path: string) => {
    const locale = pageLocale(request);
    const t = publicT(locale);
    return sendPage(request, reply, <SubsMessagePage locale={locale} path={path} title={t('subs.invalid.title')} text={t('subs.invalid.text')} ok={false} />, { status: 400, cache: 'private' });
  };

  // Issue 13, double opt-in: the link only shows the button; the button (POST) confirms. Mail
  // scanners and link previews GET every link in a message and must not confirm for her.
  const confirmOutcome = (request: FastifyRequest, reply: FastifyReply, outcome: LinkOutcome) => {
    const locale = pageLocale(request);
    const t = publicT(locale);
    const path = '/s/confirm';
    if (outcome === 'invalid') return invalidLink(request, reply, path);
    if (outcome === 'expired') return sendPage(request, reply, <SubsMessagePage locale={locale} path={path} title={t('subs.expired.title')} text={t('subs.expired.text')} ok={false} />, { status: 410, cache: 'private' });
    if (outcome === 'ended') return sendPage(request, reply, <SubsMessagePage locale={locale} path={path} title={t('subs.invalid.title')} text={t('subs.ended.text')} ok={false} />, { status: 410, cache: 'private' });
    return sendPage(request, reply, <SubsMessagePage locale={locale} path={path} title={t(outcome === 'confirmed' ? 'subs.confirmed.title' : 'subs.already.title')} text={t('subs.confirmed.text')} ok />, { cache: 'private' });
  };

  app.get('/s/confirm/:token', { schema: { hide: true }, config: { access, rateLimit: formLimit } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const target = await confirmLinkTarget(anonymous(request), token);
    if (target.outcome !== 'pending') return confirmOutcome(request, reply, target.outcome);
    return sendPage(request, reply, <ConfirmPage locale={pageLocale(request)} token={token} address={target.sub.addressMask ?? '—'} />, { cache: 'private' });
  });

  app.post('/s/confirm/:token', { schema: { hide: true }, config: { access, rateLimit: formLimit } }, async (request, reply) => {
    return confirmOutcome(request, reply, await confirmByLink(anonymous(request), (request.params as { token: string }).token));
  });

  app.get('/s/unsubscribe/:token', { schema: { hide: true }, config: { access } }, async (request, reply) => {
    const locale = pageLocale(request);
    const t = publicT(locale);
    const { token } = request.params as { token: string };
    const sub = await unsubscribeTarget(anonymous(request), token);
    if (!sub) return invalidLink(request, reply, '/s/unsubscribe');
    if (sub.status === 'erased') return sendPage(request, reply, <SubsMessagePage locale={locale} path="/s/unsubscribe" title={t('subs.erased.title')} text={t('subs.erased.text')} ok />, { cache: 'private' });
    return sendPage(request, reply, <UnsubscribePage locale={locale} token={token} address={sub.addressMask ?? '—'} />, { cache: 'private' });
  });

  // One click (RFC 8058: the mail client POSTs List-Unsubscribe=One-Click) and the page's button alike.
  const leave = (erase: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
    const locale = pageLocale(request);
    const t = publicT(locale);
    const outcome = await unsubscribe(anonymous(request), (request.params as { token: string }).token, erase);
    if (outcome === 'invalid') return invalidLink(request, reply, '/s/unsubscribe');
    const erased = outcome === 'erased';
    return sendPage(request, reply, <SubsMessagePage locale={locale} path="/s/unsubscribe" title={t(erased ? 'subs.erased.title' : 'subs.unsubscribed.title')} text={t(erased ? 'subs.erased.text' : 'subs.unsubscribed.text')} ok />, { cache: 'private' });
  };
  app.post('/s/unsubscribe/:token', { schema: { hide: true }, config: { access, rateLimit: formLimit } }, leave(false));
  app.post('/s/withdraw/:token', { schema: { hide: true }, config: { access, rateLimit: formLimit } }, leave(true));
};

export const subsRoutes = async (app: FastifyInstance) => {
  await app.register(api);
  await app.register(pages);
};
