import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { lockDataDir, migrationProgress, openDatabase, pingDatabase, type Database, type DataDirLock } from '@esep/db';
import { systemClock } from '../clock.ts';
import { databaseLocation, type Config } from '../config.ts';
import { describeDatabaseUrl, StartupError } from '../startup.ts';

export interface CommandDatabase extends Database {
  /** Closes the database and releases the data directory's lock. */
  close(): Promise<void>;
}

export interface OpenCommandOptions {
  /** The command's name, recorded in the data directory's lock ('migrate', 'user:create' …). */
  command: string;
  /** Create an embedded data directory that does not exist yet (migrate); else refuse. */
  create?: boolean;
  /** Refuse a database whose migrations are not all applied (every command but migrate). */
  migrated?: boolean;
  /** PostgreSQL connections (default 2; seed:national loads over several). */
  poolSize?: number;
}

/**
 * The database a command works on: PostgreSQL at DATABASE_URL (connection checked at once), or
 * the embedded database in DATA_DIR under its lock — refused with one line when another process
 * holds it, when there is no database there, or when it is not migrated.
 */
export async function openCommandDatabase(config: Config, options: OpenCommandOptions): Promise<CommandDatabase> {
  let lock: DataDirLock | null = null;
  if (!config.databaseUrl) {
    if (!options.create && !existsSync(join(config.dataDir, 'PG_VERSION'))) {
      throw new StartupError(`DATA_DIR ${config.dataDir} holds no Esep database: set DATA_DIR to the server's data directory, or DATABASE_URL to use PostgreSQL`);
    }
    lock = await lockDataDir(config.dataDir, { command: options.command, since: systemClock.now().toISOString() });
  }
  let database: Database;
  try {
    database = await openDatabase({ ...databaseLocation(config), poolSize: options.poolSize ?? 2 });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const close = async () => {
    try {
      await database.close();
    } finally {
      lock?.release();
    }
  };
  try {
    // The first query opens the connection: an unreachable server or a wrong password is told now.
    await pingDatabase(database.db);
    if (options.migrated) await requireMigrated(database, config);
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
  return { ...database, close };
}

async function requireMigrated(database: Database, config: Config) {
  const { applied, total } = await migrationProgress(database.db);
  if (applied < total) {
    const where = config.databaseUrl ? `DATABASE_URL ${describeDatabaseUrl(config.databaseUrl)}` : `DATA_DIR ${config.dataDir}`;
    throw new StartupError(`${where}: the database is not migrated (${applied} of ${total} migrations applied): run \`npm run migrate\` first`);
  }
}
