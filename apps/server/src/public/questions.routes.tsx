import { ResidentQuestionForm, type Locale } from '@esep/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../http/app-error.ts';
import { pageLocale, UUID } from '../http/public-page.ts';
import { contextOf, type ServiceContext } from '../services/context.ts';
import { serverSealingKey } from '../services/protocol/signer.ts';
import { challengeKey, checkChallenge, issueChallenge, type ChallengeProblem } from '../services/question/question.challenge.ts';
import { questionLimit, questionWithoutPowLimit } from '../services/question/question.limit.ts';
import { challengeHashOf, checkPow } from '../services/question/question.pow.ts';
import { formAlreadyUsed, questionFormTarget, questionForAuthor, submitQuestion } from '../services/question/question.service.ts';
import { ASK_POW_PATH, ASK_POW_SCRIPT } from './ask-pow.script.ts';
import { NotFoundPage } from './layout.tsx';
import { sendPage } from './page.render.ts';
import { publicT } from './public.i18n.ts';
import { AuthorQuestionPage, FIELDS, QuestionFormPage, QuestionRefusalPage, QuestionThanksPage, type Field, type FormValues } from './questions.page.tsx';

/*
 * questions sent ahead of the meeting — the public form `/d/:code/ask` (no login, no
 * script needed) and the author's private page `/q/:token`. Abuse resistance without third
 * parties: a honeypot field, a server-signed challenge refusing forms sent back within 3 s or
 * after an hour, limits per address and per network (question.limit.ts), and a small proof of
 * work on the challenge (question.pow.ts), solved by the page's own script (ask-pow.script.ts).
 * A form with a wrong solution is refused; one without (no script) is taken under a stricter
 * per-network limit; a form's challenge stores one question only, so a solution is spent once.
 */

/** The body of a form is small: 2,000 characters of Cyrillic percent-encoded are ~36 KB. */
const FORM_BODY_LIMIT = 64 * 1024;

/** A resident acts without an account (even in a browser with a staff session); her address is not recorded. */
const resident = (request: FastifyRequest): ServiceContext => ({ ...contextOf(request), actor: null, actorName: null, clientAddress: null });

const field = (body: Record<string, unknown>, name: string): string => (typeof body[name] === 'string' ? (body[name] as string) : '');
const codeOf = (request: FastifyRequest) => String((request.params as { code?: unknown } | undefined)?.code ?? '');
const meetingParam = (value: unknown): string | null => (typeof value === 'string' && UUID.test(value) ? value : null);

/** Refusals of the whole form: the stable code (the page's data-reason) and its message. */
type FormRefusal = ChallengeProblem | 'pow_invalid' | 'challenge_used';
const REFUSAL_KEYS: Record<FormRefusal, string> = {
  too_fast: 'questions.tooFast', expired: 'questions.expired', tampered: 'questions.expired', pow_invalid: 'questions.powInvalid', challenge_used: 'questions.used',
};

const ERROR_KEYS: Record<Field, string> = {
  kind: 'questions.error.kind', text: 'questions.error.text', name: 'questions.error.name', contact: 'questions.error.contact', consent: 'questions.error.consent',
};

