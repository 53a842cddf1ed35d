import { STRUCTURE_SHEETS } from '@esep/contracts';
import { assignments, atus, districtAdjacency, districtCoverage, districts, policePoints, policeUnits, regions, staff } from '@esep/db';
import ExcelJS from 'exceljs';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';

/**
 * Structure import and export over HTTP on the demo region (1 region, 2 units, 5 points,
 * 30 districts): the export re-imports as a no-op, a dry run changes nothing, a bad file is
 * refused as a whole with an error per bad row, and export is limited to the user's territory.
 */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
interface Upload { filename: string; data: Buffer | string; type?: string }

function multipart(files: Upload[], field = 'file') {
  const boundary = `----esep${Math.random().toString(16).slice(2)}`;
  const parts = files.flatMap((f) => [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${f.filename}"\r\nContent-Type: ${f.type ?? (f.filename.endsWith('.csv') ? 'text/csv' : XLSX)}\r\n\r\n`),
    Buffer.isBuffer(f.data) ? f.data : Buffer.from(f.data, 'utf8'), Buffer.from('\r\n'),
  ]);
  return { payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const upload = (client: Client, files: Upload[], dryRun: boolean, headers: Record<string, string> = {}) => {
  const m = multipart(files);
  return client.send('POST', `/api/v1/imports/structure?dryRun=${dryRun}`, m.payload, { ...m.headers, ...headers });
};

async function workbook(sheets: Record<string, unknown[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) wb.addWorksheet(name).addRows(rows);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function readWorkbook(data: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as never);
  return wb;
}

let t: TestApp;
let admin: Client;

const TABLES = { regions, units: policeUnits, points: policePoints, atus, districts, adjacency: districtAdjacency, coverage: districtCoverage, staff, assignments };
async function tableCounts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(TABLES)) {
    const [row] = await t.database.db.select({ n: count() }).from(table as typeof regions);
    out[name] = row!.n;
  }
  return out;
}

beforeAll(async () => {
  t = await testApp();
  admin = await login(t.app, 'admin');
});
afterAll(async () => { await t.close(); });

describe('structure export and re-import', () => {
  it('exports the whole structure as XLSX and re-imports it with every count unchanged', async () => {
    const before = await tableCounts();
    const exported = await admin.get('/api/v1/exports/structure');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toBe(XLSX);
    expect(exported.headers['content-disposition']).toMatch(/^attachment; filename="esep-structure-\d{4}-\d{2}-\d{2}\.xlsx"$/);
    const wb = await readWorkbook(exported.rawPayload);
    expect(wb.worksheets.map((s) => s.name)).toEqual([...STRUCTURE_SHEETS]);
    expect(wb.getWorksheet('districts')!.actualRowCount).toBe(1 + before.districts!);

    const response = await upload(admin, [{ filename: 'structure.xlsx', data: exported.rawPayload }], false);
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report).toMatchObject({ dryRun: false, applied: true, errors: [] });
    for (const sheet of STRUCTURE_SHEETS) {
      expect(report.counts[sheet], sheet).toEqual({ created: 0, updated: 0, unchanged: before[sheet] });
    }
    expect(await tableCounts()).toEqual(before);
  });

  it('exports one sheet as CSV with a BOM, and the CSV imports back', async () => {
    const exported = await admin.get('/api/v1/exports/structure?format=csv&sheet=districts');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(exported.headers['content-disposition']).toBe('attachment; filename="districts.csv"');
    expect([...exported.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = exported.rawPayload.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('code,point_code,atu_code,name_kk,name_ru,population');
    expect(lines).toHaveLength(31);
    expect(lines[1]).toContain('әкімшілік учаске');

    // Change one population; send the districts with an unchanged regions.csv in the same request.
    const changed = exported.rawPayload.toString('utf8').replace(/^(ALM-KAR-P1-D01,[^\r]*,)\d+\r$/m, '$1 7 777\r');
    const regionsCsv = (await admin.get('/api/v1/exports/structure?format=csv&sheet=regions')).rawPayload;
    const response = await upload(admin, [{ filename: 'districts.csv', data: changed }, { filename: 'regions.csv', data: regionsCsv }], false);
    expect(response.statusCode).toBe(200);
    expect(response.json().counts.districts).toEqual({ created: 0, updated: 1, unchanged: 29 });
    expect(response.json().counts.regions).toEqual({ created: 0, updated: 0, unchanged: 1 });
    const list = (await admin.get('/api/v1/districts?q=ALM-KAR-P1-D01')).json();
    expect(list.items[0].population).toBe(7777);
  });

  it('counts a moved ATU and an ended assignment as updated, and a second upload as unchanged', async () => {
    const atusCsv = (await admin.get('/api/v1/exports/structure?format=csv&sheet=atus')).rawPayload.toString('utf8');
    const assignmentsCsv = (await admin.get('/api/v1/exports/structure?format=csv&sheet=assignments')).rawPayload.toString('utf8');
    const moved = atusCsv.replace(/^ALM-TAL-BEL-MEZ,ALM,ALM-TAL-BEL,/m, 'ALM-TAL-BEL-MEZ,ALM,ALM-TAL-RN,');
    const ended = assignmentsCsv.replace(/^(ALM-TAL-P1-D01,S-ALM-TAL-P1-D01,inspector,\d{4}-\d{2}-\d{2}),$/m, '$1,2099-12-31');
    expect(moved).not.toBe(atusCsv);
    expect(ended).not.toBe(assignmentsCsv);
    const files = [{ filename: 'atus.csv', data: moved }, { filename: 'assignments.csv', data: ended }];
    const first = (await upload(admin, files, false)).json();
    expect(first.counts.atus).toEqual({ created: 0, updated: 1, unchanged: 7 });
    const assignmentRows = assignmentsCsv.trim().split('\r\n').length - 1;
    expect(first.counts.assignments).toEqual({ created: 0, updated: 1, unchanged: assignmentRows - 1 });
    const second = (await upload(admin, files, false)).json();
    expect(second.counts.atus).toEqual({ created: 0, updated: 0, unchanged: 8 });
    expect(second.counts.assignments).toEqual({ created: 0, updated: 0, unchanged: assignmentRows });
    const atu = (await admin.get('/api/v1/atus?q=ALM-TAL-BEL-MEZ')).json().items[0];
    expect(atu.parent.code).toBe('ALM-TAL-RN');
  });

  it('reads a semicolon CSV as Excel saves it in the Russian locale', async () => {
    const csv = '\uFEFFcode;point_code;atu_code;name_kk;name_ru;population\r\nALM-KAR-P3-D77;ALM-KAR-P3;ALM-KAR-ZHA;"№77 учаске; жаңа";"Участок №77";1200\r\n';
    const response = await upload(admin, [{ filename: 'districts.csv', data: csv }], true);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ dryRun: true, applied: false, errors: [] });
    expect(response.json().counts.districts).toEqual({ created: 1, updated: 0, unchanged: 0 });
  });
});

