import { randomUUID } from 'node:crypto';
import { auditLog, participants } from '@esep/db';
import { CONSENT_VERSION } from '@esep/domain';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { districtIds, meetingInProgress } from '../../test/holding.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';

/*
 * Offline entries belong to the user who typed them: his device seals them with a key
 * only his sessions get, and the server takes them only under his login.
 */
let t: TestApp;
let inspector: Client;
let assistant: Client;
let meetingId: string;

beforeAll(async () => {
  t = await testApp();
  inspector = await login(t.app, 'inspector');
  assistant = await login(t.app, 'assistant');
  meetingId = await meetingInProgress(t, inspector, (await districtIds(inspector))['ALM-KAR-P2-D01']!);
}, 120_000);
afterAll(async () => { await t.close(); });

describe('the outbox key', () => {
  it('is the same in every session of one user, another for another user, never cached; anonymous → 401', async () => {
    const first = await assistant.get('/api/v1/auth/me/outbox-key');
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('no-store');
    const key = first.json().key as string;
    expect(Buffer.from(key, 'base64url')).toHaveLength(32);
    const again = await login(t.app, 'assistant');
    expect((await again.get('/api/v1/auth/me/outbox-key')).json().key).toBe(key);
    expect((await inspector.get('/api/v1/auth/me/outbox-key')).json().key).not.toBe(key);
    // With another server key, another key: it is derived, not stored.
    const other = await testApp({ signingKey: 'another server key of at least 32 characters' });
    try {
      expect((await (await login(other.app, 'assistant')).get('/api/v1/auth/me/outbox-key')).json().key).not.toBe(key);
    } finally {
      await other.close();
    }
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me/outbox-key' });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('the sync names its author', () => {
  const operation = (fullName: string) => ({
    kind: 'participant', clientKey: randomUUID(),
    data: { fullName, address: 'Шамалған а., Абай к-сі, 40', consent: true, consentVersion: CONSENT_VERSION },
  });

  it('entries of another user are refused (403 not_the_author) and nothing is stored', async () => {
    const op = operation('Ахметова Сәуле');
    const refused = await inspector.send('POST', `/api/v1/meetings/${meetingId}/live/sync`, { operations: [op], authorId: assistant.user.id }, { 'accept-language': 'en' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'forbidden', details: { reason: 'not_the_author' } });
    expect(refused.json().error.message).toContain('another user');
    expect(await t.database.db.select().from(participants).where(eq(participants.clientKey, op.clientKey))).toEqual([]);
  });

  it('the author\'s own entries go through, and the audit names him', async () => {
    const op = operation('Жұмабеков Арман');
    const sent = await assistant.send('POST', `/api/v1/meetings/${meetingId}/live/sync`, { operations: [op], authorId: assistant.user.id });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().results[0].status).toBe('created');
    const [row] = await t.database.db.select().from(participants).where(eq(participants.clientKey, op.clientKey));
    expect(row!.createdBy).toBe(assistant.user.id);
    const entries = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'participant.create'), eq(auditLog.entityId, meetingId)));
    expect(entries.find((e) => (e.after as { participantId?: string }).participantId === row!.id)?.actorId).toBe(assistant.user.id);
  });
});
