import { IdParam, SelfRegistrationBody } from '@esep/contracts';
import { CONSENT_TEXT, CONSENT_VERSION } from '@esep/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../http/app-error.ts';
import { contextOf, type ServiceContext } from '../services/context.ts';
import { publicMeeting, selfRegister } from '../services/holding/participant.service.ts';
import { selfRegistrationLimit } from '../services/holding/self-registration.limit.ts';

const tags = ['public'];

const PublicMeeting = z.object({
  number: z.string(), status: z.string(), startsAt: z.iso.datetime(), endsAt: z.iso.datetime(), venueName: z.string().nullable(), venueAddress: z.string().nullable(),
  format: z.string(),
  /** Only while registration is open. */
  onlineLink: z.string().nullable(),
  window: z.enum(['not_yet_open', 'open', 'closed']), opensAt: z.iso.datetime(), closesAt: z.iso.datetime(),
  consent: z.object({ version: z.string(), kk: z.string(), ru: z.string(), en: z.string() }),
}).meta({ id: 'PublicMeeting' });
const Registered = z.object({ number: z.number().int(), meetingNumber: z.string() }).meta({ id: 'SelfRegistered' });

/** A resident registering himself acts without an account, even in a browser with a staff session. */
const anonymous = (request: FastifyRequest): ServiceContext => ({ ...contextOf(request), actor: null, actorName: null });

/** The JSON API of self-registration (no login): the meeting's public facts and the registration. */
const publicApi: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/public/meetings/:id', {
    schema: { tags, summary: 'Public facts of an announced meeting and whether self-registration is open (no personal data)', params: IdParam, response: { 200: PublicMeeting } },
    config: { access: { public: true } },
  }, async (request) => {
    const meeting = await publicMeeting(contextOf(request), request.params.id);
    if (!meeting) throw new AppError('not_found');
    const { id: _id, ...facts } = meeting;
    return { ...facts, consent: { version: CONSENT_VERSION, ...CONSENT_TEXT } };
  });

  app.post('/api/v1/public/meetings/:id/registrations', {
    schema: {
      tags, summary: 'Register oneself while the meeting\'s window is open (QR code or online link; R-32.2). 409 registration_closed / already_registered, 400 consent_required, 429 rate_limited',
      params: IdParam, body: SelfRegistrationBody, response: { 201: Registered },
    },
    config: { access: { public: true } },
    // one limit with the HTML form of `/m/:id` (public/pages.routes.tsx), counted in the database.
    onRequest: selfRegistrationLimit(app),
  }, async (request, reply) => {
    const { number, meetingNumber } = await selfRegister(anonymous(request), request.params.id, request.body);
    return reply.status(201).send({ number, meetingNumber });
  });
};


/** The meeting's page with the HTML form (`/m/:id`) is in public/pages.routes.tsx (issue 13). */
export const selfRegistrationRoutes = async (app: FastifyInstance) => {
  await app.register(publicApi);
};
