import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { openssl, type TestPki } from './ncanode.fake.ts';

/*
 * A fake NCALayer: a WebSocket server on a free port speaking NCALayer's JSON protocol for the
 * module `kz.gov.pki.knca.basics`. On open it greets with `{"result":{"version":"1.4"}}`; to
 * `{ module, method: 'sign', args: { format: 'cms', data, signingParams: { decode, encapsulate,
 * digested } } }` it answers `{ status: true, body: { result: ["<base64 CMS>"] } }` signed with
 * the test PKI's key (or `{ status: false, code, message }`). The real NCALayer listens on
 * wss://127.0.0.1:13579 with the user's key on a token or a PKCS#12 file; this one speaks plain
 * ws:// on a free port of 127.0.0.1 by default, or, with `tls`, wss:// with a self-signed
 * certificate for IP 127.0.0.1 (made with openssl in the PKI's directory; `certificate` is its PEM,
 * for a client that trusts it) — with `port: 13579` that is the very address the page uses, for a
 * browser that ignores certificate errors. The `ws` package is not installed, so the RFC 6455
 * framing (text frames, masking, close) is written out here for both the server and the test's client.
 */

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

function frame(text: string, mask: boolean, opcode = 0x1): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const head: number[] = [0x80 | opcode];
  const m = mask ? 0x80 : 0;
  if (payload.length < 126) head.push(m | payload.length);
  else if (payload.length < 65536) head.push(m | 126, payload.length >> 8, payload.length & 0xff);
  else {
    head.push(m | 127, 0, 0, 0, 0);
    head.push((payload.length >>> 24) & 0xff, (payload.length >>> 16) & 0xff, (payload.length >>> 8) & 0xff, payload.length & 0xff);
  }
  if (!mask) return Buffer.concat([Buffer.from(head), payload]);
  const key = randomBytes(4);
  const masked = Buffer.from(payload.map((b, i) => b ^ key[i % 4]!));
  return Buffer.concat([Buffer.from(head), key, masked]);
}

/** Reads whole text frames off a socket (single-frame messages, which is all NCALayer sends). */
function onFrames(socket: Socket, handle: (opcode: number, text: string) => void, initial: Buffer = Buffer.alloc(0)) {
  let buffer = initial;
  const drain = () => {
    for (;;) {
      if (buffer.length < 2) return;
      const opcode = buffer[0]! & 0x0f;
      const masked = (buffer[1]! & 0x80) !== 0;
      let length = buffer[1]! & 0x7f;
      let at = 2;
      if (length === 126) { if (buffer.length < 4) return; length = buffer.readUInt16BE(2); at = 4; }
      else if (length === 127) { if (buffer.length < 10) return; length = Number(buffer.readBigUInt64BE(2)); at = 10; }
      const keyAt = at;
      if (masked) at += 4;
      if (buffer.length < at + length) return;
      let payload = buffer.subarray(at, at + length);
      if (masked) { const key = buffer.subarray(keyAt, keyAt + 4); payload = Buffer.from(payload.map((b, i) => b ^ key[i % 4]!)); }
      buffer = buffer.subarray(at + length);
      handle(opcode, payload.toString('utf8'));
    }
  };
  socket.on('data', (chunk: Buffer) => { buffer = Buffer.concat([buffer, chunk]); drain(); });
  drain();
}

export interface NcaLayerFake {
  url: string;
  /** With `tls`: the server's self-signed certificate (PEM). */
  certificate?: string;
  /** Requests received, as parsed JSON. */
  requests: unknown[];
  /** Answer as if the user pressed "Cancel". */
  cancel: boolean;
  close(): Promise<void>;
}

/** A self-signed certificate for IP 127.0.0.1 (what NCALayer's own local certificate stands for). */
function localhostCertificate(dir: string): { key: string; cert: string } {
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'ncalayer.key', '-out', 'ncalayer.pem',
    '-days', '30', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], dir);
  return { key: readFileSync(join(dir, 'ncalayer.key'), 'utf8'), cert: readFileSync(join(dir, 'ncalayer.pem'), 'utf8') };
}

