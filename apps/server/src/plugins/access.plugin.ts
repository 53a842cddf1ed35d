import { can, roleMay, visible } from '@esep/domain';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../http/app-error.ts';
import type { RouteAccess } from '../types.js';

export interface RouteEntry { method: string; url: string; access: RouteAccess | undefined }

/**
 * The one place where access to API routes is decided. Every /api/v1 route declares its access
 * in `config.access`; a route without one answers 500 and fails the route-table test.
 *
 * Out of territory → 404: a record the user may not read is answered as if it did not exist,
 * so ids cannot be probed. Readable but not allowed → 403.
 */
export default fp(async function accessPlugin(app: FastifyInstance) {
  const routes: RouteEntry[] = [];
  app.decorate('routeTable', routes);
  app.addHook('onRoute', (options) => {
    const methods = Array.isArray(options.method) ? options.method : [options.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routes.push({ method, url: options.url, access: options.config?.access });
    }
  });

  // Anonymous requests are refused before their input is validated: 401 comes before 400.
  app.addHook('preValidation', async (request) => {
    const url = request.routeOptions.url ?? '';
    if (!url.startsWith('/api/v1')) return;
    const access = request.routeOptions.config.access;
    if (!access) throw new Error(`route ${request.method} ${url} declares no access policy`);
    if (!('public' in access) && !request.auth) throw new AppError('unauthenticated');
  });

  app.addHook('preHandler', async (request) => {
    const url = request.routeOptions.url ?? '';
    if (!url.startsWith('/api/v1')) return;
    const access = request.routeOptions.config.access!;
    if ('public' in access || 'authenticated' in access) return;
    const { actor } = request.auth!;
    if (!access.locate) {
      // Lists and non-territorial resources: the role must hold the grant somewhere; the
      // repository then filters rows by the user's territory.
      const allowed = access.resource === 'structure' || access.resource === 'audit'
        ? can(actor, access.action, { resource: access.resource })
        : roleMay(actor.role, access.action, access.resource);
      if (!allowed) throw new AppError('forbidden');
      return;
    }
    const located = await access.locate(request);
    if (!located) throw new AppError('not_found');
    const target = { resource: access.resource, ...located };
    if (!visible(actor, target)) throw new AppError('not_found');
    if (!can(actor, access.action, target)) throw new AppError('forbidden');
  });
});

declare module 'fastify' {
  interface FastifyInstance { routeTable: RouteEntry[] }
}
