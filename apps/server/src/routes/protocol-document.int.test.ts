import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { participants, protocols, protocolSignatures } from '@esep/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { districtIds, meetingInProgress } from '../../test/holding.ts';
import { HOSTILE, MEETING_NUMBER, OFFICIAL_NAME, protocolFixture, RESIDENT_NAME } from '../../test/protocol.fixture.ts';
import { storeFile } from '../storage/file.store.ts';

/**
 * R-32.1: the protocol's documents — PDF and DOCX, kk and ru, the public copy without residents'
 * names and the internal copy with the register (R-32.2) for those who may read it; a signed
 * protocol's public PDF is the stored, signed file.
 */
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'esep-protocol-doc-int-'));
const REGISTERED = 'Қуанышбаев Мұрат Серғазыұлы';
const SIGNER = protocolFixture.reporters[0]!.fullName;

let t: TestApp;
let inspector: Client;
let meetingId: string;

async function pdfText(pdf: Buffer, name: string): Promise<string> {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return (await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout.replace(/\s+/g, ' ');
}
const url = (format: 'pdf' | 'docx', query = '') => `/api/v1/meetings/${meetingId}/protocol.${format}${query ? `?${query}` : ''}`;

beforeAll(async () => {
  t = await testApp();
  inspector = await login(t.app, 'inspector');
  const ids = await districtIds(await login(t.app, 'admin'));
  meetingId = await meetingInProgress(t, inspector, ids['ALM-KAR-P2-D01']!, { held: true, startedMinutesAgo: 150 });
  // The register (R-32.2), written directly: a resident the internal copy lists.
  await t.database.db.insert(participants).values({
    meetingId, number: 1, fullName: REGISTERED, address: 'Шамалған а., Абай к-сі, 5', category: 'resident', consentVersion: 'v1',
    consentAt: new Date(), arrivedAt: new Date(), attendance: 'in_person', channel: 'staff', personKey: 'kuanyshbaev|abai 5',
  });
}, 120_000);
afterAll(async () => { await t.close(); rmSync(dir, { recursive: true, force: true }); });

describe('protocol documents', () => {
  it('answers 409 while there is no protocol yet', async () => {
    const response = await inspector.get(url('pdf'));
    expect(response.statusCode).toBe(409);
    expect(response.json().error.details.reason).toBe('wrong_status');
    expect((await inspector.get(url('docx', 'lang=ru'))).statusCode).toBe(409);
  });

  it('renders the public PDF in Kazakh with the signatures recorded, naming no resident', async () => {
    const db = t.database.db;
    await db.insert(protocols).values({ meetingId, content: { ...protocolFixture, meeting: { ...protocolFixture.meeting, id: meetingId } } });
    await db.insert(protocolSignatures).values({
      meetingId, staffId: inspector.user.staffId!, userId: inspector.user.id, signerName: SIGNER, method: 'builtin_ed25519',
      signedHash: 'a'.repeat(64), signature: 'c2lnbmF0dXJl', publicKey: 'cHVibGlj', signedAt: new Date('2026-12-20T16:40:00Z'),
    });
    const response = await inspector.get(url('pdf'));
    expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(response.rawPayload, 'kk-public.pdf');
    expect(text).toContain(`ХАТТАМА № ${MEETING_NUMBER}`);
    expect(text).toContain(HOSTILE);
    expect(text).toContain(OFFICIAL_NAME);
    expect(text).toContain('Электрондық түрде қол қойылды: 2026 жылғы 20 желтоқсан, сағат 21:40');
    expect(text).toContain(`/v/${meetingId}`);
    expect(text).not.toContain(RESIDENT_NAME);
    expect(text).not.toContain(REGISTERED);
  });

  it('gives the internal copy with the register to those who may read it, and 403 to the others', async () => {
    const internal = await inspector.get(url('pdf', 'lang=ru&copy=internal'));
    expect(internal.statusCode).toBe(200);
    const text = await pdfText(internal.rawPayload, 'ru-internal.pdf');
    expect(text).toContain('Приложение. Реестр участников');
    expect(text).toContain(REGISTERED);
    expect(text).toContain('Служебная копия');
    for (const username of ['lead', 'chief']) {
      expect((await (await login(t.app, username)).get(url('docx', 'copy=internal'))).statusCode).toBe(200);
    }
    // The akimat and the read-only roles see the protocol, not the register.
    for (const username of ['akimat', 'analyst', 'auditor']) {
      const client = await login(t.app, username);
      expect((await client.get(url('pdf'))).statusCode, username).toBe(200);
      expect((await client.get(url('pdf', 'copy=internal'))).statusCode, username).toBe(403);
      expect((await client.get(url('docx', 'copy=internal'))).statusCode, username).toBe(403);
    }
  });

  it('names the inspector by the labels of his rank and position, in each copy\'s language — never the codes (issue 14)', async () => {
    // A protocol assembled by Esep from the staff record (rank and position stored as codes).
    const ids = await districtIds(await login(t.app, 'admin'));
    const other = await login(t.app, 'inspector2');
    const held = await meetingInProgress(t, other, ids['ALM-TAL-P1-D01']!, { held: true, startedMinutesAgo: 150 });
    const assembled = await other.get(`/api/v1/meetings/${held}/protocol`);
    expect(assembled.statusCode, assembled.body).toBe(200);
    expect(assembled.json().content.reporters[0]).toMatchObject({ rank: 'captain', position: 'inspector' });
    const name = assembled.json().content.reporters[0].fullName as string;
    const ru = await pdfText((await other.get(`/api/v1/meetings/${held}/protocol.pdf?lang=ru`)).rawPayload, 'ru-assembled.pdf');
    expect(ru).toContain(`${name}, капитан полиции, участковый инспектор полиции`);
    expect(ru).toContain('Капитан полиции');
    expect(ru).toContain('Участковый инспектор полиции');
    const kk = await pdfText((await other.get(`/api/v1/meetings/${held}/protocol.pdf?lang=kk`)).rawPayload, 'kk-assembled.pdf');
    expect(kk).toContain(`${name}, полиция капитаны, учаскелік полиция инспекторы`);
    for (const text of [ru, kk]) for (const code of ['captain', 'inspector']) expect(text).not.toContain(code);
    expect(ru).not.toContain('полиция капитаны');
  });

  it('hides the protocol of another territory and refuses unknown options', async () => {
    const other = await login(t.app, 'inspector2');
    expect((await other.get(url('pdf'))).statusCode).toBe(404);
    expect((await other.get(url('docx', 'copy=internal'))).statusCode).toBe(404);
    expect((await inspector.get(url('pdf', 'lang=en'))).statusCode).toBe(400);
    expect((await inspector.get(url('pdf', 'copy=secret'))).statusCode).toBe(400);
  });

  it('renders the DOCX', async () => {
    const response = await inspector.get(url('docx', 'lang=kk&copy=public'));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('wordprocessingml');
    expect(response.headers['content-disposition']).toContain('.docx');
    expect(response.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('serves the stored, signed file as the public PDF of a signed protocol', async () => {
    const signed = Buffer.from('%PDF-1.7\n% the signed protocol as stored at signing\n%%EOF\n');
    const file = await storeFile(t.app.config.dataDir, signed, 'application/pdf');
    await t.database.db.update(protocols).set({ status: 'signed', signedAt: new Date(), pdfKkFile: file }).where(eq(protocols.meetingId, meetingId));
    const kk = await inspector.get(url('pdf', 'lang=kk'));
    expect(kk.statusCode).toBe(200);
    expect(kk.rawPayload.equals(signed)).toBe(true);
    // No stored Russian file: rendered; the internal copy is always rendered (it has the register).
    const ru = await inspector.get(url('pdf', 'lang=ru'));
    expect(ru.statusCode).toBe(200);
    expect(await pdfText(ru.rawPayload, 'ru-signed.pdf')).toContain(`ПРОТОКОЛ № ${MEETING_NUMBER}`);
    const internal = await inspector.get(url('pdf', 'lang=kk&copy=internal'));
    expect(internal.rawPayload.equals(signed)).toBe(false);
    expect(await pdfText(internal.rawPayload, 'kk-internal.pdf')).toContain(REGISTERED);
  });
});
