import { normalisePair } from './adjacency.ts';
import { periodIsValid, periodsOverlap, type AssignmentRole } from './assignment.ts';
import { maskIin } from './iin.ts';
import { overlappingCoverage, type CoverageLine, type Parity, type StreetKind } from './coverage.ts';
import { columnLetter, rawCellText, readCell, shown, type ImportReason, type RawCell, type StructureErrorParams, type Value } from './structure.cells.ts';
import { STRUCTURE_LAYOUT, STRUCTURE_SHEET_NAMES, type StructureSheetName } from './structure.layout.ts';
import { emptyStructure, type StructureData } from './structure.ts';

/**
 * Validation of an uploaded structure (layout: structure.layout.ts). Pure: the caller parses the
 * files into raw sheets and loads which referenced codes already exist. Every problem is
 * reported against its spreadsheet row (header = row 1) and column with a stable reason code;
 * the structure is only usable when the error list is empty. One bad cell yields one error:
 * rows with bad cells are left out of the cross-row checks, and codes declared on bad rows
 * still count as declared, so one mistake does not cascade into "unknown reference" elsewhere.
 */

export { IMPORT_REASON_CODES, rawCellText, type ImportReason, type RawCell, type StructureErrorParams } from './structure.cells.ts';

/** One worksheet or CSV file as read: the header row and the non-header rows with their numbers. */
export interface RawStructureSheet { name: string; header: readonly RawCell[]; rows: ReadonlyArray<{ row: number; cells: readonly RawCell[] }> }

export interface StructureRowError { sheet: string; row: number; column: string | null; code: ImportReason; params: StructureErrorParams }

type CodeSheet = 'regions' | 'units' | 'points' | 'atus' | 'districts' | 'staff';
/** What the database already holds, for the codes the upload refers to. */
export interface KnownStructure {
  codes: Record<CodeSheet, ReadonlySet<string>>;
  /** Police unit code of existing points, districts (through their point) and staff. */
  pointUnit?: ReadonlyMap<string, string>;
  districtUnit?: ReadonlyMap<string, string>;
  staffUnit?: ReadonlyMap<string, string>;
  /** Staff code holding each IIN the upload names, when one already does. */
  staffByIin?: ReadonlyMap<string, string>;
  /** inspector assignments already stored, by district code. */
  inspectorPeriods?: ReadonlyMap<string, ReadonlyArray<{ staffCode: string; from: string; to: string | null }>>;
}

export const noKnownStructure = (): KnownStructure => ({
  codes: { regions: new Set(), units: new Set(), points: new Set(), atus: new Set(), districts: new Set(), staff: new Set() },
});

export interface StructureValidation { data: StructureData; errors: StructureRowError[] }

const IGNORED_SHEETS = new Set(['readme']);
const sheetOf = (name: string) => name.trim().toLowerCase();
const isSheet = (name: string): name is StructureSheetName => (STRUCTURE_SHEET_NAMES as readonly string[]).includes(name);

interface Row { row: number; v: Record<string, Value> }

/** The IINs the staff sheet names, for the caller to look up who already holds them. */
export function uploadedIins(sheets: readonly RawStructureSheet[]): Set<string> {
  const out = new Set<string>();
  const spec = STRUCTURE_LAYOUT.staff.find((c) => c.name === 'iin')!;
  for (const sheet of sheets) {
    if (sheetOf(sheet.name) !== 'staff') continue;
    const index = sheet.header.map((h) => rawCellText(h).toLowerCase()).indexOf('iin');
    if (index < 0) continue;
    for (const { cells } of sheet.rows) {
      const read = readCell(spec, cells[index]);
      if ('value' in read && typeof read.value === 'string') out.add(read.value);
    }
  }
  return out;
}