describe('dry run and apply', () => {
  const newDistrict = () => workbook({
    districts: [
      ['code', 'point_code', 'atu_code', 'name_kk', 'name_ru', 'population'],
      ['ALM-KAR-P1-D07', 'ALM-KAR-P1', 'ALM-KAR-KAS', '№7 әкімшілік учаске', 'Административный участок №7', 3100],
    ],
    adjacency: [['district_code', 'adjacent_code'], ['ALM-KAR-P1-D07', 'ALM-KAR-P1-D06']],
    coverage: [
      ['district_code', 'street_kind', 'street_name_kk', 'street_name_ru', 'house_from', 'house_to', 'parity'],
      ['ALM-KAR-P1-D07', 'microdistrict', 'Жаңа қоныс', 'Жана коныс', 1, 60, null],
    ],
  });

  it('reports what a new district would create and changes nothing', async () => {
    const before = await tableCounts();
    const response = await upload(admin, [{ filename: 'new.xlsx', data: await newDistrict() }], true);
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report).toMatchObject({ dryRun: true, applied: false, errors: [] });
    expect(report.counts.districts).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(report.counts.coverage).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(await tableCounts()).toEqual(before);
    expect((await admin.get('/api/v1/districts?q=ALM-KAR-P1-D07')).json().total).toBe(0);
  });

  it('applies the same file: the district exists and the audit trail records the import', async () => {
    const response = await upload(admin, [{ filename: 'new.xlsx', data: await newDistrict() }], false);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ dryRun: false, applied: true, errors: [] });
    expect(response.json().counts.districts.created).toBe(1);
    const list = (await admin.get('/api/v1/districts?q=ALM-KAR-P1-D07')).json();
    expect(list.total).toBe(1);
    const detail = (await admin.get(`/api/v1/districts/${list.items[0].id}`)).json();
    expect(detail.adjacent.map((d: { code: string }) => d.code)).toEqual(['ALM-KAR-P1-D06']);
    expect(detail.coverage).toHaveLength(1);
    const audit = (await admin.get('/api/v1/audit?action=structure.import&sort=-at')).json();
    expect(audit.items[0]).toMatchObject({ action: 'structure.import', entityType: 'structure', actorName: 'admin' });
    expect(audit.items[0].after.counts.districts).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(audit.items[0].after.files).toEqual(['new.xlsx']);
  });

  it('records staff IINs from the staff sheet, never exports them, keeps them on a re-import without them, and refuses one held by another (R-32.1)', async () => {
    const IIN = '850101300124';
    const exported = (await admin.get('/api/v1/exports/structure?format=csv&sheet=staff')).rawPayload.toString('utf8');
    expect(exported.slice(1).split('\r\n')[0]).toBe('code,full_name,position,rank,unit_code,point_code,iin');
    const withIin = exported.replace(/^(S-ALM-TAL-P1-D01,[^\r]*),\r$/m, `$1,${IIN}\r`);
    expect(withIin).not.toBe(exported);
    const rows = exported.trim().split('\r\n').length - 1;

    const recorded = await upload(admin, [{ filename: 'staff.csv', data: withIin }], false);
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json().counts.staff).toEqual({ created: 0, updated: 1, unchanged: rows - 1 });
    const member = (await admin.get('/api/v1/staff?q=S-ALM-TAL-P1-D01')).json().items[0];
    expect((await admin.get(`/api/v1/staff/${member.id}`)).json()).toMatchObject({ iinRecorded: true });
    const audit = (await admin.get('/api/v1/audit?action=structure.import&sort=-at')).json().items[0];
    expect(audit.after).toMatchObject({ iinRecordedFor: ['S-ALM-TAL-P1-D01'] });
    expect(JSON.stringify(audit)).not.toContain(IIN);
    const again = (await admin.get('/api/v1/exports/structure?format=csv&sheet=staff')).rawPayload.toString('utf8');
    expect(again).toBe(exported);

    // The export, as is, changes nothing and forgets nothing; the same IIN again is no change either.
    expect((await upload(admin, [{ filename: 'staff.csv', data: exported }], false)).json().counts.staff).toEqual({ created: 0, updated: 0, unchanged: rows });
    expect((await admin.get(`/api/v1/staff/${member.id}`)).json()).toMatchObject({ iinRecorded: true });
    expect((await upload(admin, [{ filename: 'staff.csv', data: withIin }], false)).json().counts.staff).toEqual({ created: 0, updated: 0, unchanged: rows });
    expect((await admin.get('/api/v1/audit?action=structure.import&sort=-at')).json().items[0].after.iinRecordedFor).toBeUndefined();

    const stolen = exported.replace(/^(S-ALM-KAR-P1-D01,[^\r]*),\r$/m, `$1,${IIN}\r`);
    const refused = await upload(admin, [{ filename: 'staff.csv', data: stolen }], false, { 'accept-language': 'ru' });
    expect(refused.statusCode).toBe(422);
    const errors = refused.json().error.details.errors;
    expect(errors).toEqual([expect.objectContaining({ sheet: 'staff', column: 'iin', code: 'iin_taken', params: { value: '••••••••0124', staff: 'S-ALM-TAL-P1-D01' } })]);
    expect(errors[0].message).toContain('ИИН');
    expect(refused.body).not.toContain(IIN);
  });
});

