import {
  CheckPatchBody, CheckPatchResult, DecisionExecution, DecisionExecutionBody, FollowUpCheck, FollowUpsOpened, Forwarding, ForwardingPatchBody, IdParam, LetterQuery,
} from '@esep/contracts';
import { checkById, decisionById, forwardedToAtus, forwardingById, meetingPaths } from '@esep/db';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../services/context.ts';
import { listChecks, openFollowUpsFor, patchCheck } from '../services/followup/check.service.ts';
import { decisionExecutions, recordDecisionExecution } from '../services/followup/control.service.ts';
import { forwardingLetter, listForwardings, patchForwarding } from '../services/followup/forwarding.service.ts';

const tags = ['follow-up'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * What follows the signed protocol: checks of items not answered in full, forwardings
 * to state bodies with the initiator's notice, decisions marked carried out.
 */
export const followUpRoutes: FastifyPluginAsyncZod = async (app) => {
  const id = (request: FastifyRequest) => (request.params as { id: string }).id;
  const byMeeting = (meetingId: string | undefined) => async () => {
    const paths = meetingId ? await meetingPaths(app.db, meetingId) : [];
    return paths.length ? { paths } : null;
  };
  const locateMeeting = async (request: FastifyRequest) => byMeeting(id(request))();
  const locateCheck = async (request: FastifyRequest) => byMeeting((await checkById(app.db, id(request)))?.meetingId)();
  // a forwarding is also where it was sent — the akimat reads what reached its bodies.
  const locateForwarding = async (request: FastifyRequest) => {
    const row = await forwardingById(app.db, id(request));
    const located = await byMeeting(row?.meetingId)();
    return located && { ...located, sentTo: { atuIds: row?.bodyAtuId ? [row.bodyAtuId] : [] } };
  };
  const locateMeetingForwardings = async (request: FastifyRequest) => {
    const located = await locateMeeting(request);
    return located && { ...located, sentTo: { atuIds: await forwardedToAtus(app.db, id(request)) } };
  };
  const locateDecision = async (request: FastifyRequest) => byMeeting((await decisionById(app.db, id(request)))?.meetingId)();

  app.post('/api/v1/meetings/:id/follow-ups', {
    schema: {
      tags, summary: 'Open the checks (R-32.4) and forwardings (R-32.5) of a signed protocol\'s items; items that have one are skipped',
      params: IdParam, response: { 200: FollowUpsOpened },
    },
    config: { access: { resource: 'followup', action: 'update', locate: locateMeeting } },
  }, async (request) => openFollowUpsFor(contextOf(request), request.params.id));

  // ─── Checks ─────────────────────────────────────────────────────
  app.get('/api/v1/meetings/:id/checks', {
    schema: { tags, summary: 'Checks of the meeting\'s items not answered in full, with due dates (15 working days, APPK art. 76)', params: IdParam, response: { 200: z.array(FollowUpCheck) } },
    config: { access: { resource: 'followup', action: 'read', locate: locateMeeting } },
  }, async (request) => listChecks(contextOf(request), request.params.id));

  app.patch('/api/v1/checks/:id', {
    schema: {
      tags, summary: 'Reassign a check (point lead and above), extend it once by up to two months with a reason (the initiator is told), or close it with its result (R-32.4)',
      params: IdParam, body: CheckPatchBody, response: { 200: CheckPatchResult },
    },
    config: { access: { resource: 'followup', action: 'update', locate: locateCheck } },
  }, async (request) => patchCheck(contextOf(request), request.params.id, request.body));

  // ─── Forwardings ────────────────────────────────────────────────
  app.get('/api/v1/meetings/:id/forwardings', {
    schema: {
      tags, summary: 'Items forwarded to state bodies, with what is missing before each is complete (R-32.5); an akimat outside the meeting\'s territory gets those sent to its bodies',
      params: IdParam, response: { 200: z.array(Forwarding) },
    },
    config: { access: { resource: 'followup', action: 'read', locate: locateMeetingForwardings } },
  }, async (request) => listForwardings(contextOf(request), request.params.id));

  app.patch('/api/v1/forwardings/:id', {
    schema: {
      tags, summary: 'Choose the body (a non-competent one needs a reason), record the letter sent, record the initiator\'s notice (R-32.5)',
      params: IdParam, body: ForwardingPatchBody, response: { 200: Forwarding },
    },
    config: { access: { resource: 'followup', action: 'update', locate: locateForwarding } },
  }, async (request) => patchForwarding(contextOf(request), request.params.id, request.body));

  app.get('/api/v1/forwardings/:id/letter.docx', {
    schema: { tags, summary: 'The outgoing letter to the state body as DOCX, in Kazakh or Russian (R-32.5)', params: IdParam, querystring: LetterQuery },
    config: { access: { resource: 'followup', action: 'export', locate: locateForwarding } },
  }, async (request, reply) => {
    const file = await forwardingLetter(contextOf(request), request.params.id, request.query.lang, 'docx');
    return reply.type(DOCX).header('content-disposition', `attachment; filename="forwarding-${request.params.id.slice(0, 8)}-${request.query.lang}.docx"`).send(file);
  });

  app.get('/api/v1/forwardings/:id/letter.pdf', {
    schema: { tags, summary: 'The outgoing letter to the state body as PDF, in Kazakh or Russian (R-32.5)', params: IdParam, querystring: LetterQuery },
    config: { access: { resource: 'followup', action: 'export', locate: locateForwarding } },
  }, async (request, reply) => {
    const file = await forwardingLetter(contextOf(request), request.params.id, request.query.lang, 'pdf');
    return reply.type('application/pdf').header('content-disposition', `inline; filename="forwarding-${request.params.id.slice(0, 8)}-${request.query.lang}.pdf"`).send(file);
  });

  // ─── Decisions ────────────────────────────────────────────────────
  app.get('/api/v1/meetings/:id/decisions/execution', {
    schema: { tags, summary: 'What is recorded of the execution of each decision of the protocol, and its verification by the point lead (R-33)', params: IdParam, response: { 200: z.array(DecisionExecution) } },
    config: { access: { resource: 'followup', action: 'read', locate: locateMeeting } },
  }, async (request) => decisionExecutions(contextOf(request), request.params.id));

  app.patch('/api/v1/decisions/:id/execution', {
    schema: { tags, summary: 'Mark a decision of the protocol carried out (the point lead then verifies it, R-33)', params: IdParam, body: DecisionExecutionBody, response: { 200: DecisionExecution } },
    config: { access: { resource: 'followup', action: 'update', locate: locateDecision } },
  }, async (request) => recordDecisionExecution(contextOf(request), request.params.id, request.body));
};
