import { IdParam, Staff, StaffIinBody } from '@esep/contracts';
import { staffById, staffPath } from '@esep/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { recordStaffIin } from '../services/staff.service.ts';
import { contextOf } from '../services/context.ts';

/** Staff records kept by the administrator beyond the structure import. */
export const staffRoutes: FastifyPluginAsyncZod = async (app) => {
  app.put('/api/v1/staff/:id/iin', {
    schema: {
      tags: ['organisation'],
      summary: 'Record or forget the IIN that a qualified signature (NCALayer) of this staff member must carry (R-32.1); the number is never sent back',
      params: IdParam, body: StaffIinBody, response: { 200: Staff },
    },
    config: {
      access: {
        resource: 'staff', action: 'update',
        locate: async (request) => {
          const row = await staffById(app.db, (request.params as { id: string }).id);
          return row && { path: staffPath(row) };
        },
      },
    },
  }, async (request) => recordStaffIin(contextOf(request), request.params.id, request.body.iin));
};
