import { IdParam, PreferredHoursBody } from '@esep/contracts';
import { districtPath } from '@esep/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../services/context.ts';
import { preferredHours, setPreferredHours } from '../services/meeting/preferred-hours.service.ts';

export const preferredHoursRoutes: FastifyPluginAsyncZod = async (app) => {
  const locate = async (request: { params: unknown }) => {
    const path = await districtPath(app.db, (request.params as { id: string }).id);
    return path && { path };
  };
  app.get('/api/v1/districts/:id/preferred-hours', {
    schema: { tags: ['districts'], summary: 'Hours residents prefer for meetings (R-27.2)', params: IdParam, response: { 200: PreferredHoursBody } },
    config: { access: { resource: 'district', action: 'read', locate } },
  }, async (request) => preferredHours(contextOf(request), request.params.id));
  app.put('/api/v1/districts/:id/preferred-hours', {
    schema: { tags: ['districts'], summary: 'Set the hours residents prefer (R-27.2)', params: IdParam, body: PreferredHoursBody, response: { 200: PreferredHoursBody } },
    // Whoever plans the district's meetings records when residents can come.
    config: { access: { resource: 'meeting', action: 'create', locate } },
  }, async (request) => setPreferredHours(contextOf(request), request.params.id, request.body));
};