export const questionPageRoutes = async (app: FastifyInstance) => {
  // Derived on first use, as the other users of the server key do: production without
  // ESEP_SIGNING_KEY is refused at start-up by config.ts, not by a route plugin.
  let challengeSecret: Buffer | undefined;
  const key = () => (challengeSecret ??= challengeKey(serverSealingKey(app.config)));
  const countWithoutPow = questionWithoutPowLimit(app);

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.setErrorHandler((error: { statusCode?: number }, request, reply) => {
    const locale = pageLocale(request);
    const t = publicT(locale);
    const statusCode = error instanceof AppError ? error.status : error.statusCode;
    const status = statusCode && statusCode >= 400 && statusCode < 500 ? statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'question page failed');
    const message = status === 429 ? t('questions.tooMany') : status === 413 ? t('questions.tooLarge') : t('common.error');
    const reason = status === 429 ? 'rate_limited' : status === 413 ? 'payload_too_large' : undefined;
    return sendPage(request, reply, <QuestionRefusalPage locale={locale} code={codeOf(request)} message={message} reason={reason} />, { status, cache: 'private' });
  });

  const notFound = (request: FastifyRequest, locale: Locale) => <NotFoundPage locale={locale} path={request.url.split('?')[0]!} />;
  const refuse = (request: FastifyRequest, reply: FastifyReply, locale: Locale, reason: FormRefusal) => sendPage(request, reply,
    <QuestionRefusalPage locale={locale} code={codeOf(request)} message={publicT(locale)(REFUSAL_KEYS[reason])} reason={reason} />, { status: 400, cache: 'private' });

  // the proof of work's script, same origin. Its address names its content, so it is kept a year.
  app.get(ASK_POW_PATH, { schema: { hide: true }, config: { access: { public: true } } }, async (_request, reply) => reply
    .header('cache-control', 'public, max-age=31536000, immutable').type('text/javascript; charset=utf-8').send(ASK_POW_SCRIPT));

  app.get('/d/:code/ask', { schema: { hide: true }, config: { access: { public: true } } }, async (request, reply) => {
    const locale = pageLocale(request);
    const target = await questionFormTarget(resident(request), codeOf(request), meetingParam((request.query as { meeting?: unknown }).meeting));
    if (!target) return sendPage(request, reply, notFound(request, locale), { status: 404, cache: 'private' });
    const challenge = issueChallenge(key(), target.district.id, app.clock.now());
    // A form carries its own challenge: never cached. Its page alone may run a (same-origin) script.
    return sendPage(request, reply, <QuestionFormPage locale={locale} district={target.district} meeting={target.meeting} challenge={challenge} />, { cache: 'private', script: true });
  });

  app.post('/d/:code/ask', {
    schema: { hide: true }, config: { access: { public: true } }, onRequest: questionLimit(app),
  }, async (request, reply) => {
    const locale = pageLocale(request);
    const t = publicT(locale);
    const code = codeOf(request);
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    const target = await questionFormTarget(resident(request), code, meetingParam(body.meeting) ?? meetingParam((request.query as { meeting?: unknown }).meeting));
    if (!target) return sendPage(request, reply, notFound(request, locale), { status: 404, cache: 'private' });
    // the honeypot — thanked like a person, nothing stored, nothing to learn from the answer.
    if (field(body, 'website') !== '') return sendPage(request, reply, <QuestionThanksPage locale={locale} code={code} link={null} />, { cache: 'private' });
    const challenge = field(body, 'challenge');
    const problem = checkChallenge(key(), target.district.id, challenge, app.clock.now());
    if (problem) return refuse(request, reply, locale, problem);
    // the proof of work. A solution sent must solve this very challenge; none at all (no
    // script) is allowed, under the stricter limit below. A form's challenge is spent once stored.
    const pow = field(body, 'pow');
    if (pow !== '' && !checkPow(challenge, pow)) return refuse(request, reply, locale, 'pow_invalid');
    const challengeHash = challengeHashOf(challenge);
    if (await formAlreadyUsed(resident(request), challengeHash)) return refuse(request, reply, locale, 'challenge_used');

    const values: FormValues = { kind: field(body, 'kind'), text: field(body, 'text'), name: field(body, 'name'), contact: field(body, 'contact'), consent: field(body, 'consent') !== '' };
    const parsed = ResidentQuestionForm.safeParse(values);
    if (!parsed.success) {
      const errors: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) {
        const name = String(issue.path[0] ?? '') as Field;
        if (FIELDS.includes(name)) errors[name] = t(ERROR_KEYS[name]);
      }
      if (!Object.keys(errors).length) errors.text = t(ERROR_KEYS.text);
      const fresh = issueChallenge(key(), target.district.id, app.clock.now());
      return sendPage(request, reply, <QuestionFormPage locale={locale} district={target.district} meeting={target.meeting} challenge={fresh} values={values} errors={errors} />, { status: 400, cache: 'private', script: true });
    }
    if (pow === '') {
      const retryAfter = await countWithoutPow(request);
      if (retryAfter != null) {
        reply.header('retry-after', String(retryAfter));
        return sendPage(request, reply, <QuestionRefusalPage locale={locale} code={code} message={t('questions.tooManyWithoutPow')} reason="rate_limited_without_pow" />, { status: 429, cache: 'private' });
      }
    }
    const stored = await submitQuestion(resident(request), { districtId: target.district.id, meetingId: target.meeting?.id ?? null, challengeHash }, parsed.data);
    if (stored === 'challenge_used') return refuse(request, reply, locale, 'challenge_used');
    const path = `/q/${stored.token}?lang=${locale}`;
    const link = app.config.publicUrl ? new URL(path, app.config.publicUrl).toString() : path;
    return sendPage(request, reply, <QuestionThanksPage locale={locale} code={code} link={link} />, { cache: 'private' });
  });

  app.get('/q/:token', { schema: { hide: true }, config: { access: { public: true } } }, async (request, reply) => {
    const locale = pageLocale(request);
    const token = String((request.params as { token?: unknown }).token ?? '');
    const question = await questionForAuthor(resident(request), token);
    // An unknown or altered token says nothing about any question (not even the path).
    if (!question) return sendPage(request, reply, <NotFoundPage locale={locale} path="/find" />, { status: 404, cache: 'private' });
    return sendPage(request, reply, <AuthorQuestionPage locale={locale} token={token} question={question} />, { cache: 'private' });
  });
};
