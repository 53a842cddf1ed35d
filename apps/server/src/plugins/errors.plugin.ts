import { ERROR_MESSAGES, type ErrorCode } from '@esep/contracts';
import { citeRules } from '@esep/domain';
import { constraintViolation } from '@esep/db';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from '../http/app-error.ts';
import { negotiateLocale } from '../http/locale.ts';

/** Sends the one error shape `{ error: { code, message, details } }` in the request's language. */
export function sendError(request: FastifyRequest, reply: FastifyReply, status: number, code: ErrorCode, details?: unknown, messages?: Record<'kk' | 'ru' | 'en', string>) {
  const locale = negotiateLocale(request.headers['accept-language'], request.auth?.user.locale ?? 'kk');
  // Issue 14, item 11: a person reads "§32 ¶6", never the rule's ID.
  const message = citeRules(messages?.[locale] ?? ERROR_MESSAGES[code][locale]);
  return reply.status(status).send({ error: { code, message, ...(details === undefined ? {} : { details }) } });
}

export default fp(async function errorsPlugin(app: FastifyInstance) {
  // PostgreSQL text cannot hold a NUL byte, so a path with one names no record anywhere: 404
  // before a route sends it to a query (issue 13's public pages take codes from the path).
  app.addHook('onRequest', async (request) => {
    const end = request.url.indexOf('?');
    const path = end < 0 ? request.url : request.url.slice(0, end);
    if (path.includes('%00') || path.includes('\u0000')) throw new AppError('not_found');
  });
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof AppError) return sendError(request, reply, error.status, error.code, error.details, error.messages);
    if (hasZodFastifySchemaValidationErrors(error)) {
      // Each issue names the field (its path in the body, query or params) and the reason.
      const details = error.validation.map((v) => ({
        field: [error.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        reason: v.message ?? 'invalid',
        code: (v.params as { issue?: { code?: string } }).issue?.code ?? 'invalid',
      }));
      // a registration without consent is refused as such, not as a generic form error.
      if (details.some((d) => d.reason === 'consent_required')) return sendError(request, reply, 400, 'consent_required', { rule: 'R-32.2', fields: details });
      return sendError(request, reply, 400, 'validation_failed', details);
    }
    const err = error as { statusCode?: number; code?: string; validation?: unknown; message?: string };
    if (err.validation) return sendError(request, reply, 400, 'validation_failed', [{ field: null, reason: err.message }]);
    if (err.statusCode === 429) return sendError(request, reply, 429, 'rate_limited');
    if (err.statusCode === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE') return sendError(request, reply, 413, 'payload_too_large');
    if (err.statusCode === 415 || err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendError(request, reply, 400, 'validation_failed', [{ field: 'content-type', reason: err.message }]);
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return sendError(request, reply, err.statusCode, 'validation_failed', [{ field: null, reason: err.message }]);
    }
    // A constraint of the database refused the write: the record exists already (two requests
    // raced past the service's check), or a record it names is missing or still named elsewhere.
    // The same request may succeed later, so 409 (the project's meaning), naming the fields.
    const violation = constraintViolation(error);
    if (violation) {
      request.log.warn({ constraint: violation.constraint, kind: violation.kind, url: request.routeOptions.url }, 'write refused by a database constraint');
      const reason = violation.kind === 'unique' ? 'already_exists' : violation.kind;
      return sendError(request, reply, 409, 'conflict', { reason, constraint: violation.constraint, fields: violation.fields });
    }
    if (isResponseSerializationError(error)) request.log.error({ issues: error.cause.issues, url: request.url }, 'response does not match its schema');
    else request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, 500, 'internal_error');
  });
});
