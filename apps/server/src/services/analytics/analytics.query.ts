import { containerPath, districtPath, districtRefs, territoryRefs, type AnalyticsFilter, type AnalyticsLevel } from '@esep/db';
import {
  FORMATS, isMeetingFormat, MAX_ANALYTICS_QUARTERS, parseQuarterKey, quarterEnd, quarterKey, quarterOf, quarterSpan, quartersBetween,
  quarterStart, withinScope, type Format, type Quarter, type Scope, type TerritoryPath,
} from '@esep/domain';
import { AppError } from '../../http/app-error.ts';
import { readerOf, requireActor, type ServiceContext } from '../context.ts';

/*
 * Issue 15: what the analytics endpoints (compliance, participation, items) share — reading the
 * quarter range, the territory (inside the user's scope, else 404) and the format filter, and
 * laying the figures out per quarter for the territory and its children one level down.
 */

type Messages = Record<'kk' | 'ru' | 'en', string>;

/** A refusal of the request's own input: 400 with the field, a stable reason and a sentence in each language. */
export const refuse = (field: string, reason: string, messages: Messages, params?: Record<string, unknown>) =>
  new AppError('validation_failed', [{ field: `querystring.${field}`, reason, ...(params ? { params } : {}) }], 400, messages);

/** The comma-separated values of a list parameter, trimmed, without empty ones. */
export const listOf = (value: string | undefined) => (value ?? '').split(',').map((v) => v.trim()).filter(Boolean);

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

function readFormats(value: string | undefined): Format[] {
  const formats = new Set<Format>();
  for (const format of listOf(value)) {
    if (!isMeetingFormat(format)) {
      throw refuse('format', 'unknown_format', {
        kk: `Кездесудің мұндай түрі жоқ: ${format} (бар түрлері: ${FORMATS.join(', ')})`,
        ru: `Такого формата встречи нет: ${format} (есть: ${FORMATS.join(', ')})`,
        en: `No such meeting format: ${format} (known: ${FORMATS.join(', ')})`,
      }, { format });
    }
    formats.add(format);
  }
  return [...formats];
}

const CHILD_OF: Record<string, AnalyticsLevel | null> = { national: 'region', region: 'unit', unit: 'point', point: 'district', districts: 'district', atu: 'district', district: null };

export interface AnalyticsQueryBase {
  from?: string | undefined; to?: string | undefined; format?: string | undefined;
  region?: string | undefined; unit?: string | undefined; point?: string | undefined; district?: string | undefined;
}

/** The territory asked for (inside the user's scope, else 404 as if it did not exist), or the user's own. */
async function territoryOf(ctx: ServiceContext, scope: Scope, query: AnalyticsQueryBase) {
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
  return { level: kind, id, filter: { [`${kind}Id`]: id }, path };
}

/** A request read and checked: the quarters, the territory, its child level and the filter for the repositories. */
export interface AnalyticsFrame {
  scope: Scope; from: Quarter; to: Quarter; quarters: Quarter[];
  /** First day of each quarter, and the range's first and last day. */
  starts: string[]; range: { from: string; to: string };
  territory: { level: Scope['level'] | 'region' | 'unit' | 'point' | 'district'; id: string | null };
  /** The asked territory's place in the structure, as the scope check read it (none for the user's own). */
  at: TerritoryPath | null;
  level: AnalyticsLevel | null; filter: AnalyticsFilter;
}

/**
 * Reads the parts every analytics request shares, refusing bad input with 400 (a malformed
 * quarter, a reversed range or one longer than MAX_ANALYTICS_QUARTERS, two territories, an unknown
 * format) and a territory outside the scope with 404. Checked before `more` (the endpoint's own
 * parameters, which may refuse too) only as far as the input goes: the territory is looked up last.
 */
export async function readAnalyticsQuery(ctx: ServiceContext, query: AnalyticsQueryBase, more?: () => void | Promise<void>): Promise<AnalyticsFrame> {
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
  const formats = readFormats(query.format);
  await more?.();
  const territory = await territoryOf(ctx, actor.scope, query);
  const quarters = quartersBetween(from, to);
  const starts = quarters.map(quarterStart);
  return {
    scope: actor.scope, from, to, quarters, starts, range: { from: starts[0]!, to: quarterEnd(to) },
    territory: { level: territory.level, id: territory.id ?? null },
    at: ('path' in territory ? territory.path : null) ?? null,
    level: CHILD_OF[territory.level] ?? null,
    filter: { ...territory.filter, formats },
  };
}

type PathStep = { level: AnalyticsLevel; id: string; code: string; nameKk: string; nameRu: string };
const LEVELS = ['region', 'unit', 'point', 'district'] as const satisfies readonly AnalyticsLevel[];

/**
 * Issue 15 (drill-down): the breadcrumb of a territory — its region, unit, point and district down
 * to itself; its place as the scope check read it (else looked up), the names read at once.
 */
async function pathOf(ctx: ServiceContext, frame: AnalyticsFrame): Promise<PathStep[]> {
  const { level, id } = frame.territory;
  if (!id || !(LEVELS as readonly string[]).includes(level)) return [];
  const db = readerOf(ctx);
  const at = frame.at ?? (level === 'district' ? await districtPath(db, id) : await containerPath(db, level as 'region' | 'unit' | 'point', id));
  if (!at) return [];
  const depth = LEVELS.indexOf(level as AnalyticsLevel);
  const wanted = ([['region', at.regionId], ['unit', at.unitId], ['point', at.pointId], ['district', id]] as const)
    .slice(0, depth + 1).filter(([, stepId]) => stepId);
  const steps = await Promise.all(wanted.map(async ([step, stepId]) => {
    const [ref] = step === 'district' ? await districtRefs(db, [stepId!]) : await territoryRefs(db, step, [stepId!]);
    return ref ? [{ level: step, ...ref }] : [];
  }));
  return steps.flat();
}

/**
 * The report: per quarter, the territory's figures (area null) and each child's (`areaIds`,
 * ordered by code), in the frame every analytics endpoint answers with.
 */
export async function analyticsReport<F>(ctx: ServiceContext, frame: AnalyticsFrame, areaIds: readonly string[], figures: (quarterStart: string, area: string | null) => F) {
  const { level } = frame;
  const ids = [...new Set(areaIds)];
  const refs = !level ? [] : level === 'district' ? await districtRefs(readerOf(ctx), ids) : await territoryRefs(readerOf(ctx), level, ids);
  refs.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return {
    from: quarterKey(frame.from), to: quarterKey(frame.to), today: ctx.today,
    territory: frame.territory,
    path: await pathOf(ctx, frame),
    childLevel: level,
    quarters: frame.quarters.map((q, i) => ({
      quarter: quarterKey(q),
      total: figures(frame.starts[i]!, null),
      children: refs.map((a) => ({ id: a.id, code: a.code, nameKk: a.nameKk, nameRu: a.nameRu, figures: figures(frame.starts[i]!, a.id) })),
    })),
  };
}

/** Key of a quarter and area in the maps the services build from the repositories' rows. */
export const areaKey = (quarterStart: string, area: string | null) => `${quarterStart}|${area ?? ''}`;
