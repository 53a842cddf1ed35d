import {
  listAtus, listDistricts, listMeetings, listPoints, listRegions, listStaff, listUnits, meetingConflicts, meetingRow,
} from '@esep/db';
import { addDays, NATIONAL_SCOPE } from '@esep/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMeetings } from '../../test/bulk.ts';
import { indexPlans } from '../../test/explain.ts';
import { districtIds } from '../../test/holding.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { meetingDates } from '../../test/meetings.ts';

/*
 * `q` on GET /api/v1/meetings: the meeting's number, its venue's name or address, or the code or
 * name of a district it covers — inside the user's territory, answered from trigram indexes; and
 * the searches and the venue clash check have indexes that serve them.
 */
let t: TestApp;
const c: Record<string, Client> = {};
let ids: Record<string, string>;
const m: Record<string, string> = {};

type Page = { total: number; items: Array<{ id: string; number: string; venueName: string | null; venueAddress: string | null; districts: Array<{ code: string; nameRu: string; nameKk: string }> }> };
const search = async (client: Client, q: string, extra = ''): Promise<Page> => {
  const response = await client.get(`/api/v1/meetings?q=${encodeURIComponent(q)}&pageSize=200${extra}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

beforeAll(async () => {
  t = await testApp();
  for (const name of ['admin', 'lead', 'regional', 'inspector2']) c[name] = await login(t.app, name);
  ids = await districtIds(c.admin!);
  const { today } = meetingDates(t.clock);
  const start = (days: number) => new Date(`${addDays(today, days)}T18:00:00+05:00`);
  const plan = [
    { key: 'school', number: 'SRCH-0001', districtId: ids['ALM-KAR-P2-D01']!, venueName: 'Ақжол мектебі', venueAddress: 'Шамалған а., Рысқұлов к-сі, 5' },
    { key: 'club', number: 'SRCH-0002', districtId: ids['ALM-KAR-P2-D02']!, venueName: 'Ауылдық клуб', venueAddress: 'Шамалған а., Абай к-сі, 1' },
    { key: 'talgar', number: 'SRCH-0003', districtId: ids['ALM-TAL-P1-D01']!, venueName: 'Ақжол мектебі', venueAddress: 'Талғар қ., Рысқұлов к-сі, 7' },
  ];
  const created = await insertMeetings(t.database.db, plan.map((p, i) => ({ ...p, status: 'scheduled' as const, startsAt: start(20 + i) })));
  plan.forEach((p, i) => { m[p.key] = created[i]!; });
}, 180_000);
afterAll(async () => { await t.close(); });

describe('GET /api/v1/meetings?q=', () => {
  it('finds meetings by venue name or address, case-blind, inside the territory', async () => {
    const lead = await search(c.lead!, 'ақжол');
    expect(lead.items.map((i) => i.id)).toEqual([m.school]);
    expect(lead.total).toBe(1);
    const regional = await search(c.regional!, 'Ақжол');
    expect(regional.items.map((i) => i.id).sort()).toEqual([m.school, m.talgar].sort());
    expect((await search(c.regional!, 'РЫСҚҰЛОВ')).items.map((i) => i.id).sort()).toEqual([m.school, m.talgar].sort());
    expect((await search(c.inspector2!, 'ақжол')).items.map((i) => i.id)).toEqual([m.talgar]);
  });

  it('finds meetings by number and by a covered district\'s code or name', async () => {
    expect((await search(c.regional!, 'srch-000')).total).toBe(3);
    expect((await search(c.lead!, 'SRCH-0002')).items.map((i) => i.id)).toEqual([m.club]);
    const byCode = await search(c.lead!, 'KAR-P2-D02');
    expect(byCode.items.map((i) => i.id)).toContain(m.club);
    expect(byCode.items.every((i) => i.districts.some((d) => d.code.includes('KAR-P2-D02')) || i.number.includes('KAR-P2-D02'))).toBe(true);
    const name = (await c.admin!.get(`/api/v1/districts/${ids['ALM-KAR-P2-D02']}`)).json().nameRu as string;
    const byName = await search(c.lead!, name);
    expect(byName.items.map((i) => i.id)).toContain(m.club);
    expect(byName.items.every((i) => i.districts.some((d) => d.nameRu.includes(name)))).toBe(true);
  });

  it('combines with the other filters, and takes LIKE wildcards literally', async () => {
    expect((await search(c.regional!, 'ақжол', `&districtId=${ids['ALM-TAL-P1-D01']}`)).items.map((i) => i.id)).toEqual([m.talgar]);
    expect((await search(c.regional!, 'ақжол', '&status=cancelled')).total).toBe(0);
    expect((await search(c.regional!, '%')).total).toBe(0);
    expect((await search(c.regional!, 'SRCH_000')).total).toBe(0);
    const everything = (await c.regional!.get('/api/v1/meetings?pageSize=1')).json().total as number;
    expect((await search(c.regional!, '   ')).total).toBe(everything);
  });
});

describe('indexes behind the searches and the clash check', () => {
  const uses = (plans: string[], index: string) => plans.some((p) => p.includes(index));

  it('meeting search reads the trigram indexes of number, venue and district names', async () => {
    const plans = await indexPlans(t.database, (db) => listMeetings(db, NATIONAL_SCOPE, { q: 'Ақжол' }, { page: 1, pageSize: 25 }));
    for (const index of ['meetings_number_trgm', 'meetings_venue_name_trgm', 'meetings_venue_address_trgm', 'districts_name_ru_trgm', 'districts_name_kk_trgm', 'districts_code_trgm']) {
      expect(uses(plans, index), `${index}:\n${plans.join('\n---\n')}`).toBe(true);
    }
  });

  it('the lists of regions, units, points, ATUs, staff and districts search through trigram indexes', async () => {
    const page = { page: 1, pageSize: 25, q: 'Алмат' };
    const today = meetingDates(t.clock).today;
    const cases: Array<[string, Parameters<typeof indexPlans>[1]]> = [
      ['regions_name_ru_trgm', (db) => listRegions(db, NATIONAL_SCOPE, page)],
      ['police_units_name_ru_trgm', (db) => listUnits(db, NATIONAL_SCOPE, page)],
      ['police_points_name_ru_trgm', (db) => listPoints(db, NATIONAL_SCOPE, page)],
      ['atus_name_ru_trgm', (db) => listAtus(db, NATIONAL_SCOPE, page)],
      ['staff_full_name_trgm', (db) => listStaff(db, NATIONAL_SCOPE, { q: 'Серік' }, page)],
      ['districts_name_ru_trgm', (db) => listDistricts(db, NATIONAL_SCOPE, { q: 'участок' }, page, today)],
    ];
    for (const [index, work] of cases) {
      const plans = await indexPlans(t.database, work);
      expect(uses(plans, index), `${index}:\n${plans.join('\n---\n')}`).toBe(true);
    }
  });

  it('the venue clash check of a meeting\'s page reads the venue-and-time index', async () => {
    const meeting = (await meetingRow(t.database.db, m.school!))!;
    const plans = await indexPlans(t.database, (db) => meetingConflicts(db, meeting, '2000-01-01', '2100-01-01'));
    expect(uses(plans, 'meetings_venue_time_idx'), plans.join('\n---\n')).toBe(true);
  });
});
