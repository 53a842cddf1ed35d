import { ASSIGNMENT_ROLES } from './assignment.ts';
import { PARITIES, STREET_KINDS } from './coverage.ts';
import { POLICE_RANK_CODES, STAFF_POSITION_CODES } from './staff.titles.ts';
import type { StructureData } from './structure.ts';

/**
 * The structure workbook: one worksheet (XLSX) or one file named `<sheet>.csv` per sheet, read
 * in this order (parents before children). Row 1 holds the column names below (any order,
 * case-insensitive); data starts on row 2, empty rows are skipped. A sheet named README is
 * ignored (the template carries one).
 *
 *   regions     code*, kind*, name_kk*, name_ru*
 *   units       code*, region_code*, kind*, name_kk*, name_ru*
 *   points      code*, unit_code*, name_kk*, name_ru*, address, phone, reception_hours_kk,
 *               reception_hours_ru
 *   atus        code*, region_code*, parent_code, kind*, name_kk*, name_ru*, akim_name,
 *               akimat_name_kk, akimat_name_ru, maslikhat_name_kk, maslikhat_name_ru
 *   districts   code*, point_code*, atu_code*, name_kk*, name_ru*, population
 *   adjacency   district_code*, adjacent_code*                     (R-27.4, stored once per pair)
 *   coverage    district_code*, street_kind*, street_name_kk*, street_name_ru*, house_from,
 *               house_to, parity (all | odd | even; empty = all), rca (16 digits, a building:
 *               house_from = house_to)
 *   staff       code*, full_name*, position*, rank, unit_code*, point_code, iin
 *   assignments district_code*, staff_code*, role*, from*, to      (R-2.2; to empty = in force)
 *
 * `*` = the column must be present and filled; other columns may be omitted (then empty, which
 * clears the stored value) — except `iin` and the points' `phone` and `reception_hours_*`
 * (issue 13): empty keeps the one stored; an empty IIN keeps the one stored, because the export
 * never writes IINs (personal data) and re-importing an export must not forget them. Columns not listed are refused. Dates are YYYY-MM-DD (DD.MM.YYYY
 * and real Excel dates are accepted too). Enumerations take the codes listed in STRUCTURE_ENUMS;
 * position and rank also take their Kazakh, Russian or English names (staff.titles.ts).
 * References (`*_code`) name a code of the same upload or one already in the database.
 */
export const STRUCTURE_SHEET_NAMES = ['regions', 'units', 'points', 'atus', 'districts', 'adjacency', 'coverage', 'staff', 'assignments'] as const;
export type StructureSheetName = (typeof STRUCTURE_SHEET_NAMES)[number];

export const REGION_KIND_CODES = ['oblast', 'city_republican', 'capital'] as const;
export const UNIT_KIND_CODES = ['district_department', 'city_department', 'city_district_department'] as const;
export const ATU_KIND_CODES = ['district', 'city_district_significance', 'village', 'settlement', 'rural_district', 'city_district'] as const;

// The lists above must stay the types StructureData declares.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _kinds: [
  Same<(typeof REGION_KIND_CODES)[number], StructureData['regions'][number]['kind']>,
  Same<(typeof UNIT_KIND_CODES)[number], StructureData['units'][number]['kind']>,
  Same<(typeof ATU_KIND_CODES)[number], StructureData['atus'][number]['kind']>,
  Same<(typeof STAFF_POSITION_CODES)[number], StructureData['staff'][number]['position']>,
] = [true, true, true, true];
void _kinds;

export const STRUCTURE_ENUMS = {
  region_kind: REGION_KIND_CODES, unit_kind: UNIT_KIND_CODES, atu_kind: ATU_KIND_CODES, street_kind: STREET_KINDS,
  parity: PARITIES, position: STAFF_POSITION_CODES, rank: POLICE_RANK_CODES, role: ASSIGNMENT_ROLES,
} as const;
export type StructureEnum = keyof typeof STRUCTURE_ENUMS;

export type StructureColumnType =
  | { type: 'code' }
  | { type: 'text'; max?: number }
  | { type: 'ref'; sheet: StructureSheetName }
  | { type: 'int'; min: number }
  | { type: 'enum'; values: StructureEnum; fallback?: string }
  | { type: 'date' }
  | { type: 'iin' }
  | { type: 'rca' };

export interface StructureColumn {
  name: string;
  required: boolean;
  kind: StructureColumnType;
  /** What the column holds, for the template's README sheet. */
  kk: string;
  ru: string;
}

