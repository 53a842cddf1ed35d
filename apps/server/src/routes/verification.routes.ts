import { IdParam, Verification } from '@esep/contracts';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../http/app-error.ts';
import { uploadedFile } from '../http/upload.ts';
import { pageLocale, sendHtml, UUID } from '../http/public-page.ts';
import { signersFor } from '../services/protocol/signature.service.ts';
import { sha256hex } from '../services/protocol/signer.ts';
import { renderVerificationNotFound, renderVerificationPage } from '../services/protocol/verification.page.ts';
import { verifyProtocol } from '../services/protocol/verification.service.ts';

const MAX_PDF_BYTES = 30 * 1024 * 1024;


/**
 * R-32.1: public verification of a signed protocol — the JSON API and the page behind the QR
 * code on every page of the PDF (`/v/:id`, outside /api so the web app's fallback does not
 * catch it). No login; no personal data beyond the signers' names.
 */
export const verificationRoutes = async (app: FastifyInstance) => {
  const signers = signersFor(app.config);

  const api: FastifyPluginAsyncZod = async (scope) => {
    scope.get('/api/v1/public/protocols/:id/verification', {
      schema: {
        tags: ['public'], summary: 'Verify a meeting\'s protocol (id = meeting id): content hash recomputed, every signature checked, stored PDFs re-hashed (R-32.1)',
        params: IdParam, response: { 200: Verification },
      },
      config: { access: { public: true } },
    }, async (request) => {
      const result = await verifyProtocol(scope.db, signers, scope.config.dataDir, request.params.id);
      if (!result) throw new AppError('not_found');
      return result;
    });
  };
  await app.register(api);

  await app.register(async (pages) => {
    pages.setErrorHandler((error: { statusCode?: number }, request, reply) => {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      if (status === 500) request.log.error({ err: error }, 'verification page failed');
      return sendHtml(reply, status, renderVerificationNotFound(pageLocale(request), String((request.params as { id?: string } | undefined)?.id ?? '')));
    });

    pages.get('/v/:id', { schema: { hide: true } }, async (request, reply) => {
      const locale = pageLocale(request);
      const { id } = request.params as { id: string };
      const result = UUID.test(id) ? await verifyProtocol(pages.db, signers, pages.config.dataDir, id) : null;
      if (!result) return sendHtml(reply, 404, renderVerificationNotFound(locale, id));
      return sendHtml(reply, 200, renderVerificationPage(locale, id, result));
    });

    // Compare a PDF someone holds with the signed ones by its SHA-256 (the file is not kept).
    pages.post('/v/:id', { schema: { hide: true }, config: { rateLimit: { max: 20, timeWindow: '1 minute' } } }, async (request, reply) => {
      const locale = pageLocale(request);
      const { id } = request.params as { id: string };
      const result = UUID.test(id) ? await verifyProtocol(pages.db, signers, pages.config.dataDir, id) : null;
      if (!result) return sendHtml(reply, 404, renderVerificationNotFound(locale, id));
      let hash: string | null = null;
      if (request.isMultipart()) {
        let file;
        try {
          file = await uploadedFile(request, { fileSize: MAX_PDF_BYTES });
        } catch (error) {
          // A broken upload matches no signed PDF: the page says so, answered as the client's mistake.
          if (error instanceof AppError && error.status === 400) return sendHtml(reply, 400, renderVerificationPage(locale, id, result, 'none'));
          throw error;
        }
        if (file) hash = sha256hex(file.bytes);
      }
      const compared = hash && hash === result.pdfHashes.kk ? 'kk' : hash && hash === result.pdfHashes.ru ? 'ru' : 'none';
      return sendHtml(reply, 200, renderVerificationPage(locale, id, result, compared));
    });
  });
};
