/**
 * Issue 13, targets: the address lookup at national scale (≈ 1,000,000 addresses, p95 ≤ 10 ms)
 * beside its floor (the same SQL sent raw through node-postgres), and the public district page
 * `/d/:code` (≥ 5,000 req/s on PostgreSQL) beside a no-op Fastify route, on PostgreSQL only.
 *
 * The data: the national structure (bench/national.ts, at --scale, default 0.1) in its own
 * database `esep_nb_address`, plus building-level coverage lines (house_from = house_to, with a
 * 16-digit RCA) on realistic kk/ru street names with Kazakh letters, spread over every district
 * until --addresses lines (default 1,000,000) exist; search keys are the application's folding
 * (packages/domain/src/address/address.fold.ts), computed here as the import computes them.
 * A matching data set is reused by later runs.
 *
 *   TEST_DATABASE_URL=postgres://… npx tsx bench/address.bench.ts [--addresses N] [--scale S]
 *       [--queries N] [--seconds N] [--reseed]
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { applyStructure, matchCoverage, migrateDatabase, openDatabase, setMatchThreshold } from '@esep/db';
import { namesSearchKey, parseAddressQuery, systemClockForBench } from './address.bench.support.ts';
import { startNoop } from './bench.http.ts';
import { nationalSize, nationalStructure } from './national.ts';
import { buildServer, load, probe, settle, startServer, type LoadResult } from './national.http.ts';
import pg from 'pg';

const { values } = parseArgs({
  options: {
    addresses: { type: 'string' }, scale: { type: 'string' }, queries: { type: 'string' }, seconds: { type: 'string' }, reseed: { type: 'boolean' },
  },
});
const ADDRESSES = Number(values.addresses ?? 1_000_000);
const SCALE = Number(values.scale ?? 0.1);
const QUERIES = Number(values.queries ?? 400);
const SECONDS = Number(values.seconds ?? 10);
const CONNECTIONS = 50;
const DATABASE_NAME = 'esep_nb_address';

const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
url.pathname = `/${DATABASE_NAME}`;
const databaseUrl = url.toString();

/** Kazakh and Russian street names (the person's name in Kazakh; the Russian genitive). */
const PEOPLE: Array<[string, string]> = [
  ['Абай', 'Абая'], ['Төле би', 'Толе би'], ['Райымбек', 'Райымбека'], ['Сейфуллин', 'Сейфуллина'], ['Әуезов', 'Ауэзова'], ['Абылай хан', 'Абылай хана'],
  ['Қонаев', 'Кунаева'], ['Жамбыл', 'Жамбыла'], ['Мағжан Жұмабаев', 'Магжана Жумабаева'], ['Ғабит Мүсірепов', 'Габита Мусрепова'], ['Құрманғазы', 'Курмангазы'],
  ['Шоқан Уәлиханов', 'Шокана Уалиханова'], ['Бауыржан Момышұлы', 'Бауыржана Момышулы'], ['Әлия Молдағұлова', 'Алии Молдагуловой'], ['Иманов', 'Иманова'],
  ['Ыбырай Алтынсарин', 'Ибрая Алтынсарина'], ['Сәкен Сейфуллин', 'Сакена Сейфуллина'], ['Қаныш Сәтбаев', 'Каныша Сатпаева'], ['Мұхтар Әуезов', 'Мухтара Ауэзова'],
  ['Ахмет Байтұрсынұлы', 'Ахмета Байтурсынова'], ['Әлихан Бөкейхан', 'Алихана Букейханова'], ['Жүсіпбек Аймауытов', 'Жусупбека Аймауытова'], ['Міржақып Дулатұлы', 'Миржакыпа Дулатова'],
  ['Шәкәрім', 'Шакарима'], ['Қасым Аманжолов', 'Касыма Аманжолова'], ['Ілияс Жансүгіров', 'Ильяса Жансугурова'], ['Бейімбет Майлин', 'Беимбета Майлина'],
  ['Сұлтанмахмұт Торайғыров', 'Султанмахмута Торайгырова'], ['Құдайберген Жұбанов', 'Кудайбергена Жубанова'], ['Әбілхайыр хан', 'Абулхаир хана'], ['Кенесары', 'Кенесары'],
  ['Наурызбай батыр', 'Наурызбай батыра'], ['Қабанбай батыр', 'Кабанбай батыра'], ['Бөгенбай батыр', 'Богенбай батыра'], ['Исатай', 'Исатая'], ['Махамбет', 'Махамбета'],
];
const WORDS: Array<[string, string]> = [
  ['Бейбітшілік', 'Бейбитшилик'], ['Достық', 'Достык'], ['Желтоқсан', 'Желтоксан'], ['Тәуелсіздік', 'Тауелсиздик'], ['Жібек жолы', 'Жибек жолы'], ['Бірлік', 'Бирлик'],
  ['Ынтымақ', 'Ынтымак'], ['Жастар', 'Жастар'], ['Ақсай', 'Аксай'], ['Алатау', 'Алатау'], ['Көктем', 'Коктем'], ['Самал', 'Самал'], ['Жетісу', 'Жетысу'], ['Орбита', 'Орбита'],
  ['Нұрлы жол', 'Нурлы жол'], ['Саябақ', 'Саябак'], ['Өркен', 'Оркен'], ['Шұғыла', 'Шугыла'], ['Мереке', 'Мереке'], ['Құлагер', 'Кулагер'],
];
const KINDS = ['street', 'street', 'street', 'avenue', 'microdistrict', 'lane'] as const;

