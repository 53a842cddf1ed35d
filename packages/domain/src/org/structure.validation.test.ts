import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STRUCTURE_SHEET_NAMES, structureToRows, type StructureSheetName } from './structure.layout.ts';
import { emptyStructure, type StructureData } from './structure.ts';
import {
  noKnownStructure, referencedCodes, uploadedIins, validateStructure, type KnownStructure, type RawCell, type RawStructureSheet,
} from './structure.validation.ts';

/** A structure as the parser would hand it over: header on row 1, data from row 2. */
function sheetsOf(data: StructureData, only?: readonly StructureSheetName[]): RawStructureSheet[] {
  const rows = structureToRows(data);
  return (only ?? STRUCTURE_SHEET_NAMES).map((name) => ({
    name, header: rows[name].header, rows: rows[name].rows.map((cells, i) => ({ row: i + 2, cells })),
  }));
}
const sheet = (name: string, header: string[], ...rows: RawCell[][]): RawStructureSheet =>
  ({ name, header, rows: rows.map((cells, i) => ({ row: i + 2, cells })) });

function small(): StructureData {
  return {
    regions: [{ code: 'R1', kind: 'oblast', nameKk: 'Облыс', nameRu: 'Область' }],
    units: [{ code: 'U1', regionCode: 'R1', kind: 'district_department', nameKk: 'Бөлім', nameRu: 'Отдел' }],
    points: [{ code: 'P1', unitCode: 'U1', nameKk: 'УПП', nameRu: 'УПП', address: null }],
    atus: [
      { code: 'A1', regionCode: 'R1', parentCode: null, kind: 'district', nameKk: 'Аудан', nameRu: 'Район', akimName: 'Әкім', akimatNameKk: null, akimatNameRu: null, maslikhatNameKk: null, maslikhatNameRu: null },
      { code: 'A2', regionCode: 'R1', parentCode: 'A1', kind: 'village', nameKk: 'Ауыл', nameRu: 'Село', akimName: null, akimatNameKk: null, akimatNameRu: null, maslikhatNameKk: null, maslikhatNameRu: null },
    ],
    districts: [
      { code: 'D1', pointCode: 'P1', atuCode: 'A2', nameKk: '№1', nameRu: '№1', population: 4000 },
      { code: 'D2', pointCode: 'P1', atuCode: 'A2', nameKk: '№2', nameRu: '№2', population: null },
    ],
    adjacency: [{ districtCode: 'D1', adjacentCode: 'D2' }],
    coverage: [
      { districtCode: 'D1', streetKind: 'street', streetNameKk: 'Абай', streetNameRu: 'Абая', houseFrom: 1, houseTo: 49, parity: 'odd' },
      { districtCode: 'D2', streetKind: 'street', streetNameKk: 'Абай', streetNameRu: 'Абая', houseFrom: 2, houseTo: 50, parity: 'even' },
    ],
    staff: [
      { code: 'S1', fullName: 'Ахметов Серік', position: 'inspector', rank: 'captain', unitCode: 'U1', pointCode: 'P1' },
      { code: 'S2', fullName: 'Нұрланов Дәурен', position: 'inspector', rank: null, unitCode: 'U1', pointCode: 'P1' },
    ],
    assignments: [
      { districtCode: 'D1', staffCode: 'S2', role: 'inspector', from: '2022-01-01', to: '2023-12-31' },
      { districtCode: 'D1', staffCode: 'S1', role: 'inspector', from: '2024-01-01', to: null },
    ],
  };
}

/** Replaces one data row (0-based) of a sheet of the small structure; returns the sheets. */
function withRow(name: StructureSheetName, index: number, patch: Record<string, RawCell>): RawStructureSheet[] {
  return sheetsOf(small()).map((s) => {
    if (s.name !== name) return s;
    const header = s.header as string[];
    return {
      ...s,
      rows: s.rows.map((r, i) => (i !== index ? r : { ...r, cells: header.map((h, c) => (h in patch ? patch[h]! : r.cells[c]!)) })),
    };
  });
}
const codes = (sheets: RawStructureSheet[], known = noKnownStructure()) =>
  validateStructure(sheets, known).errors.map((e) => `${e.sheet}:${e.row}:${e.column}:${e.code}`);

