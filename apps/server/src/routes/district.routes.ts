import {
  Assignment, AssignmentCreateBody, AssignmentEndBody, DistrictDetail, DistrictListQuery, DistrictPage, DistrictUpdateBody,
  IdParam, ServedBy, ServedByQuery,
} from '@esep/contracts';
import { assignmentById, districtPath } from '@esep/db';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../http/app-error.ts';
import { closeAssignment, createAssignment } from '../services/assignment.service.ts';
import { contextOf } from '../services/context.ts';
import { changeDistrict } from '../services/district.service.ts';
import { orgService } from '../services/org.service.ts';

const tags = ['districts'];

export const districtRoutes: FastifyPluginAsyncZod = async (app) => {
  const locateDistrict = async (request: FastifyRequest) => {
    const path = await districtPath(app.db, (request.params as { id: string }).id);
    return path && { path };
  };

  app.get('/api/v1/districts', {
    schema: { tags, summary: 'Districts in the user\'s territory', querystring: DistrictListQuery, response: { 200: DistrictPage } },
    config: { access: { resource: 'district', action: 'read' } },
  }, async (request) => {
    const { page, pageSize, sort, q, ...filter } = request.query;
    return orgService.districts(contextOf(request), { ...filter, q }, { page, pageSize, sort });
  });

  app.get('/api/v1/districts/:id', {
    schema: { tags, summary: 'A district with its inspector, adjacency, coverage and ATU', params: IdParam, response: { 200: DistrictDetail } },
    config: { access: { resource: 'district', action: 'read', locate: locateDistrict } },
  }, async (request) => {
    const detail = await orgService.district(contextOf(request), request.params.id);
    if (!detail) throw new AppError('not_found');
    return detail;
  });

  app.patch('/api/v1/districts/:id', {
    schema: { tags, summary: 'Change a district\'s names or population', params: IdParam, body: DistrictUpdateBody, response: { 200: DistrictDetail } },
    config: { access: { resource: 'district', action: 'update', locate: locateDistrict } },
  }, async (request) => {
    const ctx = contextOf(request);
    await changeDistrict(ctx, request.params.id, request.body);
    return (await orgService.district(ctx, request.params.id))!;
  });

  app.get('/api/v1/districts/:id/assignments', {
    schema: { tags, summary: 'Assignment history of a district (R-2.2)', params: IdParam, response: { 200: z.array(Assignment) } },
    config: { access: { resource: 'assignment', action: 'read', locate: locateDistrict } },
  }, async (request) => orgService.districtAssignments(contextOf(request), request.params.id));

  app.get('/api/v1/districts/:id/served-by', {
    schema: { tags, summary: 'Who served the district on a date (R-2.2)', params: IdParam, querystring: ServedByQuery, response: { 200: ServedBy } },
    config: { access: { resource: 'assignment', action: 'read', locate: locateDistrict } },
  }, async (request) => orgService.servedBy(contextOf(request), request.params.id, request.query.date));

  app.post('/api/v1/assignments', {
    schema: { tags: ['assignments'], summary: 'Assign an inspector or assistant to a district (R-2.2)', body: AssignmentCreateBody, response: { 201: Assignment } },
    config: {
      access: {
        resource: 'assignment', action: 'create',
        locate: async (request) => {
          const path = await districtPath(app.db, (request.body as { districtId: string }).districtId);
          return path && { path };
        },
      },
    },
  }, async (request, reply) => reply.status(201).send(await createAssignment(contextOf(request), request.body)));

  app.post('/api/v1/assignments/:id/end', {
    schema: { tags: ['assignments'], summary: 'End an assignment on a date', params: IdParam, body: AssignmentEndBody, response: { 200: Assignment } },
    config: {
      access: {
        resource: 'assignment', action: 'update',
        locate: async (request) => {
          const row = await assignmentById(app.db, (request.params as { id: string }).id);
          const path = row && (await districtPath(app.db, row.districtId));
          return path && { path };
        },
      },
    },
  }, async (request) => closeAssignment(contextOf(request), request.params.id, request.body.to));
};
