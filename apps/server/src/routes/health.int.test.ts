import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testApp, type TestApp } from '../../test/harness.ts';
import { HEALTH_PROBE_EVERY_MS } from './health.routes.ts';

let t: TestApp;
beforeAll(async () => { t = await testApp(); });
afterAll(async () => { await t.close(); });

const health = () => t.app.inject({ method: 'GET', url: '/api/health' });

describe('GET /api/health', () => {
  it('answers from memory between probes and reports a failing database within one probe interval', async () => {
    t.clock.set(t.clock.now());
    try {
      const ok = await health();
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ status: 'ok', migration: { applied: expect.any(Number), latest: expect.any(String) } });
      // The probe's query fails from now on (its table is gone), as it would with the database down.
      await t.database.db.execute(sql`alter table drizzle.__drizzle_migrations rename to __drizzle_migrations_away`);
      try {
        expect((await health()).statusCode).toBe(200);
        t.clock.advance(HEALTH_PROBE_EVERY_MS);
        const failing = await health();
        expect(failing.statusCode).toBe(503);
        expect(failing.json().error.code).toBe('database_unavailable');
      } finally {
        await t.database.db.execute(sql`alter table drizzle.__drizzle_migrations_away rename to __drizzle_migrations`);
      }
      expect((await health()).statusCode).toBe(503);
      t.clock.advance(HEALTH_PROBE_EVERY_MS);
      expect((await health()).json()).toEqual(ok.json());
    } finally {
      t.clock.release();
    }
  });
});