describe('structure validation: a valid upload', () => {
  it('reads back exactly the structure that was written', () => {
    const result = validateStructure(sheetsOf(small()), noKnownStructure());
    expect(result.errors).toEqual([]);
    expect(result.data).toEqual(small());
  });

  it('accepts sheets in any column order, case-insensitive headers and sheet names, README ignored', () => {
    const regions = sheet('Regions', ['NAME_RU', 'name_kk', 'Kind', 'code'], ['Область', 'Облыс', 'oblast', 'R9']);
    const readme = sheet('README', ['anything'], ['at all']);
    const result = validateStructure([regions, readme], noKnownStructure());
    expect(result.errors).toEqual([]);
    expect(result.data.regions).toEqual([{ code: 'R9', kind: 'oblast', nameKk: 'Облыс', nameRu: 'Область' }]);
  });

  it('accepts references to codes already in the database', () => {
    const known = noKnownStructure();
    (known.codes.points as Set<string>).add('P-DB');
    (known.codes.atus as Set<string>).add('A-DB');
    const districts = sheet('districts', ['code', 'point_code', 'atu_code', 'name_kk', 'name_ru'], ['D9', 'P-DB', 'A-DB', 'а', 'б']);
    expect(codes([districts], known)).toEqual([]);
    expect(codes([districts])).toEqual(['districts:2:point_code:unknown_reference', 'districts:2:atu_code:unknown_reference']);
  });

  it('reads numbers, dates and enumerations the way spreadsheets write them', () => {
    const result = validateStructure([
      sheet('districts', ['code', 'point_code', 'atu_code', 'name_kk', 'name_ru', 'population'],
        ['D1', 'P', 'A', 'а', 'б', '12 345'], ['D2', 'P', 'A', 'а', 'б', 2400], ['D3', 'P', 'A', 'а', 'б', '2400,0'], [7, 'P', 'A', 'а', 'б', null]),
      sheet('assignments', ['district_code', 'staff_code', 'role', 'from', 'to'],
        ['D1', 'S', 'Inspector', new Date(Date.UTC(2024, 0, 9)), '31.12.2024'], ['D2', 'S', 'assistant', 45300 /* Excel day 45292 = 2024-01-01 */, '']),
    ], { ...noKnownStructure(), codes: { ...noKnownStructure().codes, points: new Set(['P']), atus: new Set(['A']), staff: new Set(['S']) } });
    expect(result.errors).toEqual([]);
    expect(result.data.districts.map((d) => [d.code, d.population])).toEqual([['D1', 12345], ['D2', 2400], ['D3', 2400], ['7', null]]);
    expect(result.data.assignments).toEqual([
      { districtCode: 'D1', staffCode: 'S', role: 'inspector', from: '2024-01-09', to: '2024-12-31' },
      { districtCode: 'D2', staffCode: 'S', role: 'assistant', from: '2024-01-09', to: null },
    ]);
  });

  it('lets optional columns be omitted and defaults parity to all', () => {
    const coverage = sheet('coverage', ['district_code', 'street_kind', 'street_name_kk', 'street_name_ru'], ['D', 'avenue', 'Абай', 'Абая']);
    const known = noKnownStructure();
    (known.codes.districts as Set<string>).add('D');
    const result = validateStructure([coverage], known);
    expect(result.errors).toEqual([]);
    expect(result.data.coverage[0]).toMatchObject({ houseFrom: null, houseTo: null, parity: 'all' });
  });

  it('lists the codes the reference columns name', () => {
    const refs = referencedCodes(sheetsOf(small()));
    expect([...refs.districts].sort()).toEqual(['D1', 'D2']);
    expect([...refs.atus].sort()).toEqual(['A1', 'A2']);
    expect([...refs.staff].sort()).toEqual(['S1', 'S2']);
  });
});

