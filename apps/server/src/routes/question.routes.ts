import { IdParam, ResidentQuestion, ResidentQuestionLinkBody, ResidentQuestionParams } from '@esep/contracts';
import { meetingPaths } from '@esep/db';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../services/context.ts';
import { linkQuestion, meetingQuestions } from '../services/question/question.service.ts';
import { questionPageRoutes } from '../public/questions.routes.tsx';

const tags = ['holding'];

/**
 * the questions residents sent ahead of a meeting, in its preparation: read in the
 * meeting's territory, linked to its items by those who hold it (same territory as the items).
 */
const staffApi: FastifyPluginAsyncZod = async (app) => {
  const locate = async (request: FastifyRequest) => {
    const paths = await meetingPaths(app.db, (request.params as { id: string }).id);
    return paths.length ? { paths } : null;
  };

  app.get('/api/v1/meetings/:id/resident-questions', {
    schema: {
      tags, summary: 'Questions residents sent ahead of the meeting (R-29): attached to it, or sent before it while none was announced; the contact only for those who answer',
      params: IdParam, response: { 200: z.array(ResidentQuestion) },
    },
    config: { access: { resource: 'resident_question', action: 'read', locate } },
  }, async (request) => meetingQuestions(contextOf(request), request.params.id));

  app.put('/api/v1/meetings/:id/resident-questions/:questionId/item', {
    schema: {
      tags, summary: 'Link a resident\'s question to an item of this meeting, or unlink it (null); 409 for an item of another meeting',
      params: ResidentQuestionParams, body: ResidentQuestionLinkBody, response: { 200: ResidentQuestion },
    },
    config: { access: { resource: 'resident_question', action: 'update', locate } },
  }, async (request) => linkQuestion(contextOf(request), request.params.id, request.params.questionId, request.body.itemId));
};

export const questionRoutes = async (app: Parameters<FastifyPluginAsyncZod>[0]) => {
  await app.register(staffApi);
  await app.register(questionPageRoutes);
};
