import { ComplianceExportQuery, ComplianceQuery, ComplianceReport, ItemsQuery, ItemsReport, ParticipationQuery, ParticipationReport } from '@esep/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendFile } from '../http/send-file.ts';
import { contextOf } from '../services/context.ts';
import { compliancePdf, complianceXlsx } from '../services/analytics/compliance.export.ts';
import { complianceReport } from '../services/analytics/compliance.service.ts';
import { itemsReport } from '../services/analytics/items.service.ts';
import { participationReport } from '../services/analytics/participation.service.ts';

const tags = ['analytics'];
const access = { resource: 'analytics', action: 'read' } as const;
const COMMON = 'from/to: YYYY-Qn (the current quarter when absent; at most 40 quarters, not reversed). region|unit|point|district: one territory '
  + 'inside yours (else 404). format: comma-separated among indoor, open_air, online, hybrid (only meetings of these count). '
  + 'Meetings counted: held, protocol signed or closed in the quarter (not practice, not cancelled; an entry after the fact once confirmed); '
  + 'a joint meeting once in the total and once per child it covers.';

const RULES = 'rule: comma-separated rule IDs among R-22.13, R-27.1, R-26, R-32.2, R-32.1, R-32.3, R-32.4, R-32.5, R-33.';

/** Issue 15: leadership analytics, read in the user's territory (policy resource `analytics`). */
export const analyticsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/analytics/compliance', {
    schema: {
      tags, summary: 'Compliance per quarter: R-22.13 and each checklist line, for the territory and its children',
      description: `${COMMON} ${RULES} `
        + 'Each line counts the meetings where it was met, and where it could be judged.',
      querystring: ComplianceQuery, response: { 200: ComplianceReport },
    },
    config: { access },
  }, async (request) => complianceReport(contextOf(request), request.query));

  app.get('/api/v1/analytics/participation', {
    schema: {
      tags, summary: 'Participation per quarter: participants per meeting and residents per 1,000 population, by format',
      description: COMMON,
      querystring: ParticipationQuery, response: { 200: ParticipationReport },
    },
    config: { access },
  }, async (request) => participationReport(contextOf(request), request.query));

  app.get('/api/v1/analytics/items', {
    schema: {
      tags, summary: 'Items per quarter: by kind, topic and outcome; checks on time, forwardings by body, residents\' verdicts',
      description: `${COMMON} topic: comma-separated item topic codes (only items of these count).`,
      querystring: ItemsQuery, response: { 200: ItemsReport },
    },
    config: { access },
  }, async (request) => itemsReport(contextOf(request), request.query));

  app.get('/api/v1/analytics/compliance.xlsx', {
    schema: {
      tags, summary: 'The compliance view as XLSX: a row per quarter and area (the territory, then its children), the same numbers as the JSON',
      description: `${COMMON} ${RULES}`, querystring: ComplianceExportQuery,
    },
    config: { access },
  }, async (request, reply) => sendFile(reply, await complianceXlsx(contextOf(request), request.query)));

  app.get('/api/v1/analytics/compliance.pdf', {
    schema: {
      tags, summary: 'The compliance view as a PDF report in Kazakh or Russian (lang, Kazakh when absent)',
      description: `${COMMON} ${RULES}`, querystring: ComplianceExportQuery,
    },
    config: { access },
  }, async (request, reply) => sendFile(reply, await compliancePdf(contextOf(request), request.query)));
};
