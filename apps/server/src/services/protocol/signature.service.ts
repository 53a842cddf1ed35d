import type { ProtocolContent, SignBody } from '@esep/contracts';
import {
  addendumById, insertAddendum, insertMeetingEvent, insertSignature, lateEntryOf, lockMeetingForNumbers, lockProtocol, markAddendumSigned, markVerdictsCarried, meetingRow,
  nextAddendumNumber, signatureBy, signaturesOf, staffIdOfUser, staffIinOf, updateMeetingRow, updateProtocolRow, type Tx,
} from '@esep/db';
import { fanOut } from '../subs/subscription.fanout.ts';
import { canonicalJson, lateEntryAllowsSigning, lateEntryMessage, signingTimeliness, transition } from '@esep/domain';
import { AppError, ruleRefusal } from '../../http/app-error.ts';
import { storeFile } from '../../storage/file.store.ts';
import { inTransaction, requireActor, type ServiceContext } from '../context.ts';
import { openFollowUps } from '../followup/check.service.ts';
import { contentHashOf, ensureProtocol, reportersOf, verifyUrlOf } from './protocol.service.ts';
import { publicPdfs, type PublicPdfs } from './signing-documents.ts';
import { BuiltinSigner, NcaNodeVerifier, serverSealingKey, sha256hex, signingPayload, type Signer } from './signer.ts';

/*
 * each reporting inspector signs the protocol; the first signature fixes its
 * content hash and its Kazakh and Russian PDFs, later ones sign the same hashes. When the last
 * reporter has signed, the protocol is signed, marked late or on time by the meeting day in
 * Asia/Almaty, and the meeting moves to "protocol signed".
 */

export interface Signers { builtin: BuiltinSigner; ncanode: NcaNodeVerifier }

export function signersFor(config: { env: string; dataDir: string; signingKey?: string | undefined; ncanodeUrl?: string | undefined }): Signers {
  return { builtin: new BuiltinSigner(() => serverSealingKey(config)), ncanode: new NcaNodeVerifier(config.ncanodeUrl) };
}

export function signerFor(signers: Signers, method: 'builtin_ed25519' | 'ncalayer_cms'): Signer {
  return method === 'builtin_ed25519' ? signers.builtin : signers.ncanode;
}

const M = {
  not_reporter: {
    kk: 'Хаттамаға кездесуде есеп берген учаскелік инспекторлар ғана қол қояды', ru: 'Протокол подписывают только отчитывавшиеся на встрече участковые инспекторы', en: 'Only the inspectors who reported at the meeting sign the protocol',
  },
  already_signed: {
    kk: 'Сіз бұл құжатқа қол қойып қойғансыз', ru: 'Вы уже подписали этот документ', en: 'You have already signed this document',
  },
  late_reason_required: {
    kk: 'Хаттамаға кездесу күні қол қойылуы тиіс (32-т. 3-б.). Кешігу себебін көрсетіңіз.',
    ru: 'Протокол подписывается в день встречи (п. 32 ч. 3). Укажите причину опоздания.',
    en: 'The protocol is signed on the meeting day (R-32.3). Give the reason for signing late.',
  },
  not_held: {
    kk: 'Хаттамаға өткізілген кездесу бойынша ғана қол қойылады', ru: 'Протокол подписывается только по проведённой встрече', en: 'The protocol is signed only for a meeting that was held',
  },
  not_signed_yet: {
    kk: 'Қосымша тек қол қойылған хаттамаға жасалады; жобаны тікелей өңдеңіз', ru: 'Дополнение составляется только к подписанному протоколу; черновик редактируется напрямую', en: 'An addendum is made only to a signed protocol; edit the draft directly',
  },
  addendum_signed: {
    kk: 'Бұл қосымшаға барлығы қол қойған', ru: 'Это дополнение уже подписано всеми', en: 'This addendum is already signed by everyone',
  },
} as const;

type Method = 'builtin_ed25519' | 'ncalayer_cms';
const methodOf = (body: SignBody): Method => (body.method === 'builtin' ? 'builtin_ed25519' : 'ncalayer_cms');

/** The signer's staff record, which must be one of the meeting's reporting inspectors. */
async function requireReporter(ctx: ServiceContext, tx: Tx, meetingId: string) {
  const actor = requireActor(ctx);
  const staffId = await staffIdOfUser(tx, actor.id);
  const { reporters } = await reportersOf(tx, meetingId);
  const me = reporters.find((r) => r.staffId === staffId);
  if (!staffId || !me) throw new AppError('forbidden', { reason: 'not_reporter', rule: 'R-32.1' }, 403, M.not_reporter);
  return { actor, staffId, me, reporters };
}

/** The qualified certificate must carry the IIN recorded for the signing staff member. */
async function signRequest(tx: Tx, body: SignBody, userId: string, staffId: string, payload: Buffer) {
  return body.method === 'builtin'
    ? { userId, payload, password: body.password }
    : { userId, payload, cms: body.cms, expectedIin: await staffIinOf(tx, staffId) };
}

