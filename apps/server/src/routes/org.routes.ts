import { Atu, AtuPage, IdParam, OrgTree, Point, PointPage, Region, RegionPage, SimpleListQuery, Staff, StaffIinBody, StaffListQuery, StaffPage, Unit, UnitPage } from '@esep/contracts';
import { containerPath, staffById, staffPath } from '@esep/db';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../http/app-error.ts';
import { contextOf } from '../services/context.ts';
import { orgService } from '../services/org.service.ts';
import { recordStaffIin } from '../services/staff.service.ts';

const tags = ['organisation'];
const found = <T>(value: T | null | undefined): T => {
  if (value == null) throw new AppError('not_found');
  return value;
};

export const orgRoutes: FastifyPluginAsyncZod = async (app) => {
  const locate = (kind: 'region' | 'unit' | 'point' | 'atu') => async (request: FastifyRequest) => {
    const path = await containerPath(app.db, kind, (request.params as { id: string }).id);
    return path && { path };
  };

  app.get('/api/v1/org/tree', {
    schema: { tags, summary: 'Regions → units → points → districts visible to the user', response: { 200: OrgTree } },
    config: { access: { resource: 'district', action: 'read' } },
  }, async (request) => orgService.tree(contextOf(request)));

  app.get('/api/v1/regions', {
    schema: { tags, querystring: SimpleListQuery, response: { 200: RegionPage } },
    config: { access: { resource: 'region', action: 'read' } },
  }, async (request) => orgService.regions(contextOf(request), request.query));
  app.get('/api/v1/regions/:id', {
    schema: { tags, params: IdParam, response: { 200: Region } },
    config: { access: { resource: 'region', action: 'read', locate: locate('region') } },
  }, async (request) => found(await orgService.region(contextOf(request), request.params.id)));

  app.get('/api/v1/units', {
    schema: { tags, summary: 'Police units (territorial police bodies)', querystring: SimpleListQuery.extend({ regionId: z.uuid().optional() }).strict(), response: { 200: UnitPage } },
    config: { access: { resource: 'unit', action: 'read' } },
  }, async (request) => orgService.units(contextOf(request), request.query));
  app.get('/api/v1/units/:id', {
    schema: { tags, params: IdParam, response: { 200: Unit } },
    config: { access: { resource: 'unit', action: 'read', locate: locate('unit') } },
  }, async (request) => found(await orgService.unit(contextOf(request), request.params.id)));

  app.get('/api/v1/points', {
    schema: { tags, summary: 'District police points (УПП)', querystring: SimpleListQuery.extend({ unitId: z.uuid().optional() }).strict(), response: { 200: PointPage } },
    config: { access: { resource: 'point', action: 'read' } },
  }, async (request) => orgService.points(contextOf(request), request.query));
  app.get('/api/v1/points/:id', {
    schema: { tags, params: IdParam, response: { 200: Point } },
    config: { access: { resource: 'point', action: 'read', locate: locate('point') } },
  }, async (request) => found(await orgService.point(contextOf(request), request.params.id)));

  app.get('/api/v1/atus', {
    schema: { tags, summary: 'Administrative-territorial units with akims and maslikhats', querystring: SimpleListQuery, response: { 200: AtuPage } },
    config: { access: { resource: 'atu', action: 'read' } },
  }, async (request) => orgService.atus(contextOf(request), request.query));
  app.get('/api/v1/atus/:id', {
    schema: { tags, params: IdParam, response: { 200: Atu } },
    config: { access: { resource: 'atu', action: 'read', locate: locate('atu') } },
  }, async (request) => found(await orgService.atu(contextOf(request), request.params.id)));

  app.get('/api/v1/staff', {
    schema: { tags, summary: 'Police staff visible to the user', querystring: StaffListQuery, response: { 200: StaffPage } },
    config: { access: { resource: 'staff', action: 'read' } },
  }, async (request) => {
    const { page, pageSize, sort, ...filter } = request.query;
    return orgService.staff(contextOf(request), filter, { page, pageSize, sort });
  });
  const locateStaff = async (request: FastifyRequest) => {
    const row = await staffById(app.db, (request.params as { id: string }).id);
    return row && { path: staffPath(row) };
  };
  app.get('/api/v1/staff/:id', {
    schema: { tags, params: IdParam, response: { 200: Staff } },
    config: { access: { resource: 'staff', action: 'read', locate: locateStaff } },
  }, async (request) => found(await orgService.staffMember(contextOf(request), request.params.id)));

  app.put('/api/v1/staff/:id/iin', {
    schema: {
      tags,
      summary: 'Record or forget the IIN that a qualified signature (NCALayer) of this staff member must carry (R-32.1); the number is never sent back',
      params: IdParam, body: StaffIinBody, response: { 200: Staff },
    },
    config: { access: { resource: 'staff', action: 'update', locate: locateStaff } },
  }, async (request) => recordStaffIin(contextOf(request), request.params.id, request.body.iin));
};
