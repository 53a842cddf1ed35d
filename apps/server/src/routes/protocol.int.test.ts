import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { auditLog, checks, meetingAgreements, meetingDistricts, meetingInspectors, meetings, protocolSignatures, signingKeys, users } from '@esep/db';
import { CONSENT_VERSION } from '@esep/domain';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { districtIds, meetingInProgress } from '../../test/holding.ts';
import { TestClock } from '../../test/clock.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { ncaLayerSign, startNcaLayerFake, type NcaLayerFake } from '../../test/ncalayer.fake.ts';
import { makeTestPki, startNcaNodeFake, type NcaNodeFake, type TestPki } from '../../test/ncanode.fake.ts';

/*
 * the protocol — assembled once the meeting is held, edited as a draft, signed
 * the same day (judged in Asia/Almaty, across the UTC day boundary), by every reporting
 * inspector (built-in Ed25519 or a qualified CMS through NCALayer + NCANode), then frozen.
 *
 * The clock (Date only) is moved to "tomorrow" in Almaty: D 22:00 for the meetings, D 23:50
 * for the on-time signature (18:50 UTC, the same UTC day), D+1 00:10 (19:10 UTC — still the
 * same UTC day!) for the late ones.
 */
const almatyToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(new Date());
const D = (() => { const d = new Date(`${almatyToday}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1); return d.toISOString().slice(0, 10); })();
const D1 = (() => { const d = new Date(`${D}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1); return d.toISOString().slice(0, 10); })();
const almaty = (date: string, time: string) => new Date(`${date}T${time}:00+05:00`);

let t: TestApp;
let pki: TestPki;
let ncanode: NcaNodeFake;
let ncalayer: NcaLayerFake;
const c: Record<string, Client> = {};
let ids: Record<string, string>;
let single: string;
let joint: string;

beforeAll(async () => {
  pki = makeTestPki();
  ncanode = await startNcaNodeFake(pki);
  ncalayer = await startNcaLayerFake(pki);
  t = await testApp({ ncanodeUrl: ncanode.url }, new TestClock().set(almaty(D, '22:00')));
  for (const name of ['admin', 'inspector', 'inspector2', 'lead', 'akimat']) c[name] = await login(t.app, name);
  ids = await districtIds(c.admin!);
  single = await meetingInProgress(t, c.inspector!, ids['ALM-KAR-P2-D01']!);
  joint = await meetingInProgress(t, c.inspector2!, ids['ALM-TAL-P1-D01']!, { held: true });
  // A joint meeting: the inspector of ALM-KAR-P2-D01 reports on a second covered district,
  // having agreed to it before it was announced.
  const inspectorUser = (await t.database.db.select().from(users).where(eq(users.username, 'inspector')))[0]!;
  const inspectorStaff = inspectorUser.staffId!;
  await t.database.db.insert(meetingDistricts).values({ meetingId: joint, districtId: ids['ALM-KAR-P2-D01']! });
  await t.database.db.insert(meetingInspectors).values({ meetingId: joint, districtId: ids['ALM-KAR-P2-D01']!, staffId: inspectorStaff });
  const agreed = almaty(almatyToday, '09:00');
  await t.database.db.insert(meetingAgreements).values({
    meetingId: joint, districtId: ids['ALM-KAR-P2-D01']!, staffId: inspectorStaff, status: 'accepted', askedAt: agreed, answeredBy: inspectorUser.id, answeredAt: agreed,
  });
}, 180_000);
afterAll(async () => {
  await t?.close();
  await ncalayer?.close();
  await ncanode?.close();
  pki?.cleanup();
});