const col = (name: string, required: boolean, kind: StructureColumnType, kk: string, ru: string): StructureColumn => ({ name, required, kind, kk, ru });
const code = (kk: string, ru: string) => col('code', true, { type: 'code' }, kk, ru);
const ref = (name: string, sheet: StructureSheetName, required: boolean, kk: string, ru: string) => col(name, required, { type: 'ref', sheet }, kk, ru);
const text = (name: string, required: boolean, kk: string, ru: string) => col(name, required, { type: 'text' }, kk, ru);
const names = [text('name_kk', true, 'Атауы қазақ тілінде', 'Наименование на казахском языке'), text('name_ru', true, 'Атауы орыс тілінде', 'Наименование на русском языке')];

export const STRUCTURE_LAYOUT: Record<StructureSheetName, readonly StructureColumn[]> = {
  regions: [
    code('Облыстың / қаланың бірегей коды', 'Уникальный код области / города'),
    col('kind', true, { type: 'enum', values: 'region_kind' }, 'Түрі', 'Вид'), ...names,
  ],
  units: [
    code('Полиция бөлімінің коды', 'Код отдела полиции'),
    ref('region_code', 'regions', true, 'Облыс коды', 'Код области'),
    col('kind', true, { type: 'enum', values: 'unit_kind' }, 'Түрі', 'Вид'), ...names,
  ],
  points: [
    code('Учаскелік полиция пунктінің (УПП) коды', 'Код участкового пункта полиции (УПП)'),
    ref('unit_code', 'units', true, 'Полиция бөлімінің коды', 'Код отдела полиции'), ...names,
    text('address', false, 'Мекенжайы', 'Адрес'),
    // Issue 13: what the district page shows residents.
    col('phone', false, { type: 'text', max: 50 }, 'Телефоны (жария)', 'Телефон (публичный)'),
    col('reception_hours_kk', false, { type: 'text', max: 300 }, 'Қабылдау уақыты қазақ тілінде', 'Часы приёма на казахском языке'),
    col('reception_hours_ru', false, { type: 'text', max: 300 }, 'Қабылдау уақыты орыс тілінде', 'Часы приёма на русском языке'),
  ],
  atus: [
    code('Әкімшілік-аумақтық бірліктің (ӘАБ) коды', 'Код административно-территориальной единицы (АТЕ)'),
    ref('region_code', 'regions', true, 'Облыс коды', 'Код области'),
    ref('parent_code', 'atus', false, 'Жоғары тұрған ӘАБ коды (бос болса — жоғарғы деңгей)', 'Код вышестоящей АТЕ (пусто — верхний уровень)'),
    col('kind', true, { type: 'enum', values: 'atu_kind' }, 'Түрі', 'Вид'), ...names,
    text('akim_name', false, 'Әкімнің аты-жөні', 'ФИО акима'),
    text('akimat_name_kk', false, 'Әкімдіктің атауы қазақ тілінде', 'Наименование акимата на казахском языке'),
    text('akimat_name_ru', false, 'Әкімдіктің атауы орыс тілінде', 'Наименование акимата на русском языке'),
    text('maslikhat_name_kk', false, 'Мәслихаттың атауы қазақ тілінде', 'Наименование маслихата на казахском языке'),
    text('maslikhat_name_ru', false, 'Мәслихаттың атауы орыс тілінде', 'Наименование маслихата на русском языке'),
  ],
  districts: [
    code('Әкімшілік учаскенің коды', 'Код административного участка'),
    ref('point_code', 'points', true, 'УПП коды', 'Код УПП'),
    ref('atu_code', 'atus', true, 'ӘАБ коды', 'Код АТЕ'), ...names,
    col('population', false, { type: 'int', min: 0 }, 'Тұрғындар саны (бүтін сан)', 'Численность населения (целое число)'),
  ],
  adjacency: [
    ref('district_code', 'districts', true, 'Учаске коды', 'Код участка'),
    ref('adjacent_code', 'districts', true, 'Шектес учаскенің коды (жұп бір рет жазылады)', 'Код смежного участка (пара указывается один раз)'),
  ],
  coverage: [
    ref('district_code', 'districts', true, 'Учаске коды', 'Код участка'),
    col('street_kind', true, { type: 'enum', values: 'street_kind' }, 'Көше түрі', 'Тип улицы'),
    text('street_name_kk', true, 'Көшенің атауы қазақ тілінде', 'Наименование улицы на казахском языке'),
    text('street_name_ru', true, 'Көшенің атауы орыс тілінде', 'Наименование улицы на русском языке'),
    col('house_from', false, { type: 'int', min: 1 }, 'Үй нөмірі, бастап (бос — көшенің басынан)', 'Номер дома, с (пусто — с начала улицы)'),
    col('house_to', false, { type: 'int', min: 1 }, 'Үй нөмірі, дейін (бос — көшенің соңына дейін)', 'Номер дома, по (пусто — до конца улицы)'),
    col('parity', false, { type: 'enum', values: 'parity', fallback: 'all' }, 'Жұптығы: all — барлығы, odd — тақ, even — жұп', 'Чётность: all — все, odd — нечётные, even — чётные'),
    // Issue 13: the natural key for a later link to the state address register.
    col('rca', false, { type: 'rca' }, 'Мекенжай тіркелімінің коды (РКА, 16 цифр; бір ғимарат: house_from = house_to)', 'Код адресного регистра (РКА, 16 цифр; одно здание: house_from = house_to)'),
  ],
  staff: [
    code('Қызметкердің коды (табель нөмірі)', 'Код сотрудника (табельный номер)'),
    text('full_name', true, 'Аты-жөні', 'ФИО'),
    // Issue 14: a code or its Kazakh, Russian or English name (staff.titles.ts); anything else is refused.
    col('position', true, { type: 'enum', values: 'position' }, 'Лауазымы: коды немесе атауы (мысалы, inspector, «учаскелік полиция инспекторы»)', 'Должность: код или название (например, inspector, «участковый инспектор полиции»)'),
    col('rank', false, { type: 'enum', values: 'rank' }, 'Арнаулы атағы: коды немесе атауы (мысалы, captain, «полиция капитаны»)', 'Специальное звание: код или название (например, captain, «капитан полиции»)'),
    ref('unit_code', 'units', true, 'Полиция бөлімінің коды', 'Код отдела полиции'),
    ref('point_code', 'points', false, 'УПП коды', 'Код УПП'),
    // binds the qualified signature of a protocol to its inspector (org/iin.ts).
    col('iin', false, { type: 'iin' }, 'ЖСН, 12 цифр (бос — сақталғаны өзгермейді; экспортқа шықпайды)', 'ИИН, 12 цифр (пусто — сохранённый не меняется; в выгрузку не попадает)'),
  ],
  assignments: [
    ref('district_code', 'districts', true, 'Учаске коды', 'Код участка'),
    ref('staff_code', 'staff', true, 'Қызметкердің коды', 'Код сотрудника'),
    col('role', true, { type: 'enum', values: 'role' }, 'Рөлі: inspector — учаскелік инспектор, assistant — көмекші', 'Роль: inspector — участковый инспектор, assistant — помощник'),
    col('from', true, { type: 'date' }, 'Бекітілген күні (ЖЖЖЖ-АА-КК)', 'Дата закрепления (ГГГГ-ММ-ДД)'),
    col('to', false, { type: 'date' }, 'Аяқталу күні (бос — қазір де күшінде)', 'Дата окончания (пусто — действует)'),
  ],
};

