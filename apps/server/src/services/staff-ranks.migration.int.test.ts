import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS_FOLDER, migrateDatabase, openDatabase, rowsOf, type Database } from '@esep/db';
import { sql } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { TEST_DATABASE_PREFIX, withDatabase } from '../../test/database.ts';

const engine = process.env.ESEP_TEST_ENGINE ?? 'pglite';

/**
 * Issue 14: staff ranks were free text, mostly the Kazakh label the demo and the imports wrote.
 * Migration 0019 turns each known spelling into its code; the rest moves to `rank_as_written` (kept,
 * never printed as a rank), so a document never prints what it cannot label and nothing typed is lost.
 */
describe('migration 0019: staff ranks become codes', () => {
  it('maps the Kazakh, Russian and English names and the codes in any case and spacing; keeps what it cannot read aside', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'esep-migrations-'));
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
    const ranks = journal.entries.findIndex((e) => e.tag.endsWith('_staff_ranks'));
    expect(ranks).toBeGreaterThan(0);
    mkdirSync(join(folder, 'meta'));
    writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, ranks) }));
    for (const entry of journal.entries.slice(0, ranks)) copyFileSync(join(MIGRATIONS_FOLDER, `${entry.tag}.sql`), join(folder, `${entry.tag}.sql`));

    let target: Database;
    let drop = async () => {};
    if (engine === 'postgres') {
      const name = `${TEST_DATABASE_PREFIX}${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`create database "${name}"`);
      await admin.end();
      target = await openDatabase({ url: withDatabase(process.env.TEST_DATABASE_URL!, name), poolSize: 2 });
      drop = async () => {
        const dropper = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
        await dropper.connect();
        await dropper.query(`drop database if exists "${name}" with (force)`);
        await dropper.end();
      };
      await migratePg(target.db as never, { migrationsFolder: folder });
    } else {
      target = await openDatabase({});
      await migratePglite(target.db as never, { migrationsFolder: folder });
    }
    try {
      const legacy: Record<string, string | null> = {
        'S-1': 'полиция капитаны',
        'S-2': 'Полиция  аға лейтенанты',
        'S-3': 'ПОЛИЦИЯ ПОЛКОВНИГІ',
        'S-4': 'Капитан полиции',
        'S-5': 'подполковник полиции.',
        'S-6': 'майор',
        'S-7': 'Police Senior Lieutenant',
        'S-8': 'generaл',
        'S-9': 'старшина Полиции',
        'S-10': 'генерал - майор полиции',
        'S-11': 'captain',
        'S-12': null,
      };
      const [region] = rowsOf<{ id: string }>(await target.db.execute(sql`insert into regions (code, kind, name_kk, name_ru) values ('R', 'oblast', 'О', 'О') returning id`));
      const [unit] = rowsOf<{ id: string }>(await target.db.execute(sql`insert into police_units (code, region_id, kind, name_kk, name_ru) values ('U', ${region!.id}, 'district_department', 'Б', 'О') returning id`));
      for (const [code, rank] of Object.entries(legacy)) {
        await target.db.execute(sql`insert into staff (code, full_name, position, rank, unit_id) values (${code}, ${`Қызметкер ${code}`}, 'inspector', ${rank}, ${unit!.id})`);
      }
      await migrateDatabase(target);
      const rows = rowsOf<{ code: string; rank: string | null; written: string | null }>(await target.db.execute(sql`select code, rank::text as rank, rank_as_written as written from staff order by code`));
      expect(Object.fromEntries(rows.map((r) => [r.code, r.rank]))).toEqual({
        'S-1': 'captain', 'S-2': 'senior_lieutenant', 'S-3': 'colonel', 'S-4': 'captain', 'S-5': 'lieutenant_colonel', 'S-6': 'major',
        'S-7': 'senior_lieutenant', 'S-8': null, 'S-9': 'sergeant_major', 'S-10': 'major_general', 'S-11': 'captain', 'S-12': null,
      });
      // What no label matches is kept as it was typed, and only that.
      expect(rows.filter((r) => r.written !== null).map((r) => [r.code, r.written])).toEqual([['S-8', 'generaл']]);
      // From now on the column takes codes only.
      await expect(target.db.execute(sql`update staff set rank = 'полиция майоры' where code = 'S-1'`)).rejects.toThrow();
    } finally {
      await target.close();
      await drop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