describe('structure validation: refusals name sheet, row and column', () => {
  it.each([
    ['districts', 0, { population: 'много' }, 'districts:2:population:not_a_number'],
    ['districts', 0, { population: '12.5' }, 'districts:2:population:not_an_integer'],
    ['districts', 0, { population: -3 }, 'districts:2:population:out_of_range'],
    ['districts', 1, { name_ru: '  ' }, 'districts:3:name_ru:required'],
    ['regions', 0, { kind: 'province' }, 'regions:2:kind:bad_enum'],
    ['assignments', 0, { from: '2024-02-30' }, 'assignments:2:from:bad_date'],
    ['assignments', 0, { to: '2021-01-01' }, 'assignments:2:to:bad_period'],
    ['districts', 1, { code: 'D1' }, 'districts:3:code:duplicate_code'],
    ['districts', 0, { point_code: 'NOPE' }, 'districts:2:point_code:unknown_reference'],
    ['adjacency', 0, { adjacent_code: 'D1' }, 'adjacency:2:adjacent_code:self_adjacency'],
    ['coverage', 1, { district_code: 'D1', parity: 'all' }, 'coverage:3:house_from:overlapping_range'],
    ['coverage', 0, { house_from: 60 }, 'coverage:2:house_to:bad_range'],
    ['coverage', 0, { house_from: 2, house_to: 2 }, 'coverage:2:house_to:bad_range'],
    ['assignments', 1, { from: '2023-06-01' }, 'assignments:3:from:assignment_overlap'],
    ['atus', 0, { parent_code: 'A2' }, 'atus:2:parent_code:parent_cycle'],
    ['staff', 0, { unit_code: 'U2' }, 'staff:2:unit_code:unknown_reference'],
  ] as const)('%s row %i %o → %s', (name, index, patch, expected) => {
    expect(codes(withRow(name, index, patch))).toContain(expected);
  });

  describe('staff positions and ranks (issue 14: lists, never free text)', () => {
    const staffOf = (sheets: RawStructureSheet[]) => validateStructure(sheets, noKnownStructure()).data.staff[0];

    it.each([
      ['captain', 'inspector', 'captain', 'inspector'],
      ['Полиция капитаны', 'Учаскелік полиция инспекторы', 'captain', 'inspector'],
      ['капитан полиции', 'участковый инспектор полиции', 'captain', 'inspector'],
      ['КАПИТАН', 'Point_Lead', 'captain', 'point_lead'],
      ['полиция  аға лейтенанты', 'начальник участкового пункта полиции', 'senior_lieutenant', 'point_lead'],
      ['Старший лейтенант полиции', 'помощник участкового инспектора полиции', 'senior_lieutenant', 'assistant'],
      ['police lieutenant colonel', 'head of the police department', 'lieutenant_colonel', 'unit_head'],
      ['генерал-майор полиции', 'Полиция департаментінің бастығы', 'major_general', 'regional_head'],
      ['', 'заместитель начальника отдела полиции', null, 'deputy_unit_head'],
    ] as const)('reads rank %o and position %o as codes', (rank, position, wantRank, wantPosition) => {
      const result = validateStructure(withRow('staff', 0, { rank, position }), noKnownStructure());
      expect(result.errors).toEqual([]);
      expect(staffOf(withRow('staff', 0, { rank, position }))).toMatchObject({ rank: wantRank, position: wantPosition });
    });

    it('refuses an unknown rank or position with its own reason and the codes it takes', () => {
      const rank = validateStructure(withRow('staff', 0, { rank: 'полиция капитан' }), noKnownStructure()).errors;
      expect(rank).toEqual([{ sheet: 'staff', row: 2, column: 'rank', code: 'unknown_rank', params: { value: 'полиция капитан', allowed: expect.stringContaining('captain, major') } }]);
      expect(codes(withRow('staff', 0, { rank: 'капитан юстиции' }))).toEqual(['staff:2:rank:unknown_rank']);
      expect(codes(withRow('staff', 0, { position: 'инспектор' }))).toEqual(['staff:2:position:unknown_position']);
      expect(codes(withRow('staff', 0, { position: '' }))).toEqual(['staff:2:position:required']);
    });
  });

  describe('staff IINs (R-32.1: they bind a qualified signature to its inspector)', () => {
    const IIN = '850101300124';
    const staffOf = (sheets: RawStructureSheet[]) => validateStructure(sheets, noKnownStructure()).data.staff;

    it('records a valid IIN, also one a spreadsheet turned into a number without its leading zero', () => {
      const sheets = withRow('staff', 0, { iin: ' 8501 0130 0124 ' });
      expect(staffOf(sheets)[0]).toMatchObject({ code: 'S1', iin: IIN });
      expect(staffOf(withRow('staff', 0, { iin: 50315450123 }))[0]).toMatchObject({ iin: '050315450123' });
      expect([...uploadedIins(withRow('staff', 0, { iin: IIN }))]).toEqual([IIN]);
    });

    it('keeps the stored IIN when the cell is empty: the IIN key is left out, and the export writes none', () => {
      const sheets = sheetsOf(small());
      expect(sheets.find((x) => x.name === 'staff')!.header).toContain('iin');
      expect(sheets.find((x) => x.name === 'staff')!.rows.every((r) => r.cells.at(-1) === null)).toBe(true);
      expect(staffOf(sheets).every((m) => !('iin' in m))).toBe(true);
    });

    it('refuses a wrong check digit, showing only the last four digits', () => {
      const result = validateStructure(withRow('staff', 0, { iin: '850101300125' }), noKnownStructure());
      expect(result.errors).toEqual([{ sheet: 'staff', row: 2, column: 'iin', code: 'bad_iin', params: { value: '••••••••0125' } }]);
      expect(JSON.stringify(result.errors)).not.toContain('85010130');
      expect(codes(withRow('staff', 0, { iin: '12345' }))).toEqual(['staff:2:iin:bad_iin']);
    });

    it('refuses one IIN on two rows, and one already recorded for another staff member', () => {
      const twice = withRow('staff', 0, { iin: IIN }).map((x) => (x.name !== 'staff' ? x : {
        ...x, rows: x.rows.map((r, i) => (i === 1 ? { ...r, cells: r.cells.map((c, j) => (x.header[j] === 'iin' ? IIN : c)) } : r)),
      }));
      expect(codes(twice)).toEqual(['staff:3:iin:duplicate_iin']);
      const held = (code: string): KnownStructure => ({ ...noKnownStructure(), staffByIin: new Map([[IIN, code]]) });
      expect(codes(withRow('staff', 0, { iin: IIN }), held('S9'))).toEqual(['staff:2:iin:iin_taken']);
      expect(codes(withRow('staff', 0, { iin: IIN }), held('S1'))).toEqual([]);
    });
  });

  it('reports a reversed pair once as a duplicate (R-27.4)', () => {
    const data = small();
    data.adjacency.push({ districtCode: 'D2', adjacentCode: 'D1' });
    expect(codes(sheetsOf(data))).toEqual(['adjacency:3:adjacent_code:duplicate_pair']);
  });

  it('refuses a second inspector over a stored period, but not the stored period restated (R-2.2)', () => {
    const known: KnownStructure = { ...noKnownStructure(), inspectorPeriods: new Map([['D1', [{ staffCode: 'S9', from: '2024-05-01', to: null }]]]) };
    expect(codes(sheetsOf(small()), known)).toEqual(['assignments:3:from:assignment_overlap']);
    const restated = { ...known, inspectorPeriods: new Map([['D1', [{ staffCode: 'S1', from: '2024-01-01', to: '2024-12-31' }]]]) };
    expect(codes(sheetsOf(small()), restated)).toEqual([]);
  });

  it('allows several assistants at once, but refuses an identical assignment row', () => {
    const data = small();
    data.assignments.push({ districtCode: 'D2', staffCode: 'S1', role: 'assistant', from: '2024-01-01', to: null });
    data.assignments.push({ districtCode: 'D2', staffCode: 'S2', role: 'assistant', from: '2024-01-01', to: null });
    expect(codes(sheetsOf(data))).toEqual([]);
    data.assignments.push({ districtCode: 'D2', staffCode: 'S2', role: 'assistant', from: '2024-01-01', to: null });
    expect(codes(sheetsOf(data))).toEqual(['assignments:6:from:duplicate_row']);
  });

  it('keeps staff and assignments inside one police unit', () => {
    const data = small();
    data.units.push({ code: 'U2', regionCode: 'R1', kind: 'city_department', nameKk: 'б', nameRu: 'о' });
    data.staff.push({ code: 'S3', fullName: 'Басқа', position: 'inspector', rank: null, unitCode: 'U2', pointCode: 'P1' });
    data.staff.push({ code: 'S4', fullName: 'Басқа', position: 'assistant', rank: null, unitCode: 'U2', pointCode: null });
    data.assignments.push({ districtCode: 'D2', staffCode: 'S4', role: 'assistant', from: '2024-01-01', to: null });
    expect(codes(sheetsOf(data))).toEqual(['staff:4:point_code:point_other_unit', 'assignments:4:staff_code:staff_other_unit']);
  });

  it('refuses unknown, missing and repeated columns, and does not then judge the rows', () => {
    const points = sheet('points', ['code', 'unit_code', 'name_kk', 'fax', 'name_kk'], ['P', 'U', 'а', '123', 'б']);
    const districts = sheet('districts', ['code', 'point_code', 'atu_code', 'name_kk', 'name_ru', 'population'], ['D', 'P', 'A', 'а', 'б', 'x']);
    const known = noKnownStructure();
    (known.codes.atus as Set<string>).add('A');
    // "P" is declared by the refused points sheet: the district is judged on its own cell only.
    expect(codes([points, districts], known)).toEqual([
      'points:1:fax:unknown_column', 'points:1:name_kk:duplicate_column', 'points:1:name_ru:missing_column', 'districts:2:population:not_a_number',
    ]);
  });

  it('refuses a column with no name only when something is written under it', () => {
    expect(codes([sheet('regions', ['code', 'kind', 'name_kk', 'name_ru', ''], ['R', 'oblast', 'а', 'б', null])])).toEqual([]);
    expect(codes([sheet('regions', ['code', 'kind', 'name_kk', 'name_ru', ''], ['R', 'oblast', 'а', 'б', 'x'])])).toEqual(['regions:1:E:unknown_column']);
  });

  it('refuses unknown and repeated sheets, and an upload with no sheet at all', () => {
    const regions = sheet('regions', ['code', 'kind', 'name_kk', 'name_ru'], ['R', 'oblast', 'а', 'б']);
    expect(codes([regions, sheet('Лист1', ['a']), regions])).toEqual(['Лист1:0:null:unknown_sheet', 'regions:0:null:duplicate_sheet']);
    expect(codes([regions, sheet('Sheet1', [], [null, ''])])).toEqual([]);
    expect(codes([])).toEqual([':0:null:no_sheets']);
  });

  it('does not cascade: a bad district row is not reported again where it is referenced', () => {
    expect(codes(withRow('districts', 0, { population: 'x' }))).toEqual(['districts:2:population:not_a_number']);
  });
});

