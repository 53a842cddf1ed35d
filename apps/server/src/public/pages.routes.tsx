import { ERROR_MESSAGES, SelfRegistrationBody, type Locale } from '@esep/contracts';
import { CONSENT_VERSION } from '@esep/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../http/app-error.ts';
import { pageLocale, UUID } from '../http/public-page.ts';
import { uploadedFile } from '../http/upload.ts';
import { contextOf, type ServiceContext } from '../services/context.ts';
import { selfRegister } from '../services/holding/participant.service.ts';
import { selfRegistrationLimit } from '../services/holding/self-registration.limit.ts';
import { meetingPage } from '../services/pages/meeting-page.service.ts';
import { signersFor } from '../services/protocol/signature.service.ts';
import { sha256hex } from '../services/protocol/signer.ts';
import { verifyProtocol } from '../services/protocol/verification.service.ts';
import { etagOf, notModified, PAGE_SECURITY_HEADERS, sendPage } from './page.render.ts';
import { eventText, meetingIcs } from './pages.meeting.calendar.ts';
import { FIELD_NAMES, MeetingMessagePage, MeetingNotFoundPage, MeetingPage, type FieldName, type FormValues } from './pages.meeting.page.tsx';
import { VerificationNotFoundPage, VerificationPage } from './pages.verification.page.tsx';
import { publicT } from './public.i18n.ts';

/*
 * Issue 13: the server-rendered pages residents open from a QR code — the meeting page with
 * its self-registration form (`/m/:id`, R-32.2) and calendar file, and the protocol's
 * verification page (`/v/:id`, R-32.1). Outside /api so the web app's fallback does not catch
 * them; no login; `?lang=kk|ru|en`, else Accept-Language, else Kazakh.
 */
const PUBLIC = { access: { public: true } } as const;
const MAX_PDF_BYTES = 30 * 1024 * 1024;

/** `?online=1` is the link for online participants: their registration counts as online. */
const isOnline = (request: FastifyRequest) => (request.query as { online?: unknown } | undefined)?.online === '1';
const idOf = (request: FastifyRequest) => String((request.params as { id?: string } | undefined)?.id ?? '');
const formField = (body: Record<string, unknown>, name: string): string => (typeof body[name] === 'string' ? (body[name] as string) : '');
/** A resident registering himself acts without an account, even in a browser with a staff session. */
const anonymous = (request: FastifyRequest): ServiceContext => ({ ...contextOf(request), actor: null, actorName: null });

const meetingPages = async (app: FastifyInstance) => {
  const publicUrl = app.config.publicUrl;
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.setErrorHandler((error: { statusCode?: number }, request, reply) => {
    const locale = pageLocale(request);
    const statusCode = error instanceof AppError ? error.status : error.statusCode;
    const status = statusCode && statusCode >= 400 && statusCode < 500 ? statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'meeting page failed');
    if (status === 429) {
      const message = error instanceof AppError && error.messages ? error.messages[locale] : ERROR_MESSAGES.rate_limited[locale];
      const title = publicT(locale)('pages.register.tooMany');
      return sendPage(request, reply, <MeetingMessagePage locale={locale} meetingId={idOf(request)} title={title} message={message} online={isOnline(request)} backToForm />, { status, cache: 'private' });
    }
    const code = status === 413 ? 'payload_too_large' : status === 500 ? 'internal_error' : 'validation_failed';
    const message = ERROR_MESSAGES[code][locale];
    return sendPage(request, reply, <MeetingMessagePage locale={locale} meetingId={idOf(request)} title={message} message={message} online={isOnline(request)} backToForm={false} />, { status, cache: 'private' });
  });

  const load = (request: FastifyRequest) => {
    const id = idOf(request);
    return UUID.test(id) ? meetingPage(contextOf(request), id) : Promise.resolve(null);
  };
  const notFound = (request: FastifyRequest, reply: Parameters<typeof sendPage>[1], locale: Locale) =>
    sendPage(request, reply, <MeetingNotFoundPage locale={locale} meetingId={idOf(request)} />, { status: 404, cache: 'private' });

  // The same page for everyone who asks (no form answer on it): cacheable, with an ETag.
  app.get('/m/:id', { schema: { hide: true }, config: PUBLIC }, async (request, reply) => {
    const locale = pageLocale(request);
    const meeting = await load(request);
    if (!meeting) return notFound(request, reply, locale);
    return sendPage(request, reply, <MeetingPage locale={locale} meeting={meeting} online={isOnline(request)} publicUrl={publicUrl} />, { cache: 'shared' });
  });

  // "Add to calendar": one VEVENT with the staff feeds' UID and SEQUENCE.
  app.get('/m/:id/meeting.ics', { schema: { hide: true }, config: PUBLIC }, async (request, reply) => {
    const locale = pageLocale(request);
    const meeting = await load(request);
    if (!meeting) return notFound(request, reply, locale);
    const body = meetingIcs(meeting, eventText(meeting, locale, publicUrl), locale);
    const etag = etagOf(body);
    reply.headers(PAGE_SECURITY_HEADERS).header('vary', 'Accept-Language').header('cache-control', 'public, max-age=60').header('etag', etag);
    if (notModified(request, etag)) return reply.status(304).send();
    return reply.type('text/calendar; charset=utf-8')
      .header('content-disposition', `attachment; filename="esep-${meeting.number.replace(/[^A-Za-z0-9-]/g, '')}.ics"`)
      .send(body);
  });

  // the form's answer carries the person's own name and number: never cached.
  app.post('/m/:id', { schema: { hide: true }, config: PUBLIC, onRequest: selfRegistrationLimit(app) }, async (request, reply) => {
    const locale = pageLocale(request);
    const t = publicT(locale);
    const id = idOf(request);
    const meeting = await load(request);
    if (!meeting) return notFound(request, reply, locale);
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    const online = isOnline(request) || formField(body, 'online') === '1';
    const values: FormValues = {
      fullName: formField(body, 'fullName'), address: formField(body, 'address'), phone: formField(body, 'phone'),
      consent: formField(body, 'consent') !== '',
    };
    const page = (status: number, props: Partial<Parameters<typeof MeetingPage>[0]>) =>
      sendPage(request, reply, <MeetingPage locale={locale} meeting={meeting} online={online} publicUrl={publicUrl} {...props} />, { status, cache: 'private' });
    const parsed = SelfRegistrationBody.safeParse({
      fullName: values.fullName, address: values.address, phone: values.phone!.trim() === '' ? null : values.phone,
      consent: values.consent, consentVersion: formField(body, 'consentVersion') || CONSENT_VERSION, online,
    });
    if (!parsed.success) {
      const fieldErrors: Partial<Record<FieldName, string>> = {};
      for (const issue of parsed.error.issues) {
        const name = String(issue.path[0] ?? '') as FieldName;
        if (FIELD_NAMES.includes(name)) fieldErrors[name] = t(`pages.register.error.${name}`);
      }
      const error = Object.keys(fieldErrors).length ? null : ERROR_MESSAGES.validation_failed[locale];
      return page(400, { values, fieldErrors, error });
    }
    try {
      const done = await selfRegister(anonymous(request), id, parsed.data);
      return page(200, { done: { number: done.number, fullName: done.participant.fullName } });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const message = error.messages?.[locale] ?? ERROR_MESSAGES[error.code][locale];
      const current = (await load(request)) ?? meeting;
      return sendPage(request, reply, <MeetingPage locale={locale} meeting={current} online={online} publicUrl={publicUrl} values={values} error={message} />, { status: error.status, cache: 'private' });
    }
  });
};

