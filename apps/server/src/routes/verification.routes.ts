import { IdParam, Verification } from '@esep/contracts';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../http/app-error.ts';
import { signersFor } from '../services/protocol/signature.service.ts';
import { verifyProtocol } from '../services/protocol/verification.service.ts';

/**
 * R-32.1: public verification of a signed protocol — the JSON API. No login; no personal data
 * beyond the signers' names.
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

  // The page behind the QR code (`/v/:id`) is in public/pages.routes.tsx (issue 13).
};
