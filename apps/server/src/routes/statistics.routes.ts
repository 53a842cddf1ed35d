import { IdParam, ImportQuery, ImportReport, Statistics, StatisticsBody, StatisticsQuery } from '@esep/contracts';
import { districtPath } from '@esep/db';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../http/app-error.ts';
import { uploadedFiles } from '../http/upload.ts';
import { negotiateLocale } from '../http/locale.ts';
import { contextOf } from '../services/context.ts';
import { importStatistics, statisticsTemplate, XLSX_TYPE } from '../services/holding/statistics.import.ts';
import { districtStatistics, saveStatistics } from '../services/holding/statistics.service.ts';

const tags = ['statistics'];
const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** District statistics (R-29, R-30 ¶1): registered offences per quarter and category. */
export const statisticsRoutes: FastifyPluginAsyncZod = async (app) => {
  const locateDistrict = async (request: FastifyRequest) => {
    const path = await districtPath(app.db, (request.params as { id: string }).id);
    return path && { path };
  };

  app.get('/api/v1/districts/:id/statistics', {
    schema: {
      tags, summary: 'A district\'s registered offences in a quarter, against the same quarter last year',
      description: 'Every category is listed (0 when nothing was recorded); `lastYear` is null when nothing at all was recorded in that quarter a year before.',
      params: IdParam, querystring: StatisticsQuery, response: { 200: Statistics },
    },
    config: { access: { resource: 'statistics', action: 'read', locate: locateDistrict } },
  }, async (request) => districtStatistics(contextOf(request), request.params.id, request.query));

  app.put('/api/v1/districts/:id/statistics', {
    schema: { tags, summary: 'Enter a district\'s counts for a quarter (the categories given are replaced)', params: IdParam, body: StatisticsBody, response: { 200: Statistics } },
    config: { access: { resource: 'statistics', action: 'update', locate: locateDistrict } },
  }, async (request) => saveStatistics(contextOf(request), request.params.id, request.body));

  app.post('/api/v1/statistics/import', {
    schema: {
      tags, summary: 'Import district statistics from XLSX',
      description: 'multipart/form-data with one `file` part: an XLSX workbook whose sheet `statistics` (or first sheet) has the columns '
        + 'district_code, year, quarter, category, count and a header row. With dryRun=true (the default) nothing is written. '
        + 'A file with errors is refused as a whole: 200 with the errors on a dry run, 422 `import_invalid` with the report in `details` otherwise. '
        + 'Districts outside the importer\'s territory are errors.',
      consumes: ['multipart/form-data'], querystring: ImportQuery, response: { 200: ImportReport },
    },
    config: { access: { resource: 'statistics', action: 'import' } },
  }, async (request) => {
    if (!request.isMultipart()) throw new AppError('validation_failed', [{ field: 'body', reason: 'multipart/form-data with a `file` part is expected', code: 'invalid_type' }]);
    const data = (await uploadedFiles(request, { fileSize: MAX_IMPORT_BYTES })).find((p) => p.fieldname === 'file')?.bytes ?? null;
    if (!data) throw new AppError('validation_failed', [{ field: 'body.file', reason: 'no file was sent', code: 'invalid_type' }]);
    const locale = negotiateLocale(request.headers['accept-language'], request.auth?.user.locale ?? 'kk');
    return importStatistics(contextOf(request), data, { dryRun: request.query.dryRun, locale });
  });

  app.get('/api/v1/statistics/template', {
    schema: { tags, summary: 'An empty statistics workbook with the category codes and a README sheet (kk/ru)' },
    config: { access: { resource: 'statistics', action: 'import' } },
  }, async (_request, reply) => reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', 'attachment; filename="esep-statistics-template.xlsx"')
    .header('cache-control', 'no-store')
    .send(await statisticsTemplate(app.clock.now())));
};
