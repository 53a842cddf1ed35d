import { ComplianceQuery, ComplianceReport } from '@esep/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../services/context.ts';
import { complianceReport } from '../services/analytics/compliance.service.ts';

const tags = ['analytics'];

/** Issue 15: leadership analytics, read in the user's territory (policy resource `analytics`). */
export const analyticsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/analytics/compliance', {
    schema: {
      tags, summary: 'Compliance per quarter: R-22.13 and each checklist line, for the territory and its children',
      description: 'from/to: YYYY-Qn (the current quarter when absent; at most 40 quarters, not reversed). region|unit|point|district: one territory '
        + 'inside yours (else 404). rule: comma-separated rule IDs among R-22.13, R-27.1, R-26, R-32.2, R-32.1, R-32.3, R-32.4, R-32.5, R-33. '
        + 'Each line counts the meetings held in the quarter (not practice, not cancelled) where it was met, and where it could be judged.',
      querystring: ComplianceQuery, response: { 200: ComplianceReport },
    },
    config: { access: { resource: 'analytics', action: 'read' } },
  }, async (request) => complianceReport(contextOf(request), request.query));
};
