import { AgreementAnswerBody, IdParam, MeetingAgreement, MyAgreements } from '@esep/contracts';
import { agreementById, agreementPartiesEach, meetingPaths } from '@esep/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../services/context.ts';
import { answerAgreement, myAgreements } from '../services/meeting/agreement.service.ts';

const tags = ['meetings'];

/** the other reporting inspectors of a joint meeting (or their leadership) agree to it. */
export const agreementRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/agreements/mine', {
    schema: {
      tags, summary: 'Agreements to joint meetings the user answers: asked of him, or of the inspectors he leads (R-27.4)',
      response: { 200: MyAgreements },
    },
    // The policy says who answers agreements at all; the repository picks the user's own rows.
    config: { access: { resource: 'agreement', action: 'read' } },
  }, async (request) => myAgreements(contextOf(request)));

  app.post('/api/v1/agreements/:id/answer', {
    schema: {
      tags, summary: 'Accept, or decline with a reason, a joint meeting (R-27.4); 409 once the meeting is announced',
      params: IdParam, body: AgreementAnswerBody, response: { 200: MeetingAgreement },
    },
    config: {
      access: {
        resource: 'agreement', action: 'update',
        // Seen by whoever sees the meeting (403 then), answered by the inspector asked or his leadership.
        locate: async (request) => {
          const agreement = await agreementById(app.db, (request.params as { id: string }).id);
          if (!agreement) return null;
          const [askedOf] = await agreementPartiesEach(app.db, [agreement]);
          return { paths: await meetingPaths(app.db, agreement.meetingId), askedOf: askedOf! };
        },
      },
    },
  }, async (request) => answerAgreement(contextOf(request), request.params.id, request.body));
};
