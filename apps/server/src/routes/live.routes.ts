import { IdParam, LiveState, LiveSyncBody, LiveSyncResult } from '@esep/contracts';
import { meetingPaths } from '@esep/db';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../services/context.ts';
import { liveState, syncLive } from '../services/holding/live.service.ts';

const tags = ['holding'];

/** The live screen of a meeting being held: its whole state, and the offline queue's sync. */
export const liveRoutes: FastifyPluginAsyncZod = async (app) => {
  const locateMeeting = async (request: FastifyRequest) => {
    const paths = await meetingPaths(app.db, (request.params as { id: string }).id);
    return paths.length ? { paths } : null;
  };

  app.get('/api/v1/meetings/:id/live', {
    schema: {
      tags, summary: 'Everything the live screen shows: register, items, decisions, awards, topics, required invitations, consent text',
      params: IdParam, response: { 200: LiveState },
    },
    config: { access: { resource: 'participant', action: 'read', locate: locateMeeting } },
  }, async (request) => liveState(contextOf(request), request.params.id));

  app.post('/api/v1/meetings/:id/live/sync', {
    schema: {
      tags, summary: 'Apply operations recorded offline, in order, each on its own: created, duplicate (same clientKey stored before) or rejected with the error; 403 not_the_author when authorId is not the logged-in user',
      params: IdParam, body: LiveSyncBody, response: { 200: LiveSyncResult },
    },
    config: { access: { resource: 'participant', action: 'create', locate: locateMeeting } },
  }, async (request) => syncLive(contextOf(request), request.params.id, request.body.operations, request.body.authorId));
};