describe('positions and ranks (issue 14: lists with labels, not free text)', () => {
  const header = 'code,full_name,position,rank,unit_code,point_code';
  it('takes a code or a Kazakh or Russian name, stores the code and exports the code', async () => {
    const csv = `${header}\r\nS-T14-1,Сапаров Ерлан Нұрұлы,Учаскелік полиция инспекторы,капитан полиции,ALM-KAR,ALM-KAR-P1\r\n`
      + 'S-T14-2,Омарова Дина Асқарқызы,начальник участкового пункта полиции,Полиция майоры,ALM-KAR,ALM-KAR-P1\r\n'
      + 'S-T14-3,Ахметов Бауыржан,assistant,,ALM-KAR,ALM-KAR-P1\r\n';
    const response = await upload(admin, [{ filename: 'staff.csv', data: csv }], false);
    expect(response.statusCode, response.body).toBe(200);
    const stored = (await admin.get('/api/v1/staff?q=S-T14&sort=code')).json().items as Array<{ code: string; position: string; rank: string | null }>;
    expect(stored.map((m) => [m.code, m.position, m.rank])).toEqual([['S-T14-1', 'inspector', 'captain'], ['S-T14-2', 'point_lead', 'major'], ['S-T14-3', 'assistant', null]]);
    const exported = (await admin.get('/api/v1/exports/structure?format=csv&sheet=staff')).rawPayload.toString('utf8');
    expect(exported).toContain('S-T14-1,Сапаров Ерлан Нұрұлы,inspector,captain,ALM-KAR,ALM-KAR-P1,');
  });

  it('refuses a rank or a position the lists do not hold, with a message that says what to write', async () => {
    const csv = `${header}\r\nS-T14-4,Қасымов Марат,участковый,капитан юстиции,ALM-KAR,ALM-KAR-P1\r\n`;
    const response = await upload(admin, [{ filename: 'staff.csv', data: csv }], false, { 'accept-language': 'ru' });
    expect(response.statusCode).toBe(422);
    const errors = response.json().error.details.errors as Array<{ column: string; code: string; message: string }>;
    expect(errors.map((e) => [e.column, e.code])).toEqual([['position', 'unknown_position'], ['rank', 'unknown_rank']]);
    expect(errors[1]!.message).toContain('«капитан юстиции» — такого специального звания нет');
    expect(errors[1]!.message).toContain('«капитан полиции»');
    expect(errors[1]!.message).toContain('captain');
    expect((await admin.get('/api/v1/staff?q=S-T14-4')).json().items).toEqual([]);
  });
});

