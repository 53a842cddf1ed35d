import type { StateBody, StateBodyBody } from '@esep/contracts';
import { allStateBodies, atuAncestry, districtPath, insertStateBody, stateBodyById, updateStateBodyRow, type StateBodyRow } from '@esep/db';
import { claimedTopics, competence, competentFlag } from '@esep/domain';
import { AppError, ruleRefusal } from '../../http/app-error.ts';
import { inTransaction, type ServiceContext } from '../context.ts';

/*
 * the directory of state bodies items outside police competence are forwarded to — by
 * departmental subordination (the topics a body is competent for) or by territory (the region
 * or administrative-territorial unit it serves).
 */

export function presentStateBody(row: StateBodyRow, extra: { competent?: boolean | null; coversDistrict?: boolean | null } = {}): StateBody {
  return {
    id: row.id, code: row.code, nameKk: row.nameKk, nameRu: row.nameRu, topics: row.topics, regionId: row.regionId, atuId: row.atuId,
    contact: row.contact, active: row.active, competent: extra.competent ?? null, coversDistrict: extra.coversDistrict ?? null,
  };
}

/**
 * The directory, as suggestions when a topic or a district is given: bodies competent for the
 * topic first (`competent` null: the topic — "other" — names no body, so none is wrong), then those serving the district's own ATU (or one above it), then its region,
 * then those without a territory; bodies of other territories come last.
 */
export async function listStateBodies(ctx: ServiceContext, query: { topic?: string | undefined; districtId?: string | undefined; q?: string | undefined; includeInactive?: 'true' | 'false' | undefined }) {
  const rows = await allStateBodies(ctx.db, query.includeInactive !== 'true');
  const path = query.districtId ? await districtPath(ctx.db, query.districtId) : null;
  const atuIds = path?.atuIds?.[0] ? await atuAncestry(ctx.db, path.atuIds[0]) : [];
  const needle = query.q?.toLocaleLowerCase('ru');
  // only a clear topic (one some active body lists) makes a body not competent.
  const clear = claimedTopics(rows);
  const scored = rows
    .filter((r) => !needle || `${r.nameKk} ${r.nameRu} ${r.code}`.toLocaleLowerCase('ru').includes(needle))
    .map((r) => {
      const isCompetent = query.topic ? competentFlag(competence(r.topics, query.topic, clear)) : null;
      // 3: the district's ATU or one above it; 2: its region as a whole; 1: no territory (national); 0: elsewhere.
      const territory = !path ? 0
        : r.atuId ? (atuIds.includes(r.atuId) ? 3 : 0)
        : r.regionId ? (r.regionId === path.regionId ? 2 : 0) : 1;
      return { row: r, isCompetent, territory, covers: path ? territory > 0 : null };
    });
  scored.sort((a, b) => Number(b.isCompetent ?? false) - Number(a.isCompetent ?? false) || b.territory - a.territory || a.row.nameRu.localeCompare(b.row.nameRu, 'ru'));
  return scored.map((s) => presentStateBody(s.row, { competent: s.isCompetent, coversDistrict: s.covers }));
}

const CODE_TAKEN = { kk: 'Бұл код бос емес', ru: 'Этот код уже занят', en: 'This code is taken' };

const values = (body: StateBodyBody) => ({
  code: body.code, nameKk: body.nameKk, nameRu: body.nameRu, topics: [...new Set(body.topics)], regionId: body.regionId ?? null, atuId: body.atuId ?? null,
  contact: body.contact ?? null, active: body.active ?? true,
});

export async function createStateBody(ctx: ServiceContext, body: StateBodyBody): Promise<StateBody> {
  return inTransaction(ctx, async (tx, audit) => {
    const row = await insertStateBody(tx, values(body));
    if (!row) throw ruleRefusal({ reason: 'code_taken', rule: null, field: 'code' }, CODE_TAKEN, 409);
    await audit({ action: 'state_body.create', entityType: 'state_body', entityId: row.id, after: values(body) });
    return presentStateBody(row);
  });
}

export async function updateStateBody(ctx: ServiceContext, id: string, body: StateBodyBody): Promise<StateBody> {
  const before = await stateBodyById(ctx.db, id);
  if (!before) throw new AppError('not_found');
  return inTransaction(ctx, async (tx, audit) => {
    let row: StateBodyRow | null;
    try {
      row = await updateStateBodyRow(tx, id, values(body));
    } catch (error) {
      if ((error as { code?: string; cause?: { code?: string } }).code === '23505' || (error as { cause?: { code?: string } }).cause?.code === '23505') {
        throw ruleRefusal({ reason: 'code_taken', rule: null, field: 'code' }, CODE_TAKEN, 409);
      }
      throw error;
    }
    if (!row) throw new AppError('not_found');
    await audit({ action: 'state_body.update', entityType: 'state_body', entityId: id, before: { ...before }, after: values(body) });
    return presentStateBody(row);
  });
}
