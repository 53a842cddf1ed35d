import { AddendumBody, AddendumQuery, IdParam, ProtocolEditBody, ProtocolView, SignBody } from '@esep/contracts';
import { meetingPaths } from '@esep/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../services/context.ts';
import { editProtocol, protocolView, reassembleProtocol } from '../services/protocol/protocol.service.ts';
import { createAddendum, signAddendum, signersFor, signProtocol } from '../services/protocol/signature.service.ts';

const tags = ['protocol'];

/** the protocol of a held meeting — assembled, edited as a draft, signed by every reporting inspector, amended by signed addenda. */
export const protocolRoutes: FastifyPluginAsyncZod = async (app) => {
  const signers = signersFor(app.config);
  const locate = async (request: { params: unknown }) => {
    const paths = await meetingPaths(app.db, (request.params as { id: string }).id);
    return paths.length ? { paths } : null;
  };
  const read = { access: { resource: 'protocol' as const, action: 'read' as const, locate } };
  const update = { access: { resource: 'protocol' as const, action: 'update' as const, locate } };
  const view = (request: Parameters<typeof contextOf>[0], id: string) => protocolView(contextOf(request), id, { qualifiedAvailable: signers.ncanode.available });

  app.get('/api/v1/meetings/:id/protocol', {
    schema: {
      tags, summary: 'The meeting\'s protocol (R-32.1): assembled from the meeting\'s records on first read once it is held; signatures, addenda, R-32.3 timeliness and reminders',
      description: '409 `wrong_status` before the meeting is held.',
      params: IdParam, response: { 200: ProtocolView },
    },
    config: read,
  }, async (request) => view(request, request.params.id));

  app.put('/api/v1/meetings/:id/protocol', {
    schema: {
      tags, summary: 'Edit the draft protocol\'s summary and remarks over the version the editor started from',
      description: '409 `conflict` with `details.currentVersion` when someone saved in between; 409 `protocol_signed` (R-32.1) once signed — changes are signed addenda.',
      params: IdParam, body: ProtocolEditBody, response: { 200: ProtocolView },
    },
    config: update,
  }, async (request) => {
    await editProtocol(contextOf(request), request.params.id, request.body);
    return view(request, request.params.id);
  });

  app.post('/api/v1/meetings/:id/protocol/reassemble', {
    schema: {
      tags, summary: 'Re-assemble the draft from the meeting\'s records (register, items, decisions, awards), keeping the summary and remarks',
      params: IdParam, response: { 200: ProtocolView },
    },
    config: update,
  }, async (request) => {
    await reassembleProtocol(contextOf(request), request.params.id);
    return view(request, request.params.id);
  });

  app.post('/api/v1/meetings/:id/protocol/signatures', {
    schema: {
      tags, summary: 'Sign the protocol as a reporting inspector: built-in (password again) or qualified (CMS from NCALayer over `signing.payload`)',
      description: '400 `wrong_password`; 403 for anyone but a reporting inspector; 409 `already_signed`; 422 `late_reason_required` (R-32.3) after the meeting day in Asia/Almaty; 422 `signature_invalid` / `hash_mismatch` for a CMS that does not verify or covers other data. The last signature makes the protocol signed and the meeting "protocol signed".',
      params: IdParam, body: SignBody, response: { 200: ProtocolView },
    },
    config: update,
  }, async (request) => {
    await signProtocol(contextOf(request), signers, app.config.dataDir, request.params.id, request.body);
    return view(request, request.params.id);
  });

  app.post('/api/v1/meetings/:id/protocol/addenda', {
    schema: {
      tags, summary: 'Add an addendum to a signed protocol (R-32.1: a signed protocol is never edited)', params: IdParam, body: AddendumBody, response: { 201: ProtocolView },
    },
    config: update,
  }, async (request, reply) => {
    await createAddendum(contextOf(request), request.params.id, request.body.text);
    return reply.status(201).send(await view(request, request.params.id));
  });

  app.post('/api/v1/meetings/:id/protocol/addenda/signatures', {
    schema: {
      tags, summary: 'Sign an addendum as a reporting inspector (same methods and refusals as the protocol)',
      params: IdParam, querystring: AddendumQuery, body: SignBody, response: { 200: ProtocolView },
    },
    config: update,
  }, async (request) => {
    await signAddendum(contextOf(request), signers, request.params.id, request.query.addendumId, request.body);
    return view(request, request.params.id);
  });
};