describe('refusals', () => {
  it('refuses a malformed workbook with one error per bad row, in Russian, and changes nothing', async () => {
    const before = await tableCounts();
    const file = await workbook({
      points: [['code', 'unit_code', 'name_kk', 'name_ru', 'fax'], ['ALM-KAR-P9', 'ALM-KAR', 'УПП', 'УПП', '+7 727 000']],
      districts: [
        ['code', 'point_code', 'atu_code', 'name_kk', 'name_ru', 'population'],
        ['ALM-NEW-1', 'ALM-KAR-P1', 'ALM-KAR-KAS', 'Жаңа', 'Новый', 1000],
        ['ALM-NEW-2', 'ALM-KAR-P1', 'ALM-KAR-KAS', 'Жаңа', 'Новый', 'много'],
        ['ALM-NEW-1', 'ALM-KAR-P1', 'ALM-KAR-KAS', 'Қайта', 'Повтор', 500],
        ['ALM-NEW-3', 'ALM-XXX-P1', 'ALM-KAR-KAS', 'Жаңа', 'Новый', 700],
      ],
      adjacency: [['district_code', 'adjacent_code'], ['ALM-NEW-1', 'ALM-NEW-1']],
      coverage: [
        ['district_code', 'street_kind', 'street_name_kk', 'street_name_ru', 'house_from', 'house_to', 'parity'],
        ['ALM-NEW-1', 'street', 'Абай', 'Абая', 1, 20, 'all'],
        ['ALM-NEW-1', 'street', 'Абай', 'Абая', 10, 30, 'even'],
      ],
    });
    const response = await upload(admin, [{ filename: 'bad.xlsx', data: file }], false, { 'accept-language': 'ru' });
    expect(response.statusCode).toBe(422);
    const body = response.json();
    expect(body.error.code).toBe('import_invalid');
    expect(body.error.message).toBe('В файле есть ошибки, ничего не изменено');
    const errors = body.error.details.errors as Array<{ sheet: string; row: number; column: string; code: string; message: string }>;
    expect(errors.map((e) => [e.sheet, e.row, e.column, e.code])).toEqual([
      ['points', 1, 'fax', 'unknown_column'],
      ['districts', 3, 'population', 'not_a_number'],
      ['districts', 4, 'code', 'duplicate_code'],
      ['districts', 5, 'point_code', 'unknown_reference'],
      ['adjacency', 2, 'adjacent_code', 'self_adjacency'],
      ['coverage', 3, 'house_from', 'overlapping_range'],
    ]);
    expect(errors.map((e) => e.message)).toEqual([
      'Неизвестный столбец «fax»',
      'Значение «много» не является числом',
      'Код «ALM-NEW-1» повторяется (уже есть в строке 2)',
      'Код «ALM-XXX-P1» не найден ни на листе points, ни в базе данных',
      'Участок не может граничить сам с собой',
      'Диапазон домов пересекается с диапазоном в строке 2',
    ]);
    expect(body.error.details).toMatchObject({ dryRun: false, applied: false });
    expect(await tableCounts()).toEqual(before);
  });

  it('answers a dry run of a bad file with 200 and the errors, in Kazakh by default', async () => {
    const csv = 'code,kind,name_kk,name_ru\r\nKZ-X,province,Облыс,Область\r\n';
    const response = await upload(admin, [{ filename: 'regions.csv', data: csv }], true);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ dryRun: true, applied: false });
    expect(response.json().errors).toEqual([expect.objectContaining({
      sheet: 'regions', row: 2, column: 'kind', code: 'bad_enum',
      message: '«province» мәніне рұқсат жоқ; рұқсат етілгендері: oblast, city_republican, capital',
    })]);
  });

  it('refuses a second inspector over a stored assignment (R-2.2)', async () => {
    const csv = 'district_code,staff_code,role,from,to\r\nALM-KAR-P1-D02,S-ALM-KAR-P1-D01,inspector,2020-01-01,\r\n';
    const response = await upload(admin, [{ filename: 'assignments.csv', data: csv }], false, { 'accept-language': 'en' });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details.errors).toEqual([expect.objectContaining({
      sheet: 'assignments', row: 2, column: 'from', code: 'assignment_overlap',
    })]);
    expect(response.json().error.details.errors[0].message).toMatch(/^Inspector S-ALM-KAR-P1-D02 is already assigned/);
  });

  it('refuses what is not an XLSX or CSV upload', async () => {
    const notMultipart = await admin.send('POST', '/api/v1/imports/structure?dryRun=true', { file: 'x' });
    expect(notMultipart.statusCode).toBe(400);
    expect(notMultipart.json().error.code).toBe('validation_failed');
    const pdf = await upload(admin, [{ filename: 'structure.pdf', data: '%PDF-1.4', type: 'application/pdf' }], true);
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().error).toMatchObject({ code: 'unsupported_file', details: { file: 'structure.pdf' } });
    const fake = await upload(admin, [{ filename: 'structure.xlsx', data: 'code,kind\r\n' }], true);
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.code).toBe('unsupported_file');
    const csvNoSheet = await admin.get('/api/v1/exports/structure?format=csv');
    expect(csvNoSheet.statusCode).toBe(400);
  });
});