/** a late signature needs its reason; the reasons given are kept with the protocol. */
function lateReasonFor(meetingDate: string, now: Date, given: string | null | undefined): string | null {
  if (signingTimeliness(meetingDate, now) !== 'late') return null;
  if (!given?.trim()) throw ruleRefusal({ reason: 'late_reason_required', rule: 'R-32.3', field: 'lateReason' }, M.late_reason_required, 422);
  return given.trim();
}

export interface SignOutcome { status: 'draft' | 'signed'; signatureId: string; signedHash: string; pending: number }

export async function signProtocol(ctx: ServiceContext, signers: Signers, dataDir: string, meetingId: string, body: SignBody): Promise<SignOutcome> {
  await ensureProtocol(ctx, meetingId);
  const now = ctx.now();
  const method = methodOf(body);
  return inTransaction(ctx, async (tx, audit) => {
    const locked = await lockMeetingForNumbers(tx, meetingId);
    if (!locked) throw new AppError('not_found');
    const meeting = (await meetingRow(tx, meetingId))!;
    const protocol = await lockProtocol(tx, meetingId);
    if (!protocol) throw new AppError('not_found');
    const { actor, staffId, me, reporters } = await requireReporter(ctx, tx, meetingId);
    if (await signatureBy(tx, meetingId, staffId, null)) throw new AppError('conflict', { reason: 'already_signed' }, 409, M.already_signed);
    if (protocol.status === 'signed' || meeting.status !== 'held') throw ruleRefusal({ reason: 'wrong_status', rule: 'R-32.1' }, M.not_held, 409);
    // the protocol of a meeting entered after the fact waits for the lead's confirmation.
    if (!lateEntryAllowsSigning((await lateEntryOf(tx, meetingId))?.status ?? null)) {
      throw ruleRefusal({ reason: 'late_entry_unconfirmed', rule: 'R-33' }, lateEntryMessage('late_entry_unconfirmed'), 409);
    }
    const lateReason = lateReasonFor(meeting.startDate, now, body.lateReason);

    const content = protocol.content as ProtocolContent;
    const first = protocol.contentHash == null;
    const contentHash = protocol.contentHash ?? contentHashOf(content);
    let pdfKk = protocol.pdfKkHash;
    let pdfRu = protocol.pdfRuHash;
    // The first signature fixes the public PDFs (rendered now, stored only once the signature
    // holds); being deterministic, they hash to what the signing dialog offered.
    let rendered: PublicPdfs | null = null;
    if (first || !pdfKk || !pdfRu) {
      rendered = await publicPdfs(content, verifyUrlOf(ctx, meetingId));
      pdfKk = sha256hex(rendered.kk);
      pdfRu = sha256hex(rendered.ru);
    }
    // Both signers sign the same payload: the content hash and both PDF hashes.
    const payload = signingPayload({ meetingId, contentHash, pdfKkHash: pdfKk, pdfRuHash: pdfRu });
    const material = await signerFor(signers, method).sign(tx, await signRequest(tx, body, actor.id, staffId, payload));
    const signature = await insertSignature(tx, {
      meetingId, addendumId: null, staffId, userId: actor.id, signerName: me.fullName, method,
      signedHash: sha256hex(payload), signature: material.signature, publicKey: material.publicKey, certificateSubject: material.certificateSubject, signedAt: now,
    });
    if (!signature) throw new AppError('conflict', { reason: 'already_signed' }, 409, M.already_signed);

    const patch: Parameters<typeof updateProtocolRow>[2] = { updatedBy: actor.id };
    if (first) patch.contentHash = contentHash;
    if (rendered) {
      patch.pdfKkFile = await storeFile(dataDir, rendered.kk, 'application/pdf');
      patch.pdfRuFile = await storeFile(dataDir, rendered.ru, 'application/pdf');
      patch.pdfKkHash = pdfKk;
      patch.pdfRuHash = pdfRu;
    }
    if (lateReason) patch.lateReason = protocol.lateReason && !protocol.lateReason.includes(lateReason) ? `${protocol.lateReason}\n${lateReason}` : protocol.lateReason ?? lateReason;
    const all = await signaturesOf(tx, meetingId);
    const pending = reporters.filter((r) => !all.some((s) => s.staffId === r.staffId && s.addendumId === null));
    if (pending.length === 0) {
      patch.status = 'signed';
      patch.signedAt = now;
      patch.late = signingTimeliness(meeting.startDate, now) === 'late';
    }
    await updateProtocolRow(tx, meetingId, patch, now);
    await audit({
      action: 'protocol.sign', entityType: 'meeting', entityId: meetingId,
      after: { method, staffId, signedHash: sha256hex(payload), contentHash, late: lateReason != null, pending: pending.length },
    });

    if (pending.length === 0) {
      const result = transition({
        status: meeting.status, startDate: meeting.startDate, started: true, publications: [], planProblems: [], protocolSigned: true, executionComplete: false,
      }, { action: 'signProtocol' });
      if (!result.ok) throw ruleRefusal(result.refusal, M.not_held, 409);
      await updateMeetingRow(tx, meetingId, { status: result.to }, now);
      await insertMeetingEvent(tx, { meetingId, action: 'signProtocol', fromStatus: meeting.status, toStatus: result.to, reason: patch.lateReason ?? null, actorId: actor.id, at: now });
      await audit({ action: 'meeting.signProtocol', entityType: 'meeting', entityId: meetingId, before: { status: meeting.status }, after: { status: result.to, late: patch.late } });
      // every item to check or to forward gets its check or forwarding now.
      const opened = await openFollowUps(tx, meetingId, ctx.today);
      if (opened.checks + opened.forwardings > 0) await audit({ action: 'followup.open', entityType: 'meeting', entityId: meetingId, after: opened });
      // Issue 13 (R-30): its report is now final; the residents' "not resolved" it carried stay with it.
      const carried = await markVerdictsCarried(tx, meetingId);
      if (carried > 0) await audit({ action: 'resident.verdict.carry', entityType: 'meeting', entityId: meetingId, after: { verdicts: carried } });
      // Issue 13: subscribers who want outcomes get the link to the district's outcomes page.
      await fanOut(tx, ctx, ctx.jobs, meetingId, 'outcomes');
    }
    return { status: pending.length === 0 ? 'signed' : 'draft', signatureId: signature.id, signedHash: signature.signedHash, pending: pending.length };
  });
}

