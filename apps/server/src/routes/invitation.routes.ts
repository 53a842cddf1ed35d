import { IdParam, Invitation, InvitationAnswerBody, InvitationStatusBody, MeetingSummary } from '@esep/contracts';
import { invitationById, meetingPaths } from '@esep/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../services/context.ts';
import { answerInvitation, myInvitations, setInvitationStatus } from '../services/meeting/invitation.service.ts';

const tags = ['invitations'];

export const invitationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/invitations/mine', {
    schema: {
      tags, summary: 'Invitations addressed to the current account (unit heads, akimats)',
      response: { 200: z.array(Invitation.extend({ meeting: MeetingSummary.pick({ id: true, number: true, startsAt: true, endsAt: true, status: true, venueName: true, venueAddress: true, districts: true }) })) },
    },
    config: { access: { authenticated: true } },
  }, async (request) => myInvitations(contextOf(request)));

  app.patch('/api/v1/invitations/:id', {
    schema: { tags, summary: 'Record that an invitation was sent, answered or attended', params: IdParam, body: InvitationStatusBody, response: { 200: Invitation } },
    config: {
      access: {
        resource: 'meeting', action: 'update',
        locate: async (request) => {
          const invitation = await invitationById(app.db, (request.params as { id: string }).id);
          const paths = invitation ? await meetingPaths(app.db, invitation.meetingId) : [];
          return paths.length ? { paths } : null;
        },
      },
    },
  }, async (request) => setInvitationStatus(contextOf(request), request.params.id, request.body.status, request.body.note));

  app.post('/api/v1/invitations/:id/answer', {
    schema: { tags, summary: 'The addressee accepts or declines', params: IdParam, body: InvitationAnswerBody, response: { 200: Invitation } },
    config: {
      access: {
        resource: 'invitation', action: 'update',
        locate: async (request) => {
          const invitation = await invitationById(app.db, (request.params as { id: string }).id);
          return invitation ? { ownerId: invitation.addresseeUserId ?? undefined } : null;
        },
      },
    },
  }, async (request) => answerInvitation(contextOf(request), request.params.id, request.body.answer, request.body.note));
};
