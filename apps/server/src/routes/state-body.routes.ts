import { IdParam, StateBody, StateBodyBody, StateBodyQuery } from '@esep/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../services/context.ts';
import { createStateBody, listStateBodies, updateStateBody } from '../services/followup/state-body.service.ts';

const tags = ['follow-up'];

/** the directory of state bodies items outside police competence are forwarded to. */
export const stateBodyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/state-bodies', {
    schema: {
      tags, summary: 'State bodies; with `topic` and `districtId` ranked as suggestions: competent for the topic first, then those serving the district',
      querystring: StateBodyQuery, response: { 200: z.array(StateBody) },
    },
    config: { access: { resource: 'state_body', action: 'read' } },
  }, async (request) => listStateBodies(contextOf(request), request.query));

  app.post('/api/v1/state-bodies', {
    schema: { tags, summary: 'Add a state body to the directory (administrator; a taken code → 409)', body: StateBodyBody, response: { 201: StateBody } },
    config: { access: { resource: 'state_body', action: 'create' } },
  }, async (request, reply) => reply.status(201).send(await createStateBody(contextOf(request), request.body)));

  app.put('/api/v1/state-bodies/:id', {
    schema: { tags, summary: 'Change a state body: names, competence topics, territory, contact, on/off (administrator)', params: IdParam, body: StateBodyBody, response: { 200: StateBody } },
    config: { access: { resource: 'state_body', action: 'update' } },
  }, async (request) => updateStateBody(contextOf(request), request.params.id, request.body));
};
