import { IdParam, User, UserCreateBody, UserListQuery, UserPage } from '@esep/contracts';
import { userById } from '@esep/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../http/app-error.ts';
import { contextOf } from '../services/context.ts';
import { createUser, presentUser, users } from '../services/user.service.ts';

const tags = ['users'];

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/users', {
    schema: { tags, summary: 'Accounts (administrators see all; others see their own)', querystring: UserListQuery, response: { 200: UserPage } },
    config: { access: { resource: 'user', action: 'read' } },
  }, async (request) => {
    const { page, pageSize, sort, role } = request.query;
    return users(contextOf(request), { role }, { page, pageSize, sort });
  });

  app.get('/api/v1/users/:id', {
    schema: { tags, params: IdParam, response: { 200: User } },
    config: { access: { resource: 'user', action: 'read', locate: async (request) => ({ ownerId: (request.params as { id: string }).id }) } },
  }, async (request) => {
    const user = await userById(app.db, request.params.id);
    if (!user) throw new AppError('not_found');
    return presentUser(contextOf(request), user);
  });

  app.post('/api/v1/users', {
    schema: { tags, body: UserCreateBody, response: { 201: User } },
    config: { access: { resource: 'user', action: 'create' } },
  }, async (request, reply) => reply.status(201).send(await createUser(contextOf(request), request.body)));
};
