/**
 * Kazakhstan's qualified electronic signature (EDS) in the browser: NCALayer, the program of the
 * National Certification Centre that runs on the user's computer, listens on a local WebSocket.
 * The page sends it the data to sign; NCALayer asks for the key and its password in its own
 * window and answers with a CMS (CAdES) signature. The key never reaches Esep, and Esep never
 * asks for the key's password.
 *
 * Module `kz.gov.pki.knca.basics`, method `sign` (the current interface; the older
 * `commonUtils` module is deprecated).
 */
export const NCALAYER_URL = 'wss://127.0.0.1:13579';
export const NCALAYER_MODULE = 'kz.gov.pki.knca.basics';
/** Where people download NCALayer. */
export const NCALAYER_DOWNLOAD = 'https://pki.gov.kz/ncalayer/';
/** Extended key usage "signing" (not "authentication"): a document is signed with the SIGN key. */
const SIGNING_KEY_USAGE = '1.3.6.1.5.5.7.3.4';

export type NcaLayerFailure = 'unavailable' | 'cancelled' | 'refused' | 'timeout';

export class NcaLayerError extends Error {
  override readonly name = 'NcaLayerError';

  constructor(readonly kind: NcaLayerFailure, message: string) {
    super(message);
  }
}

export interface NcaLayerSignRequest {
  /** The data to sign, base64. */
  data: string;
  /** `decode`: NCALayer decodes `data` from base64 before signing; `encapsulate`: the CMS carries the data. */
  decode?: boolean;
  encapsulate?: boolean;
  /** `data` is already a digest (the hash), signed as is. */
  digested?: boolean;
  locale: 'kk' | 'ru' | 'en';
  /** For tests: another address (a fake NCALayer) and a shorter wait. */
  url?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** What the `sign` call sends over the socket. */
export function signMessage(request: NcaLayerSignRequest) {
  return {
    module: NCALAYER_MODULE,
    method: 'sign',
    args: {
      format: 'cms',
      data: request.data,
      signingParams: { decode: request.decode ?? true, encapsulate: request.encapsulate ?? true, digested: request.digested ?? false },
      signerParams: { extKeyUsageOids: [SIGNING_KEY_USAGE] },
      // NCALayer knows "kk", "ru" and "en".
      locale: request.locale,
    },
  };
}

interface NcaLayerAnswer {
  status?: boolean;
  code?: string;
  message?: string;
  details?: string;
  body?: { result?: unknown };
  result?: { version?: string };
}

/** The signature in an answer: `body.result` is one CMS or a list of them (one per document). */
function signatureOf(answer: NcaLayerAnswer): string | null {
  const result = answer.body?.result;
  const first = Array.isArray(result) ? result[0] : result;
  return typeof first === 'string' && first.length > 0 ? first : null;
}

/**
 * Asks NCALayer for a CMS signature over `data`. Rejects with `unavailable` when NCALayer is
 * not running (the socket cannot be opened), `cancelled` when the user closed its window,
 * `refused` when NCALayer answered with an error, `timeout` after the wait.
 */
export function signWithNcaLayer(request: NcaLayerSignRequest): Promise<string> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let opened = false;
    let socket: WebSocket;
    const finish = (error: NcaLayerError | null, cms?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', abort);
      try { socket?.close(); } catch { /* already closed */ }
      if (error) reject(error);
      else resolve(cms!);
    };
    const abort = () => finish(new NcaLayerError('cancelled', 'aborted'));
    // A person picks the key and types its password in NCALayer's window: wait generously.
    const timer = setTimeout(() => finish(new NcaLayerError('timeout', 'no answer from NCALayer')), request.timeoutMs ?? 5 * 60_000);
    if (request.signal?.aborted) { abort(); return; }
    request.signal?.addEventListener('abort', abort, { once: true });
    try {
      socket = new WebSocket(request.url ?? NCALAYER_URL);
    } catch {
      finish(new NcaLayerError('unavailable', 'cannot connect to NCALayer'));
      return;
    }
    socket.onopen = () => {
      opened = true;
      socket.send(JSON.stringify(signMessage(request)));
    };
    socket.onerror = () => finish(new NcaLayerError('unavailable', 'cannot connect to NCALayer'));
    socket.onclose = () => finish(new NcaLayerError(opened ? 'refused' : 'unavailable', 'NCALayer closed the connection'));
    socket.onmessage = (event: MessageEvent) => {
      let answer: NcaLayerAnswer;
      try {
        answer = JSON.parse(String(event.data)) as NcaLayerAnswer;
      } catch {
        finish(new NcaLayerError('refused', 'NCALayer sent something unreadable'));
        return;
      }
      // NCALayer 1.x greets with its version first.
      if (answer.result?.version) return;
      if (answer.status === false) {
        finish(new NcaLayerError('refused', [answer.code, answer.message, answer.details].filter(Boolean).join(': ') || 'NCALayer refused'));
        return;
      }
      const cms = signatureOf(answer);
      // `status: true` without a result: the user closed the key window.
      finish(cms ? null : new NcaLayerError('cancelled', 'signing cancelled in NCALayer'), cms ?? undefined);
    };
  });
}

/** Bytes to base64 (the hash NCALayer signs). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** A hex SHA-256 as base64 of its 32 bytes. */
export function hexToBase64(hex: string): string {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytesToBase64(bytes);
}