describe('structure validation: properties', () => {
  /** Valid structures of random size: unique codes, resolvable references, no overlaps. */
  const structure = fc.record({
    units: fc.integer({ min: 1, max: 3 }),
    pointsPerUnit: fc.integer({ min: 1, max: 3 }),
    districtsPerPoint: fc.integer({ min: 1, max: 5 }),
    population: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
    edges: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 20 }),
    lines: fc.array(fc.record({ from: fc.integer({ min: 1, max: 50 }), length: fc.integer({ min: 0, max: 50 }), parity: fc.constantFrom('all', 'odd', 'even') }), { maxLength: 4 }),
    name: fc.string({ minLength: 1, maxLength: 20 }).map((s) => s.trim()).filter((s) => s.length > 0),
  }).map((p): StructureData => {
    const data = emptyStructure();
    data.regions.push({ code: 'R', kind: 'capital', nameKk: p.name, nameRu: p.name });
    data.atus.push({ code: 'A', regionCode: 'R', parentCode: null, kind: 'city_district', nameKk: p.name, nameRu: p.name, akimName: null, akimatNameKk: null, akimatNameRu: null, maslikhatNameKk: null, maslikhatNameRu: null });
    for (let u = 0; u < p.units; u++) {
      data.units.push({ code: `U${u}`, regionCode: 'R', kind: 'city_department', nameKk: p.name, nameRu: p.name });
      for (let q = 0; q < p.pointsPerUnit; q++) {
        const point = `U${u}P${q}`;
        data.points.push({ code: point, unitCode: `U${u}`, nameKk: p.name, nameRu: p.name, address: null });
        for (let d = 0; d < p.districtsPerPoint; d++) {
          const code = `${point}D${d}`;
          data.districts.push({ code, pointCode: point, atuCode: 'A', nameKk: p.name, nameRu: p.name, population: p.population });
          data.staff.push({ code: `S-${code}`, fullName: p.name, position: 'inspector', rank: null, unitCode: `U${u}`, pointCode: point });
          data.assignments.push({ districtCode: code, staffCode: `S-${code}`, role: 'inspector', from: '2024-01-01', to: null });
          // Each line on its own street: lines of one district never overlap.
          p.lines.forEach((l, i) => data.coverage.push({
            districtCode: code, streetKind: 'street', streetNameKk: `${p.name}${i}`, streetNameRu: `${p.name}${i}`,
            houseFrom: l.from, houseTo: l.from + l.length + 1, parity: l.parity as 'all',
          }));
        }
      }
    }
    const seen = new Set<string>();
    for (const [x, y] of p.edges) {
      const a = data.districts[x % data.districts.length]!.code;
      const b = data.districts[y % data.districts.length]!.code;
      const key = [a, b].sort().join('|');
      if (a === b || seen.has(key)) continue;
      seen.add(key);
      data.adjacency.push({ districtCode: a, adjacentCode: b });
    }
    return data;
  });

  it('a valid generated structure yields no errors and reads back unchanged', () => {
    fc.assert(fc.property(structure, (data) => {
      const result = validateStructure(sheetsOf(data), noKnownStructure());
      expect(result.errors).toEqual([]);
      expect(result.data).toEqual(data);
    }), { numRuns: 60 });
  });

  it('a self-adjacent row is always reported, on its own row', () => {
    fc.assert(fc.property(structure, fc.nat(), fc.nat(), (data, pick, at) => {
      const district = data.districts[pick % data.districts.length]!.code;
      const index = at % (data.adjacency.length + 1);
      data.adjacency.splice(index, 0, { districtCode: district, adjacentCode: district });
      const errors = validateStructure(sheetsOf(data), noKnownStructure()).errors;
      expect(errors).toEqual([expect.objectContaining({ sheet: 'adjacency', row: index + 2, column: 'adjacent_code', code: 'self_adjacency' })]);
    }), { numRuns: 60 });
  });

  it('text in a number column is one error on that cell, whatever the text', () => {
    const notNumber = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== '' && !/^[+-]?[\d\s.,\u00a0\u202f]+$/.test(s.trim()));
    fc.assert(fc.property(structure, notNumber, (data, text) => {
      const sheets = sheetsOf(data).map((s) => (s.name !== 'districts' ? s : {
        ...s, rows: s.rows.map((r, i) => (i === 0 ? { ...r, cells: r.cells.map((c, j) => (j === 5 ? text : c)) } : r)),
      }));
      const errors = validateStructure(sheets, noKnownStructure()).errors;
      expect(errors).toEqual([expect.objectContaining({ sheet: 'districts', row: 2, column: 'population', code: 'not_a_number' })]);
    }), { numRuns: 60 });
  });
});
