import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ERROR_MESSAGES } from '@esep/contracts';
import { AppError } from '../http/app-error.ts';
import { pageLocale } from '../http/public-page.ts';
import { checkAddressQuery, districtPage, lookupAddress, type AddressLookup, type PublicDistrict } from '../services/address.service.ts';
import { contextOf } from '../services/context.ts';
import { DistrictPage } from './address.district.page.tsx';
import { FindPage } from './address.page.tsx';
import { NotFoundPage } from './layout.tsx';
import { sendPage } from './page.render.ts';

/*
 * Issue 13, parts 1 and 2: the address lookup (JSON API and the `/find` page) and the district
 * page `/d/:code`. Public, no login. The lookup is limited per client address (counted in the
 * database like every per-route limit); its routes log at `warn` only, so the address a resident
 * typed (in the URL) never reaches the request log. The district page is the same for everyone:
 * shared cache with an ETag, no limit (a proxy or the browser answers repeats).
 */

const tags = ['public'];
const lookupConfig = { access: { public: true as const }, rateLimit: { max: 60, timeWindow: '1 minute' } };

const Range = z.object({ from: z.number().int().nullable(), to: z.number().int().nullable(), parity: z.enum(['all', 'odd', 'even']) });
const AddressLookupResponse = z.object({
  query: z.object({ key: z.string(), house: z.number().int().nullable() }),
  matches: z.array(z.object({
    districtCode: z.string(), districtNameKk: z.string(), districtNameRu: z.string(), settlementNameKk: z.string(), settlementNameRu: z.string(),
    streetKind: z.string(), streetNameKk: z.string(), streetNameRu: z.string(), ranges: z.array(Range), score: z.number(),
  })),
  settlements: z.array(z.object({
    code: z.string(), kind: z.string(), nameKk: z.string(), nameRu: z.string(), score: z.number(),
    districts: z.array(z.object({ code: z.string(), nameKk: z.string(), nameRu: z.string() })),
  })),
  suggestions: z.array(z.object({ streetKind: z.string(), streetNameKk: z.string(), streetNameRu: z.string(), settlementNameKk: z.string(), settlementNameRu: z.string() })),
}).meta({ id: 'AddressLookup' });
// Length is checked by the service, so the 400 says what to type in the reader's language.
const AddressQuery = z.object({
  q: z.string().optional(),
  house: z.coerce.number().int().min(1).max(1_000_000).optional(),
});

const api: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/public/addresses', {
    schema: {
      tags, querystring: AddressQuery, response: { 200: AddressLookupResponse },
      summary: 'Find the district of an address (issue 13): street in kk or ru, Cyrillic or Latin, with a typo, with or without its type word, and a house number (in q or `house`); or a village name. Nothing matched: `suggestions`. 400 for an empty or > 200-character query, 429 rate_limited',
    },
    config: lookupConfig,
    logLevel: 'warn',
  }, async (request) => lookupAddress(contextOf(request), request.query.q, request.query.house ?? null));
};

/**
 * The district page's facts, kept per server for a few seconds: the page is the same for
 * everyone and already cacheable for a minute by browsers and proxies (max-age=60), so a server
 * answering from facts up to 15 s old says nothing staler; it spares three queries per view when
 * a poster's QR code sends a crowd to one district (issue 13 target: ≥ 5,000 req/s).
 */
const DISTRICT_TTL_MS = 15_000;
const DISTRICT_CACHE_MAX = 5_000;

const pages = async (app: FastifyInstance) => {
  const districts = new Map<string, { at: number; district: PublicDistrict }>();
  const cachedDistrict = async (request: FastifyRequest, code: string): Promise<PublicDistrict | null> => {
    const now = app.clock.now().getTime();
    const hit = districts.get(code);
    if (hit && now - hit.at < DISTRICT_TTL_MS && now >= hit.at) return hit.district;
    const district = await districtPage(contextOf(request), code);
    // Unknown codes are not kept: anyone can ask for any number of them.
    if (district) {
      if (districts.size >= DISTRICT_CACHE_MAX) districts.clear();
      districts.set(code, { at: now, district });
    } else districts.delete(code);
    return district;
  };

  app.setErrorHandler((error: { statusCode?: number }, request, reply) => {
    const locale = pageLocale(request);
    const status = error instanceof AppError ? error.status : error.statusCode ?? 500;
    if (status >= 500) request.log.error({ err: error }, 'address page failed');
    const q = String((request.query as { q?: unknown } | undefined)?.q ?? '').slice(0, 200);
    const message = error instanceof AppError && error.messages ? error.messages[locale]
      : ERROR_MESSAGES[status === 429 ? 'rate_limited' : status >= 500 ? 'internal_error' : 'validation_failed'][locale];
    return sendPage(request, reply, <FindPage locale={locale} q={q} result={null} error={message} />, { status: status >= 400 && status < 600 ? status : 500 });
  });

  app.get('/find', { schema: { hide: true }, config: lookupConfig, logLevel: 'warn' }, async (request, reply) => {
    const locale = pageLocale(request);
    const raw = (request.query as { q?: unknown }).q;
    const q = typeof raw === 'string' ? raw : '';
    if (q.trim() === '') return sendPage(request, reply, <FindPage locale={locale} q="" result={null} />, { cache: 'shared' });
    checkAddressQuery(q);
    const result: AddressLookup = await lookupAddress(contextOf(request), q);
    return sendPage(request, reply, <FindPage locale={locale} q={q} result={result} />, { cache: 'private' });
  });

  app.get('/d/:code', { schema: { hide: true }, config: { access: { public: true } } }, async (request, reply) => {
    const locale = pageLocale(request);
    const { code } = request.params as { code: string };
    const district = await cachedDistrict(request, code);
    if (!district) return sendPage(request, reply, <NotFoundPage locale={locale} path={`/d/${encodeURIComponent(code)}`} />, { status: 404 });
    return sendPage(request, reply, <DistrictPage locale={locale} district={district} publicUrl={app.config.publicUrl} />, { cache: 'shared' });
  });
};

export async function addressRoutes(app: FastifyInstance) {
  await app.register(api);
  await app.register(pages);
}
