import { createCipheriv, createDecipheriv, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, hkdfSync, randomBytes, sign as edSign, verify as edVerify } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { insertSigningKey, signerAccount, signingKeyOf, type Executor } from '@esep/db';
import { canonicalJson } from '@esep/domain';
import { AppError } from '../../http/app-error.ts';
import { verifyPassword } from '../password.ts';

/*
 * one `Signer` interface, two ways to sign a protocol.
 *
 * - BuiltinSigner (the embedded default): each user gets an Ed25519 key pair on first use; the
 *   private key is kept sealed with AES-256-GCM under the server key and unsealed only after the
 *   user re-enters his password. It signs the payload below, which names the SHA-256 of the
 *   protocol's canonical content and of its Kazakh and Russian PDFs.
 * - NcaNodeVerifier (Kazakhstan's qualified signature): the browser asks NCALayer
 *   (wss://127.0.0.1:13579, module kz.gov.pki.knca.basics, method sign) for a CMS (CAdES) over
 *   the same payload; the server has it checked by an NCANode-compatible service
 *   (POST {ESEP_NCANODE_URL}/cms/verify) and makes sure the CMS signs exactly this payload.
 */

export type SignatureMethod = 'builtin_ed25519' | 'ncalayer_cms';

export interface SignatureMaterial {
  method: SignatureMethod;
  /** Ed25519: base64 of the 64-byte signature. CMS: the base64 CMS itself. */
  signature: string;
  /** Ed25519: SPKI DER base64. CMS: the certificate's public key (or serial) as the service reported it. */
  publicKey: string;
  certificateSubject: string | null;
}

export interface SignRequest {
  userId: string;
  payload: Buffer;
  password?: string;
  cms?: string;
  /** The signer's recorded IIN: a qualified certificate must name exactly this person. */
  expectedIin?: string | null;
}

export interface Signer {
  readonly method: SignatureMethod;
  /** Makes (built-in) or accepts (qualified) a signature of the payload; refusals are AppErrors. */
  sign(db: Executor, request: SignRequest): Promise<SignatureMaterial>;
  /** Checks a stored signature against the payload as it is recomputed now; null = could not check. */
  verify(stored: { signature: string; publicKey: string }, payload: Buffer): Promise<boolean | null>;
}

export const sha256hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/**
 * What is signed: a small canonical JSON document naming the meeting (or addendum) and the
 * SHA-256 of what it covers. The same inputs always give the same bytes.
 */
export function signingPayload(input: {
  meetingId: string; addendumId?: string | null; contentHash: string; pdfKkHash?: string | null; pdfRuHash?: string | null;
}): Buffer {
  const doc: Record<string, unknown> = {
    kind: input.addendumId ? 'esep-protocol-addendum' : 'esep-protocol', version: 1, meetingId: input.meetingId, contentHash: input.contentHash,
  };
  if (input.addendumId) doc.addendumId = input.addendumId;
  if (input.pdfKkHash && input.pdfRuHash) doc.documents = { pdfKk: input.pdfKkHash, pdfRu: input.pdfRuHash };
  return Buffer.from(canonicalJson(doc), 'utf8');
}

// ---------------------------------------------------------------- server key and sealing

const keyCache = new Map<string, Buffer>();

/**
 * The 256-bit key sealing private keys: derived (HKDF-SHA256) from ESEP_SIGNING_KEY, or in
 * development and tests from a random secret kept in DATA_DIR/signing.secret (created once,
 * mode 0600). Production refuses to run without ESEP_SIGNING_KEY.
 */
export function serverSealingKey(config: { env: string; dataDir: string; signingKey?: string | undefined }): Buffer {
  const cacheKey = config.signingKey ? `env:${createHash('sha256').update(config.signingKey).digest('hex')}` : `dir:${config.dataDir}`;
  const cached = keyCache.get(cacheKey);
  if (cached) return cached;
  let secret: Buffer;
  if (config.signingKey) {
    secret = Buffer.from(config.signingKey, 'utf8');
  } else {
    if (config.env === 'production') throw new Error('ESEP_SIGNING_KEY must be set in production');
    const file = join(config.dataDir, 'signing.secret');
    try {
      secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
    } catch {
      mkdirSync(config.dataDir, { recursive: true });
      const fresh = randomBytes(32).toString('hex');
      try { writeFileSync(file, fresh, { mode: 0o600, flag: 'wx' }); } catch { /* another process made it first */ }
      secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
    }
  }
  const key = Buffer.from(hkdfSync('sha256', secret, 'esep-signing-key', 'seal private keys v1', 32));
  keyCache.set(cacheKey, key);
  return key;
}

