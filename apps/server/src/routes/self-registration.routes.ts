import { ERROR_MESSAGES, IdParam, SelfRegistrationBody, type Locale } from '@esep/contracts';
import { CONSENT_TEXT, CONSENT_VERSION } from '@esep/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../http/app-error.ts';
import { contextOf, type ServiceContext } from '../services/context.ts';
import { publicMeeting, selfRegister } from '../services/holding/participant.service.ts';
import { selfRegistrationLimit } from '../services/holding/self-registration.limit.ts';
import { FIELD_ERRORS, renderMeetingPage, renderMessagePage, renderNotFoundPage, renderTooManyPage, type FormValues } from '../services/holding/self-registration.page.ts';
import { pageLocale, sendHtml, UUID } from '../http/public-page.ts';

const tags = ['public'];

const PublicMeeting = z.object({
  number: z.string(), status: z.string(), startsAt: z.iso.datetime(), endsAt: z.iso.datetime(), venueName: z.string().nullable(), venueAddress: z.string().nullable(),
  format: z.string(),
  /** Only while registration is open. */
  onlineLink: z.string().nullable(),
  window: z.enum(['not_yet_open', 'open', 'closed']), opensAt: z.iso.datetime(), closesAt: z.iso.datetime(),
  consent: z.object({ version: z.string(), kk: z.string(), ru: z.string(), en: z.string() }),
}).meta({ id: 'PublicMeeting' });
const Registered = z.object({ number: z.number().int(), meetingNumber: z.string() }).meta({ id: 'SelfRegistered' });

/** A resident registering himself acts without an account, even in a browser with a staff session. */
const anonymous = (request: FastifyRequest): ServiceContext => ({ ...contextOf(request), actor: null, actorName: null });

/** The JSON API of self-registration (no login): the meeting's public facts and the registration. */
const publicApi: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/public/meetings/:id', {
    schema: { tags, summary: 'Public facts of an announced meeting and whether self-registration is open (no personal data)', params: IdParam, response: { 200: PublicMeeting } },
    config: { access: { public: true } },
  }, async (request) => {
    const meeting = await publicMeeting(contextOf(request), request.params.id);
    if (!meeting) throw new AppError('not_found');
    const { id: _id, ...facts } = meeting;
    return { ...facts, consent: { version: CONSENT_VERSION, ...CONSENT_TEXT } };
  });

  app.post('/api/v1/public/meetings/:id/registrations', {
    schema: {
      tags, summary: 'Register oneself while the meeting\'s window is open (QR code or online link; R-32.2). 409 registration_closed / already_registered, 400 consent_required, 429 rate_limited',
      params: IdParam, body: SelfRegistrationBody, response: { 201: Registered },
    },
    config: { access: { public: true } },
    // one limit with the HTML form below, counted in the database.
    onRequest: selfRegistrationLimit(app),
  }, async (request, reply) => {
    const { number, meetingNumber } = await selfRegister(anonymous(request), request.params.id, request.body);
    return reply.status(201).send({ number, meetingNumber });
  });
};


const formField = (body: Record<string, unknown>, name: string): string => (typeof body[name] === 'string' ? (body[name] as string) : '');

/**
 * The meeting's public page (`/m/:id`, where the poster's QR code points): server-rendered
 * HTML, outside /api so the web app's fallback does not catch it. `?online=1` is the link for
 * online participants; `?lang=kk|ru|en` picks the language (else Accept-Language, else kk).
 */
const isOnline = (request: FastifyRequest) => (request.query as { online?: unknown } | undefined)?.online === '1';

const pages = async (app: FastifyInstance) => {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.setErrorHandler((error: { statusCode?: number }, request, reply) => {
    const locale = pageLocale(request);
    const id = String((request.params as { id?: string } | undefined)?.id ?? '');
    const statusCode = error instanceof AppError ? error.status : error.statusCode;
    const status = statusCode && statusCode >= 400 && statusCode < 500 ? statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'self-registration page failed');
    if (status === 429) {
      const message = error instanceof AppError && error.messages ? error.messages[locale] : ERROR_MESSAGES.rate_limited[locale];
      return sendHtml(reply, 429, renderTooManyPage(locale, id, message, isOnline(request)));
    }
    const code = status === 429 ? 'rate_limited' : status === 413 ? 'payload_too_large' : status === 500 ? 'internal_error' : 'validation_failed';
    return sendHtml(reply, status, renderMessagePage(locale, id, ERROR_MESSAGES[code][locale], ERROR_MESSAGES[code][locale]));
  });

  app.get('/m/:id', { schema: { hide: true } }, async (request, reply) => {
    const locale = pageLocale(request);
    const { id } = request.params as { id: string };
    const meeting = UUID.test(id) ? await publicMeeting(contextOf(request), id) : null;
    if (!meeting) return sendHtml(reply, 404, renderNotFoundPage(locale, id));
    return sendHtml(reply, 200, renderMeetingPage({ locale, meeting, online: isOnline(request) }));
  });

  app.post('/m/:id', { schema: { hide: true }, onRequest: selfRegistrationLimit(app) }, async (request, reply) => {
    const locale = pageLocale(request);
    const { id } = request.params as { id: string };
    const meeting = UUID.test(id) ? await publicMeeting(contextOf(request), id) : null;
    if (!meeting) return sendHtml(reply, 404, renderNotFoundPage(locale, id));
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    const online = isOnline(request) || formField(body, 'online') === '1';
    const values: FormValues = {
      fullName: formField(body, 'fullName'), address: formField(body, 'address'), phone: formField(body, 'phone'),
      consent: formField(body, 'consent') !== '',
    };
    const parsed = SelfRegistrationBody.safeParse({
      fullName: values.fullName, address: values.address, phone: values.phone!.trim() === '' ? null : values.phone,
      consent: values.consent, consentVersion: formField(body, 'consentVersion') || CONSENT_VERSION, online,
    });
    if (!parsed.success) {
      const fieldErrors: Partial<Record<keyof typeof FIELD_ERRORS, string>> = {};
      for (const issue of parsed.error.issues) {
        const name = String(issue.path[0] ?? '');
        if (name in FIELD_ERRORS) fieldErrors[name as keyof typeof FIELD_ERRORS] = FIELD_ERRORS[name as keyof typeof FIELD_ERRORS][locale];
      }
      const error = Object.keys(fieldErrors).length ? null : ERROR_MESSAGES.validation_failed[locale];
      return sendHtml(reply, 400, renderMeetingPage({ locale, meeting, online, values, fieldErrors, error }));
    }
    try {
      const done = await selfRegister(anonymous(request), id, parsed.data);
      return sendHtml(reply, 200, renderMeetingPage({ locale, meeting, online, done: { number: done.number, fullName: done.participant.fullName } }));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const message = error.messages?.[locale] ?? ERROR_MESSAGES[error.code][locale];
      const current = (await publicMeeting(contextOf(request), id)) ?? meeting;
      return sendHtml(reply, error.status, renderMeetingPage({ locale, meeting: current, online, values, error: message }));
    }
  });
};

export const selfRegistrationRoutes = async (app: FastifyInstance) => {
  await app.register(publicApi);
  await app.register(pages);
};
