import type { ComplianceQuery, ComplianceReport } from '@esep/contracts';
import { checklistCounts, containerPath, districtPath, districtRefs, obligationCounts, territoryRefs, type AnalyticsLevel, type ChecklistRow } from '@esep/db';
import {
  complianceFigures, isComplianceRule, MAX_ANALYTICS_QUARTERS, parseQuarterKey, quarterEnd, quarterKey, quarterOf, quarterSpan, quartersBetween,
  quarterStart, withinScope, type ComplianceRule, type Quarter, type Scope,
} from '@esep/domain';
import type { z } from 'zod';
import { AppError } from '../../http/app-error.ts';
import { readerOf, requireActor, type ServiceContext } from '../context.ts';

type Query = z.infer<typeof ComplianceQuery>;
type Report = z.infer<typeof ComplianceReport>;
type Messages = Record<'kk' | 'ru' | 'en', string>;

/** A refusal of the request's own input: 400 with the field, a stable reason and a sentence in each language. */
const refuse = (field: string, reason: string, messages: Messages, params?: Record<string, unknown>) =>
  new AppError('validation_failed', [{ field: `querystring.${field}`, reason, ...(params ? { params } : {}) }], 400, messages);

function readQuarter(field: 'from' | 'to', value: string | undefined, today: string): Quarter {
  if (value === undefined) return quarterOf(today);
  const q = parseQuarterKey(value);
  if (!q || q.year < 1900) {
    throw refuse(field, 'quarter', {
      kk: `Тоқсан ЖЖЖЖ-Tn түрінде жазылады (мысалы, 2027-Q1): «${value}»`,
      ru: `Квартал указывается в виде ГГГГ-Qn (например, 2027-Q1): «${value}»`,
      en: `A quarter is written YYYY-Qn (e.g. 2027-Q1): "${value}"`,
    });
  }
  return q;
}

function readRules(value: string | undefined): Set<ComplianceRule> {
  const rules = new Set<ComplianceRule>();
  for (const rule of (value ?? '').split(',').map((r) => r.trim()).filter(Boolean)) {
    if (!isComplianceRule(rule)) {
      throw refuse('rule', 'unknown_rule', {
        kk: `Талдауда мұндай ереже жоқ: ${rule}`, ru: `Такого правила нет в аналитике: ${rule}`, en: `The analytics know no such rule: ${rule}`,
      }, { rule });
    }
    rules.add(rule);
  }
  return rules;
}

const CHILD_OF: Record<string, AnalyticsLevel | null> = { national: 'region', region: 'unit', unit: 'point', point: 'district', districts: 'district', atu: 'district', district: null };

/** The territory asked for (inside the user's scope, else 404 as if it did not exist), or the user's own. */
async function territoryOf(ctx: ServiceContext, scope: Scope, query: Query) {
  const asked = (['district', 'point', 'unit', 'region'] as const).filter((k) => query[k]);
  if (asked.length > 1) {
    throw refuse(asked.join(','), 'one_territory', {
      kk: 'Бір ғана аумақ көрсетіледі: өңір, бөлім, пункт немесе учаске', ru: 'Указывается одна территория: регион, управление, пункт или участок',
      en: 'Name one territory only: a region, unit, point or district',
    });
  }
  const kind = asked[0];
  if (!kind) return { level: scope.level, id: scope.level === 'national' || scope.ids.length !== 1 ? null : scope.ids[0]!, filter: {} };
  const id = query[kind]!;
  const path = kind === 'district' ? await districtPath(readerOf(ctx), id) : await containerPath(readerOf(ctx), kind, id);
  if (!path || !withinScope(scope, path)) throw new AppError('not_found');
  return { level: kind, id, filter: { [`${kind}Id`]: id } };
}

/**
 * Issue 15: compliance of the user's territory (or a narrower one) per quarter in the range — the
 * quarterly obligation (R-22.13, share of districts) and each checklist line (share of the
 * meetings where it could be judged) — for the territory and its children one level down.
 */
export async function complianceReport(ctx: ServiceContext, query: Query): Promise<Report> {
  const actor = requireActor(ctx);
  const from = readQuarter('from', query.from, ctx.today);
  const to = readQuarter('to', query.to, ctx.today);
  const span = quarterSpan(from, to);
  if (span <= 0) {
    throw refuse('to', 'range_reversed', {
      kk: `Кезеңнің соңы (${quarterKey(to)}) басынан (${quarterKey(from)}) ерте`, ru: `Конец периода (${quarterKey(to)}) раньше его начала (${quarterKey(from)})`,
      en: `The range ends (${quarterKey(to)}) before it starts (${quarterKey(from)})`,
    });
  }
  if (span > MAX_ANALYTICS_QUARTERS) {
    throw refuse('to', 'range_too_long', {
      kk: `Кезең ${MAX_ANALYTICS_QUARTERS} тоқсаннан аспауы керек (сұралғаны: ${span})`, ru: `Период не длиннее ${MAX_ANALYTICS_QUARTERS} кварталов (запрошено: ${span})`,
      en: `The range is at most ${MAX_ANALYTICS_QUARTERS} quarters (asked: ${span})`,
    }, { max: MAX_ANALYTICS_QUARTERS, span });
  }
  const rules = readRules(query.rule);
  const territory = await territoryOf(ctx, actor.scope, query);
  const level = CHILD_OF[territory.level] ?? null;
  const quarters = quartersBetween(from, to);
  const starts = quarters.map(quarterStart);
  // Issue 15, part 2: the read replica when configured (the primary right after this client's write, or in a transaction).
  const db = readerOf(ctx);

  const [obligation, lines] = await Promise.all([
    obligationCounts(db, actor.scope, territory.filter, level, starts),
    checklistCounts(db, actor.scope, territory.filter, level, { from: starts[0]!, to: quarterEnd(to) }, ctx.today),
  ]);
  const areaIds = [...new Set(obligation.flatMap((r) => (r.area ? [r.area] : [])))];
  const refs = !level ? [] : level === 'district' ? await districtRefs(db, areaIds) : await territoryRefs(db, level, areaIds);
  refs.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

  const key = (start: string, area: string | null) => `${start}|${area ?? ''}`;
  const obligationBy = new Map(obligation.map((r) => [key(r.quarterStart, r.area), r]));
  const linesBy = new Map<string, ChecklistRow>(lines.map((r) => [key(r.quarterStart, r.area), r]));
  const figures = (start: string, area: string | null) => {
    const o = obligationBy.get(key(start, area));
    const l = linesBy.get(key(start, area));
    const f = complianceFigures({ districts: o?.districts ?? 0, obligationMet: o?.met ?? 0, lines: l?.lines ?? {} }, rules);
    return { districts: f.districts, obligation: f.obligation, meetings: l?.meetings ?? 0, lines: f.lines };
  };

  return {
    from: quarterKey(from), to: quarterKey(to), today: ctx.today,
    territory: { level: territory.level, id: territory.id ?? null },
    childLevel: level,
    quarters: quarters.map((q, i) => ({
      quarter: quarterKey(q),
      total: figures(starts[i]!, null),
      children: refs.map((a) => ({ id: a.id, code: a.code, nameKk: a.nameKk, nameRu: a.nameRu, figures: figures(starts[i]!, a.id) })),
    })),
  };
}
