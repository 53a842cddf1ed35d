import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson } from '@esep/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ncaLayerSign, startNcaLayerFake, type NcaLayerFake } from '../../../test/ncalayer.fake.ts';
import { makeTestPki, startNcaNodeFake, type NcaNodeFake, type TestPki } from '../../../test/ncanode.fake.ts';
import { BuiltinSigner, cmsEncapsulatedContent, NcaNodeVerifier, seal, serverSealingKey, sha256hex, signingPayload, unseal } from './signer.ts';

const MEETING = '7d7c2f0e-52a4-4a4b-9d7e-1a2b3c4d5e6f';
const HASH = 'a'.repeat(64);

describe('canonical hashing and the signed payload', () => {
  it('gives the same bytes whatever the key order, NFC-normalised', () => {
    const a = { b: 1, a: { y: 'Қазақ', x: [1, 'ә'] } };
    const b = { a: { x: [1, 'ә'], y: 'Қаза\u049b'.normalize('NFD').normalize('NFC') }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(sha256hex(canonicalJson(a))).toBe(sha256hex(canonicalJson(b)));
    // Decomposed letters hash like composed ones.
    expect(canonicalJson({ t: 'й'.normalize('NFD') })).toBe(canonicalJson({ t: 'й' }));
  });

  it('changes with one character of the content', () => {
    expect(sha256hex(canonicalJson({ text: 'Жарық жоқ' }))).not.toBe(sha256hex(canonicalJson({ text: 'Жарық жок' })));
  });

  it('names the meeting, the content hash and the PDFs; an addendum its own id', () => {
    const p = JSON.parse(signingPayload({ meetingId: MEETING, contentHash: HASH, pdfKkHash: 'b'.repeat(64), pdfRuHash: 'c'.repeat(64) }).toString());
    expect(p).toEqual({ contentHash: HASH, documents: { pdfKk: 'b'.repeat(64), pdfRu: 'c'.repeat(64) }, kind: 'esep-protocol', meetingId: MEETING, version: 1 });
    const q = JSON.parse(signingPayload({ meetingId: MEETING, addendumId: MEETING, contentHash: HASH }).toString());
    expect(q.kind).toBe('esep-protocol-addendum');
    expect(q.documents).toBeUndefined();
    expect(signingPayload({ meetingId: MEETING, contentHash: HASH }).equals(signingPayload({ contentHash: HASH, meetingId: MEETING }))).toBe(true);
  });
});

describe('the server key and sealing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'esep-seal-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('derives a stable key from a secret file in development and from ESEP_SIGNING_KEY when set', () => {
    const k1 = serverSealingKey({ env: 'test', dataDir: dir });
    expect(k1).toHaveLength(32);
    expect(serverSealingKey({ env: 'test', dataDir: dir }).equals(k1)).toBe(true);
    const k2 = serverSealingKey({ env: 'production', dataDir: dir, signingKey: 'x'.repeat(40) });
    expect(k2.equals(k1)).toBe(false);
    expect(() => serverSealingKey({ env: 'production', dataDir: join(dir, 'other') })).toThrow(/ESEP_SIGNING_KEY/);
  });

  it('unseals only with the same key and the same user', () => {
    const key = serverSealingKey({ env: 'test', dataDir: dir });
    const sealed = seal(key, 'user-1', Buffer.from('private'));
    expect(unseal(key, 'user-1', sealed).toString()).toBe('private');
    expect(() => unseal(key, 'user-2', sealed)).toThrow();
    expect(() => unseal(Buffer.alloc(32, 1), 'user-1', sealed)).toThrow();
  });

  it('verifies an Ed25519 signature against the stored public key and refuses another payload', async () => {
    const pair = generateKeyPairSync('ed25519');
    const payload = signingPayload({ meetingId: MEETING, contentHash: HASH });
    const stored = { signature: sign(null, payload, pair.privateKey).toString('base64'), publicKey: pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64') };
    const signer = new BuiltinSigner(() => serverSealingKey({ env: 'test', dataDir: dir }));
    expect(await signer.verify(stored, payload)).toBe(true);
    expect(await signer.verify(stored, signingPayload({ meetingId: MEETING, contentHash: 'b'.repeat(64) }))).toBe(false);
    expect(await signer.verify({ ...stored, publicKey: 'garbage' }, payload)).toBe(false);
  });
});

describe('qualified signature: NCALayer and NCANode fakes', () => {
  let pki: TestPki;
  let ncanode: NcaNodeFake;
  let ncalayer: NcaLayerFake;
  beforeAll(async () => {
    pki = makeTestPki();
    ncanode = await startNcaNodeFake(pki);
    ncalayer = await startNcaLayerFake(pki);
  });
  afterAll(async () => { await ncalayer.close(); await ncanode.close(); pki.cleanup(); });

  it('reads the content of an attached CMS, null for a detached one, undefined for garbage', () => {
    const payload = Buffer.from('{"a":1}');
    expect(cmsEncapsulatedContent(pki.sign(payload, { attached: true }))?.equals(payload)).toBe(true);
    expect(cmsEncapsulatedContent(pki.sign(payload))).toBeNull();
    expect(cmsEncapsulatedContent(Buffer.from('not a cms'))).toBeUndefined();
  });

  it('NCALayer signs over the socket; NCANode verifies; the subject and IIN are recorded', async () => {
    const payload = signingPayload({ meetingId: MEETING, contentHash: HASH });
    const cms = await ncaLayerSign(ncalayer.url, payload.toString('base64'));
    expect(ncalayer.requests[0]).toMatchObject({ module: 'kz.gov.pki.knca.basics', method: 'sign', args: { format: 'cms' } });
    const verifier = new NcaNodeVerifier(ncanode.url);
    const material = await verifier.sign(null as never, { userId: 'u', payload, cms, expectedIin: pki.iin });
    expect(material.method).toBe('ncalayer_cms');
    expect(material.certificateSubject).toContain(`IIN${pki.iin}`);
    expect(ncanode.requests.at(-1)).toMatchObject({ cms, data: payload.toString('base64'), revocationCheck: ['OCSP'] });
    expect(await verifier.verify({ signature: cms }, payload)).toBe(true);
    // The same CMS does not verify against a changed payload.
    expect(await verifier.verify({ signature: cms }, signingPayload({ meetingId: MEETING, contentHash: 'b'.repeat(64) }))).toBe(false);
  });

  it('the fake NCALayer also speaks wss:// (as the real one does) with its self-signed certificate', async () => {
    const secure = await startNcaLayerFake(pki, { tls: true });
    try {
      expect(secure.url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/$/);
      const payload = signingPayload({ meetingId: MEETING, contentHash: HASH });
      const cms = await ncaLayerSign(secure.url, payload.toString('base64'), { ca: secure.certificate });
      expect(await new NcaNodeVerifier(ncanode.url).verify({ signature: cms }, payload)).toBe(true);
    } finally {
      await secure.close();
    }
  });

  it('refuses a CMS over other data, an invalid answer, a wrong or unrecorded IIN; says null when the service is down', async () => {
    const payload = signingPayload({ meetingId: MEETING, contentHash: HASH });
    const other = Buffer.from('other data');
    const verifier = new NcaNodeVerifier(ncanode.url);
    const expectedIin = pki.iin;
    await expect(verifier.sign(null as never, { userId: 'u', payload, cms: pki.sign(payload).toString('base64') })).rejects.toMatchObject({ details: { reason: 'iin_not_recorded' }, status: 422 });
    await expect(verifier.sign(null as never, { userId: 'u', payload, cms: pki.sign(other).toString('base64'), expectedIin })).rejects.toMatchObject({ details: { reason: 'signature_invalid' }, status: 422 });
    await expect(verifier.sign(null as never, { userId: 'u', payload, cms: pki.sign(other, { attached: true }).toString('base64'), expectedIin })).rejects.toMatchObject({ details: { reason: 'hash_mismatch' } });
    await expect(verifier.sign(null as never, { userId: 'u', payload, cms: pki.sign(payload).toString('base64'), expectedIin: '111111111111' })).rejects.toMatchObject({ details: { reason: 'iin_mismatch' } });
    ncanode.forceInvalid = true;
    await expect(verifier.sign(null as never, { userId: 'u', payload, cms: pki.sign(payload).toString('base64'), expectedIin })).rejects.toMatchObject({ details: { reason: 'signature_invalid' } });
    ncanode.forceInvalid = false;
    expect(await new NcaNodeVerifier('http://127.0.0.1:9').verify({ signature: pki.sign(payload).toString('base64') }, payload)).toBeNull();
  });

  it('refuses a certificate revoked by OCSP, yet a protocol it signed before stays verified', async () => {
    const payload = signingPayload({ meetingId: MEETING, contentHash: HASH });
    const verifier = new NcaNodeVerifier(ncanode.url);
    const before = pki.sign(payload).toString('base64');
    expect((await verifier.sign(null as never, { userId: 'u', payload, cms: before, expectedIin: pki.iin })).method).toBe('ncalayer_cms');
    pki.revoke();
    try {
      const refused = verifier.sign(null as never, { userId: 'u', payload, cms: pki.sign(payload).toString('base64'), expectedIin: pki.iin });
      await expect(refused).rejects.toMatchObject({ status: 422, details: { reason: 'certificate_revoked', rule: 'R-32.1', revokedAt: expect.stringMatching(/^\d{4}-/) } });
      const asked = ncanode.requests.at(-1)!;
      expect(asked.revocationCheck).toEqual(['OCSP']);
      // Verification of the earlier signature does not ask about revocation.
      expect(await verifier.verify({ signature: before }, payload)).toBe(true);
      expect(ncanode.requests.at(-1)!.revocationCheck).toEqual([]);
    } finally {
      pki.reinstate();
    }
    expect((await verifier.sign(null as never, { userId: 'u', payload, cms: pki.sign(payload).toString('base64'), expectedIin: pki.iin })).method).toBe('ncalayer_cms');
  });
});
