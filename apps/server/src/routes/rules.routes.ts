import { AcknowledgementReport, AcknowledgementState, RulesCatalogue } from '@esep/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../services/context.ts';
import { acknowledgeRules, acknowledgementOverview, myAcknowledgement, rulesCatalogue } from '../services/rules.service.ts';

const tags = ['rules'];

export const rulesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/rules', {
    schema: { tags, summary: 'Chapter 3 of the Rules (Order No. 652), paragraph by paragraph, kk/ru/en', response: { 200: RulesCatalogue } },
    // The text of a published order is public.
    config: { access: { public: true } },
  }, async () => rulesCatalogue());

  app.get('/api/v1/rules/acknowledgement', {
    schema: { tags, summary: 'Whether the current user confirmed reading the rules in force (R-O.4)', response: { 200: AcknowledgementState } },
    config: { access: { authenticated: true } },
  }, async (request) => myAcknowledgement(contextOf(request)));

  app.post('/api/v1/rules/acknowledgement', {
    schema: { tags, summary: 'Confirm reading the rules in force (R-O.4)', response: { 200: AcknowledgementState } },
    config: { access: { authenticated: true } },
  }, async (request) => acknowledgeRules(contextOf(request)));

  app.get('/api/v1/rules/acknowledgements', {
    schema: { tags, summary: 'Staff in the territory who have and have not read the rules (unit and regional heads)', response: { 200: AcknowledgementReport } },
    config: { access: { resource: 'acknowledgement', action: 'read' } },
  }, async (request) => acknowledgementOverview(contextOf(request)));
};
