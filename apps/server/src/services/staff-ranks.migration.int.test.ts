import { migrateDatabase, rowsOf } from '@esep/db';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { databaseBefore } from '../../test/database.ts';

/**
 * Issue 14: staff ranks were free text, mostly the Kazakh label the demo and the imports wrote.
 * Migration 0019 turns each known spelling into its code; the rest moves to `rank_as_written` (kept,
 * never printed as a rank), so a document never prints what it cannot label and nothing typed is lost.
 */
describe('migration 0019: staff ranks become codes', () => {
  it('maps the Kazakh, Russian and English names and the codes in any case and spacing; keeps what it cannot read aside', async () => {
    const { target, close } = await databaseBefore('_staff_ranks');
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
      await close();
    }
  });
});
