import { afterEach, describe, expect, it, vi } from 'vitest';
import { hexToBase64, NCALAYER_MODULE, NCALAYER_URL, NcaLayerError, signWithNcaLayer } from './ncalayer.ts';

/** A stand-in for the browser's WebSocket: records what is sent, lets the test answer. */
class FakeSocket {
  static last: FakeSocket | null = null;
  sent: string[] = [];
  closed = false;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.last = this;
  }
  send(data: string) { this.sent.push(data); }
  close() { this.closed = true; }
  answer(body: unknown) { this.onmessage?.({ data: JSON.stringify(body) }); }
}

const HASH = 'a'.repeat(64);

function start(options: Partial<Parameters<typeof signWithNcaLayer>[0]> = {}) {
  vi.stubGlobal('WebSocket', FakeSocket);
  const promise = signWithNcaLayer({ data: hexToBase64(HASH), locale: 'kk', ...options });
  const socket = FakeSocket.last!;
  return { promise, socket };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  FakeSocket.last = null;
});

describe('NCALayer client', () => {
  it('asks module kz.gov.pki.knca.basics to sign in CMS format and returns the signature', async () => {
    const { promise, socket } = start();
    expect(socket.url).toBe(NCALAYER_URL);
    socket.onopen?.();
    const message = JSON.parse(socket.sent[0]!);
    expect(message).toMatchObject({ module: NCALAYER_MODULE, method: 'sign', args: { format: 'cms', data: hexToBase64(HASH), locale: 'kk' } });
    expect(message.args.signingParams).toEqual({ decode: true, encapsulate: true, digested: false });
    // NCALayer 1.x says its version first; that is not the answer.
    socket.answer({ result: { version: '1.4' } });
    socket.answer({ status: true, body: { result: ['MIICMS=='] } });
    await expect(promise).resolves.toBe('MIICMS==');
    expect(socket.closed).toBe(true);
  });

  it('reports that NCALayer is not running when the socket cannot be opened', async () => {
    const { promise, socket } = start();
    socket.onerror?.();
    await expect(promise).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('tells a cancelled key window from an error NCALayer reports', async () => {
    const first = start();
    first.socket.onopen?.();
    first.socket.answer({ status: true, body: {} });
    await expect(first.promise).rejects.toMatchObject({ kind: 'cancelled' });

    const second = start();
    second.socket.onopen?.();
    second.socket.answer({ status: false, code: '500', message: 'Certificate expired' });
    const error = await second.promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NcaLayerError);
    expect(error).toMatchObject({ kind: 'refused' });
    expect((error as Error).message).toContain('Certificate expired');
  });

  it('gives up after the wait', async () => {
    vi.useFakeTimers();
    const { promise, socket } = start({ timeoutMs: 1000 });
    socket.onopen?.();
    vi.advanceTimersByTime(1001);
    await expect(promise).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('encodes a hex SHA-256 as the base64 of its 32 bytes', () => {
    expect(hexToBase64('00ff10')).toBe('AP8Q');
    expect(atob(hexToBase64(HASH)).length).toBe(32);
  });
});
