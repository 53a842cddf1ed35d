import { z } from 'zod';
import { IsoDate } from './list.contract.ts';
import { ProtocolContent } from './protocol.contract.ts';
import { OptionalText, PlainText } from './text.contract.ts';

/*
 * the protocol as the inspector sees it, its signatures (built-in Ed25519 or
 * Kazakhstan's qualified signature through NCALayer), addenda after signing, and the public
 * verification of a signed protocol.
 */
export const SIGNATURE_METHOD_VALUES = ['builtin_ed25519', 'ncalayer_cms'] as const;
export const TIMELINESS_VALUES = ['on_time', 'late', 'pending'] as const;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const Instant = z.iso.datetime({ offset: true });

export const Signature = z.object({
  id: z.uuid(),
  addendumId: z.uuid().nullable(),
  staffId: z.uuid(),
  signerName: z.string(),
  method: z.enum(SIGNATURE_METHOD_VALUES),
  signedAt: Instant,
  /** SHA-256 (hex) of the signed payload (the canonical document of the hashes). */
  signedHash: Sha256,
  /** For a qualified signature: the certificate's subject as the verification service read it. */
  certificateSubject: z.string().nullable(),
}).meta({ id: 'ProtocolSignature' });

const Signer = z.object({ staffId: z.uuid(), fullName: z.string(), signed: z.boolean(), signedAt: Instant.nullable() });

/** What a signer signs: the payload (base64 of canonical JSON) and its SHA-256, for NCALayer. */
const Signing = z.object({
  payload: z.string(),
  payloadHash: Sha256,
  /** The current user is a reporting inspector who has not signed this document yet. */
  canSign: z.boolean(),
  /** signing now would be late, so a reason is required. */
  lateReasonRequired: z.boolean(),
  /** The server is configured to verify qualified signatures (ESEP_NCANODE_URL). */
  qualifiedAvailable: z.boolean(),
  /** the signer's IIN is recorded, so a qualified certificate can be matched to him. */
  iinRecorded: z.boolean(),
}).meta({ id: 'ProtocolSigning' });

export const Addendum = z.object({
  id: z.uuid(),
  number: z.number().int(),
  text: z.string(),
  contentHash: Sha256,
  status: z.enum(['draft', 'signed']),
  createdAt: Instant,
  signers: z.array(Signer),
  signatures: z.array(Signature),
  signing: Signing.nullable(),
}).meta({ id: 'ProtocolAddendum' });

export const ProtocolView = z.object({
  meetingId: z.uuid(),
  meetingNumber: z.string(),
  meetingDate: IsoDate,
  status: z.enum(['draft', 'signed']),
  version: z.number().int(),
  content: ProtocolContent,
  contentHash: Sha256.nullable(),
  pdfHashes: z.object({ kk: Sha256.nullable(), ru: Sha256.nullable() }),
  signedAt: Instant.nullable(),
  /** on the meeting day (Asia/Almaty), later, or not signed yet. */
  timeliness: z.enum(TIMELINESS_VALUES),
  lateReason: z.string().nullable(),
  verifyUrl: z.string(),
  /** The reporting inspectors (each signs) and who still has to. */
  signers: z.array(Signer),
  pendingSigners: z.array(z.object({ staffId: z.uuid(), fullName: z.string() })),
  signatures: z.array(Signature),
  addenda: z.array(Addendum),
  reminders: z.array(z.object({ kind: z.string(), dueAt: Instant, sentAt: Instant.nullable() })),
  signing: Signing.nullable(),
  /** A draft the current user may edit. */
  editable: z.boolean(),
}).meta({ id: 'Protocol' });
export type ProtocolView = z.infer<typeof ProtocolView>;

const LateReason = OptionalText(2000);

/** Built-in: the user's password again. Qualified: the CMS NCALayer produced over the payload. */
export const SignBody = z.discriminatedUnion('method', [
  z.object({ method: z.literal('builtin'), password: z.string().min(1).max(1000), lateReason: LateReason }).strict(),
  z.object({ method: z.literal('ncalayer'), cms: z.string().min(16).max(200_000).regex(/^[A-Za-z0-9+/=\s]+$/, 'base64'), lateReason: LateReason }).strict(),
]).meta({ id: 'ProtocolSign' });
export type SignBody = z.infer<typeof SignBody>;

export const AddendumBody = z.object({ text: PlainText(10_000) }).strict().meta({ id: 'ProtocolAddendumBody' });
export const AddendumQuery = z.object({ addendumId: z.uuid() }).strict();

const CheckedSignature = z.object({
  signerName: z.string(), method: z.enum(SIGNATURE_METHOD_VALUES), signedAt: Instant,
  /** null: the qualified-signature verification service could not be reached. */
  valid: z.boolean().nullable(),
});

export const Verification = z.object({
  /** The content and every signature are as signed. */
  valid: z.boolean(),
  /** valid / altered (a hash or signature does not match) / unsigned / unverifiable (a service was unreachable). */
  status: z.enum(['valid', 'altered', 'unsigned', 'unverifiable']),
  meetingNumber: z.string(),
  meetingDate: IsoDate,
  contentHashStored: Sha256.nullable(),
  contentHashNow: Sha256,
  pdfHashes: z.object({ kk: Sha256.nullable(), ru: Sha256.nullable() }),
  /** The stored PDF files still have the recorded hashes (null: none stored). */
  pdfIntact: z.boolean().nullable(),
  signedAt: Instant.nullable(),
  late: z.boolean().nullable(),
  signatures: z.array(CheckedSignature),
  addenda: z.array(z.object({ number: z.number().int(), status: z.enum(['draft', 'signed']), contentHashStored: Sha256, contentHashNow: Sha256, signatures: z.array(CheckedSignature) })),
}).meta({ id: 'ProtocolVerification' });
export type Verification = z.infer<typeof Verification>;