describe('access and territory', () => {
  it('lets only the administrator import', async () => {
    const lead = await login(t.app, 'lead');
    const response = await upload(lead, [{ filename: 'regions.csv', data: 'code,kind,name_kk,name_ru\r\n' }], true);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('forbidden');
  });

  it('exports to a point lead only his point\'s six districts', async () => {
    const lead = await login(t.app, 'lead');
    const exported = await lead.get('/api/v1/exports/structure');
    expect(exported.statusCode).toBe(200);
    const wb = await readWorkbook(exported.rawPayload);
    const rows = (name: string) => {
      const out: unknown[][] = [];
      wb.getWorksheet(name)!.eachRow((row, n) => { if (n > 1) out.push((row.values as unknown[]).slice(1)); });
      return out;
    };
    const districtRows = rows('districts');
    expect(districtRows).toHaveLength(6);
    expect(new Set(districtRows.map((r) => r[1]))).toEqual(new Set(['ALM-KAR-P2']));
    expect(rows('points').map((r) => r[0])).toEqual(['ALM-KAR-P2']);
    expect(rows('units').map((r) => r[0])).toEqual(['ALM-KAR']);
    expect(new Set(rows('coverage').map((r) => r[0]))).toEqual(new Set(districtRows.map((r) => r[0])));
    expect(rows('assignments').every((r) => String(r[0]).startsWith('ALM-KAR-P2-'))).toBe(true);
    const csv = (await lead.get('/api/v1/exports/structure?format=csv&sheet=districts')).rawPayload.toString('utf8');
    expect(csv.trim().split('\r\n')).toHaveLength(7);
  });

  it('refuses export to inspectors and akimats', async () => {
    for (const username of ['inspector', 'akimat']) {
      const client = await login(t.app, username);
      const response = await client.get('/api/v1/exports/structure');
      expect(response.statusCode, username).toBe(403);
    }
  });

  it('serves a template with a README sheet and the headers of every sheet', async () => {
    const response = await (await login(t.app, 'analyst')).get('/api/v1/exports/structure/template');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="esep-structure-template.xlsx"');
    const wb = await readWorkbook(response.rawPayload);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['README', ...STRUCTURE_SHEETS]);
    expect((wb.getWorksheet('assignments')!.getRow(1).values as unknown[]).slice(1)).toEqual(['district_code', 'staff_code', 'role', 'from', 'to']);
    expect(wb.getWorksheet('districts')!.actualRowCount).toBe(1);
    // Issue 14: the README lists each rank and position with the names the import takes.
    const readme = JSON.stringify(wb.getWorksheet('README')!.getSheetValues());
    expect(readme).toContain('captain — полиция капитаны / капитан полиции');
    expect(readme).toContain('inspector — учаскелік полиция инспекторы / участковый инспектор полиции');
    // The template itself is a valid (empty) upload.
    const dry = await upload(admin, [{ filename: 'template.xlsx', data: response.rawPayload }], true);
    expect(dry.statusCode).toBe(200);
    expect(dry.json().errors).toEqual([]);
  });
});
