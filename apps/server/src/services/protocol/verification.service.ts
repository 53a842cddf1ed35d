import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Verification } from '@esep/contracts';
import { addendaOf, meetingRow, protocolRow, signaturesOf, type Executor, type ProtocolSignatureRow } from '@esep/db';
import { addendumHash, signerFor, type Signers } from './signature.service.ts';
import { contentHashOf } from './protocol.service.ts';
import { sha256hex, signingPayload } from './signer.ts';

/*
 * anyone holding the QR code can check that a signed protocol is what was signed. The
 * content hash is recomputed from the stored content, every signature is checked against the
 * payload rebuilt from it (Ed25519 with the stored public key; a qualified CMS through the
 * NCANode service), and the stored PDFs are hashed again. A change of one character anywhere
 * makes it "altered".
 */

type Checked = Verification['signatures'][number];

async function checkSignature(signers: Signers, s: ProtocolSignatureRow, candidates: Buffer[]): Promise<Checked> {
  // The signed payload must be one rebuilt from the record as it is now…
  const payload = candidates.find((p) => sha256hex(p) === s.signedHash);
  // …and the signature must hold over it.
  const valid = payload ? await signerFor(signers, s.method).verify({ signature: s.signature, publicKey: s.publicKey }, payload) : false;
  return { signerName: s.signerName, method: s.method, signedAt: s.signedAt.toISOString(), valid };
}

async function fileHash(dataDir: string, name: string | null): Promise<string | null> {
  if (!name || !/^[0-9a-f]{64}\.pdf$/.test(name)) return null;
  try {
    return sha256hex(await readFile(join(dataDir, 'files', name)));
  } catch {
    return null;
  }
}

/** The verification of a meeting's protocol; null when the meeting has none. */
export async function verifyProtocol(db: Executor, signers: Signers, dataDir: string, meetingId: string): Promise<Verification | null> {
  const meeting = await meetingRow(db, meetingId);
  const protocol = meeting ? await protocolRow(db, meetingId) : null;
  if (!meeting || !protocol) return null;
  const signatures = await signaturesOf(db, meetingId);
  const addenda = await addendaOf(db, meetingId);
  const contentHashNow = contentHashOf(protocol.content);

  const variants = [
    signingPayload({ meetingId, contentHash: contentHashNow, pdfKkHash: protocol.pdfKkHash, pdfRuHash: protocol.pdfRuHash }),
    // Qualified signatures made before the PDFs' hashes were offered to the first signer cover the content alone.
    signingPayload({ meetingId, contentHash: contentHashNow }),
  ];
  const checked: Checked[] = [];
  for (const s of signatures.filter((x) => x.addendumId === null)) checked.push(await checkSignature(signers, s, variants));

  const addendaChecked: Verification['addenda'] = [];
  for (const a of addenda) {
    const now = addendumHash({ meetingId, number: a.number, text: a.text, protocolContentHash: protocol.contentHash ?? contentHashNow });
    const payload = signingPayload({ meetingId, addendumId: a.id, contentHash: now });
    const sigs: Checked[] = [];
    for (const s of signatures.filter((x) => x.addendumId === a.id)) sigs.push(await checkSignature(signers, s, [payload]));
    addendaChecked.push({ number: a.number, status: a.status, contentHashStored: a.contentHash, contentHashNow: now, signatures: sigs });
  }

  // The stored public PDFs still hash to what was recorded (a missing file cannot be checked).
  const [kkNow, ruNow] = [await fileHash(dataDir, protocol.pdfKkFile), await fileHash(dataDir, protocol.pdfRuFile)];
  const pdfChecks = [[kkNow, protocol.pdfKkHash], [ruNow, protocol.pdfRuHash]].filter(([now, stored]) => now != null && stored != null);
  const pdfIntact = pdfChecks.length ? pdfChecks.every(([now, stored]) => now === stored) : null;

  const all = [...checked, ...addendaChecked.flatMap((a) => a.signatures)];
  const altered = (protocol.contentHash != null && protocol.contentHash !== contentHashNow)
    || all.some((s) => s.valid === false) || pdfIntact === false
    || addendaChecked.some((a) => a.contentHashStored !== a.contentHashNow);
  const status: Verification['status'] = altered ? 'altered'
    : protocol.status !== 'signed' ? 'unsigned'
    : all.some((s) => s.valid === null) ? 'unverifiable' : 'valid';
  return {
    valid: status === 'valid', status,
    meetingNumber: meeting.number, meetingDate: meeting.startDate,
    contentHashStored: protocol.contentHash, contentHashNow,
    pdfHashes: { kk: protocol.pdfKkHash, ru: protocol.pdfRuHash }, pdfIntact,
    signedAt: protocol.signedAt?.toISOString() ?? null, late: protocol.late,
    signatures: checked, addenda: addendaChecked,
  };
}
