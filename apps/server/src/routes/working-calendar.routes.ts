import { WorkingCalendarBody, WorkingCalendarPutQuery, WorkingCalendarQuery, WorkingCalendarYear } from '@esep/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../services/context.ts';
import { calendarYear, replaceYear } from '../services/followup/working-calendar.service.ts';

const tags = ['follow-up'];

/** The working-day calendar the APPK terms are counted on (checks: 15 working days; forwarding: 3). */
export const workingCalendarRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/working-calendar', {
    schema: {
      tags, summary: 'Days off (holidays, transferred days) and working weekends of a year (default: this year); configured, or computed from the law',
      querystring: WorkingCalendarQuery, response: { 200: WorkingCalendarYear },
    },
    config: { access: { resource: 'working_calendar', action: 'read' } },
  }, async (request) => calendarYear(contextOf(request), request.query.year));

  app.put('/api/v1/working-calendar', {
    schema: {
      tags, summary: 'Replace the configured days of the year in `year` (administrator); open checks and unsent forwardings get their due dates recomputed',
      querystring: WorkingCalendarPutQuery, body: WorkingCalendarBody, response: { 200: WorkingCalendarYear },
    },
    config: { access: { resource: 'working_calendar', action: 'update' } },
  }, async (request) => replaceYear(contextOf(request), request.query.year, request.body.days));
};