/** AES-256-GCM, bound to the user (associated data): iv(12) | tag(16) | ciphertext, base64. */
export function seal(key: Buffer, userId: string, plain: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(userId));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function unseal(key: Buffer, userId: string, sealed: string): Buffer {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(userId));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
}

// ---------------------------------------------------------------- messages

type Messages = Record<'kk' | 'ru' | 'en', string>;
export const SIGNER_MESSAGES = {
  wrong_password: {
    kk: 'Құпиясөз қате — хаттамаға қол қойылмады', ru: 'Неверный пароль — протокол не подписан', en: 'Wrong password — the protocol was not signed',
  },
  no_password: {
    kk: 'Бұл тіркелгіде құпиясөз жоқ: кіріктірілген қолтаңба қолжетімсіз', ru: 'У учётной записи нет пароля: встроенная подпись недоступна', en: 'The account has no password: the built-in signature is unavailable',
  },
  signature_invalid: {
    kk: 'Сапалы қолтаңба тексеруден өтпеді', ru: 'Квалифицированная подпись не прошла проверку', en: 'The qualified signature did not verify',
  },
  hash_mismatch: {
    kk: 'Қолтаңба осы хаттамаға емес, басқа деректерге қойылған', ru: 'Подпись поставлена не под этим протоколом, а под другими данными', en: 'The signature covers other data, not this protocol',
  },
  iin_mismatch: {
    kk: 'Сертификаттағы ЖСН қол қоюшының ЖСН-іне сәйкес келмейді', ru: 'ИИН в сертификате не совпадает с ИИН подписывающего', en: 'The certificate\'s IIN does not match the signer\'s',
  },
  certificate_revoked: {
    kk: 'ЭЦҚ сертификаты кері қайтарылған (OCSP): ол хаттамаға қол қоя алмайды',
    ru: 'Сертификат ЭЦП отозван (OCSP): им нельзя подписать протокол',
    en: 'The EDS certificate has been revoked (OCSP): it cannot sign the protocol',
  },
  iin_not_recorded: {
    kk: 'Сіздің ЖСН-іңіз Esep-те тіркелмеген: ЭЦҚ-мен қол қоюдан бұрын әкімшіге жазғызыңыз',
    ru: 'Ваш ИИН не записан в Esep: попросите администратора записать его, прежде чем подписывать ЭЦП',
    en: 'Your IIN is not recorded in Esep: ask the administrator to record it before signing with an EDS',
  },
  qualified_unavailable: {
    kk: 'Сапалы қолтаңбаны тексеру қызметі бапталмаған немесе қолжетімсіз', ru: 'Сервис проверки квалифицированной подписи не настроен или недоступен', en: 'The qualified signature verification service is not configured or unreachable',
  },
} satisfies Record<string, Messages>;

// ---------------------------------------------------------------- built-in signer

export class BuiltinSigner implements Signer {
  readonly method = 'builtin_ed25519' as const;
  constructor(private readonly sealingKey: () => Buffer) {}

  async sign(db: Executor, request: SignRequest): Promise<SignatureMaterial> {
    const account = await signerAccount(db, request.userId);
    if (!account?.passwordHash) throw new AppError('wrong_password', { reason: 'no_password' }, 400, SIGNER_MESSAGES.no_password);
    // The password is checked before anything is created or unsealed; it is never stored or logged.
    if (!request.password || !(await verifyPassword(account.passwordHash, request.password))) {
      throw new AppError('wrong_password', { reason: 'wrong_password', field: 'password' }, 400, SIGNER_MESSAGES.wrong_password);
    }
    const key = this.sealingKey();
    let stored = await signingKeyOf(db, request.userId);
    if (!stored) {
      const pair = generateKeyPairSync('ed25519');
      stored = await insertSigningKey(db, {
        userId: request.userId,
        publicKey: pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
        sealedPrivateKey: seal(key, request.userId, pair.privateKey.export({ type: 'pkcs8', format: 'der' })),
      });
    }
    const privateKey = createPrivateKey({ key: unseal(key, request.userId, stored.sealedPrivateKey), format: 'der', type: 'pkcs8' });
    const signature = edSign(null, request.payload, privateKey).toString('base64');
    return { method: this.method, signature, publicKey: stored.publicKey, certificateSubject: null };
  }