/** The codes each sheet's reference columns name, for the caller to look up in the database. */
export function referencedCodes(sheets: readonly RawStructureSheet[]): Record<CodeSheet, Set<string>> {
  const out: Record<CodeSheet, Set<string>> = { regions: new Set(), units: new Set(), points: new Set(), atus: new Set(), districts: new Set(), staff: new Set() };
  for (const sheet of sheets) {
    const name = sheetOf(sheet.name);
    if (!isSheet(name)) continue;
    const header = sheet.header.map((h) => rawCellText(h).toLowerCase());
    for (const spec of STRUCTURE_LAYOUT[name]) {
      if (spec.kind.type !== 'ref') continue;
      const target = spec.kind.sheet as CodeSheet;
      const index = header.indexOf(spec.name);
      if (index < 0) continue;
      for (const { cells } of sheet.rows) {
        const value = rawCellText(cells[index]);
        if (value) out[target].add(value);
      }
    }
  }
  return out;
}

export function validateStructure(sheets: readonly RawStructureSheet[], known: KnownStructure): StructureValidation {
  const errors: StructureRowError[] = [];
  const fail = (sheet: string, row: number, column: string | null, code: ImportReason, params: StructureErrorParams = {}) =>
    errors.push({ sheet, row, column, code, params });

  // Sheets: known names once each; README ignored; the rest refused.
  const bySheet = new Map<StructureSheetName, RawStructureSheet>();
  for (const sheet of sheets) {
    const name = sheetOf(sheet.name);
    const empty = sheet.header.every((h) => rawCellText(h) === '') && sheet.rows.every((r) => r.cells.every((c) => rawCellText(c) === ''));
    // README, and blank sheets a new workbook comes with ("Лист1", "Sheet1"), carry nothing.
    if (IGNORED_SHEETS.has(name) || (empty && !isSheet(name))) continue;
    if (!isSheet(name)) fail(sheet.name, 0, null, 'unknown_sheet', { sheet: sheet.name, allowed: STRUCTURE_SHEET_NAMES.join(', ') });
    else if (bySheet.has(name)) fail(name, 0, null, 'duplicate_sheet', { sheet: name });
    else if (!empty) bySheet.set(name, sheet);
  }
  if (bySheet.size === 0 && errors.length === 0) fail('', 0, null, 'no_sheets');

  // Pass 1: cells. `declared` holds every code a row claims, valid or not (no cascades).
  const declared = Object.fromEntries(STRUCTURE_SHEET_NAMES.map((s) => [s, new Map<string, number>()])) as Record<StructureSheetName, Map<string, number>>;
  const rows = Object.fromEntries(STRUCTURE_SHEET_NAMES.map((s) => [s, [] as Row[]])) as Record<StructureSheetName, Row[]>;
  for (const name of STRUCTURE_SHEET_NAMES) {
    const sheet = bySheet.get(name);
    if (!sheet) continue;
    const specs = STRUCTURE_LAYOUT[name];
    const header = sheet.header.map((h) => rawCellText(h).toLowerCase());
    const index = new Map<string, number>();
    let broken = false;
    header.forEach((column, i) => {
      if (column === '') {
        // A nameless column is only a problem when something is written under it.
        if (sheet.rows.some((r) => rawCellText(r.cells[i]) !== '')) { fail(name, 1, columnLetter(i), 'unknown_column', { column: columnLetter(i) }); broken = true; }
      } else if (!specs.some((s) => s.name === column)) { fail(name, 1, column, 'unknown_column', { column }); broken = true; }
      else if (index.has(column)) { fail(name, 1, column, 'duplicate_column', { column }); broken = true; }
      else index.set(column, i);
    });
    for (const spec of specs) {
      if (spec.required && !index.has(spec.name)) { fail(name, 1, spec.name, 'missing_column', { column: spec.name }); broken = true; }
    }
    const codeIndex = index.get('code');
    for (const { row, cells } of sheet.rows) {
      if (cells.every((c) => rawCellText(c) === '')) continue;
      if (broken) {
        // Column errors make every row suspect: report them alone, but keep the codes declared.
        const code = codeIndex == null ? '' : rawCellText(cells[codeIndex]);
        if (code && !declared[name].has(code)) declared[name].set(code, row);
        continue;
      }
      const v: Record<string, Value> = {};
      let ok = true;
      for (const spec of specs) {
        const i = index.get(spec.name);
        const read = readCell(spec, i == null ? null : cells[i]);
        if ('code' in read) { fail(name, row, spec.name, read.code, read.params); ok = false; } else v[spec.name] = read.value as Value;
      }
      const code = v.code;
      if (typeof code === 'string') {
        const first = declared[name].get(code);
        if (first != null) { fail(name, row, 'code', 'duplicate_code', { value: shown(code), firstRow: first }); ok = false; } else declared[name].set(code, row);
      }
      if (ok) rows[name].push({ row, v });
    }
  }

  // Pass 2: references and rules across rows.
  const exists = (sheet: CodeSheet, code: string) => declared[sheet].has(code) || known.codes[sheet].has(code);
  const refsOk = (sheet: StructureSheetName, r: Row) => {
    let ok = true;
    for (const spec of STRUCTURE_LAYOUT[sheet]) {
      const value = r.v[spec.name];
      if (spec.kind.type !== 'ref' || typeof value !== 'string') continue;
      if (!exists(spec.kind.sheet as CodeSheet, value)) {
        fail(sheet, r.row, spec.name, 'unknown_reference', { value: shown(value), target: spec.kind.sheet });
        ok = false;
      }
    }
    return ok;
  };
  const s = (r: Row, k: string) => r.v[k] as string;
  const n = (r: Row, k: string) => r.v[k] as string | null;
  const data = emptyStructure();

  for (const r of rows.regions) {
    data.regions.push({ code: s(r, 'code'), kind: s(r, 'kind') as StructureData['regions'][number]['kind'], nameKk: s(r, 'name_kk'), nameRu: s(r, 'name_ru') });
  }
  for (const r of rows.units) {
    if (!refsOk('units', r)) continue;
    data.units.push({ code: s(r, 'code'), regionCode: s(r, 'region_code'), kind: s(r, 'kind') as StructureData['units'][number]['kind'], nameKk: s(r, 'name_kk'), nameRu: s(r, 'name_ru') });
  }
  for (const r of rows.points) {
    if (!refsOk('points', r)) continue;
    data.points.push({
      code: s(r, 'code'), unitCode: s(r, 'unit_code'), nameKk: s(r, 'name_kk'), nameRu: s(r, 'name_ru'), address: n(r, 'address'),
      // Issue 13: like the IIN, an empty cell keeps what is stored (set by hand or an earlier file).
      ...present({ phone: n(r, 'phone'), receptionHoursKk: n(r, 'reception_hours_kk'), receptionHoursRu: n(r, 'reception_hours_ru') }),
    });
  }
  const parentOf = new Map(rows.atus.map((r) => [s(r, 'code'), n(r, 'parent_code')]));
  for (const r of rows.atus) {
    if (!refsOk('atus', r)) continue;
    const code = s(r, 'code');
    // The parent chain inside the upload must end: an ATU may not contain itself.
    let parent = parentOf.get(code) ?? null;
    let steps = 0;
    while (parent != null && parent !== code && steps++ <= parentOf.size) parent = parentOf.get(parent) ?? null;
    if (parent === code) { fail('atus', r.row, 'parent_code', 'parent_cycle', { value: shown(n(r, 'parent_code') ?? '') }); continue; }
    data.atus.push({
      code, regionCode: s(r, 'region_code'), parentCode: n(r, 'parent_code'), kind: s(r, 'kind') as StructureData['atus'][number]['kind'],
      nameKk: s(r, 'name_kk'), nameRu: s(r, 'name_ru'), akimName: n(r, 'akim_name'), akimatNameKk: n(r, 'akimat_name_kk'),
      akimatNameRu: n(r, 'akimat_name_ru'), maslikhatNameKk: n(r, 'maslikhat_name_kk'), maslikhatNameRu: n(r, 'maslikhat_name_ru'),
    });
  }
  for (const r of rows.districts) {
    if (!refsOk('districts', r)) continue;
    data.districts.push({
      code: s(r, 'code'), pointCode: s(r, 'point_code'), atuCode: s(r, 'atu_code'), nameKk: s(r, 'name_kk'), nameRu: s(r, 'name_ru'),
      population: r.v.population as number | null,
    });
  }

  // adjacency is symmetric and stored once per pair, never a district with itself.
  const pairs = new Map<string, number>();
  for (const r of rows.adjacency) {
    if (!refsOk('adjacency', r)) continue;
    const [a, b] = [s(r, 'district_code'), s(r, 'adjacent_code')];
    if (a === b) { fail('adjacency', r.row, 'adjacent_code', 'self_adjacency', { value: shown(a) }); continue; }
    const key = normalisePair(a, b).join('\u0000');
    const first = pairs.get(key);
    if (first != null) { fail('adjacency', r.row, 'adjacent_code', 'duplicate_pair', { firstRow: first }); continue; }
    pairs.set(key, r.row);
    data.adjacency.push({ districtCode: a, adjacentCode: b });
  }

  // Coverage: a district may not claim one house twice.
  const linesByDistrict = new Map<string, Array<CoverageLine & { row: number; districtCode: string; rca: string | null }>>();
  const rcaRows = new Map<string, number>();
  for (const r of rows.coverage) {
    if (!refsOk('coverage', r)) continue;
    // Issue 13: an RCA names one building, so its line covers one house, and no other line.
    const rca = n(r, 'rca');
    if (rca != null) {
      if (r.v.house_from == null || r.v.house_from !== r.v.house_to) { fail('coverage', r.row, 'rca', 'rca_not_building', { value: rca }); continue; }
      const firstRow = rcaRows.get(rca);
      if (firstRow != null) { fail('coverage', r.row, 'rca', 'duplicate_rca', { value: rca, firstRow }); continue; }
      rcaRows.set(rca, r.row);
    }
    const from = r.v.house_from as number | null;
    const to = r.v.house_to as number | null;
    const parity = s(r, 'parity') as Parity;
    const firstHouse = from == null || parity === 'all' || (from % 2 === 1) === (parity === 'odd') ? from : from + 1;
    if (from != null && to != null && (from > to || (firstHouse ?? 0) > to)) {
      fail('coverage', r.row, 'house_to', 'bad_range', { from, to });
      continue;
    }
    const line = {
      row: r.row, districtCode: s(r, 'district_code'), streetKind: s(r, 'street_kind') as StreetKind,
      streetNameKk: s(r, 'street_name_kk'), streetNameRu: s(r, 'street_name_ru'), from, to, parity, rca,
    };
    const list = linesByDistrict.get(line.districtCode);
    if (list) list.push(line); else linesByDistrict.set(line.districtCode, [line]);
  }
  const overlapping = new Set<number>();
  for (const lines of linesByDistrict.values()) {
    for (const [i, j] of overlappingCoverage(lines)) {
      const later = lines[j]!;
      if (overlapping.has(later.row)) continue;
      overlapping.add(later.row);
      fail('coverage', later.row, 'house_from', 'overlapping_range', { otherRow: lines[i]!.row });
    }
    for (const l of lines) {
      if (overlapping.has(l.row)) continue;
      data.coverage.push({
        districtCode: l.districtCode, streetKind: l.streetKind, streetNameKk: l.streetNameKk, streetNameRu: l.streetNameRu,
        houseFrom: l.from, houseTo: l.to, parity: l.parity, ...present({ rca: l.rca }),
      });
    }
  }

  // Staff and assignments belong to one police unit (as assignment.service requires).
  const pointUnits = new Map(data.points.map((p) => [p.code, p.unitCode]));
  const unitOfPoint = (code: string) => pointUnits.get(code) ?? known.pointUnit?.get(code);
  const iinRows = new Map<string, number>();
  for (const r of rows.staff) {
    if (!refsOk('staff', r)) continue;
    const point = n(r, 'point_code');
    const unit = point ? unitOfPoint(point) : undefined;
    if (point && unit && unit !== s(r, 'unit_code')) { fail('staff', r.row, 'point_code', 'point_other_unit', { value: shown(point), unit }); continue; }
    // One person, one IIN: unique in the upload and against other staff already stored.
    const iin = n(r, 'iin');
    if (iin != null) {
      const firstRow = iinRows.get(iin);
      if (firstRow != null) { fail('staff', r.row, 'iin', 'duplicate_iin', { value: maskIin(iin), firstRow }); continue; }
      iinRows.set(iin, r.row);
      const holder = known.staffByIin?.get(iin);
      if (holder != null && holder !== s(r, 'code')) { fail('staff', r.row, 'iin', 'iin_taken', { value: maskIin(iin), staff: shown(holder) }); continue; }
    }
    data.staff.push({
      code: s(r, 'code'), fullName: s(r, 'full_name'), position: s(r, 'position') as StructureData['staff'][number]['position'],
      rank: n(r, 'rank') as StructureData['staff'][number]['rank'], unitCode: s(r, 'unit_code'), pointCode: point, ...(iin != null ? { iin } : {}),
    });
  }
  const districtPoints = new Map(data.districts.map((d) => [d.code, d.pointCode]));
  const unitOfDistrict = (code: string) => {
    const point = districtPoints.get(code);
    return point ? unitOfPoint(point) : known.districtUnit?.get(code);
  };
  const staffUnits = new Map(data.staff.map((m) => [m.code, m.unitCode]));
  const unitOfStaff = (code: string) => staffUnits.get(code) ?? known.staffUnit?.get(code);

  const keys = new Map<string, number>();
  const inspectors = new Map<string, Array<{ row: number; staffCode: string; from: string; to: string | null }>>();
  for (const r of rows.assignments) {
    if (!refsOk('assignments', r)) continue;
    const a = { districtCode: s(r, 'district_code'), staffCode: s(r, 'staff_code'), role: s(r, 'role') as AssignmentRole, from: s(r, 'from'), to: n(r, 'to') };
    if (!periodIsValid(a)) { fail('assignments', r.row, 'to', 'bad_period', { from: a.from, to: a.to ?? '' }); continue; }
    const key = [a.districtCode, a.staffCode, a.role, a.from].join('\u0000');
    const first = keys.get(key);
    if (first != null) { fail('assignments', r.row, 'from', 'duplicate_row', { firstRow: first }); continue; }
    keys.set(key, r.row);
    const [du, su] = [unitOfDistrict(a.districtCode), unitOfStaff(a.staffCode)];
    if (du && su && du !== su) { fail('assignments', r.row, 'staff_code', 'staff_other_unit', { value: shown(a.staffCode), unit: su }); continue; }
    if (a.role === 'inspector') {
      const list = inspectors.get(a.districtCode) ?? [];
      inspectors.set(a.districtCode, list);
      // one inspector per district at a time, within the upload…
      const clash = list.find((other) => periodsOverlap(other, a));
      if (clash) { fail('assignments', r.row, 'from', 'assignment_overlap', { staff: clash.staffCode, from: clash.from, otherRow: clash.row }); continue; }
      list.push({ row: r.row, staffCode: a.staffCode, from: a.from, to: a.to });
    }
    data.assignments.push(a);
  }
  // …and against the stored periods the upload does not restate (same staff and start date).
  for (const [district, list] of inspectors) {
    const stored = (known.inspectorPeriods?.get(district) ?? [])
      .filter((p) => !list.some((a) => a.staffCode === p.staffCode && a.from === p.from));
    for (const a of list) {
      const clash = stored.find((p) => periodsOverlap(p, a));
      if (clash) fail('assignments', a.row, 'from', 'assignment_overlap', { staff: clash.staffCode, from: clash.from });
    }
  }

  const sheetRank = (sheet: string) => (STRUCTURE_SHEET_NAMES as readonly string[]).indexOf(sheet);
  const columnRank = (e: StructureRowError) => (isSheet(e.sheet) ? STRUCTURE_LAYOUT[e.sheet].findIndex((c) => c.name === e.column) : -1);
  errors.sort((a, b) => sheetRank(a.sheet) - sheetRank(b.sheet) || a.row - b.row || columnRank(a) - columnRank(b));
  return { data, errors };
}

/** The given fields that hold a value (optional columns added later stay absent when empty). */
function present<T extends Record<string, string | null>>(fields: T): Partial<Record<keyof T, string>> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v != null)) as Partial<Record<keyof T, string>>;
}
