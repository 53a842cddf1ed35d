import { CarriedItem, CarryNoteBody, IdParam, Report, REPORT_SECTION_VALUES, ReportRevision, ReportSection, ReportSectionBody } from '@esep/contracts';
import { meetingPaths } from '@esep/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../services/context.ts';
import { noteCarriedItem, reportHandout, reportOf, saveSection, sectionRevisions } from '../services/holding/report.service.ts';

const tags = ['report'];
const SectionQuery = z.object({ staffId: z.uuid(), section: z.enum(REPORT_SECTION_VALUES) }).strict();

/** the report of each reporting inspector, the carry-over from earlier meetings and the handout. */
export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const locateMeeting = async (request: { params: unknown }) => {
    const paths = await meetingPaths(app.db, (request.params as { id: string }).id);
    return paths.length ? { paths } : null;
  };

  app.get('/api/v1/meetings/:id/report', {
    schema: {
      tags, summary: 'The report (R-30): each reporter\'s sections, the items carried from earlier meetings, statistics and sources',
      params: IdParam, response: { 200: Report },
    },
    config: { access: { resource: 'meeting', action: 'read', locate: locateMeeting } },
  }, async (request) => reportOf(contextOf(request), request.params.id));

  app.put('/api/v1/meetings/:id/report/sections', {
    schema: {
      tags, summary: 'Save a section of a reporter\'s report over the version the editor started from',
      description: '409 `conflict` with `details.currentVersion` when someone saved in between; an inspector may edit only his own sections (403).',
      params: IdParam, querystring: SectionQuery, body: ReportSectionBody, response: { 200: ReportSection },
    },
    config: { access: { resource: 'meeting', action: 'update', locate: locateMeeting } },
  }, async (request) => saveSection(contextOf(request), request.params.id, request.query.staffId, request.query.section, request.body));

  app.get('/api/v1/meetings/:id/report/revisions', {
    schema: { tags, summary: 'Saved versions of a report section, newest first', params: IdParam, querystring: SectionQuery, response: { 200: z.array(ReportRevision) } },
    config: { access: { resource: 'meeting', action: 'read', locate: locateMeeting } },
  }, async (request) => sectionRevisions(contextOf(request), request.params.id, request.query.staffId, request.query.section));

  app.put('/api/v1/meetings/:id/report/carry-notes', {
    schema: {
      tags, summary: 'Say what was done about an item carried from an earlier meeting (R-30); an empty note removes it',
      params: IdParam, querystring: z.object({ itemId: z.uuid() }).strict(), body: CarryNoteBody, response: { 200: CarriedItem },
    },
    config: { access: { resource: 'meeting', action: 'update', locate: locateMeeting } },
  }, async (request) => noteCarriedItem(contextOf(request), request.params.id, request.query.itemId, request.body.note ?? null));

  app.get('/api/v1/meetings/:id/report.pdf', {
    schema: { tags, summary: 'The report handout (A4 PDF) in Kazakh or Russian', params: IdParam, querystring: z.object({ lang: z.enum(['kk', 'ru']).default('kk') }).strict() },
    config: { access: { resource: 'meeting', action: 'read', locate: locateMeeting } },
  }, async (request, reply) => {
    const { pdf, number } = await reportHandout(contextOf(request), request.params.id, request.query.lang);
    return reply.type('application/pdf').header('cache-control', 'private, no-store')
      .header('content-disposition', `inline; filename="report-${number.replace(/[^A-Za-z0-9-]/g, '_')}-${request.query.lang}.pdf"`).send(pdf);
  });
};