describe('assembly and the draft (R-32.1)', () => {
  it('is refused before the meeting is held', async () => {
    const response = await c.inspector!.get(`/api/v1/meetings/${single}/protocol`);
    expect(response.statusCode, response.body).toBe(409);
    expect(response.json().error.details).toMatchObject({ reason: 'wrong_status' });
  });

  it('is assembled from the register, items and decisions once held, with reminders to sign', async () => {
    const sync = await c.inspector!.send('POST', `/api/v1/meetings/${single}/live/sync`, {
      operations: [{ kind: 'participant', clientKey: randomUUID(), data: { fullName: 'Серікбаев Ерлан Маратұлы', address: 'Шамалған а., Абай к-сі, 3', consent: true, consentVersion: CONSENT_VERSION } }],
    });
    const personId = sync.json().results[0].id as string;
    for (const body of [
      { kind: 'complaint', text: 'Көшеде жарық жоқ', topic: 'public_order', participantId: personId, resolution: 'to_check' },
      { kind: 'question', text: 'Учаскелік қашан қабылдайды?', topic: 'other', resolution: 'answered', answer: 'Сейсенбі сайын' },
    ]) expect((await c.inspector!.send('POST', `/api/v1/meetings/${single}/items`, body)).statusCode).toBe(201);
    expect((await c.inspector!.send('POST', `/api/v1/meetings/${single}/decisions`, { text: 'Жарық орнату', responsible: 'Әкімдік', dueDate: D1 })).statusCode).toBe(201);
    expect((await c.inspector!.send('POST', `/api/v1/meetings/${single}/transitions`, { action: 'hold' })).statusCode).toBe(200);

    const response = await c.inspector!.get(`/api/v1/meetings/${single}/protocol`);
    expect(response.statusCode, response.body).toBe(200);
    const p = response.json();
    expect(p).toMatchObject({ status: 'draft', version: 1, timeliness: 'pending', contentHash: null, editable: true, meetingDate: D });
    expect(p.content.participantCount).toBe(1);
    expect(p.content.items.map((i: { route: string }) => i.route)).toEqual(['check', 'answered']);
    expect(p.content.decisions).toHaveLength(1);
    // Residents are never named in the protocol's content.
    expect(JSON.stringify(p.content)).not.toContain('Серікбаев');
    expect(p.verifyUrl).toBe(`${t.app.config.publicUrl}/v/${single}`);
    expect(p.pendingSigners).toHaveLength(1);
    expect(p.signing).toMatchObject({ canSign: true, lateReasonRequired: false, qualifiedAvailable: true });
    const meeting = (await t.database.db.select().from(meetings).where(eq(meetings.id, single)))[0]!;
    const evening = almaty(D, '20:00').getTime() > meeting.endsAt.getTime() + 3600_000 ? almaty(D, '20:00') : new Date(meeting.endsAt.getTime() + 3600_000);
    expect(p.reminders).toEqual([
      { kind: 'end_of_meeting', dueAt: meeting.endsAt.toISOString(), sentAt: null },
      { kind: 'evening', dueAt: evening.toISOString(), sentAt: null },
    ]);
    // The point lead reads it but does not sign: he did not report.
    const lead = (await c.lead!.get(`/api/v1/meetings/${single}/protocol`)).json();
    expect(lead.signing.canSign).toBe(false);
  });

  it('edits the summary over the version it started from; a stale save is 409; re-assembly keeps it', async () => {
    const saved = await c.inspector!.send('PUT', `/api/v1/meetings/${single}/protocol`, { reportSummary: 'Учаскедегі жағдай тұрақты.', remarks: 'Ескерту жоқ', baseVersion: 1 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 2, content: { reportSummary: 'Учаскедегі жағдай тұрақты.', remarks: 'Ескерту жоқ' } });
    const stale = await c.inspector!.send('PUT', `/api/v1/meetings/${single}/protocol`, { reportSummary: 'x', baseVersion: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'conflict', details: { currentVersion: 2 } });
    const again = await c.inspector!.send('POST', `/api/v1/meetings/${single}/protocol/reassemble`);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ version: 3, content: { reportSummary: 'Учаскедегі жағдай тұрақты.', remarks: 'Ескерту жоқ' } });
    expect((await c.akimat!.send('PUT', `/api/v1/meetings/${single}/protocol`, { reportSummary: 'x', baseVersion: 3 })).statusCode).toBe(403);
  });
});

