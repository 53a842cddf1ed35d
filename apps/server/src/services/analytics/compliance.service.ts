import type { ComplianceQuery, ComplianceReport } from '@esep/contracts';
import { checklistCounts, obligationCounts, type ChecklistRow } from '@esep/db';
import { complianceFigures, isComplianceRule, type ComplianceRule } from '@esep/domain';
import type { z } from 'zod';
import { readerOf, type ServiceContext } from '../context.ts';
import { analyticsReport, areaKey, listOf, readAnalyticsQuery, refuse } from './analytics.query.ts';

type Query = z.infer<typeof ComplianceQuery>;
type Report = z.infer<typeof ComplianceReport>;

function readRules(value: string | undefined): Set<ComplianceRule> {
  const rules = new Set<ComplianceRule>();
  for (const rule of listOf(value)) {
    if (!isComplianceRule(rule)) {
      throw refuse('rule', 'unknown_rule', {
        kk: `Талдауда мұндай ереже жоқ: ${rule}`, ru: `Такого правила нет в аналитике: ${rule}`, en: `The analytics know no such rule: ${rule}`,
      }, { rule });
    }
    rules.add(rule);
  }
  return rules;
}

/**
 * Issue 15: compliance of the user's territory (or a narrower one) per quarter in the range — the
 * quarterly obligation (R-22.13, share of districts) and each checklist line (share of the
 * meetings where it could be judged) — for the territory and its children one level down;
 * `format` counts only meetings of those formats (for too).
 */
export async function complianceReport(ctx: ServiceContext, query: Query): Promise<Report> {
  let rules = new Set<ComplianceRule>();
  const frame = await readAnalyticsQuery(ctx, query, () => { rules = readRules(query.rule); });
  const [obligation, lines] = await Promise.all([
    obligationCounts(readerOf(ctx), frame.scope, frame.filter, frame.level, frame.starts),
    checklistCounts(readerOf(ctx), frame.scope, frame.filter, frame.level, frame.range, ctx.today),
  ]);
  const obligationBy = new Map(obligation.map((r) => [areaKey(r.quarterStart, r.area), r]));
  const linesBy = new Map<string, ChecklistRow>(lines.map((r) => [areaKey(r.quarterStart, r.area), r]));
  return analyticsReport(ctx, frame, obligation.flatMap((r) => (r.area ? [r.area] : [])), (start, area) => {
    const o = obligationBy.get(areaKey(start, area));
    const l = linesBy.get(areaKey(start, area));
    const f = complianceFigures({ districts: o?.districts ?? 0, obligationMet: o?.met ?? 0, lines: l?.lines ?? {} }, rules);
    return { districts: f.districts, obligation: f.obligation, meetings: l?.meetings ?? 0, lines: f.lines };
  });
}
