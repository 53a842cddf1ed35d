import { IdParam, LegalHold, LegalHoldBody, RetentionList, RetentionQuery, RetentionRemovalBody, RetentionRemovalResult } from '@esep/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../services/context.ts';
import { placeHold, releaseHold, removeExpired, retentionList } from '../services/retention/retention.service.ts';

/** retention of the meeting's materials and legal holds (administrator). */
export const retentionRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['retention'];
  const deps = () => ({ dataDir: app.config.dataDir, videoStore: app.videoStore, retentionDays: app.config.retentionDays });

  app.get('/api/v1/retention', {
    schema: {
      tags, summary: 'Dry run: the materials (video, scans, attachments, publication proofs) of meetings dated more than ESEP_RETENTION_DAYS before `asOf` (default today), except meetings under a legal hold',
      querystring: RetentionQuery, response: { 200: RetentionList },
    },
    config: { access: { resource: 'retention', action: 'read' } },
  }, async (request) => retentionList(contextOf(request), deps(), request.query.asOf));

  app.post('/api/v1/retention/removals', {
    schema: {
      tags, summary: 'Remove what the dry run for `asOf` lists (confirm: true): files deleted, one removal record per file; records and signatures stay',
      body: RetentionRemovalBody, response: { 200: RetentionRemovalResult },
    },
    config: { access: { resource: 'retention', action: 'create' } },
  }, async (request) => removeExpired(contextOf(request), deps(), request.body.asOf));

  app.put('/api/v1/meetings/:id/legal-hold', {
    schema: { tags, summary: 'Place a legal hold on a meeting: its materials are kept past retention', params: IdParam, body: LegalHoldBody, response: { 200: LegalHold } },
    config: { access: { resource: 'retention', action: 'create' } },
  }, async (request) => placeHold(contextOf(request), request.params.id, request.body.reason));

  app.delete('/api/v1/meetings/:id/legal-hold', {
    schema: { tags, summary: 'Lift the legal hold of a meeting', params: IdParam, response: { 204: z.null() } },
    config: { access: { resource: 'retention', action: 'delete' } },
  }, async (request, reply) => {
    await releaseHold(contextOf(request), request.params.id);
    return reply.code(204).send(null);
  });
};
