import { IdParam, Source, SourceBody } from '@esep/contracts';
import { meetingPaths, sourceById } from '@esep/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../http/app-error.ts';
import { uploadedFile } from '../http/upload.ts';
import { contextOf } from '../services/context.ts';
import { attachSourceFile, changeSource, contentDisposition, createSource, listSources, removeSource, sourceFile } from '../services/holding/source.service.ts';
import { keptMaterial } from '../services/retention/material.service.ts';

const tags = ['report'];
const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** the sources a report is prepared from, with their attachments. */
export const sourceRoutes: FastifyPluginAsyncZod = async (app) => {
  const locateMeeting = async (request: { params: unknown }) => {
    const paths = await meetingPaths(app.db, (request.params as { id: string }).id);
    return paths.length ? { paths } : null;
  };
  const locateSource = async (request: { params: unknown }) => {
    const source = await sourceById(app.db, (request.params as { id: string }).id);
    const paths = source ? await meetingPaths(app.db, source.meetingId) : [];
    return paths.length ? { paths } : null;
  };

  app.get('/api/v1/meetings/:id/sources', {
    schema: { tags, summary: 'Sources the report is prepared from (R-29)', params: IdParam, response: { 200: z.array(Source) } },
    config: { access: { resource: 'meeting', action: 'read', locate: locateMeeting } },
  }, async (request) => listSources(contextOf(request), request.params.id));

  app.post('/api/v1/meetings/:id/sources', {
    schema: { tags, summary: 'Add a source of the report (R-29); until the protocol is signed', params: IdParam, body: SourceBody, response: { 201: Source } },
    config: { access: { resource: 'meeting', action: 'update', locate: locateMeeting } },
  }, async (request, reply) => reply.status(201).send(await createSource(contextOf(request), request.params.id, request.body)));

  app.patch('/api/v1/sources/:id', {
    schema: { tags, summary: 'Change a source of the report', params: IdParam, body: SourceBody.partial(), response: { 200: Source } },
    config: { access: { resource: 'meeting', action: 'update', locate: locateSource } },
  }, async (request) => changeSource(contextOf(request), request.params.id, request.body));

  app.post('/api/v1/sources/:id/files', {
    schema: {
      tags, summary: 'Attach a file to a source (multipart field `file`: PDF, PNG, JPEG, DOCX or XLSX judged by content, ≤ 20 MB)',
      consumes: ['multipart/form-data'], params: IdParam, response: { 200: Source },
    },
    config: { access: { resource: 'meeting', action: 'update', locate: locateSource } },
  }, async (request) => {
    if (!request.isMultipart()) throw new AppError('validation_failed', [{ field: 'body', reason: 'multipart/form-data with a file' }]);
    const file = await uploadedFile(request, { fileSize: MAX_ATTACHMENT_BYTES });
    if (!file || file.fieldname !== 'file') throw new AppError('validation_failed', [{ field: 'file', reason: 'required' }]);
    return attachSourceFile(contextOf(request), app.config.dataDir, request.params.id, { bytes: file.bytes, filename: file.filename });
  });

  app.get('/api/v1/sources/:id/files', {
    schema: {
      tags, summary: 'Download an attachment of a source under its original name; 410 material_removed once removed after retention (R-32.6)',
      params: IdParam, querystring: z.object({ name: z.string().regex(/^[0-9a-f]{64}\.(png|jpg|pdf|docx|xlsx)$/).describe('The stored file (`files[].file` of the source)') }).strict(),
    },
    config: { access: { resource: 'meeting', action: 'read', locate: locateSource } },
  }, async (request, reply) => {
    const ctx = contextOf(request);
    const { id } = request.params;
    const file = await keptMaterial(ctx, { kind: 'source_attachment', id, file: request.query.name }, () => sourceFile(ctx, app.config.dataDir, id, request.query.name));
    return reply.type(file.type).header('content-disposition', contentDisposition(file.name))
      .header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-store').send(file.bytes);
  });

  app.delete('/api/v1/sources/:id', {
    schema: { tags, summary: 'Remove a source of the report', params: IdParam, response: { 204: z.null() } },
    config: { access: { resource: 'meeting', action: 'update', locate: locateSource } },
  }, async (request, reply) => {
    await removeSource(contextOf(request), request.params.id);
    return reply.status(204).send(null);
  });
};
