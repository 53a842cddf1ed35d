import { DataDirInUse } from '@esep/db';
import { ConfigError } from './config.ts';

/*
 * Start-up refusals, for `npm start` and every command: an operator who set something wrong
 * reads ONE line naming the variable and what to set, and the process exits with status 2. Any
 * other error is a fault of Esep, and keeps its stack trace.
 */

/** A refusal at start-up that is not a setting (the database not migrated, no data directory). */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

export const STARTUP_EXIT_CODE = 2;

interface ErrorFields { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown; address?: unknown; port?: unknown; syscall?: unknown }

/** The error and what it wraps (drizzle wraps driver errors in `cause`; a failed connect to several addresses is an AggregateError). */
function* chain(error: unknown): Generator<ErrorFields> {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 6; depth += 1) {
    const e = current as ErrorFields;
    yield e;
    if (Array.isArray(e.errors)) for (const inner of e.errors) if (inner && typeof inner === 'object') yield inner as ErrorFields;
    current = e.cause;
  }
}

/** host:port/database of a PostgreSQL URL, never its password. */
export function describeDatabaseUrl(url: string | undefined): string {
  if (!url || !URL.canParse(url)) return 'DATABASE_URL';
  const u = new URL(url);
  const user = u.username ? `${decodeURIComponent(u.username)}@` : '';
  return `${user}${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname}`;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);

/** One line for an error an operator can fix; null for a fault of Esep. */
export function startupFailure(error: unknown, context: { databaseUrl?: string | undefined; dataDir?: string | undefined; port?: number; host?: string } = {}): string | null {
  if (error instanceof ConfigError || error instanceof StartupError || error instanceof DataDirInUse) return error.message;
  const where = describeDatabaseUrl(context.databaseUrl);
  for (const e of chain(error)) {
    const code = typeof e.code === 'string' ? e.code : '';
    const message = typeof e.message === 'string' ? e.message : '';
    if (UNREACHABLE.has(code) && context.databaseUrl) {
      return `DATABASE_URL: cannot reach PostgreSQL at ${where} (${code}): check the host and port in DATABASE_URL and that PostgreSQL is running and accepts connections`;
    }
    if (code === '28P01' || code === '28000') return `DATABASE_URL: PostgreSQL refused the login at ${where} (${message}): check the user and password in DATABASE_URL`;
    if (code === '3D000') return `DATABASE_URL: ${message} at ${where}: create it (createdb) or correct the database name in DATABASE_URL`;
    if (code === 'EADDRINUSE' && e.syscall === 'listen') return `PORT ${context.port ?? e.port}: the address ${context.host ?? e.address}:${context.port ?? e.port} is already in use: stop the program using it, or set PORT to a free port`;
    if ((code === 'EACCES' || code === 'EPERM' || code === 'EROFS') && context.dataDir && message.includes(context.dataDir)) {
      return `DATA_DIR ${context.dataDir}: ${code} (permission denied): set DATA_DIR to a directory this user can write`;
    }
    if (message.includes('Aborted(') && context.dataDir && !context.databaseUrl) {
      return `DATA_DIR ${context.dataDir}: the embedded database could not be opened (${message}): restore the directory from a backup, or set DATA_DIR to another directory`;
    }
  }
  return null;
}

/**
 * Runs a command's body: a configuration error prints its one line and exits with status 2;
 * anything else is rethrown with its stack. `context` is read when the error happens (the
 * configuration may not have loaded).
 */
export async function runCommand(name: string, body: () => Promise<number | void>, context: () => Parameters<typeof startupFailure>[1] = () => ({})): Promise<void> {
  try {
    const code = await body();
    if (typeof code === 'number') process.exitCode = code;
  } catch (error) {
    const line = startupFailure(error, context());
    if (line === null) throw error;
    process.stderr.write(`${name}: ${line}\n`);
    process.exit(STARTUP_EXIT_CODE);
  }
}
