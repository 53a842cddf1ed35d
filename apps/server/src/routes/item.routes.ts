import { Award, AwardBody, Decision, DecisionBody, IdParam, Item, ItemBody, ItemClassifyBody, Topic, TopicBody } from '@esep/contracts';
import { awardById, decisionById, itemById, meetingPaths } from '@esep/db';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../services/context.ts';
import { createAward, createDecision, listAwards, listDecisions, removeAward, removeDecision } from '../services/holding/decision.service.ts';
import { classifyItem, createItem, listItems } from '../services/holding/item.service.ts';
import { addTopic, listTopics, saveTopic } from '../services/holding/topic.service.ts';

const tags = ['holding'];

/**
 * What is recorded at the meeting: items raised, decisions, awards, and
 * the administrator's list of item topics. Writes with a repeated `clientKey` answer 200 with
 * the record stored the first time instead of 201.
 */
export const itemRoutes: FastifyPluginAsyncZod = async (app) => {
  const id = (request: FastifyRequest) => (request.params as { id: string }).id;
  const byMeeting = (meetingId: string | undefined) => async () => {
    const paths = meetingId ? await meetingPaths(app.db, meetingId) : [];
    return paths.length ? { paths } : null;
  };
  const locateMeeting = async (request: FastifyRequest) => byMeeting(id(request))();
  const locateItem = async (request: FastifyRequest) => byMeeting((await itemById(app.db, id(request)))?.meetingId)();
  const locateDecision = async (request: FastifyRequest) => byMeeting((await decisionById(app.db, id(request)))?.meetingId)();
  const locateAward = async (request: FastifyRequest) => byMeeting((await awardById(app.db, id(request)))?.meetingId)();

  // ─── Items ────────────────────────────────────────────────────────
  app.post('/api/v1/meetings/:id/items', {
    schema: {
      tags, summary: 'Record a complaint, proposal, remark or question raised at the meeting (R-31); numbered `<meeting>/<n>`',
      params: IdParam, body: ItemBody, response: { 200: Item, 201: Item },
    },
    config: { access: { resource: 'meeting', action: 'update', locate: locateMeeting } },
  }, async (request, reply) => {
    const { item, created } = await createItem(contextOf(request), request.params.id, request.body);
    return reply.status(created ? 201 : 200).send(item);
  });

  app.get('/api/v1/meetings/:id/items', {
    schema: { tags, summary: 'Items raised at the meeting, by number (names only for those who may read the register)', params: IdParam, response: { 200: z.array(Item) } },
    config: { access: { resource: 'meeting', action: 'read', locate: locateMeeting } },
  }, async (request) => listItems(contextOf(request), request.params.id));

  app.patch('/api/v1/items/:id', {
    schema: { tags, summary: 'Classify an item: answered, to be checked or to be forwarded (until the protocol is signed)', params: IdParam, body: ItemClassifyBody, response: { 200: Item } },
    config: { access: { resource: 'meeting', action: 'update', locate: locateItem } },
  }, async (request) => classifyItem(contextOf(request), request.params.id, request.body));

  // ─── Decisions ──────────────────────────────────────────────────
  app.post('/api/v1/meetings/:id/decisions', {
    schema: { tags, summary: 'Record a decision taken at the meeting, with who answers for it and by when', params: IdParam, body: DecisionBody, response: { 200: Decision, 201: Decision } },
    config: { access: { resource: 'meeting', action: 'update', locate: locateMeeting } },
  }, async (request, reply) => {
    const { decision, created } = await createDecision(contextOf(request), request.params.id, request.body);
    return reply.status(created ? 201 : 200).send(decision);
  });

  app.get('/api/v1/meetings/:id/decisions', {
    schema: { tags, summary: 'Decisions taken at the meeting, by number', params: IdParam, response: { 200: z.array(Decision) } },
    config: { access: { resource: 'meeting', action: 'read', locate: locateMeeting } },
  }, async (request) => listDecisions(contextOf(request), request.params.id));

  app.delete('/api/v1/decisions/:id', {
    schema: { tags, summary: 'Remove a decision entered by mistake (until the protocol is signed)', params: IdParam, response: { 204: z.null() } },
    config: { access: { resource: 'meeting', action: 'update', locate: locateDecision } },
  }, async (request, reply) => {
    await removeDecision(contextOf(request), request.params.id);
    return reply.status(204).send(null);
  });

  // ─── Awards ───────────────────────────────────────────────────────
  app.post('/api/v1/meetings/:id/awards', {
    schema: { tags, summary: 'Record an award to an active citizen, association or organisation (R-34)', params: IdParam, body: AwardBody, response: { 200: Award, 201: Award } },
    config: { access: { resource: 'meeting', action: 'update', locate: locateMeeting } },
  }, async (request, reply) => {
    const { award, created } = await createAward(contextOf(request), request.params.id, request.body);
    return reply.status(created ? 201 : 200).send(award);
  });

  app.get('/api/v1/meetings/:id/awards', {
    schema: { tags, summary: 'Awards given at the meeting', params: IdParam, response: { 200: z.array(Award) } },
    config: { access: { resource: 'meeting', action: 'read', locate: locateMeeting } },
  }, async (request) => listAwards(contextOf(request), request.params.id));

  app.delete('/api/v1/awards/:id', {
    schema: { tags, summary: 'Remove an award entered by mistake (until the protocol is signed)', params: IdParam, response: { 204: z.null() } },
    config: { access: { resource: 'meeting', action: 'update', locate: locateAward } },
  }, async (request, reply) => {
    await removeAward(contextOf(request), request.params.id);
    return reply.status(204).send(null);
  });

  // ─── Topics ──────────────────────────────────────────────────────────────
  app.get('/api/v1/topics', {
    schema: { tags, summary: 'Item topics: the active ones first, each group in its order', response: { 200: z.array(Topic) } },
    config: { access: { resource: 'topic', action: 'read' } },
  }, async (request) => listTopics(contextOf(request)));

  app.post('/api/v1/topics', {
    schema: { tags, summary: 'Add an item topic (administrator; a taken code → 409)', body: TopicBody, response: { 201: Topic } },
    config: { access: { resource: 'topic', action: 'create' } },
  }, async (request, reply) => reply.status(201).send(await addTopic(contextOf(request), request.body)));

  app.put('/api/v1/topics', {
    schema: { tags, summary: 'Add or change the item topic with this code: names, order, on/off (administrator)', body: TopicBody, response: { 200: Topic } },
    config: { access: { resource: 'topic', action: 'update' } },
  }, async (request) => saveTopic(contextOf(request), request.body));
};
