import { acknowledge, acknowledgementOf, acknowledgementReport } from '@esep/db';
import { RULE_TEXT, RULES, RULES_VERSION } from '@esep/domain';
import { inTransaction, requireActor, type ServiceContext } from './context.ts';

/** Chapter 3 of the Rules, paragraph by paragraph, in Kazakh (official), Russian and English. */
export function rulesCatalogue() {
  return {
    version: RULES_VERSION,
    rules: Object.values(RULES).map((rule) => ({ id: rule.id, paragraph: rule.paragraph, title: rule.title, text: RULE_TEXT[rule.id], effectiveFrom: rule.effectiveFrom })),
  };
}

export async function myAcknowledgement(ctx: ServiceContext) {
  const row = await acknowledgementOf(ctx.db, requireActor(ctx).id, RULES_VERSION);
  return { version: RULES_VERSION, acknowledgedAt: row?.acknowledgedAt.toISOString() ?? null };
}

/** R-O.4: the user confirms he has read the rules version in force. */
export async function acknowledgeRules(ctx: ServiceContext) {
  const actor = requireActor(ctx);
  const row = await inTransaction(ctx, async (tx, audit) => {
    const existing = await acknowledgementOf(tx, actor.id, RULES_VERSION);
    if (existing) return existing;
    const created = await acknowledge(tx, actor.id, RULES_VERSION, ctx.now());
    await audit({ action: 'rules.acknowledge', entityType: 'user', entityId: actor.id, after: { version: RULES_VERSION } });
    return created;
  });
  return { version: RULES_VERSION, acknowledgedAt: row.acknowledgedAt.toISOString() };
}

/** R-O.4: who in the user's territory has, and has not, read the rules in force. */
export async function acknowledgementOverview(ctx: ServiceContext) {
  const rows = await acknowledgementReport(ctx.db, requireActor(ctx).scope, RULES_VERSION);
  return {
    version: RULES_VERSION, total: rows.length, acknowledged: rows.filter((r) => r.acknowledgedAt).length,
    items: rows.map((r) => ({ ...r, acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null })),
  };
}
