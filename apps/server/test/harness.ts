import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '@esep/db';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import type { Channels } from '../src/notifications/channel.ts';
import { TestClock } from './clock.ts';
import { testDatabase } from './database.ts';

export interface TestApp {
  app: FastifyInstance;
  database: Database & { url?: string };
  /** The server's clock: follows the wall clock until the test sets it. */
  clock: TestClock;
  close(): Promise<void>;
}

export async function testApp(overrides: Partial<Config> = {}, clock = new TestClock(), options: { channels?: Channels } = {}): Promise<TestApp> {
  const database = await testDatabase();
  // Stored files (publication proofs) go to a private temporary folder.
  const dataDir = mkdtempSync(join(tmpdir(), 'esep-test-'));
  const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv), dataDir, ...overrides };
  const app = await buildApp({ config, database, logger: false, clock, ...(options.channels ? { channels: options.channels } : {}) });
  await app.ready();
  return {
    app, database, clock,
    async close() { await app.close(); await database.close(); rmSync(dataDir, { recursive: true, force: true }); },
  };
}

/** A logged-in client using the session cookie and CSRF token, as the browser does. */
export interface Client {
  username: string;
  user: { id: string; role: string; staffId: string | null; territoryId: string | null };
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  send(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export async function login(app: FastifyInstance, username: string, password = 'demo'): Promise<Client> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`login ${username}: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'esep_session')!;
  const { user, csrfToken } = response.json() as { user: Client['user']; csrfToken: string };
  const cookies = { esep_session: cookie.value };
  return {
    username,
    user,
    get: (url, headers = {}) => app.inject({ method: 'GET', url, cookies, headers }),
    send: (method, url, body, headers = {}) => app.inject({ method, url, cookies, payload: body as never, headers: { 'x-csrf-token': csrfToken, ...headers } }),
  };
}
