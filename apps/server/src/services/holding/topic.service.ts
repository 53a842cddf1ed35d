import { activeTopics, allTopics, insertTopic, topicByCode, upsertTopic, type TopicRow } from '@esep/db';
import { AppError } from '../../http/app-error.ts';
import { inTransaction, type ServiceContext } from '../context.ts';

/*
 * the list of item topics is configurable by the administrator. A topic is never
 * deleted (items refer to it); switching it off hides it from new items.
 */

export interface TopicInput { code: string; nameKk: string; nameRu: string; nameEn: string; active: boolean; sort: number }

const TOPIC_EXISTS = { kk: 'Бұл кодпен тақырып бар', ru: 'Тема с таким кодом уже есть', en: 'A topic with this code already exists' };

export function presentTopic(row: TopicRow) {
  return { code: row.code, nameKk: row.nameKk, nameRu: row.nameRu, nameEn: row.nameEn, active: row.active, sort: row.sort };
}

export async function listTopics(ctx: ServiceContext, onlyActive = false) {
  return (onlyActive ? await activeTopics(ctx.db) : await allTopics(ctx.db)).map(presentTopic);
}

export async function addTopic(ctx: ServiceContext, input: TopicInput) {
  const row = await inTransaction(ctx, async (tx, audit) => {
    const inserted = await insertTopic(tx, input);
    if (!inserted) throw new AppError('conflict', { field: 'code', reason: 'exists' }, 409, TOPIC_EXISTS);
    await audit({ action: 'topic.create', entityType: 'topic', entityId: inserted.code, after: presentTopic(inserted) });
    return inserted;
  });
  return presentTopic(row);
}

/** Adds the topic or changes the one with this code (names, order, on/off). */
export async function saveTopic(ctx: ServiceContext, input: TopicInput) {
  const row = await inTransaction(ctx, async (tx, audit) => {
    const before = await topicByCode(tx, input.code);
    const saved = await upsertTopic(tx, input);
    await audit({ action: before ? 'topic.update' : 'topic.create', entityType: 'topic', entityId: saved.code, before: before ? presentTopic(before) : null, after: presentTopic(saved) });
    return saved;
  });
  return presentTopic(row);
}