  async verify(stored: { signature: string; publicKey: string }, payload: Buffer): Promise<boolean> {
    try {
      const publicKey = createPublicKey({ key: Buffer.from(stored.publicKey, 'base64'), format: 'der', type: 'spki' });
      return edVerify(null, payload, publicKey, Buffer.from(stored.signature, 'base64'));
    } catch {
      return false;
    }
  }
}

// ---------------------------------------------------------------- qualified signature (NCALayer + NCANode)

/** The parts of NCANode v3's answer to POST /cms/verify that Esep reads. */
interface NcaNodeAnswer {
  status?: number;
  message?: string;
  valid?: boolean;
  signers?: Array<{ certificates?: Array<{
    valid?: boolean; serialNumber?: string; publicKey?: string; subject?: { commonName?: string; iin?: string; dn?: string };
    revocations?: Array<{ revoked?: boolean; by?: string; revocationTime?: string | null; reason?: string | null }>;
  }> }>;
}

export class NcaNodeVerifier implements Signer {
  readonly method = 'ncalayer_cms' as const;
  constructor(private readonly baseUrl: string | undefined, private readonly timeoutMs = 15_000) {}

  get available(): boolean { return Boolean(this.baseUrl); }

  /**
   * Asks the service; null when it is not configured or cannot be reached. Revocation (OCSP) is
   * checked when signing; a stored signature is verified without it, because a certificate
   * revoked after the protocol was signed does not undo that signature.
   */
  private async ask(cms: string, payload: Buffer, revocationCheck: string[]): Promise<NcaNodeAnswer | null> {
    if (!this.baseUrl) return null;
    try {
      const response = await fetch(new URL('cms/verify', this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        // `data`: the detached content the CMS must sign (NCANode checks the signature over it).
        body: JSON.stringify({ cms, data: payload.toString('base64'), revocationCheck }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (!response.ok && response.status >= 500) return null;
      return (await response.json()) as NcaNodeAnswer;
    } catch {
      return null;
    }
  }

  async sign(_db: Executor, request: SignRequest): Promise<SignatureMaterial> {
    if (!this.baseUrl) throw new AppError('rule_violation', { reason: 'qualified_unavailable', rule: null }, 422, SIGNER_MESSAGES.qualified_unavailable);
    // Without a recorded IIN nothing ties the certificate to the inspector: anyone's EDS would do.
    if (!request.expectedIin) throw new AppError('rule_violation', { reason: 'iin_not_recorded', rule: 'R-32.1', field: 'cms' }, 422, SIGNER_MESSAGES.iin_not_recorded);
    const cms = (request.cms ?? '').replace(/\s+/g, '');
    // An attached CMS must carry exactly this payload; a detached one is checked against it by the service.
    const content = cmsEncapsulatedContent(Buffer.from(cms, 'base64'));
    if (content === undefined) throw new AppError('rule_violation', { reason: 'signature_invalid', rule: 'R-32.1', field: 'cms' }, 422, SIGNER_MESSAGES.signature_invalid);
    if (content !== null && !content.equals(request.payload)) {
      throw new AppError('rule_violation', { reason: 'hash_mismatch', rule: 'R-32.1', field: 'cms' }, 422, SIGNER_MESSAGES.hash_mismatch);
    }
    const answer = await this.ask(cms, request.payload, ['OCSP']);
    if (!answer) throw new AppError('rule_violation', { reason: 'qualified_unavailable', rule: null }, 422, SIGNER_MESSAGES.qualified_unavailable);
    const certificate = answer.signers?.[0]?.certificates?.[0];
    // Said plainly, whatever `valid` says: a revoked certificate signs nothing.
    const revoked = certificate?.revocations?.find((r) => r.revoked);
    if (revoked) {
      throw new AppError('rule_violation', { reason: 'certificate_revoked', rule: 'R-32.1', field: 'cms', revokedAt: revoked.revocationTime ?? null }, 422, SIGNER_MESSAGES.certificate_revoked);
    }
    if (answer.valid !== true || !certificate) {
      throw new AppError('rule_violation', { reason: 'signature_invalid', rule: 'R-32.1', field: 'cms', service: answer.message ?? null }, 422, SIGNER_MESSAGES.signature_invalid);
    }
    const iin = certificate.subject?.iin ?? null;
    if (iin !== request.expectedIin) {
      throw new AppError('rule_violation', { reason: 'iin_mismatch', rule: 'R-32.1', field: 'cms' }, 422, SIGNER_MESSAGES.iin_mismatch);
    }
    const subject = certificate.subject?.dn ?? [certificate.subject?.commonName, iin ? `IIN${iin}` : null].filter(Boolean).join(', ');
    return { method: this.method, signature: cms, publicKey: certificate.publicKey ?? `serial:${certificate.serialNumber ?? 'unknown'}`, certificateSubject: subject || null };
  }

  async verify(stored: { signature: string }, payload: Buffer): Promise<boolean | null> {
    const content = cmsEncapsulatedContent(Buffer.from(stored.signature, 'base64'));
    if (content === undefined) return false;
    if (content !== null && !content.equals(payload)) return false;
    const answer = await this.ask(stored.signature, payload, []);
    if (!answer) return null;
    return answer.valid === true;
  }
}

// ---------------------------------------------------------------- a little DER

interface Tlv { tag: number; start: number; contentStart: number; end: number; indefinite: boolean }

function readTlv(buf: Buffer, at: number): Tlv {
  if (at + 2 > buf.length) throw new Error('truncated');
  const tag = buf[at]!;
  if ((tag & 0x1f) === 0x1f) throw new Error('high tag numbers are not used in CMS');
  const lengthByte = buf[at + 1]!;
  let pos = at + 2;
  if (lengthByte === 0x80) {
    // BER indefinite length: children until the end-of-contents octets.
    let child = pos;
    while (!(buf[child] === 0 && buf[child + 1] === 0)) child = readTlv(buf, child).end;
    return { tag, start: at, contentStart: pos, end: child + 2, indefinite: true };
  }
  let length = lengthByte;
  if (lengthByte & 0x80) {
    const n = lengthByte & 0x7f;
    if (n > 4 || pos + n > buf.length) throw new Error('bad length');
    length = 0;
    for (let i = 0; i < n; i += 1) length = length * 256 + buf[pos + i]!;
    pos += n;
  }
  if (pos + length > buf.length) throw new Error('truncated');
  return { tag, start: at, contentStart: pos, end: pos + length, indefinite: false };
}

function children(buf: Buffer, tlv: Tlv): Tlv[] {
  const out: Tlv[] = [];
  let at = tlv.contentStart;
  const stop = tlv.indefinite ? tlv.end - 2 : tlv.end;
  while (at < stop) {
    const child = readTlv(buf, at);
    out.push(child);
    at = child.end;
  }
  return out;
}

/** An OCTET STRING's bytes, primitive or constructed (BER chunks). */
function octets(buf: Buffer, tlv: Tlv): Buffer {
  if (tlv.tag === 0x04) return buf.subarray(tlv.contentStart, tlv.end);
  if (tlv.tag === 0x24) return Buffer.concat(children(buf, tlv).map((c) => octets(buf, c)));
  throw new Error('not an octet string');
}

const SIGNED_DATA_OID = Buffer.from([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]);

/**
 * The content a CMS SignedData carries: the bytes when attached, null when detached, undefined
 * when the input is not a SignedData at all.
 */
export function cmsEncapsulatedContent(der: Buffer): Buffer | null | undefined {
  try {
    const info = readTlv(der, 0);
    if (info.tag !== 0x30) return undefined;
    const [oid, explicit] = children(der, info);
    if (!oid || oid.tag !== 0x06 || !der.subarray(oid.contentStart, oid.end).equals(SIGNED_DATA_OID) || !explicit || explicit.tag !== 0xa0) return undefined;
    const signedData = children(der, explicit)[0];
    if (!signedData || signedData.tag !== 0x30) return undefined;
    const encap = children(der, signedData)[2];
    if (!encap || encap.tag !== 0x30) return undefined;
    const eContent = children(der, encap)[1];
    if (!eContent) return null;
    if (eContent.tag !== 0xa0) return undefined;
    const inner = children(der, eContent)[0];
    return inner ? octets(der, inner) : null;
  } catch {
    return undefined;
  }
}