function random(seed: number) {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

async function ensureDatabase() {
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    if (!(await client.query('select 1 from pg_database where datname = $1', [DATABASE_NAME])).rowCount) await client.query(`create database ${DATABASE_NAME}`);
  } finally { await client.end(); }
}

const client = async () => { const c = new pg.Client({ connectionString: databaseUrl }); await c.connect(); return c; };

/** Loads the structure and the building lines unless a data set of this size is there already. */
async function prepare(): Promise<{ districtCode: string; streets: Array<{ kk: string; ru: string; house: number }> }> {
  await ensureDatabase();
  const database = await openDatabase({ url: databaseUrl });
  await migrateDatabase(database);
  await database.close();
  const c = await client();
  try {
    const held = Number((await c.query('select count(*)::int as n from district_coverage where rca is not null')).rows[0].n);
    if (values.reseed || held < ADDRESSES * 0.99) {
      const started = performance.now();
      await c.query('truncate table district_coverage, district_adjacency, assignments, staff, districts, atus, police_points, police_units, regions cascade');
      const db = await openDatabase({ url: databaseUrl });
      await db.db.transaction((tx) => applyStructure(tx, nationalStructure({ seed: 652, ...nationalSize(SCALE) })));
      await db.close();
      const districts = (await c.query<{ id: string }>('select id from districts order by code')).rows;
      const perDistrict = Math.ceil(ADDRESSES / districts.length);
      const rnd = random(13);
      let rca = 1_000_000_000_000_000;
      let written = 0;
      let batch: unknown[] = [];
      const flush = async () => {
        if (!batch.length) return;
        await c.query(`insert into district_coverage (district_id, street_kind, street_name_kk, street_name_ru, house_from, house_to, parity, search_key, rca)
          select district_id, street_kind::street_kind, street_name_kk, street_name_ru, house_from, house_to, 'all'::parity, search_key, rca
          from json_to_recordset($1::json) as v(district_id uuid, street_kind text, street_name_kk text, street_name_ru text, house_from int, house_to int, search_key text, rca text)`, [JSON.stringify(batch)]);
        batch = [];
      };
      for (const d of districts) {
        // About 10 streets per district, each a run of buildings numbered from 1.
        let left = Math.min(perDistrict, ADDRESSES - written);
        // A street drawn twice in one district continues its numbering (lines stay unique).
        const nextHouse = new Map<string, number>();
        while (left > 0) {
          const [kk, ru] = rnd() < 0.6 ? PEOPLE[Math.floor(rnd() * PEOPLE.length)]! : WORDS[Math.floor(rnd() * WORDS.length)]!;
          const kind = KINDS[Math.floor(rnd() * KINDS.length)]!;
          const buildings = Math.min(left, Math.ceil(perDistrict / 10));
          const key = namesSearchKey(kk, ru);
          const first = nextHouse.get(`${kind}|${ru}`) ?? 1;
          nextHouse.set(`${kind}|${ru}`, first + buildings);
          for (let h = first; h < first + buildings; h++) {
            batch.push({ district_id: d.id, street_kind: kind, street_name_kk: kk, street_name_ru: ru, house_from: h, house_to: h, search_key: key, rca: String(rca++) });
          }
          left -= buildings;
          written += buildings;
          if (batch.length >= 20_000) await flush();
        }
      }
      await flush();
      await c.query('analyze district_coverage');
      console.log(`loaded ${written} building lines over ${districts.length} districts in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    // The lookup's list of distinct street keys, as the import keeps it (addStreetSearchKeys).
    await c.query('insert into street_search_keys (search_key) select distinct search_key from district_coverage where search_key is not null on conflict do nothing');
    const total = Number((await c.query('select count(*)::int as n from district_coverage')).rows[0].n);
    console.log(`district_coverage: ${total} lines`);
    const sample = (await c.query<{ code: string }>('select d.code from districts d join assignments a on a.district_id = d.id limit 1')).rows[0]!;
    const streets = (await c.query<{ kk: string; ru: string; house: number }>(`select street_name_kk as kk, street_name_ru as ru, house_from as house from district_coverage tablesample system (0.1) where rca is not null limit ${QUERIES}`)).rows;
    return { districtCode: sample.code, streets };
  } finally { await c.end(); }
}

/** What residents type: Russian with "ул.", Kazakh with its type word, Latin (2021 and ASCII), typos. */
function queryOf(street: { kk: string; ru: string; house: number }, i: number): string {
  const latin = street.kk.replace(/[әғқңөұүһі]/g, (ch) => ({ ә: 'ä', ғ: 'ğ', қ: 'q', ң: 'ñ', ө: 'ö', ұ: 'ū', ү: 'ü', һ: 'h', і: 'ı' })[ch]!);
  switch (i % 5) {
    case 0: return `ул. ${street.ru}, д. ${street.house}`;
    case 1: return `${street.kk} көшесі ${street.house}`;
    case 2: return `${latin} ${street.house}`;
    case 3: return `${street.ru.slice(0, -1)}${street.ru.length > 5 ? street.ru.slice(-1).repeat(2) : ''} ${street.house}`;
    default: return `${street.house} ${street.ru}`;
  }
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
const stats = (ms: number[]) => { const s = [...ms].sort((a, b) => a - b); return { p50: pct(s, 0.5), p95: pct(s, 0.95), p99: pct(s, 0.99) }; };

const { districtCode, streets } = await prepare();
const queries = streets.map(queryOf);

// The lookup as the API runs it: the service (fold, parse, one transaction, match), in process.
const { lookupAddress } = await import('../apps/server/src/services/address.service.ts');
const appDb = await openDatabase({ url: databaseUrl, poolSize: 4 });
const ctx = { db: appDb.db, actor: null, actorName: null, clientAddress: null, now: () => systemClockForBench.now(), today: new Date().toISOString().slice(0, 10) };
for (const q of queries.slice(0, 20)) await lookupAddress(ctx, q);
const serviceMs: number[] = [];
let found = 0;
for (const q of queries) {
  const t0 = performance.now();
  const result = await lookupAddress(ctx, q);
  serviceMs.push(performance.now() - t0);
  if (result.matches.length) found++;
}

// The floor: the repository's match alone (the same SQL in one transaction, without parsing,
// settlements or grouping), through the same driver.
const rawMs: number[] = [];
for (const q of queries) {
  const { key, house } = parseAddressQuery(q);
  const t0 = performance.now();
  await appDb.db.transaction(async (tx) => { await setMatchThreshold(tx, 0.5); await matchCoverage(tx, key, house, 50); });
  rawMs.push(performance.now() - t0);
}
await appDb.close();

const service = stats(serviceMs);
const floor = stats(rawMs);
console.log(`lookup (service, ${queries.length} queries, ${found} with a district): p50/p95/p99 ${service.p50.toFixed(1)}/${service.p95.toFixed(1)}/${service.p99.toFixed(1)} ms — target p95 ≤ 10 ms: ${service.p95 <= 10 ? 'met' : 'NOT met'}`);
console.log(`lookup floor (the coverage match's SQL alone): p50/p95/p99 ${floor.p50.toFixed(1)}/${floor.p95.toFixed(1)}/${floor.p99.toFixed(1)} ms`);

// The district page over HTTP, beside a no-op route.
buildServer();
const server = await startServer({ engine: 'postgres', databaseUrl, where: DATABASE_NAME });
const noop = await startNoop();
try {
  const path = `/d/${encodeURIComponent(districtCode)}?lang=kk`;
  const answer = await probe(server.base, path);
  const fmt = (r: LoadResult) => `${Math.round(r.rate)} req/s, p50/p95/p99 ${r.p50.toFixed(1)}/${r.p95.toFixed(1)}/${r.p99.toFixed(1)} ms, non-2xx ${r.non2xx}, errors ${r.errors}`;
  await load(noop.url, { paths: ['/noop'], connections: CONNECTIONS, seconds: 3 });
  const floorLoad = await load(noop.url, { paths: ['/noop'], connections: CONNECTIONS, seconds: SECONDS });
  await load(server.base, { paths: [path], connections: CONNECTIONS, seconds: 3 }, server.child.pid);
  await settle(server.base);
  const page = await load(server.base, { paths: [path], connections: CONNECTIONS, seconds: SECONDS }, server.child.pid);
  console.log(`floor, no-op route -c ${CONNECTIONS}: ${fmt(floorLoad)}`);
  console.log(`district page ${path} (${answer.bytes} bytes) -c ${CONNECTIONS}: ${fmt(page)} — target ≥ 5,000 req/s: ${page.rate >= 5000 ? 'met' : 'NOT met'} (${((page.rate / floorLoad.rate) * 100).toFixed(0)} % of the floor)`);
} finally {
  noop.child.kill('SIGTERM');
  await server.stop();
}
