import { IdParam } from '@esep/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { buildFeed, feedOwner, issueFeedToken, type FeedTarget } from '../services/calendar.service.ts';
import { contextOf } from '../services/context.ts';

const tags = ['calendar'];

const FeedQuery = z.object({ key: z.string().min(1).max(200) });
const FeedTokenResponse = z.object({
  token: z.string(),
  urls: z.object({ mine: z.string(), district: z.string().optional(), point: z.string().optional(), inspector: z.string().optional() }),
});

/**
 * Feed routes are `public` for the access plugin: calendar clients (Google, Outlook, Apple)
 * cannot log in nor send headers, so each feed authenticates by the secret `?key=` itself
 * (unknown or revoked key → 401) and is then scoped to the key owner's territory exactly as his
 * own requests would be (a district, point or staff member outside it → 404).
 *
 * Their logLevel is `warn`: the request lines Fastify logs at `info` would write the key in
 * the URL to the logs. Polls are limited per client address.
 */
const feedConfig = { access: { public: true as const }, rateLimit: { max: 120, timeWindow: '1 minute' } };
const CACHE = 'private, max-age=300';

export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  const send = async (request: FastifyRequest, reply: FastifyReply, key: string, target: FeedTarget) => {
    const ctx = contextOf(request);
    const owner = await feedOwner(ctx, key, { demoDisabled: app.config.env === 'production' });
    const feed = await buildFeed(ctx, owner, target);
    return reply.type('text/calendar; charset=utf-8').header('cache-control', CACHE)
      .header('content-disposition', `inline; filename="${feed.fileName}"`).send(feed.body);
  };

  app.post('/api/v1/calendar/feed-token', {
    schema: {
      tags, summary: 'A new secret key for iCal feed URLs (revokes the earlier ones); returns the key and the feed URLs',
      response: { 201: FeedTokenResponse },
    },
    config: { access: { authenticated: true } },
  }, async (request, reply) => {
    const auth = request.auth!;
    return reply.status(201).send(await issueFeedToken(contextOf(request), auth.user));
  });

  app.get('/api/v1/calendar/mine.ics', {
    schema: { tags, summary: 'iCal feed (RFC 5545) of every meeting in the key owner\'s territory: /calendar/mine.ics?key=…', querystring: FeedQuery },
    config: feedConfig, logLevel: 'warn',
  }, async (request, reply) => send(request, reply, request.query.key, { kind: 'mine' }));

  app.get('/api/v1/calendar/districts/:id/feed.ics', {
    schema: { tags, summary: 'iCal feed of the meetings covering a district: /calendar/districts/{id}/feed.ics?key=…', params: IdParam, querystring: FeedQuery },
    config: feedConfig, logLevel: 'warn',
  }, async (request, reply) => send(request, reply, request.query.key, { kind: 'district', id: request.params.id }));

  app.get('/api/v1/calendar/points/:id/feed.ics', {
    schema: { tags, summary: 'iCal feed of the meetings of a police point: /calendar/points/{id}/feed.ics?key=…', params: IdParam, querystring: FeedQuery },
    config: feedConfig, logLevel: 'warn',
  }, async (request, reply) => send(request, reply, request.query.key, { kind: 'point', id: request.params.id }));

  app.get('/api/v1/calendar/inspectors/:id/feed.ics', {
    schema: { tags, summary: 'iCal feed of the meetings where a staff member (id) reports: /calendar/inspectors/{id}/feed.ics?key=…', params: IdParam, querystring: FeedQuery },
    config: feedConfig, logLevel: 'warn',
  }, async (request, reply) => send(request, reply, request.query.key, { kind: 'inspector', id: request.params.id }));
};
