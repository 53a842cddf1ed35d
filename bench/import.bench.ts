/**
 * Structure import at national scale: builds an XLSX of 10,000 districts with the national
 * generator, then imports it into a fresh in-memory PGlite — dry run, apply, and the same file
 * again (idempotent: every row unchanged) — and exports it back. Target: apply under 30 s.
 *
 *   npx tsx bench/import.bench.ts [seed] [districts]
 */
import { performance } from 'node:perf_hooks';
import { applyStructure, knownStructure, migrateDatabase, openDatabase } from '@esep/db';
import { NATIONAL_SCOPE, referencedCodes, STRUCTURE_SHEET_NAMES, validateStructure } from '@esep/domain';
import { systemContext, type ServiceContext } from '../apps/server/src/services/context.ts';
import { systemClock } from '../apps/server/src/clock.ts';
import { exportStructure, structureWorkbook } from '../apps/server/src/services/structure.export.ts';
import { importStructure } from '../apps/server/src/services/structure.import.ts';
import { parseUploads } from '../apps/server/src/services/structure.parse.ts';
import { nationalStructure, sizeOf } from './national.ts';

const seed = Number(process.argv[2] ?? 652);
const districtCount = Number(process.argv[3] ?? 10_000);
const APPLY_TARGET_MS = 30_000;

/** Wall time, and this process's CPU time (the figure to trust on a busy machine). */
async function timed<T>(label: string, work: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const value = await work();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  console.log(`${label.padEnd(50)} ${(ms / 1000).toFixed(2).padStart(7)} s   cpu ${((used.user + used.system) / 1e6).toFixed(2).padStart(6)} s`);
  return { value, ms };
}

const { value: data } = await timed('generate structure', () => nationalStructure({ seed, districts: districtCount }));
console.log('rows:', JSON.stringify(sizeOf(data)));
const { value: xlsx } = await timed('write XLSX (exceljs)', () => structureWorkbook(data, STRUCTURE_SHEET_NAMES, new Date()));
console.log(`XLSX size: ${(xlsx.length / 1024 / 1024).toFixed(1)} MB`);
const files = [{ filename: 'national.xlsx', data: xlsx }];

const database = await openDatabase({});
await timed('open and migrate in-memory PGlite', () => migrateDatabase(database));
const ctx: ServiceContext = systemContext(database.db, systemClock, 'bench');

// Phases of the import, measured on their own.
const { value: sheets } = await timed('  parse XLSX', () => parseUploads(files));
const { value: known } = await timed('  look up referenced codes', () => knownStructure(database.db, referencedCodes(sheets)));
const { value: checked } = await timed('  validate', () => validateStructure(sheets, known));
if (checked.errors.length) throw new Error(`generator produced an invalid structure: ${JSON.stringify(checked.errors.slice(0, 5))}`);

const dry = await timed('importStructure dry run (parse+validate+rollback)', () => importStructure(ctx, files, { dryRun: true, locale: 'ru' }));
const apply = await timed('importStructure apply', () => importStructure(ctx, files, { dryRun: false, locale: 'ru' }));
const again = await timed('importStructure apply again (no-op)', () => importStructure(ctx, files, { dryRun: false, locale: 'ru' }));
await timed('  applyStructure alone, no-op', () => database.db.transaction((tx) => applyStructure(tx, checked.data)));
const { value: exported } = await timed('export XLSX (national scope)', () => exportStructure({ ...ctx, actor: { id: 'bench', role: 'admin', scope: NATIONAL_SCOPE } }, { format: 'xlsx' }));

const created = Object.values(apply.value.counts).reduce((n, c) => n + c.created, 0);
const unchanged = Object.values(again.value.counts).reduce((n, c) => n + c.unchanged, 0);
const changedAgain = Object.values(again.value.counts).reduce((n, c) => n + c.created + c.updated, 0);
console.log(`dry run created ${Object.values(dry.value.counts).reduce((n, c) => n + c.created, 0)} rows; apply created ${created}; re-import: ${unchanged} unchanged, ${changedAgain} changed`);
console.log(`export: ${(exported.body.length / 1024 / 1024).toFixed(1)} MB`);
console.log(apply.ms < APPLY_TARGET_MS ? `OK: apply ${(apply.ms / 1000).toFixed(1)} s < 30 s` : `SLOW: apply ${(apply.ms / 1000).toFixed(1)} s ≥ 30 s`);
await database.close();
if (changedAgain !== 0 || !apply.value.applied) process.exitCode = 1;
