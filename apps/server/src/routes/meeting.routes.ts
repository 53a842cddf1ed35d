import {
  AnnouncementBody, IdParam, Invitation, InvitationBody, MeetingDetail, MeetingListQuery, MeetingPage, MeetingPlanBody, MeetingTransitionBody,
  ObligationBoard, ObligationQuery,
} from '@esep/contracts';
import { districtPath, listMeetings, meetingTarget } from '@esep/db';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../http/app-error.ts';
import { contextOf } from '../services/context.ts';
import { recordAnnouncement } from '../services/meeting/announcement.service.ts';
import { invite } from '../services/meeting/invitation.service.ts';
import { changePlan, planMeeting } from '../services/meeting/meeting.plan.service.ts';
import { transitionMeeting } from '../services/meeting/meeting.transition.service.ts';
import { meetingDetail, presentSummaries } from '../services/meeting/meeting.view.ts';
import { obligationBoard } from '../services/meeting/obligation.service.ts';
import { complianceLineKey } from '@esep/domain';

const tags = ['meetings'];

export const meetingRoutes: FastifyPluginAsyncZod = async (app) => {
  // A meeting's districts place it; the inspectors asked to agree to it read it wherever it lies.
  const locateMeeting = async (request: FastifyRequest) => meetingTarget(app.db, (request.params as { id: string }).id);
  const detail = async (request: FastifyRequest, id: string) => {
    const result = await meetingDetail(contextOf(request), id);
    if (!result) throw new AppError('not_found');
    return result;
  };

  app.get('/api/v1/meetings', {
    schema: { tags, summary: 'Meetings in the user\'s territory (calendar and agenda)', querystring: MeetingListQuery, response: { 200: MeetingPage } },
    config: { access: { resource: 'meeting', action: 'read' } },
  }, async (request) => {
    const { page, pageSize, sort, rule, met, ...filter } = request.query;
    const ctx = contextOf(request);
    // Issue 15: a line's figure names its rule; the rollup knows the line by its key.
    const line = rule ? { name: complianceLineKey(rule), met: met === undefined ? undefined : met === 'true', today: ctx.today } : undefined;
    const result = await listMeetings(app.db, request.auth!.actor.scope, { ...filter, line }, { page, pageSize, sort });
    return { ...result, items: await presentSummaries(ctx, result.items) };
  });

  app.post('/api/v1/meetings', {
    schema: { tags, summary: 'Plan a meeting (draft); joint meetings cover adjacent districts (R-27.4)', body: MeetingPlanBody, response: { 201: MeetingDetail } },
    config: {
      access: {
        resource: 'meeting', action: 'create',
        // Planning is allowed when at least one covered district is in the user's territory;
        // the service then checks the rest (same unit, adjacency).
        locate: async (request) => {
          const paths = (await Promise.all((request.body as { districtIds: string[] }).districtIds.map((id) => districtPath(app.db, id)))).filter((p) => p != null);
          return paths.length ? { paths } : null;
        },
      },
    },
  }, async (request, reply) => {
    const id = await planMeeting(contextOf(request), request.body);
    return reply.status(201).send(await detail(request, id));
  });

  app.get('/api/v1/meetings/:id', {
    schema: { tags, summary: 'A meeting with its compliance checklist, notices, invitations and conflicts', params: IdParam, response: { 200: MeetingDetail } },
    config: { access: { resource: 'meeting', action: 'read', locate: locateMeeting } },
  }, async (request) => detail(request, request.params.id));

  app.put('/api/v1/meetings/:id', {
    schema: { tags, summary: 'Change the plan of a draft or scheduled meeting', params: IdParam, body: MeetingPlanBody, response: { 200: MeetingDetail } },
    config: { access: { resource: 'meeting', action: 'update', locate: locateMeeting } },
  }, async (request) => {
    await changePlan(contextOf(request), request.params.id, request.body);
    return detail(request, request.params.id);
  });

  app.post('/api/v1/meetings/:id/transitions', {
    schema: { tags, summary: 'Schedule, announce, hold, postpone, reschedule or cancel (409 with the rule when refused)', params: IdParam, body: MeetingTransitionBody, response: { 200: MeetingDetail } },
    config: { access: { resource: 'meeting', action: 'update', locate: locateMeeting } },
  }, async (request) => {
    await transitionMeeting(contextOf(request), request.params.id, request.body);
    return detail(request, request.params.id);
  });

  app.post('/api/v1/meetings/:id/announcements', {
    schema: { tags, summary: 'Record a publication of the meeting (R-27.1)', params: IdParam, body: AnnouncementBody, response: { 201: MeetingDetail } },
    config: { access: { resource: 'meeting', action: 'update', locate: locateMeeting } },
  }, async (request, reply) => {
    await recordAnnouncement(contextOf(request), request.params.id, request.body);
    return reply.status(201).send(await detail(request, request.params.id));
  });

  app.post('/api/v1/meetings/:id/invitations', {
    schema: { tags: ['invitations'], summary: 'Invite (R-26 required, R-28 by agreement)', params: IdParam, body: InvitationBody, response: { 201: Invitation } },
    config: { access: { resource: 'meeting', action: 'update', locate: locateMeeting } },
  }, async (request, reply) => reply.status(201).send(await invite(contextOf(request), request.params.id, request.body)));

  app.get('/api/v1/obligations', {
    schema: { tags, summary: 'The quarter board (R-22.13): each district\'s and inspector\'s status', querystring: ObligationQuery, response: { 200: ObligationBoard } },
    config: { access: { resource: 'meeting', action: 'read' } },
  }, async (request) => obligationBoard(contextOf(request), request.query, app.config.atRiskDays));
};
