import {
  IdParam, OptionalText, PaperSheet, Participant, ParticipantBody, ParticipantListQuery, ParticipantPage, ParticipantSuggestion,
  PARTICIPANT_CATEGORY_VALUES, Text,
} from '@esep/contracts';
import { meetingPaths, paperSheetById, participantById } from '@esep/db';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../http/app-error.ts';
import { uploadedFile } from '../http/upload.ts';
import { contextOf } from '../services/context.ts';
import {
  correctParticipant, participantPage, registerParticipant, removeParticipant, suggestions,
} from '../services/holding/participant.service.ts';
import { MAX_SHEET_BYTES, paperSheetFile, paperSheets, uploadPaperSheet } from '../services/holding/paper-sheet.service.ts';
import { keptMaterial } from '../services/retention/material.service.ts';

const tags = ['holding'];

/** A correction of an entry: any of these fields; the number, channel and consent stay. */
export const ParticipantPatchBody = z.object({
  fullName: Text(200).optional(),
  address: OptionalText(300),
  residentOfDistrictId: z.uuid().nullable().optional(),
  category: z.enum(PARTICIPANT_CATEGORY_VALUES).optional(),
  organisation: OptionalText(300),
  phone: z.string().trim().regex(/^\+?[0-9 ()-]{6,20}$/, 'phone').nullable().optional(),
  email: z.email().max(200).nullable().optional(),
}).strict().meta({ id: 'ParticipantUpdate' });

const SuggestionQuery = z.object({ q: Text(100, { min: 2 }) }).strict();

/** the participant register and the paper sign-in sheets (personal data: resource `participant`). */
export const participantRoutes: FastifyPluginAsyncZod = async (app) => {
  const atMeeting = async (meetingId: string | null | undefined) => {
    const paths = meetingId ? await meetingPaths(app.db, meetingId) : [];
    return paths.length ? { paths } : null;
  };
  const locateMeeting = async (request: FastifyRequest) => atMeeting((request.params as { id: string }).id);
  const locateParticipant = async (request: FastifyRequest) => atMeeting((await participantById(app.db, (request.params as { id: string }).id))?.meetingId);
  const locateSheet = async (request: FastifyRequest) => atMeeting((await paperSheetById(app.db, (request.params as { id: string }).id))?.meetingId);

  app.get('/api/v1/meetings/:id/participants', {
    schema: {
      tags, summary: 'The participant register of a meeting (R-32.2): search by name or address, filter by channel and category',
      params: IdParam, querystring: ParticipantListQuery, response: { 200: ParticipantPage },
    },
    config: { access: { resource: 'participant', action: 'read', locate: locateMeeting } },
  }, async (request) => {
    const { page, pageSize, sort, q, channel, category } = request.query;
    return participantPage(contextOf(request), request.params.id, { q, channel, category }, { page, pageSize, sort });
  });

  app.post('/api/v1/meetings/:id/participants', {
    schema: {
      tags, summary: 'Register a participant (staff entry, paper sheet or invited official; 200 with the first entry for a repeated clientKey; 409 already_registered)',
      params: IdParam, body: ParticipantBody, response: { 200: Participant, 201: Participant },
    },
    config: { access: { resource: 'participant', action: 'create', locate: locateMeeting } },
  }, async (request, reply) => {
    const { participant, created } = await registerParticipant(contextOf(request), request.params.id, request.body);
    return reply.status(created ? 201 : 200).send(participant);
  });

  app.get('/api/v1/meetings/:id/participants/suggestions', {
    schema: {
      tags, summary: 'People registered at earlier meetings of the same districts whose name contains q (at most 10)',
      params: IdParam, querystring: SuggestionQuery, response: { 200: z.array(ParticipantSuggestion) },
    },
    config: { access: { resource: 'participant', action: 'read', locate: locateMeeting } },
  }, async (request) => suggestions(contextOf(request), request.params.id, request.query.q));

  app.patch('/api/v1/participants/:id', {
    schema: { tags, summary: 'Correct a register entry (409 already_registered when it becomes a duplicate)', params: IdParam, body: ParticipantPatchBody, response: { 200: Participant } },
    config: { access: { resource: 'participant', action: 'update', locate: locateParticipant } },
  }, async (request) => correctParticipant(contextOf(request), request.params.id, request.body));

  app.delete('/api/v1/participants/:id', {
    schema: { tags, summary: 'Remove an entry made by mistake (the other numbers stay)', params: IdParam, response: { 204: z.null() } },
    config: { access: { resource: 'participant', action: 'delete', locate: locateParticipant } },
  }, async (request, reply) => {
    await removeParticipant(contextOf(request), request.params.id);
    return reply.status(204).send(null);
  });

  app.post('/api/v1/meetings/:id/paper-sheets', {
    schema: {
      tags, summary: 'Upload the scan of a paper sign-in sheet (multipart field `file`: PNG, JPEG or PDF, ≤ 20 MB)',
      consumes: ['multipart/form-data'], params: IdParam, response: { 201: PaperSheet },
    },
    config: { access: { resource: 'participant', action: 'create', locate: locateMeeting } },
  }, async (request, reply) => {
    if (!request.isMultipart()) throw new AppError('validation_failed', [{ field: 'body', reason: 'multipart/form-data with a file' }]);
    const file = await uploadedFile(request, { fileSize: MAX_SHEET_BYTES });
    if (!file) throw new AppError('validation_failed', [{ field: 'file', reason: 'required' }]);
    return reply.status(201).send(await uploadPaperSheet(contextOf(request), app.config.dataDir, request.params.id, file.bytes));
  });

  app.get('/api/v1/meetings/:id/paper-sheets', {
    schema: { tags, summary: 'The paper sign-in sheets of a meeting, each with the number of entries typed from it', params: IdParam, response: { 200: z.array(PaperSheet) } },
    config: { access: { resource: 'participant', action: 'read', locate: locateMeeting } },
  }, async (request) => paperSheets(contextOf(request), request.params.id));

  app.get('/api/v1/sheets/:id', {
    schema: { tags, summary: 'The scanned paper sign-in sheet (PNG, JPEG or PDF); 410 material_removed once removed after retention (R-32.6)', params: IdParam },
    config: { access: { resource: 'participant', action: 'read', locate: locateSheet } },
  }, async (request, reply) => {
    const ctx = contextOf(request);
    const file = await keptMaterial(ctx, { kind: 'paper_sheet', id: request.params.id }, () => paperSheetFile(ctx, app.config.dataDir, request.params.id));
    return reply.type(file.type).header('cache-control', 'private, no-store').header('x-content-type-options', 'nosniff').send(file.bytes);
  });
};
