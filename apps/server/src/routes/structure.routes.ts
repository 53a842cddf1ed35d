import { ExportQuery, ImportQuery, ImportReport } from '@esep/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../http/app-error.ts';
import { uploadedFiles } from '../http/upload.ts';
import { negotiateLocale } from '../http/locale.ts';
import { sendFile } from '../http/send-file.ts';
import { contextOf } from '../services/context.ts';
import { exportStructure, exportTemplate } from '../services/structure.export.ts';
import { importStructure } from '../services/structure.import.ts';
import type { UploadedFile } from '../services/structure.parse.ts';

const tags = ['structure'];


export const structureRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/api/v1/imports/structure', {
    schema: {
      tags,
      summary: 'Import the organisational structure from XLSX or CSV',
      description: 'multipart/form-data with one or more `file` parts: one XLSX workbook (a worksheet per sheet) and/or CSV files named `<sheet>.csv`. '
        + 'With dryRun=true (the default) nothing is written and the report says what would be created, updated or left unchanged. '
        + 'A file with errors is refused as a whole: 200 with the errors on a dry run, 422 `import_invalid` with the report in `details` otherwise. '
        + 'The sheet layout is in the template (GET /api/v1/exports/structure/template).',
      consumes: ['multipart/form-data'],
      querystring: ImportQuery,
      response: { 200: ImportReport },
    },
    config: { access: { resource: 'structure', action: 'import' } },
  }, async (request) => {
    if (!request.isMultipart()) {
      throw new AppError('validation_failed', [{ field: 'body', reason: 'multipart/form-data with one or more `file` parts is expected', code: 'invalid_type' }]);
    }
    const parts = await uploadedFiles(request);
    const files: UploadedFile[] = parts.filter((p) => p.fieldname === 'file').map((p) => ({ filename: p.filename, mimetype: p.mimetype, data: p.bytes }));
    const stray = parts.find((p) => p.fieldname !== 'file')?.fieldname ?? null;
    if (stray) throw new AppError('validation_failed', [{ field: `body.${stray}`, reason: 'files are sent in `file` parts', code: 'unrecognized_keys' }]);
    if (files.length === 0) throw new AppError('validation_failed', [{ field: 'body.file', reason: 'no file was sent', code: 'invalid_type' }]);
    const locale = negotiateLocale(request.headers['accept-language'], request.auth?.user.locale ?? 'kk');
    return importStructure(contextOf(request), files, { dryRun: request.query.dryRun, locale });
  });

  app.get('/api/v1/exports/structure', {
    schema: {
      tags,
      summary: 'Export the organisational structure the user sees',
      description: 'XLSX with every sheet (or only `sheet`), or with format=csv one sheet as `<sheet>.csv` (UTF-8 with BOM). '
        + 'Limited to the user\'s territory; the file can be edited and imported again.',
      querystring: ExportQuery,
    },
    config: { access: { resource: 'structure', action: 'export' } },
  }, async (request, reply) => {
    const { format, sheet } = request.query;
    if (format === 'csv' && !sheet) {
      throw new AppError('validation_failed', [{ field: 'querystring.sheet', reason: 'a CSV holds one sheet: name it with `sheet`', code: 'invalid_type' }]);
    }
    return sendFile(reply, await exportStructure(contextOf(request), { format, sheet }));
  });

  app.get('/api/v1/exports/structure/template', {
    schema: { tags, summary: 'An empty structure workbook with a README sheet (kk/ru) explaining every column' },
    config: { access: { resource: 'structure', action: 'export' } },
  }, async (_request, reply) => sendFile(reply, await exportTemplate(app.clock.now())));
};
