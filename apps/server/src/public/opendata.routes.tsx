import { OPEN_DATA_SETS, OpenDataFeedQuery, OpenDataJson, OpenDataQuery, type OpenDataSet } from '@esep/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageLocale } from '../http/public-page.ts';
import { contextOf } from '../services/context.ts';
import { nationalFeed } from '../services/opendata/opendata-feed.service.ts';
import {
  complianceRows, meetingsRows, openDataFile, openDataPage, openScope, outcomesRows, type OpenFormat,
} from '../services/opendata/opendata.service.ts';
import { NotFoundPage } from './layout.tsx';
import { OpenDataPage } from './opendata.page.tsx';
import { notModified, sendPage } from './page.render.ts';

/*
 * Issue 13, part 6 (Law 401-V): the open data sets, the national iCal feed and the page that
 * explains them. Public, the same for everyone: cached 5 minutes by browsers and proxies with an
 * ETag (a repeat download costs a 304), and limited per client address — a national quarter is
 * megabytes, so a loop of requests must not tie up the database.
 */

const tags = ['open data'];
const CACHE = 'public, max-age=300';
const dataConfig = { access: { public: true as const }, rateLimit: { max: 30, timeWindow: '1 minute' } };
const SUMMARY: Record<OpenDataSet, string> = {
  meetings: 'Open data: one row per meeting and district it covers, for a quarter and territory',
  compliance: 'Open data: one row per district with the quarter\'s compliance with the rules (R-22.13, R-26, R-27.1, R-32.1–R-32.5)',
  outcomes: 'Open data: one row per item of the quarter\'s signed meetings (no item text)',
};

const rowsOf = (request: FastifyRequest, set: OpenDataSet, scope: Awaited<ReturnType<typeof openScope>>) => {
  const ctx = contextOf(request);
  if (set === 'meetings') return meetingsRows(ctx, scope);
  if (set === 'compliance') return complianceRows(ctx, scope, request.server.config.atRiskDays);
  return outcomesRows(ctx, scope);
};

export const openDataRoutes: FastifyPluginAsyncZod = async (app) => {
  const sendFile = async (request: FastifyRequest, reply: FastifyReply, set: OpenDataSet, format: OpenFormat, query: OpenDataQuery) => {
    const ctx = contextOf(request);
    const scope = await openScope(ctx, query);
    const file = await openDataFile(ctx, set, format, scope, rowsOf(request, set, scope));
    reply.header('cache-control', CACHE).header('etag', file.etag).header('access-control-allow-origin', '*')
      .header('x-content-type-options', 'nosniff');
    if (notModified(request, file.etag)) return reply.status(304).send();
    if (format === 'csv') reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
    return reply.type(file.contentType).send(file.body);
  };

  for (const set of OPEN_DATA_SETS) {
    app.get(`/open-data/${set}.json`, {
      schema: {
        tags, summary: SUMMARY[set],
        description: '`quarter`: YYYY-Q (e.g. 2026-4; the current quarter in Asia/Almaty by default; 2023 onwards, up to the next quarter). '
          + 'At most one territory by code: `region`, `unit`, `point` or `district`. `fields` documents every column; no personal data. '
          + 'The same rows as CSV (UTF-8 with BOM, RFC 4180): the same path ending in `.csv`. ETag and Cache-Control: public, max-age=300.',
        querystring: OpenDataQuery, response: { 200: OpenDataJson },
      },
      config: dataConfig,
    }, async (request, reply) => sendFile(request, reply, set, 'json', request.query));

    app.get(`/open-data/${set}.csv`, {
      schema: { tags, summary: `${SUMMARY[set]} (CSV)`, querystring: OpenDataQuery, produces: ['text/csv'], response: { 200: z.string() } },
      config: dataConfig,
    }, async (request, reply) => sendFile(request, reply, set, 'csv', request.query));
  }

  app.get('/open-data/meetings.ics', {
    schema: {
      tags, summary: 'Open data: iCal feed (RFC 5545) of announced meetings, 30 days back to 90 ahead, the country\'s or a region\'s',
      querystring: OpenDataFeedQuery, produces: ['text/calendar'], response: { 200: z.string() },
    },
    config: dataConfig,
  }, async (request, typed) => {
    const reply: FastifyReply = typed;
    const feed = await nationalFeed(contextOf(request), request.query.region);
    reply.header('cache-control', CACHE).header('etag', feed.etag).header('access-control-allow-origin', '*');
    if (notModified(request, feed.etag)) return reply.status(304).send();
    return reply.type('text/calendar; charset=utf-8').header('content-disposition', `inline; filename="${feed.fileName}"`).send(feed.body);
  });

  app.get('/open-data', {
    schema: { hide: true, querystring: z.object({ quarter: z.string().max(10).optional(), region: z.string().max(64).optional(), lang: z.string().max(5).optional() }) },
    config: { access: { public: true }, rateLimit: { max: 120, timeWindow: '1 minute' } },
  }, async (request, reply) => {
    const locale = pageLocale(request);
    const page = await openDataPage(contextOf(request), request.query);
    if (page.unknownRegion) return sendPage(request, reply, <NotFoundPage locale={locale} path="/open-data" />, { status: 404 });
    return sendPage(request, reply, (
      <OpenDataPage locale={locale} quarter={page.quarter} quarters={page.quarters} regions={page.regions} region={page.region}
        firstQuarter={page.quarters[page.quarters.length - 1]!} publicUrl={request.server.config.publicUrl} />
    ), { cache: 'shared', maxAgeSeconds: 300 });
  });
};
