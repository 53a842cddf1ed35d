import { IdParam } from '@esep/contracts';
import { invitationById, meetingPaths, meetingTarget } from '@esep/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../services/context.ts';
import { invitationLetter, meetingAnnouncementTexts, meetingPoster } from '../services/meeting/meeting.documents.ts';

const tags = ['documents'];
const TextSet = z.object({ post: z.string(), notice: z.string(), letter: z.string() });
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const meetingDocumentRoutes: FastifyPluginAsyncZod = async (app) => {
  // the inspectors asked to agree to a joint meeting read its texts too.
  const locateMeeting = async (request: { params: unknown }) => meetingTarget(app.db, (request.params as { id: string }).id);
  const locateInvitation = async (request: { params: unknown }) => {
    const invitation = await invitationById(app.db, (request.params as { id: string }).id);
    const paths = invitation ? await meetingPaths(app.db, invitation.meetingId) : [];
    return paths.length ? { paths } : null;
  };

  app.get('/api/v1/meetings/:id/announcement-texts', {
    schema: { tags, summary: 'Announcement texts in Kazakh and Russian: social post, media notice, letter to organisations (R-27.1)', params: IdParam, response: { 200: z.object({ kk: TextSet, ru: TextSet }) } },
    config: { access: { resource: 'meeting', action: 'read', locate: locateMeeting } },
  }, async (request) => meetingAnnouncementTexts(contextOf(request), request.params.id));

  app.get('/api/v1/meetings/:id/poster', {
    schema: { tags, summary: 'Printable A4 poster (PDF) with a QR code to the public page', params: IdParam, querystring: z.object({ lang: z.enum(['kk', 'ru', 'both']).default('both') }).strict() },
    config: { access: { resource: 'meeting', action: 'read', locate: locateMeeting } },
  }, async (request, reply) => {
    const pdf = await meetingPoster(contextOf(request), request.params.id, request.query.lang);
    return reply.type('application/pdf').header('content-disposition', `inline; filename="poster-${request.params.id.slice(0, 8)}-${request.query.lang}.pdf"`).send(pdf);
  });

  app.get('/api/v1/invitations/:id/letter', {
    schema: { tags, summary: 'Invitation letter (R-26 required / R-28 by agreement) as DOCX or PDF', params: IdParam, querystring: z.object({ lang: z.enum(['kk', 'ru']).default('kk'), format: z.enum(['docx', 'pdf']).default('pdf') }).strict() },
    config: { access: { resource: 'meeting', action: 'read', locate: locateInvitation } },
  }, async (request, reply) => {
    const { lang, format } = request.query;
    const file = await invitationLetter(contextOf(request), request.params.id, lang, format);
    return reply.type(format === 'docx' ? DOCX : 'application/pdf')
      .header('content-disposition', `attachment; filename="invitation-${request.params.id.slice(0, 8)}-${lang}.${format}"`).send(file);
  });
};
