import { IdParam, LateEntryBody, LateEntryCorrectionBody, LateEntryReasonBody, MeetingDetail } from '@esep/contracts';
import { districtPath, meetingPaths } from '@esep/db';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../http/app-error.ts';
import { contextOf } from '../services/context.ts';
import {
  confirmLateEntry, correctLateEntry, enterLateMeeting, returnLateEntry, withdrawLateEntry,
} from '../services/meeting/late-entry.service.ts';
import { meetingDetail } from '../services/meeting/meeting.view.ts';

const tags = ['meetings'];

/**
 * A meeting entered after the fact (held during an outage or without a connection): the
 * inspector enters it, the point lead confirms or returns it, the inspector corrects or
 * withdraws it. Every answer is the meeting as its page shows it.
 */
export const lateEntryRoutes: FastifyPluginAsyncZod = async (app) => {
  const locateMeeting = async (request: FastifyRequest) => {
    const paths = await meetingPaths(app.db, (request.params as { id: string }).id);
    return paths.length ? { paths } : null;
  };
  const detail = async (request: FastifyRequest, id: string) => {
    const result = await meetingDetail(contextOf(request), id);
    if (!result) throw new AppError('not_found');
    return result;
  };

  app.post('/api/v1/meetings/late-entries', {
    schema: {
      tags, summary: 'Enter a meeting that has already taken place, with the reason (created held; the point lead confirms it, R-33; notice judged from the publications given, R-27.1)',
      body: LateEntryBody, response: { 201: MeetingDetail },
    },
    config: {
      access: {
        resource: 'late_entry', action: 'create',
        // As for planning: at least one covered district in the user's territory; the service checks the rest.
        locate: async (request) => {
          const paths = (await Promise.all((request.body as { districtIds: string[] }).districtIds.map((id) => districtPath(app.db, id)))).filter((p) => p != null);
          return paths.length ? { paths } : null;
        },
      },
    },
  }, async (request, reply) => {
    const id = await enterLateMeeting(contextOf(request), request.body);
    return reply.status(201).send(await detail(request, id));
  });

  app.put('/api/v1/meetings/:id/late-entry', {
    schema: { tags, summary: 'Correct a pending or returned entry and send it for confirmation again', params: IdParam, body: LateEntryCorrectionBody, response: { 200: MeetingDetail } },
    config: { access: { resource: 'meeting', action: 'update', locate: locateMeeting } },
  }, async (request) => {
    await correctLateEntry(contextOf(request), request.params.id, request.body);
    return detail(request, request.params.id);
  });

  app.post('/api/v1/meetings/:id/late-entry/confirmation', {
    schema: { tags, summary: 'Confirm the entry (R-33: the point lead, unit or regional head of the territory; never its author)', params: IdParam, response: { 200: MeetingDetail } },
    config: { access: { resource: 'late_entry', action: 'update', locate: locateMeeting } },
  }, async (request) => {
    await confirmLateEntry(contextOf(request), request.params.id);
    return detail(request, request.params.id);
  });

  app.post('/api/v1/meetings/:id/late-entry/return', {
    schema: { tags, summary: 'Return the entry to its author with the reason (R-33)', params: IdParam, body: LateEntryReasonBody, response: { 200: MeetingDetail } },
    config: { access: { resource: 'late_entry', action: 'update', locate: locateMeeting } },
  }, async (request) => {
    await returnLateEntry(contextOf(request), request.params.id, request.body.reason);
    return detail(request, request.params.id);
  });

  app.post('/api/v1/meetings/:id/late-entry/withdrawal', {
    schema: { tags, summary: 'Withdraw an unconfirmed entry with the reason: the meeting is cancelled', params: IdParam, body: LateEntryReasonBody, response: { 200: MeetingDetail } },
    config: { access: { resource: 'meeting', action: 'update', locate: locateMeeting } },
  }, async (request) => {
    await withdrawLateEntry(contextOf(request), request.params.id, request.body.reason);
    return detail(request, request.params.id);
  });
};
