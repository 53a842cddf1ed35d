import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * What the HTTP counterparts (Telegram Bot API, SMS gateways, WhatsApp Cloud API) share: a
 * node:http server on a free loopback port, request parameters read the ways providers accept
 * them (query, form, JSON), and requests left hanging until the test closes the server.
 */

export interface FakeRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  /** Query and body parameters together (a JSON body's top level; nested values as they came). */
  params: Record<string, unknown>;
  /** The JSON body, when it was JSON. */
  json: unknown;
}

export type FakeHandler = (request: FakeRequest, reply: (status: number, body: unknown, headers?: Record<string, string>) => void) => void;

export interface HttpFake {
  url: string;
  close(): Promise<void>;
}

export async function startHttpFake(handler: FakeHandler): Promise<HttpFake> {
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://fake');
      const raw = Buffer.concat(chunks).toString('utf8');
      const type = request.headers['content-type'] ?? '';
      const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
      let json: unknown;
      if (type.includes('application/json') && raw) {
        try { json = JSON.parse(raw); } catch { json = undefined; }
        if (json && typeof json === 'object') Object.assign(params, json);
      } else if (raw) {
        Object.assign(params, Object.fromEntries(new URLSearchParams(raw)));
      }
      handler({ method: request.method ?? 'GET', url, headers: request.headers, params, json }, (status, body, headers = {}) => {
        response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        response.end(typeof body === 'string' ? body : JSON.stringify(body));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    // Hanging requests are cut off: the channel under test has long given up on them.
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}

/**
 * The failures a test has ordered, per address: a mode for the next `times` requests (every
 * request while `times` is unset), cleared with `null`.
 */
export class Failures<Mode extends string> {
  private readonly byAddress = new Map<string, { mode: Mode; left: number }>();

  set(address: string, mode: Mode | null, times = Infinity): void {
    if (mode === null) this.byAddress.delete(address);
    else this.byAddress.set(address, { mode, left: times });
  }

  /** The mode this request meets, counting it down. */
  take(address: string): Mode | undefined {
    const failure = this.byAddress.get(address);
    if (!failure) return undefined;
    failure.left -= 1;
    if (failure.left <= 0) this.byAddress.delete(address);
    return failure.mode;
  }
}
