import { ControlBoard, ControlQuery, VerifyBody, VerifyResult } from '@esep/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../services/context.ts';
import { controlBoard, verifyRecord } from '../services/followup/control.service.ts';

const tags = ['control'];

/**
 * the point lead's control of the protocol's execution. The board is filtered to the
 * user's territory; a record outside it answers 404 on verification, a role that may not verify 403.
 */
export const controlRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/control', {
    schema: {
      tags, summary: 'The control board: per signed protocol, its decisions, checks and forwardings with status and due dates, overdue first (R-33)',
      querystring: ControlQuery, response: { 200: ControlBoard },
    },
    config: { access: { resource: 'control', action: 'read' } },
  }, async (request) => controlBoard(contextOf(request), request.query));

  app.post('/api/v1/control/verify', {
    schema: {
      tags, summary: 'Mark a carried-out decision, a closed check or a complete forwarding verified; the last one closes the meeting (R-33)',
      body: VerifyBody, response: { 200: VerifyResult },
    },
    config: { access: { resource: 'control', action: 'update' } },
  }, async (request) => verifyRecord(contextOf(request), request.body.kind, request.body.id));
};
