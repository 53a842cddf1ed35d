import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { ERROR_STATUS_MEANING, ErrorBody } from '@esep/contracts';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { SESSION_COOKIE } from './auth.plugin.ts';

const ERROR_STATUSES = [400, 401, 403, 404, 409, 422, 429] as const;
const STATUS_TEXT = ERROR_STATUSES.map((status) => `- **${status}**: ${ERROR_STATUS_MEANING[status]}`).join('\n');

/** OpenAPI 3.1 generated from the routes' zod schemas at /api/openapi.json; interactive docs at /api/docs. */
export default fp(async function openapiPlugin(app: FastifyInstance) {
  // Every API route documents the one error shape for its failure statuses.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || !route.schema) return;
    const response = { ...(route.schema.response as Record<number, unknown> | undefined) };
    for (const status of ERROR_STATUSES) response[status] ??= ErrorBody;
    route.schema.response = response;
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Esep API',
        version: '1.0.0',
        description: 'Reporting meetings of district police inspectors with residents (Order No. 652 of the Minister of Internal Affairs of the Republic of Kazakhstan). Errors: `{"error":{"code","message","details"}}`, message in the language of Accept-Language (kk, ru, en). Lists: `page`, `pageSize`, `sort` (`field` or `-field`), `q`. Times are instants in UTC (`startsAt`) with the Asia/Almaty reading beside them (`startsAtLocal`).\n\nError statuses:\n' + STATUS_TEXT,
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  // ESEP_API_DOCS=0 (e.g. in production) takes the interactive docs away; the machine-readable
  // document stays, for the clients generated from it: it lists routes and shapes, which the
  // web app's code shows anyone anyway, and every route still enforces its own access.
  if (app.config.apiDocs) await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
});
