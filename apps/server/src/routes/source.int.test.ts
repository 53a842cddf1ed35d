import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { districtIds } from '../../test/holding.ts';
import { at, meetingPlan } from '../../test/meetings.ts';

/** the sources a report is prepared from, with attachments judged by their bytes. */
let t: TestApp;
let inspector: Client;
let token: string;
let meetingId: string;
let districtId: string;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

beforeAll(async () => {
  t = await testApp();
  inspector = await login(t.app, 'inspector');
  districtId = (await districtIds(inspector))['ALM-KAR-P2-D01']!;
  const created = await inspector.send('POST', '/api/v1/meetings', meetingPlan(districtId, { startsAt: at(45, 18), endsAt: at(45, 20) }));
  expect(created.statusCode, created.body).toBe(201);
  meetingId = created.json().id;
  token = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'inspector', password: 'demo' } })).json().token;
});
afterAll(async () => { await t.close(); });

async function attach(sourceId: string, filename: string, bytes: Buffer, type = 'application/octet-stream') {
  const boundary = '----esep-source';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''${encodeURIComponent(filename)}; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`),
    bytes, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({ method: 'POST', url: `/api/v1/sources/${sourceId}/files`, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: `Bearer ${token}` } });
}

describe('report sources', () => {
  let sourceId: string;

  it('adds, lists and changes a source', async () => {
    const created = await inspector.send('POST', `/api/v1/meetings/${meetingId}/sources`, { kind: 'appeal_public_council', title: '  Қоғамдық кеңестің хаты  ', sourceDate: '2026-01-15', note: 'Көше жарығы туралы' });
    expect(created.statusCode, created.body).toBe(201);
    sourceId = created.json().id;
    expect(created.json()).toMatchObject({ meetingId, kind: 'appeal_public_council', title: 'Қоғамдық кеңестің хаты', sourceDate: '2026-01-15', files: [] });
    await inspector.send('POST', `/api/v1/meetings/${meetingId}/sources`, { kind: 'state_statistics', title: 'ҚСАЖБК' });
    const list = (await inspector.get(`/api/v1/meetings/${meetingId}/sources`)).json();
    expect(list.map((s: { kind: string }) => s.kind)).toEqual(['state_statistics', 'appeal_public_council']);
    const changed = await inspector.send('PATCH', `/api/v1/sources/${sourceId}`, { note: null, title: 'Хат' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ title: 'Хат', note: null, sourceDate: '2026-01-15' });
    expect((await inspector.send('PATCH', `/api/v1/sources/${sourceId}`, { kind: 'gossip' })).statusCode).toBe(400);
  });

  it('attaches a PDF and a DOCX; the download keeps the original name', async () => {
    const pdf = await attach(sourceId, 'Хат №5.pdf', PDF, 'application/pdf');
    expect(pdf.statusCode, pdf.body).toBe(200);
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Қоғамдық кеңес')] }] }));
    const word = await attach(sourceId, 'Кеңес шешімі.docx', docx);
    expect(word.statusCode, word.body).toBe(200);
    const files = word.json().files as Array<{ file: string; name: string; contentType: string; size: number }>;
    expect(files.map((f) => [f.name, f.contentType])).toEqual([
      ['Хат №5.pdf', 'application/pdf'],
      ['Кеңес шешімі.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ]);
    expect(files[1]!.file).toMatch(/^[0-9a-f]{64}\.docx$/);

    const download = await inspector.get(`/api/v1/sources/${sourceId}/files?name=${files[1]!.file}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toContain('wordprocessingml');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="[\x20-\x7e]+\.docx"; filename\*=UTF-8''[A-Za-z0-9%._~-]+$/);
    expect(decodeURIComponent(String(download.headers['content-disposition']).split("UTF-8''")[1]!)).toBe('Кеңес шешімі.docx');
    expect(download.rawPayload.equals(docx)).toBe(true);

    // An XLSX is accepted too.
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('деректер').addRow(['ұрлық', 3]);
    const xlsx = await attach(sourceId, 'кесте.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(xlsx.json().files[2].contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    // Someone else's territory does not see the file.
    expect((await (await login(t.app, 'inspector2')).get(`/api/v1/sources/${sourceId}/files?name=${files[1]!.file}`)).statusCode).toBe(404);
    expect((await inspector.get(`/api/v1/sources/${sourceId}/files?name=${'0'.repeat(64)}.pdf`)).statusCode).toBe(404);
  });

  it('refuses a renamed text file and a ZIP that is no Office document', async () => {
    const text = await attach(sourceId, 'report.pdf.txt', Buffer.from('just text, named like a pdf'));
    expect(text.statusCode).toBe(400);
    expect(text.json().error.code).toBe('unsupported_file');
    const renamed = await attach(sourceId, 'fake.docx', Buffer.from('PK\x03\x04 not really a zip at all', 'latin1'));
    expect(renamed.statusCode).toBe(400);
  });

  it('deletes a source; a cancelled meeting\'s sources no longer change (409)', async () => {
    const extra = (await inspector.send('POST', `/api/v1/meetings/${meetingId}/sources`, { kind: 'mass_media', title: 'Газет' })).json();
    expect((await inspector.send('DELETE', `/api/v1/sources/${extra.id}`)).statusCode).toBe(204);
    expect((await inspector.send('DELETE', `/api/v1/sources/${extra.id}`)).statusCode).toBe(404);

    const cancelled = await inspector.send('POST', `/api/v1/meetings/${meetingId}/transitions`, { action: 'cancel', reason: 'Карантин' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const refused = await inspector.send('POST', `/api/v1/meetings/${meetingId}/sources`, { kind: 'mass_media', title: 'Газет' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details).toMatchObject({ reason: 'wrong_status', rule: null });
    expect((await inspector.send('PATCH', `/api/v1/sources/${sourceId}`, { title: 'Жаңа' })).statusCode).toBe(409);
    expect((await attach(sourceId, 'x.pdf', PDF)).statusCode).toBe(409);
    // Still readable.
    expect((await inspector.get(`/api/v1/meetings/${meetingId}/sources`)).json()).toHaveLength(2);
  });

  it('is read in the territory and changed by those who plan there', async () => {
    expect((await (await login(t.app, 'inspector2')).get(`/api/v1/meetings/${meetingId}/sources`)).statusCode).toBe(404);
    expect((await (await login(t.app, 'akimat')).get(`/api/v1/meetings/${meetingId}/sources`)).statusCode).toBe(200);
    expect((await (await login(t.app, 'akimat')).send('POST', `/api/v1/meetings/${meetingId}/sources`, { kind: 'mass_media', title: 'Газет' })).statusCode).toBe(403);
  });
});
