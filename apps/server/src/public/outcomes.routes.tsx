import { almatyDate } from '@esep/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../http/app-error.ts';
import { pageLocale } from '../http/public-page.ts';
import { contextOf, type ServiceContext } from '../services/context.ts';
import { districtOutcomes, parseQuarter } from '../services/resident/outcomes.service.ts';
import { recordVerdict, verdictState, VERDICT_MESSAGES, type Verdict } from '../services/resident/verdict.service.ts';
import { NotFoundPage } from './layout.tsx';
import { OutcomesPage } from './outcomes.page.tsx';
import { publicT } from './public.i18n.ts';
import { sendPage } from './page.render.ts';
import { VerdictPage } from './verdict.page.tsx';

/*
 * Issue 13, part 5: "you said — we did" (`/d/:code/outcomes`, the same for everyone, cached
 * with an ETag) and the resident's verdict behind her private link (`/q/:token/verdict`,
 * no-store). Public: no login; a resident acts without an account even in a staff browser.
 */
const access = { access: { public: true as const } };
const anonymous = (request: FastifyRequest): ServiceContext => ({ ...contextOf(request), actor: null, actorName: null });

async function verdictNotFound(request: FastifyRequest, reply: FastifyReply) {
  const locale = pageLocale(request);
  return sendPage(request, reply, <NotFoundPage locale={locale} path="/find" />, { status: 404, cache: 'private' });
}

export const outcomesRoutes = async (app: FastifyInstance) => {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.get('/d/:code/outcomes', { schema: { hide: true }, config: access }, async (request, reply) => {
    const locale = pageLocale(request);
    const { code } = request.params as { code: string };
    const quarter = parseQuarter((request.query as { quarter?: unknown } | undefined)?.quarter);
    const found = code.length <= 64 ? await districtOutcomes(contextOf(request), code, quarter) : null;
    if (!found) return sendPage(request, reply, <NotFoundPage locale={locale} path={`/d/${encodeURIComponent(code)}/outcomes`} />, { status: 404 });
    return sendPage(request, reply, (
      <OutcomesPage locale={locale} district={found.district} meetings={found.meetings} quarter={quarter} today={almatyDate(app.clock.now())} publicUrl={app.config.publicUrl} />
    ), { cache: 'shared' });
  });

  app.get('/q/:token/verdict', { schema: { hide: true }, config: access }, async (request, reply) => {
    const locale = pageLocale(request);
    const { token } = request.params as { token: string };
    try {
      const state = await verdictState(anonymous(request), token);
      return sendPage(request, reply, <VerdictPage locale={locale} path={`/q/${token}/verdict`} state={state} />, { cache: 'private' });
    } catch (error) {
      if (error instanceof AppError && error.status === 404) return verdictNotFound(request, reply);
      throw error;
    }
  });

  app.post('/q/:token/verdict', { schema: { hide: true }, config: access }, async (request, reply) => {
    const locale = pageLocale(request);
    const t = publicT(locale);
    const { token } = request.params as { token: string };
    const path = `/q/${token}/verdict`;
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    const words = typeof body.words === 'string' ? body.words : '';
    const verdict = body.verdict === 'resolved' || body.verdict === 'not_resolved' ? (body.verdict as Verdict) : null;
    const ctx = anonymous(request);
    try {
      if (!verdict) {
        const state = await verdictState(ctx, token);
        return sendPage(request, reply, <VerdictPage locale={locale} path={path} state={state} words={words} error={t('outcomes.verdict.choose')} />, { status: 400, cache: 'private' });
      }
      const state = await recordVerdict(ctx, { token, verdict, words });
      return sendPage(request, reply, <VerdictPage locale={locale} path={path} state={state} saved />, { cache: 'private' });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.status === 404) return verdictNotFound(request, reply);
      const state = await verdictState(ctx, token);
      const message = error.messages?.[locale] ?? VERDICT_MESSAGES.not_answered_yet[locale];
      return sendPage(request, reply, <VerdictPage locale={locale} path={path} state={state} words={words} error={message} />, { status: error.status, cache: 'private' });
    }
  });
};