describe('signing on the meeting day (R-32.3)', () => {
  it('refuses a wrong password and stores nothing (the password goes nowhere)', async () => {
    t.clock.set(almaty(D, '23:50'));
    const response = await c.inspector!.send('POST', `/api/v1/meetings/${single}/protocol/signatures`, { method: 'builtin', password: 'wrong-password-xyz' });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.code).toBe('wrong_password');
    expect(await t.database.db.select().from(protocolSignatures).where(eq(protocolSignatures.meetingId, single))).toEqual([]);
    expect(await t.database.db.select().from(signingKeys)).toEqual([]);
    expect(JSON.stringify(await t.database.db.select().from(auditLog))).not.toContain('wrong-password-xyz');
  });

  it('refuses anyone but a reporting inspector (403)', async () => {
    const response = await c.lead!.send('POST', `/api/v1/meetings/${single}/protocol/signatures`, { method: 'builtin', password: 'demo' });
    expect(response.statusCode, response.body).toBe(403);
  });

  it('signed at 23:50 Almaty on the meeting day (18:50 UTC) is on time; the meeting is "protocol signed" and its checks open', async () => {
    // What the first signer is offered already names both public PDFs, and they are what is stored.
    const offered = JSON.parse(Buffer.from((await c.inspector!.get(`/api/v1/meetings/${single}/protocol`)).json().signing.payload, 'base64').toString('utf8'));
    expect(offered.documents).toEqual({ pdfKk: expect.stringMatching(/^[0-9a-f]{64}$/), pdfRu: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const response = await c.inspector!.send('POST', `/api/v1/meetings/${single}/protocol/signatures`, { method: 'builtin', password: 'demo' });
    expect(response.statusCode, response.body).toBe(200);
    const p = response.json();
    expect(p).toMatchObject({ status: 'signed', timeliness: 'on_time', lateReason: null, editable: false, pendingSigners: [], signing: null });
    expect(p.signedAt).toBe(almaty(D, '23:50').toISOString());
    expect(p.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(p.pdfHashes.kk).toMatch(/^[0-9a-f]{64}$/);
    expect(p.pdfHashes).toEqual({ kk: offered.documents.pdfKk, ru: offered.documents.pdfRu });
    expect(p.signatures).toEqual([expect.objectContaining({ method: 'builtin_ed25519', signerName: expect.any(String), addendumId: null })]);
    expect(existsSync(join(t.app.config.dataDir, 'files', `${p.pdfHashes.kk}.pdf`))).toBe(true);
    expect((await c.inspector!.get(`/api/v1/meetings/${single}`)).json().status).toBe('protocol_signed');
    // the item to be checked got its check in the same transaction.
    expect(await t.database.db.select().from(checks).where(eq(checks.meetingId, single))).toHaveLength(1);
    expect(JSON.stringify(await t.database.db.select().from(auditLog))).not.toContain('"demo"');
  });

  it('signing twice is 409; editing or re-assembling a signed protocol is 409 (changes are addenda)', async () => {
    const twice = await c.inspector!.send('POST', `/api/v1/meetings/${single}/protocol/signatures`, { method: 'builtin', password: 'demo' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.details).toMatchObject({ reason: 'already_signed' });
    const edit = await c.inspector!.send('PUT', `/api/v1/meetings/${single}/protocol`, { reportSummary: 'өзгеріс', baseVersion: 3 });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error).toMatchObject({ code: 'rule_violation', details: { reason: 'protocol_signed', rule: 'R-32.1' } });
    expect((await c.inspector!.send('POST', `/api/v1/meetings/${single}/protocol/reassemble`)).statusCode).toBe(409);
  });

  it('an addendum to the signed protocol is signed the same way', async () => {
    const created = await c.inspector!.send('POST', `/api/v1/meetings/${single}/protocol/addenda`, { text: 'Шешімнің мерзімі нақтыланды' });
    expect(created.statusCode, created.body).toBe(201);
    const addendum = created.json().addenda[0];
    expect(addendum).toMatchObject({ number: 1, status: 'draft', signing: { canSign: true } });
    const wrong = await c.inspector!.send('POST', `/api/v1/meetings/${single}/protocol/addenda/signatures?addendumId=${addendum.id}`, { method: 'builtin', password: 'nope' });
    expect(wrong.statusCode).toBe(400);
    const signed = await c.inspector!.send('POST', `/api/v1/meetings/${single}/protocol/addenda/signatures?addendumId=${addendum.id}`, { method: 'builtin', password: 'demo' });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().addenda[0]).toMatchObject({ status: 'signed', signatures: [expect.objectContaining({ method: 'builtin_ed25519' })] });
    expect((await c.inspector!.send('POST', `/api/v1/meetings/${single}/protocol/addenda/signatures?addendumId=${addendum.id}`, { method: 'builtin', password: 'demo' })).statusCode).toBe(409);
    // Before signing, an addendum is refused: the draft is edited directly.
    expect((await c.inspector2!.send('POST', `/api/v1/meetings/${joint}/protocol/addenda`, { text: 'x' })).statusCode).toBe(409);
  });
});

describe('a joint meeting signed late, with a qualified signature (R-32.3)', () => {
  it('signed at 00:10 the next day (19:10 UTC, same UTC day) is late: refused without a reason, accepted with one; the status stays draft until both sign', async () => {
    t.clock.set(almaty(D1, '00:10'));
    const view = (await c.inspector2!.get(`/api/v1/meetings/${joint}/protocol`)).json();
    expect(view.pendingSigners).toHaveLength(2);
    expect(view.signing).toMatchObject({ lateReasonRequired: true });
    const refused = await c.inspector2!.send('POST', `/api/v1/meetings/${joint}/protocol/signatures`, { method: 'builtin', password: 'demo' });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'rule_violation', details: { reason: 'late_reason_required', rule: 'R-32.3', field: 'lateReason' } });
    const accepted = await c.inspector2!.send('POST', `/api/v1/meetings/${joint}/protocol/signatures`, { method: 'builtin', password: 'demo', lateReason: 'Кездесу кеш аяқталды, байланыс болмады' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'draft', timeliness: 'pending', pendingSigners: [expect.objectContaining({ fullName: expect.any(String) })], editable: false });
    expect((await c.inspector2!.get(`/api/v1/meetings/${joint}`)).json().status).toBe('held');
  });

  it('a qualified signature needs the inspector\'s IIN on record, and the certificate must name him (R-32.1)', async () => {
    const { signing } = (await c.inspector!.get(`/api/v1/meetings/${joint}/protocol`)).json();
    expect(signing).toMatchObject({ qualifiedAvailable: true, iinRecorded: false });
    const cms = await ncaLayerSign(ncalayer.url, signing.payload);
    const sign = () => c.inspector!.send('POST', `/api/v1/meetings/${joint}/protocol/signatures`, { method: 'ncalayer', cms, lateReason: 'Кеш аяқталды' });
    const unrecorded = await sign();
    expect(unrecorded.statusCode, unrecorded.body).toBe(422);
    expect(unrecorded.json().error).toMatchObject({ code: 'rule_violation', details: { reason: 'iin_not_recorded', rule: 'R-32.1' } });
    expect(unrecorded.json().error.message).toMatch(/ЖСН/);

    const staffId = (await t.database.db.select().from(users).where(eq(users.username, 'inspector')))[0]!.staffId!;
    const record = (client: Client, iin: string | null) => client.send('PUT', `/api/v1/staff/${staffId}/iin`, { iin });
    expect((await record(c.inspector!, pki.iin)).statusCode).toBe(403);
    const badDigit = await record(c.admin!, `${pki.iin.slice(0, 11)}${(Number(pki.iin[11]) + 1) % 10}`);
    expect(badDigit.statusCode, badDigit.body).toBe(400);
    expect(badDigit.json().error.details).toMatchObject({ reason: 'iin_invalid', field: 'iin' });
    expect((await record(c.admin!, '12345')).statusCode).toBe(400);

    // Somebody else's (valid) IIN: the certificate names another person.
    const other = await record(c.admin!, '900202400121');
    expect(other.statusCode, other.body).toBe(200);
    expect(other.json()).toMatchObject({ id: staffId, iinRecorded: true });
    expect(JSON.stringify(other.json())).not.toContain('900202400121');
    const mismatch = await sign();
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().error.details).toMatchObject({ reason: 'iin_mismatch' });

    // One IIN, one person.
    const inspector2Staff = (await t.database.db.select().from(users).where(eq(users.username, 'inspector2')))[0]!.staffId!;
    const taken = await c.admin!.send('PUT', `/api/v1/staff/${inspector2Staff}/iin`, { iin: '900202400121' });
    expect(taken.statusCode, taken.body).toBe(409);
    expect(taken.json().error.details).toMatchObject({ reason: 'iin_taken' });

    expect((await record(c.admin!, pki.iin)).statusCode).toBe(200);
    expect((await c.inspector!.get(`/api/v1/meetings/${joint}/protocol`)).json().signing).toMatchObject({ iinRecorded: true });
    const [entry] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'staff.iin')).orderBy(desc(auditLog.id)).limit(1);
    expect(entry!.after).toEqual({ iin: `••••••••${pki.iin.slice(-4)}` });
    expect(await t.database.db.select().from(protocolSignatures).where(eq(protocolSignatures.meetingId, joint))).toHaveLength(1);
  });

  it('a CMS the service calls invalid, or one over other data, is 422 and nothing is stored', async () => {
    const { signing } = (await c.inspector!.get(`/api/v1/meetings/${joint}/protocol`)).json();
    expect(signing).toMatchObject({ canSign: true, qualifiedAvailable: true });
    ncanode.forceInvalid = true;
    const cms = await ncaLayerSign(ncalayer.url, signing.payload);
    const invalid = await c.inspector!.send('POST', `/api/v1/meetings/${joint}/protocol/signatures`, { method: 'ncalayer', cms, lateReason: 'Кеш аяқталды' });
    expect(invalid.statusCode, invalid.body).toBe(422);
    expect(invalid.json().error.details).toMatchObject({ reason: 'signature_invalid' });
    ncanode.forceInvalid = false;
    const other = pki.sign(Buffer.from('басқа құжат'), { attached: true }).toString('base64');
    const mismatch = await c.inspector!.send('POST', `/api/v1/meetings/${joint}/protocol/signatures`, { method: 'ncalayer', cms: other, lateReason: 'Кеш аяқталды' });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().error.details).toMatchObject({ reason: 'hash_mismatch' });
    const detachedOther = pki.sign(Buffer.from('басқа құжат')).toString('base64');
    expect((await c.inspector!.send('POST', `/api/v1/meetings/${joint}/protocol/signatures`, { method: 'ncalayer', cms: detachedOther, lateReason: 'x' })).statusCode).toBe(422);
    expect(await t.database.db.select().from(protocolSignatures).where(eq(protocolSignatures.meetingId, joint))).toHaveLength(1);
  });

  it('the second inspector signs through NCALayer: the signature is recorded, the protocol signed late, the meeting "protocol signed"', async () => {
    const { signing } = (await c.inspector!.get(`/api/v1/meetings/${joint}/protocol`)).json();
    const cms = await ncaLayerSign(ncalayer.url, signing.payload);
    const response = await c.inspector!.send('POST', `/api/v1/meetings/${joint}/protocol/signatures`, { method: 'ncalayer', cms, lateReason: 'Кеш аяқталды' });
    expect(response.statusCode, response.body).toBe(200);
    const p = response.json();
    expect(p).toMatchObject({ status: 'signed', timeliness: 'late', pendingSigners: [] });
    expect(p.lateReason).toContain('Кездесу кеш аяқталды');
    expect(p.signatures.map((s: { method: string }) => s.method).sort()).toEqual(['builtin_ed25519', 'ncalayer_cms']);
    expect(p.signatures.find((s: { method: string }) => s.method === 'ncalayer_cms').certificateSubject).toContain(`IIN${pki.iin}`);
    expect((await c.inspector!.get(`/api/v1/meetings/${joint}`)).json().status).toBe('protocol_signed');
    const verification = (await t.app.inject({ method: 'GET', url: `/api/v1/public/protocols/${joint}/verification` })).json();
    expect(verification).toMatchObject({ valid: true, status: 'valid', late: true });
    expect(verification.signatures.every((s: { valid: boolean }) => s.valid)).toBe(true);
  });
});
