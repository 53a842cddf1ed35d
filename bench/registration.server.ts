/**
 * The server of bench/registration.bench.ts, in its own process (so that autocannon's work does
 * not share its event loop): the real app on PGlite (on disk) or PostgreSQL, the demo region,
 * meetings under way, a no-op route as the floor, and on request the raw SQL of one registration
 * run on the server's own database handle. Talks to the bench over IPC.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { appendAudit, lockDataDir, meetingDistricts, meetings, migrateDatabase, openDatabase, rowsOf, type Database } from '@esep/db';
import { almatyDate, almatyDayStart } from '@esep/domain';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.ts';
import { systemClock } from '../apps/server/src/clock.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { seedDemo } from '../apps/server/src/demo/demo.seed.ts';
import { rawRegistration } from './registration.raw.ts';

const [engine, dataDir] = [process.argv[2], process.argv[3]!];
const send = (message: unknown) => process.send!(message);
let dropDatabase = async () => {};

try {
  let url: string | null = null;
  if (engine === 'postgres') {
    const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    // Named per process: an earlier run's database may still be going away.
    const name = `esep_bench_registrations_${process.pid}`;
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    await admin.end();
    dropDatabase = async () => {
      const dropper = new pg.Client({ connectionString: base });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    };
    const u = new URL(base);
    u.pathname = `/${name}`;
    url = u.toString();
  } else {
    await lockDataDir(join(dataDir, 'db'), { command: 'registration bench', since: systemClock.now().toISOString() });
  }
  const open = () => openDatabase(url ? { url } : { dataDir: join(dataDir, 'db') });
  let database: Database = await open();
  await migrateDatabase(database);
  await seedDemo(database.db, systemClock);

  const [place] = rowsOf<{ district_id: string; point_id: string; unit_id: string; region_id: string }>(await database.db.execute(sql`
    select d.id as district_id, p.id as point_id, u.id as unit_id, u.region_id
    from districts d join police_points p on p.id = d.point_id join police_units u on u.id = p.unit_id order by d.code limit 1`));
  const now = systemClock.now();
  const today = almatyDate(now);
  const startsAt = new Date(Math.max(now.getTime() - 30 * 60_000, almatyDayStart(today).getTime()));
  const groups: Record<string, string[]> = { warm: [], self: [], form: [], spread: [], staff: [], raw: [] };
  let k = 0;
  for (const [group, count] of [['warm', 1], ['self', 1], ['form', 1], ['spread', 100], ['staff', 1], ['raw', 1]] as const) {
    for (let i = 0; i < count; i++) {
      const id = crypto.randomUUID();
      groups[group]!.push(id);
      await database.db.insert(meetings).values({
        id, number: `BENCH-REG-${k++}`, status: 'announced', setting: 'gathering', format: 'indoor', venueAddress: `Клуб №${k}`,
        startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3600_000), startDate: today,
        regionId: place!.region_id, unitId: place!.unit_id, pointId: place!.point_id,
      });
      await database.db.insert(meetingDistricts).values({ meetingId: id, districtId: place!.district_id });
    }
  }
  // As `npm start` does: PGlite's memory only grows, a fresh instance after seeding starts small.
  if (database.engine === 'pglite') {
    await database.close();
    database = await open();
  }

  const config = loadConfig({
    NODE_ENV: 'development', LOG_LEVEL: 'warn', DATA_DIR: join(dataDir, 'files'), PUBLIC_URL: 'http://localhost',
    ESEP_SIGNING_KEY: 'bench-signing-key-bench-signing-key-0123456789', ESEP_SELF_REGISTRATION_RATE: '1000000000',
    ...(url ? { DATABASE_URL: url } : {}),
  } as NodeJS.ProcessEnv);
  const app = await buildApp({ config, database });
  // Development mode: production refuses the demo accounts the staff line logs in with.
  // The floor: HTTP, Fastify's routing and JSON body parsing, nothing of Esep's.
  app.post('/bench/noop', { config: { access: { public: true } } }, async (_request, reply) => reply.status(200).send({ ok: true }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/token`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'demo' }),
  });
  if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
  const { token } = await login.json() as { token: string };
  send({ ready: { port, token, meetings: groups, url } });

  process.on('message', (message: { raw?: { seconds: number; callers: number }; stop?: boolean; drain?: boolean }) => {
    if (message.drain) {
      // Between phases: the requests autocannon left queued (its time is up, the server's work is
      // not) must not count in the next phase. Drained = a query gets through at once, 3 times.
      void (async () => {
        for (let quick = 0; quick < 3;) {
          const t = performance.now();
          await database.db.execute(sql`select 1`);
          quick = performance.now() - t < 20 ? quick + 1 : 0;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        send({ drained: true });
      })();
      return;
    }
    if (message.stop) {
      void app.close().then(() => database.close()).then(dropDatabase).then(() => process.exit(0));
      return;
    }
    if (message.raw) {
      const { seconds, callers } = message.raw;
      const latencies: number[] = [];
      let errors = 0;
      let n = 0;
      const started = performance.now();
      const until = started + seconds * 1000;
      void Promise.all(Array.from({ length: callers }, async () => {
        while (performance.now() < until) {
          const t = performance.now();
          try {
            await rawRegistration(database.db, groups.raw![0]!, `Тұрғын R${n++}`, `Жібек жолы к-сі, R${n}`, systemClock.now(), appendAudit);
            latencies.push(performance.now() - t);
          } catch {
            errors += 1;
          }
        }
      })).then(() => send({ raw: { count: latencies.length, seconds: (performance.now() - started) / 1000, latencies, errors } }));
    }
  });
} catch (error) {
  send({ error: String((error as Error).stack ?? error) });
  process.exit(1);
}
