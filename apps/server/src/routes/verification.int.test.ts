import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProtocolContent } from '@esep/contracts';
import { protocols } from '@esep/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { districtIds, meetingInProgress } from '../../test/holding.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { verifyProtocols } from '../cli/protocol-verify.ts';

/*
 * public verification of a signed protocol — the JSON API, the page behind the QR code
 * and the `protocol:verify` command. Changing one character of the stored content is detected.
 */
let t: TestApp;
const c: Record<string, Client> = {};
let signed: string;
let draft: string;
let original: unknown;

const page = (id: string, lang: string) => t.app.inject({ method: 'GET', url: `/v/${id}?lang=${lang}` });
const api = (id: string) => t.app.inject({ method: 'GET', url: `/api/v1/public/protocols/${id}/verification` });
const verdict = (html: string) => /data-testid="verify-verdict" data-valid="(true|false)" data-status="(\w+)"/.exec(html)?.slice(1);

function upload(id: string, bytes: Buffer) {
  const boundary = '----esep-verify';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="protocol.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    bytes, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({ method: 'POST', url: `/v/${id}?lang=en`, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

beforeAll(async () => {
  t = await testApp();
  for (const name of ['admin', 'inspector', 'inspector2']) c[name] = await login(t.app, name);
  const ids = await districtIds(c.admin!);
  signed = await meetingInProgress(t, c.inspector!, ids['ALM-KAR-P2-D01']!, { held: true });
  draft = await meetingInProgress(t, c.inspector2!, ids['ALM-TAL-P1-D01']!, { held: true });
  expect((await c.inspector2!.get(`/api/v1/meetings/${draft}/protocol`)).statusCode).toBe(200);
  const response = await c.inspector!.send('POST', `/api/v1/meetings/${signed}/protocol/signatures`, { method: 'builtin', password: 'demo', lateReason: 'test' });
  expect(response.statusCode, response.body).toBe(200);
  expect(response.json().status).toBe('signed');
  original = (await t.database.db.select().from(protocols).where(eq(protocols.meetingId, signed)))[0]!.content;
}, 180_000);
afterAll(async () => { await t.close(); });

describe('verification of a signed protocol', () => {
  it('the API and the page say valid, in kk, ru and en, with who signed when and the hashes', async () => {
    const result = (await api(signed)).json();
    expect(result).toMatchObject({ valid: true, status: 'valid', pdfIntact: true, late: false });
    expect(result.contentHashNow).toBe(result.contentHashStored);
    expect(result.signatures).toEqual([expect.objectContaining({ method: 'builtin_ed25519', valid: true })]);

    const kk = await page(signed, 'kk');
    expect(kk.statusCode).toBe(200);
    expect(kk.headers['content-type']).toContain('text/html');
    expect(verdict(kk.body)).toEqual(['true', 'valid']);
    expect(kk.body).toContain('Жарамды');
    expect(kk.body).toContain(result.contentHashNow);
    expect(kk.body).toContain(result.pdfHashes.kk);
    expect(kk.body).toContain(result.signatures[0].signerName);
    expect((await page(signed, 'ru')).body).toContain('Действителен');
    expect((await page(signed, 'en')).body).toContain('Valid');
    expect(kk.body).not.toContain('<script');
  });

  it('compares an uploaded PDF with the signed ones by SHA-256', async () => {
    const row = (await t.database.db.select().from(protocols).where(eq(protocols.meetingId, signed)))[0]!;
    const pdf = readFileSync(join(t.app.config.dataDir, 'files', row.pdfRuFile!));
    expect((await upload(signed, pdf)).body).toContain('data-match="ru"');
    expect((await upload(signed, Buffer.concat([pdf, Buffer.from(' ')]))).body).toContain('data-match="none"');
  });

  it('a draft is "unsigned"; an unknown meeting is 404', async () => {
    expect((await api(draft)).json()).toMatchObject({ valid: false, status: 'unsigned', contentHashStored: null });
    expect(verdict((await page(draft, 'en')).body)).toEqual(['false', 'unsigned']);
    expect((await api('00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await page('00000000-0000-4000-8000-000000000000', 'kk')).statusCode).toBe(404);
    expect((await page('not-a-uuid', 'kk')).statusCode).toBe(404);
  });

  it('the command reports every signed protocol intact (exit 0)', async () => {
    const lines: string[] = [];
    const result = await verifyProtocols(t.database.db, t.app.config, [], (l) => lines.push(l));
    expect(result).toMatchObject({ exitCode: 0, checked: 1, invalid: [] });
    expect(lines.join('\n')).toContain('VALID');
  });

  it('one character changed in the database: the page, the API and the command report it', async () => {
    const content = structuredClone(original) as ProtocolContent;
    content.meeting.venueAddress = `${content.meeting.venueAddress!.slice(0, -1)}9`;
    await t.database.db.update(protocols).set({ content }).where(eq(protocols.meetingId, signed));

    const result = (await api(signed)).json();
    expect(result).toMatchObject({ valid: false, status: 'altered' });
    expect(result.contentHashNow).not.toBe(result.contentHashStored);
    expect(result.signatures[0].valid).toBe(false);
    const html = (await page(signed, 'ru')).body;
    expect(verdict(html)).toEqual(['false', 'altered']);
    expect(html).toContain('НЕДЕЙСТВИТЕЛЕН');

    const lines: string[] = [];
    const cli = await verifyProtocols(t.database.db, t.app.config, [signed], (l) => lines.push(l));
    expect(cli).toMatchObject({ exitCode: 1, invalid: [signed] });
    expect(lines.join('\n')).toContain('CONTENT ALTERED');

    // Put back, it verifies again: the check is exact, not a flag.
    await t.database.db.update(protocols).set({ content: original }).where(eq(protocols.meetingId, signed));
    expect((await api(signed)).json().status).toBe('valid');
  });

  it('a stored hash rewritten to match the altered content still fails: the signature covers the original', async () => {
    const content = structuredClone(original) as ProtocolContent;
    content.meeting.number = `${content.meeting.number}X`;
    const { contentHashOf } = await import('../services/protocol/protocol.service.ts');
    await t.database.db.update(protocols).set({ content, contentHash: contentHashOf(content) }).where(eq(protocols.meetingId, signed));
    const result = (await api(signed)).json();
    expect(result.contentHashNow).toBe(result.contentHashStored);
    expect(result).toMatchObject({ valid: false, status: 'altered' });
    expect((await verifyProtocols(t.database.db, t.app.config, [], () => {})).exitCode).toBe(1);
  });
});