export type StructureSheetValue = string | number | null;
export type StructureSheetRows = Record<StructureSheetName, { header: string[]; rows: StructureSheetValue[][] }>;

/** The rows of every sheet for a structure, in STRUCTURE_LAYOUT column order (export and tests). */
export function structureToRows(data: StructureData): StructureSheetRows {
  const sheet = <T>(name: StructureSheetName, items: readonly T[], row: (item: T) => StructureSheetValue[]) =>
    ({ header: STRUCTURE_LAYOUT[name].map((c) => c.name), rows: items.map(row) });
  return {
    regions: sheet('regions', data.regions, (r) => [r.code, r.kind, r.nameKk, r.nameRu]),
    units: sheet('units', data.units, (u) => [u.code, u.regionCode, u.kind, u.nameKk, u.nameRu]),
    points: sheet('points', data.points, (p) => [p.code, p.unitCode, p.nameKk, p.nameRu, p.address, p.phone ?? null, p.receptionHoursKk ?? null, p.receptionHoursRu ?? null]),
    atus: sheet('atus', data.atus, (a) => [
      a.code, a.regionCode, a.parentCode, a.kind, a.nameKk, a.nameRu, a.akimName, a.akimatNameKk, a.akimatNameRu, a.maslikhatNameKk, a.maslikhatNameRu,
    ]),
    districts: sheet('districts', data.districts, (d) => [d.code, d.pointCode, d.atuCode, d.nameKk, d.nameRu, d.population]),
    adjacency: sheet('adjacency', data.adjacency, (a) => [a.districtCode, a.adjacentCode]),
    coverage: sheet('coverage', data.coverage, (c) => [c.districtCode, c.streetKind, c.streetNameKk, c.streetNameRu, c.houseFrom, c.houseTo, c.parity, c.rca ?? null]),
    // The IIN column stays empty: personal data does not leave in an export.
    staff: sheet('staff', data.staff, (s) => [s.code, s.fullName, s.position, s.rank, s.unitCode, s.pointCode, null]),
    assignments: sheet('assignments', data.assignments, (a) => [a.districtCode, a.staffCode, a.role, a.from, a.to]),
  };
}
