import { openDatabase, type Db } from '@esep/db';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';
import { readerOf, type ServiceContext } from '../services/context.ts';

const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;

describe('DATABASE_READ_URL (issue 15, part 2)', () => {
  it('is optional: without it there is no replica and every read uses the primary', () => {
    const config = loadConfig(env({ DATABASE_URL: 'postgres://esep@db.example.kz/esep' }));
    expect(config.databaseReadUrl).toBeUndefined();
    const primary = {} as Db;
    const ctx = { db: primary } as ServiceContext;
    expect(readerOf(ctx)).toBe(primary);
  });

  it('is a PostgreSQL URL, given with DATABASE_URL, and never printed', () => {
    expect(loadConfig(env({ DATABASE_URL: 'postgres://esep@db/esep', DATABASE_READ_URL: 'postgres://esep@replica/esep' })).databaseReadUrl).toBe('postgres://esep@replica/esep');
    expect(() => loadConfig(env({ DATABASE_READ_URL: 'postgres://esep@replica/esep' }))).toThrow(ConfigError);
    expect(() => loadConfig(env({ DATABASE_READ_URL: 'postgres://esep@replica/esep' }))).toThrow(/^DATABASE_READ_URL is set without DATABASE_URL/);
    let message = '';
    try { loadConfig(env({ DATABASE_URL: 'postgres://esep@db/esep', DATABASE_READ_URL: 'mysql://esep:hunter2@replica/esep' })); } catch (error) { message = (error as Error).message; }
    expect(message).toMatch(/^DATABASE_READ_URL is not valid: set it to the PostgreSQL URL of a read replica/);
    expect(message).not.toContain('hunter2');
  });

  it('the embedded database takes no replica', async () => {
    await expect(openDatabase({ readUrl: 'postgres://esep@replica/esep' })).rejects.toThrow(/needs PostgreSQL/);
  });

  it('a board reads the replica when one is given (inside a transaction the transaction: analytics.replica.int.test.ts)', () => {
    const primary = {} as Db;
    const replica = {} as Db;
    expect(readerOf({ db: primary, readDb: replica } as ServiceContext)).toBe(replica);
  });
});