/** The hash an addendum's signatures cover: its text, number and the protocol it amends. */
export function addendumHash(input: { meetingId: string; number: number; text: string; protocolContentHash: string }): string {
  return sha256hex(canonicalJson(input));
}

/** a change to a signed protocol is an addendum, signed like the protocol. */
export async function createAddendum(ctx: ServiceContext, meetingId: string, text: string) {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx, audit) => {
    const locked = await lockMeetingForNumbers(tx, meetingId);
    if (!locked) throw new AppError('not_found');
    const protocol = await lockProtocol(tx, meetingId);
    if (!protocol || protocol.status !== 'signed' || !protocol.contentHash) throw ruleRefusal({ reason: 'protocol_not_signed', rule: 'R-32.1' }, M.not_signed_yet, 409);
    const number = await nextAddendumNumber(tx, meetingId);
    const row = await insertAddendum(tx, {
      meetingId, number, text, contentHash: addendumHash({ meetingId, number, text, protocolContentHash: protocol.contentHash }), createdBy: actor.id,
    });
    await audit({ action: 'protocol.addendum', entityType: 'meeting', entityId: meetingId, after: { addendumId: row.id, number, contentHash: row.contentHash } });
    return row;
  });
}

export async function signAddendum(ctx: ServiceContext, signers: Signers, meetingId: string, addendumId: string, body: SignBody): Promise<SignOutcome> {
  const now = ctx.now();
  const method = methodOf(body);
  return inTransaction(ctx, async (tx, audit) => {
    const locked = await lockMeetingForNumbers(tx, meetingId);
    if (!locked) throw new AppError('not_found');
    const protocol = await lockProtocol(tx, meetingId);
    if (!protocol || protocol.status !== 'signed') throw ruleRefusal({ reason: 'protocol_not_signed', rule: 'R-32.1' }, M.not_signed_yet, 409);
    const addendum = await addendumById(tx, addendumId);
    if (!addendum || addendum.meetingId !== meetingId) throw new AppError('not_found');
    const { actor, staffId, me, reporters } = await requireReporter(ctx, tx, meetingId);
    if (await signatureBy(tx, meetingId, staffId, addendumId)) throw new AppError('conflict', { reason: 'already_signed' }, 409, M.already_signed);
    if (addendum.status === 'signed') throw new AppError('conflict', { reason: 'addendum_signed' }, 409, M.addendum_signed);
    const payload = signingPayload({ meetingId, addendumId, contentHash: addendum.contentHash });
    const material = await signerFor(signers, method).sign(tx, await signRequest(tx, body, actor.id, staffId, payload));
    const signature = await insertSignature(tx, {
      meetingId, addendumId, staffId, userId: actor.id, signerName: me.fullName, method,
      signedHash: sha256hex(payload), signature: material.signature, publicKey: material.publicKey, certificateSubject: material.certificateSubject, signedAt: now,
    });
    if (!signature) throw new AppError('conflict', { reason: 'already_signed' }, 409, M.already_signed);
    const all = await signaturesOf(tx, meetingId);
    const pending = reporters.filter((r) => !all.some((s) => s.staffId === r.staffId && s.addendumId === addendumId));
    if (pending.length === 0) await markAddendumSigned(tx, addendumId);
    await audit({ action: 'protocol.addendum.sign', entityType: 'meeting', entityId: meetingId, after: { addendumId, number: addendum.number, method, staffId, signedHash: signature.signedHash, pending: pending.length } });
    return { status: pending.length === 0 ? 'signed' : 'draft', signatureId: signature.id, signedHash: signature.signedHash, pending: pending.length };
  });
}
