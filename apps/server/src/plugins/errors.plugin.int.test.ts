import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constraintViolation, insertUser, staff, userByUsername, users } from '@esep/db';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { TestClock } from '../../test/clock.ts';
import { testDatabase } from '../../test/database.ts';

/*
 * A write a database constraint refuses answers 409 `conflict` naming the constraint and its
 * fields, on PGlite and on PostgreSQL alike, wherever no service checked first: the general
 * mapping of the error plugin. Routes made for the test write what a racing request would.
 */
let app: FastifyInstance;
let close: () => Promise<void>;

beforeAll(async () => {
  const database = await testDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'esep-errors-'));
  app = await buildApp({ config: { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv), dataDir }, database, logger: false, clock: new TestClock() });
  const values = (over: Partial<typeof users.$inferInsert>) => ({ username: 'admin', displayName: 'Екінші', role: 'admin' as const, ...over });
  app.post('/test/duplicate-username', async () => insertUser(app.db, values({})));
  app.post('/test/missing-staff', async () => insertUser(app.db, values({ username: 'no.staff', staffId: '00000000-0000-4000-8000-000000000000' })));
  app.post('/test/referenced-staff', async () => {
    const admin = (await userByUsername(app.db, 'inspector'))!;
    await app.db.delete(staff).where(eq(staff.id, admin.staffId!));
  });
  await app.ready();
  close = async () => { await app.close(); await database.close(); rmSync(dataDir, { recursive: true, force: true }); };
});
afterAll(async () => { await close(); });

describe('database constraints answer 409, never 500', () => {
  it('a unique violation (23505): conflict, already_exists, with the constraint and the field', async () => {
    const response = await app.inject({ method: 'POST', url: '/test/duplicate-username' });
    expect(response.statusCode, response.body).toBe(409);
    expect(response.json().error).toMatchObject({ code: 'conflict', details: { reason: 'already_exists', constraint: 'users_username_unique', fields: ['username'] } });
  });

  it('a foreign key naming a missing record (23503): conflict, missing_reference', async () => {
    const response = await app.inject({ method: 'POST', url: '/test/missing-staff' });
    expect(response.statusCode, response.body).toBe(409);
    expect(response.json().error.details).toMatchObject({ reason: 'missing_reference', fields: ['staffId'] });
  });

  it('deleting a record others still name (23503): conflict, still_referenced', async () => {
    const response = await app.inject({ method: 'POST', url: '/test/referenced-staff' });
    expect(response.statusCode, response.body).toBe(409);
    expect(response.json().error.details).toMatchObject({ reason: 'still_referenced' });
  });

  it('reads the violation however drizzle wraps the driver\'s error, and never the values', async () => {
    let caught: unknown;
    try { await insertUser(app.db, { username: 'admin', displayName: 'Сейітқали', role: 'admin' }); } catch (error) { caught = error; }
    const violation = constraintViolation(caught);
    expect(violation).toEqual({ kind: 'unique', constraint: 'users_username_unique', fields: ['username'] });
    expect(JSON.stringify(violation)).not.toContain('Сейітқали');
    expect(constraintViolation(new Error('other'))).toBeNull();
  });
});