const verificationPages = async (app: FastifyInstance) => {
  const signers = signersFor(app.config);
  const notFound = (request: FastifyRequest, reply: Parameters<typeof sendPage>[1], status = 404) =>
    sendPage(request, reply, <VerificationNotFoundPage locale={pageLocale(request)} meetingId={idOf(request)} />, { status, cache: 'private' });

  app.setErrorHandler((error: { statusCode?: number }, request, reply) => {
    const statusCode = error instanceof AppError ? error.status : error.statusCode;
    const status = statusCode && statusCode >= 400 && statusCode < 500 ? statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'verification page failed');
    return notFound(request, reply, status);
  });

  const load = (request: FastifyRequest) => {
    const id = idOf(request);
    return UUID.test(id) ? verifyProtocol(app.db, signers, app.config.dataDir, id) : Promise.resolve(null);
  };

  // The verdict is computed afresh on every request: not cached anywhere.
  app.get('/v/:id', { schema: { hide: true }, config: PUBLIC }, async (request, reply) => {
    const result = await load(request);
    if (!result) return notFound(request, reply);
    return sendPage(request, reply, <VerificationPage locale={pageLocale(request)} meetingId={idOf(request)} verification={result} />, { cache: 'private' });
  });

  // Compare a PDF someone holds with the signed ones by its SHA-256 (the file is not kept).
  app.post('/v/:id', { schema: { hide: true }, config: { ...PUBLIC, rateLimit: { max: 20, timeWindow: '1 minute' } } }, async (request, reply) => {
    const locale = pageLocale(request);
    const id = idOf(request);
    const result = await load(request);
    if (!result) return notFound(request, reply);
    let hash: string | null = null;
    if (request.isMultipart()) {
      let file;
      try {
        file = await uploadedFile(request, { fileSize: MAX_PDF_BYTES });
      } catch (error) {
        // A broken upload matches no signed PDF: the page says so, answered as the client's mistake.
        if (error instanceof AppError && error.status === 400) {
          return sendPage(request, reply, <VerificationPage locale={locale} meetingId={id} verification={result} compared="none" />, { status: 400, cache: 'private' });
        }
        throw error;
      }
      if (file) hash = sha256hex(file.bytes);
    }
    const compared = hash && hash === result.pdfHashes.kk ? 'kk' : hash && hash === result.pdfHashes.ru ? 'ru' : 'none';
    return sendPage(request, reply, <VerificationPage locale={locale} meetingId={id} verification={result} compared={compared} />, { cache: 'private' });
  });
};

export const pagesRoutes = async (app: FastifyInstance) => {
  await app.register(meetingPages);
  await app.register(verificationPages);
};
