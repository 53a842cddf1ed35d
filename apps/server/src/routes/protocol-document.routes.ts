import { IdParam } from '@esep/contracts';
import { meetingPaths } from '@esep/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../services/context.ts';
import { protocolDocument } from '../services/protocol/protocol-document.service.ts';

const tags = ['protocol'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const DocumentQuery = z.object({
  lang: z.enum(['kk', 'ru']).default('kk'),
  /** `internal` adds the register of participants (personal data, R-32.2): needs the right to read the register. */
  copy: z.enum(['public', 'internal']).default('public'),
}).strict();

/** the meeting's current protocol as PDF or DOCX, in Kazakh or Russian, public or internal copy. */
export const protocolDocumentRoutes: FastifyPluginAsyncZod = async (app) => {
  const locate = async (request: { params: unknown }) => {
    const paths = await meetingPaths(app.db, (request.params as { id: string }).id);
    return paths.length ? { paths } : null;
  };

  for (const format of ['pdf', 'docx'] as const) {
    app.get(`/api/v1/meetings/:id/protocol.${format}`, {
      schema: {
        tags, params: IdParam, querystring: DocumentQuery,
        summary: format === 'pdf'
          ? 'The protocol as an A4 PDF with page numbers, signature block and a QR code to its verification page on every page (R-32.1); a signed protocol\'s public copy is the stored, signed file'
          : 'The protocol as a DOCX (A4, QR code, page numbers; R-32.1)',
        description: '`copy=internal` adds the register of participants as an annex and needs the right to read the register (403 otherwise); `copy=public` names no resident. 409 before the protocol is assembled (the meeting is not held yet).',
      },
      config: { access: { resource: 'protocol', action: 'read', locate } },
    }, async (request, reply) => {
      const { lang, copy } = request.query;
      const file = await protocolDocument(contextOf(request), app.config.dataDir, request.params.id, { format, lang, copy });
      return reply.type(format === 'pdf' ? 'application/pdf' : DOCX)
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `${format === 'pdf' ? 'inline' : 'attachment'}; filename="protocol-${request.params.id.slice(0, 8)}-${lang}-${copy}.${format}"`)
        .send(file);
    });
  }
};
