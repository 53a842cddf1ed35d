import { AuditListQuery, AuditPage } from '@esep/contracts';
import { listAudit } from '@esep/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/audit', {
    schema: { tags: ['audit'], summary: 'The audit trail (read-only; admins and auditors)', querystring: AuditListQuery, response: { 200: AuditPage } },
    config: { access: { resource: 'audit', action: 'read' } },
  }, async (request) => {
    const { page, pageSize, sort, q: _q, ...filter } = request.query;
    const result = await listAudit(app.db, filter, { page, pageSize, sort });
    return { ...result, items: result.items.map((row) => ({ ...row, at: row.at.toISOString() })) };
  });
};
