import { IdParam } from '@esep/contracts';
import { announcementById, meetingPaths } from '@esep/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../http/app-error.ts';
import { uploadedFile } from '../http/upload.ts';
import { contextOf } from '../services/context.ts';
import { attachProof, proofOf } from '../services/meeting/announcement-proof.service.ts';
import { keptMaterial } from '../services/retention/material.service.ts';

const MAX_PROOF_BYTES = 10 * 1024 * 1024;

export const announcementRoutes: FastifyPluginAsyncZod = async (app) => {
  const locate = async (request: { params: unknown }) => {
    const announcement = await announcementById(app.db, (request.params as { id: string }).id);
    const paths = announcement ? await meetingPaths(app.db, announcement.meetingId) : [];
    return paths.length ? { paths } : null;
  };

  app.post('/api/v1/announcements/:id/proof', {
    schema: {
      tags: ['meetings'], summary: 'Attach a screenshot or scan proving the publication (multipart field `file`: PNG, JPEG or PDF, ≤ 10 MB; R-27.1)',
      consumes: ['multipart/form-data'], params: IdParam,
      response: { 200: z.object({ file: z.string(), contentType: z.string(), size: z.number().int() }) },
    },
    config: { access: { resource: 'meeting', action: 'update', locate } },
  }, async (request) => {
    if (!request.isMultipart()) throw new AppError('validation_failed', [{ field: 'body', reason: 'multipart/form-data with a file' }]);
    const file = await uploadedFile(request, { fileSize: MAX_PROOF_BYTES });
    if (!file) throw new AppError('validation_failed', [{ field: 'file', reason: 'required' }]);
    return attachProof(contextOf(request), app.config.dataDir, request.params.id, file.bytes);
  });

  app.get('/api/v1/announcements/:id/proof', {
    schema: { tags: ['meetings'], summary: 'The publication proof file; 410 material_removed once removed after retention (R-32.6)', params: IdParam },
    config: { access: { resource: 'meeting', action: 'read', locate } },
  }, async (request, reply) => {
    const ctx = contextOf(request);
    const file = await keptMaterial(ctx, { kind: 'publication_proof', id: request.params.id }, () => proofOf(ctx, app.config.dataDir, request.params.id));
    return reply.type(file.type).header('cache-control', 'private, max-age=3600').send(file.bytes);
  });
};