export async function startNcaLayerFake(pki: TestPki, options: { tls?: boolean; port?: number } = {}): Promise<NcaLayerFake> {
  const sockets = new Set<Socket>();
  const fake: NcaLayerFake = { url: '', requests: [], cancel: false, close: async () => {} };
  const refuse = (_req: IncomingMessage, res: ServerResponse) => { res.writeHead(426); res.end(); };
  let server: Server | TlsServer;
  if (options.tls) {
    const { key, cert } = localhostCertificate(pki.dir);
    fake.certificate = cert;
    server = createTlsServer({ key, cert }, refuse);
  } else {
    server = createServer(refuse);
  }
  server.on('upgrade', (request, socket: Socket, head: Buffer) => {
    const key = request.headers['sec-websocket-key'];
    if (typeof key !== 'string') { socket.destroy(); return; }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.write(['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade',
      `Sec-WebSocket-Accept: ${createHash('sha1').update(key + GUID).digest('base64')}`, '', ''].join('\r\n'));
    socket.write(frame(JSON.stringify({ result: { version: '1.4' } }), false));
    onFrames(socket, (opcode, text) => {
      if (opcode === 0x8) { socket.end(frame('', false, 0x8)); return; }
      if (opcode !== 0x1 || text === '--heartbeat--') return;
      let message: { module?: string; method?: string; args?: { format?: string; data?: string; signingParams?: { decode?: unknown; encapsulate?: unknown } } };
      try { message = JSON.parse(text); } catch { return; }
      fake.requests.push(message);
      const reply = (body: unknown) => socket.write(frame(JSON.stringify(body), false));
      if (message.module !== 'kz.gov.pki.knca.basics') return reply({ status: false, code: 'MODULE_NOT_FOUND', message: `module ${message.module}` });
      if (message.method !== 'sign') return reply({ status: false, code: 'METHOD_NOT_FOUND', message: `method ${message.method}` });
      if (fake.cancel) return reply({ status: false, code: 'USER_CANCELED', message: 'Cancelled' });
      const args = message.args ?? {};
      if ((args.format ?? 'cms') !== 'cms' || typeof args.data !== 'string') return reply({ status: false, code: 'INVALID_ARGS', message: 'cms format and data expected' });
      const decode = String(args.signingParams?.decode ?? 'true') === 'true';
      const data = decode ? Buffer.from(args.data, 'base64') : Buffer.from(args.data, 'utf8');
      const cms = pki.sign(data, { attached: String(args.signingParams?.encapsulate ?? 'true') === 'true' });
      return reply({ status: true, body: { result: [cms.toString('base64')] } });
    }, head);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => { server.off('error', reject); resolve(); });
  });
  fake.url = `${options.tls ? 'wss' : 'ws'}://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  fake.close = () => new Promise((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); });
  return fake;
}

/**
 * What the browser does: open the socket, wait for the greeting, send `sign` for the payload
 * (base64, decode: true) and read the CMS from `body.result[0]`. A wss:// address is reached
 * over TLS, trusting `ca` (the fake's `certificate`) when given and any certificate otherwise.
 */
export async function ncaLayerSign(url: string, payloadBase64: string, options: { encapsulate?: boolean; ca?: string } = {}): Promise<string> {
  const { hostname, port, protocol } = new URL(url);
  const secure = protocol === 'wss:';
  const socket: Socket = secure
    ? tlsConnect({ host: hostname, port: Number(port), ...(options.ca ? { ca: options.ca } : { rejectUnauthorized: false }) })
    : connect(Number(port), hostname);
  try {
    return await new Promise<string>((resolve, reject) => {
      socket.once('error', reject);
      socket.once(secure ? 'secureConnect' : 'connect', () => {
        socket.write(['GET / HTTP/1.1', `Host: ${hostname}:${port}`, 'Upgrade: websocket', 'Connection: Upgrade',
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`, 'Sec-WebSocket-Version: 13', '', ''].join('\r\n'));
      });
      let handshake = Buffer.alloc(0);
      const onHandshake = (chunk: Buffer) => {
        handshake = Buffer.concat([handshake, chunk]);
        const end = handshake.indexOf('\r\n\r\n');
        if (end < 0) return;
        socket.off('data', onHandshake);
        if (!handshake.subarray(0, end).toString().startsWith('HTTP/1.1 101')) { reject(new Error('no WebSocket upgrade')); return; }
        let greeted = false;
        onFrames(socket, (_opcode, text) => {
          const message = JSON.parse(text) as { result?: { version?: string }; status?: boolean; body?: { result?: string[] }; code?: string; message?: string };
          if (!greeted) {
            greeted = true;
            socket.write(frame(JSON.stringify({
              module: 'kz.gov.pki.knca.basics', method: 'sign',
              args: {
                allowedStorages: ['PKCS12'], format: 'cms', data: payloadBase64,
                signingParams: { decode: true, encapsulate: options.encapsulate ?? false, digested: false, tsaProfile: {} },
                signerParams: { extKeyUsageOids: ['1.3.6.1.5.5.7.3.4'], chain: [] }, locale: 'ru',
              },
            }), true));
            return;
          }
          if (message.status && message.body?.result?.[0]) resolve(message.body.result[0]);
          else reject(new Error(`NCALayer: ${message.code ?? ''} ${message.message ?? ''}`));
        }, handshake.subarray(end + 4));
      };
      socket.on('data', onHandshake);
    });
  } finally {
    socket.end(frame('', true, 0x8));
    socket.destroy();
  }
}
