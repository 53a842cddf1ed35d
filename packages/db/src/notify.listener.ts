import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * What a listener on a NOTIFY channel is told. `ready` comes when it listens (again): any
 * notification sent while it was not listening was lost, so whatever it keeps from the database
 * must be thrown away at `lost` and may be kept again only after `ready`.
 */
export interface ListenHandlers {
  message(payload: string): void;
  ready(): void;
  lost(error?: Error): void;
}
/** Stops listening. */
export type Unlisten = () => Promise<void>;

/** The name listening connections give themselves, so that they can be counted (auth-change.repository.ts). */
export const LISTENER_NAME = 'esep-listener';

const CHANNEL_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * PostgreSQL: a connection of its own, outside the pool (a pooled connection is handed to other
 * queries between uses and would not stay subscribed). When it fails — PostgreSQL restarted, the
 * backend was terminated, the network dropped — `lost` is told and it reconnects with a growing
 * delay (0.1 s up to 5 s). TCP keep-alive makes a silently dead connection fail instead of
 * listening to nothing forever.
 */
export function listenPostgres(url: string, channel: string, handlers: ListenHandlers): Unlisten {
  if (!CHANNEL_NAME.test(channel)) throw new Error(`listen: not a plain channel name: ${channel}`);
  let current: pg.Client | null = null;
  let closed = false;
  let delay = 100;
  let retry: NodeJS.Timeout | null = null;

  const lost = (client: pg.Client, error?: Error) => {
    if (current !== client) return;
    current = null;
    client.end().catch(() => {});
    if (closed) return;
    handlers.lost(error);
    retry = setTimeout(connect, delay);
    retry.unref();
    delay = Math.min(delay * 2, 5000);
  };
  const connect = () => {
    retry = null;
    const client = new pg.Client({ connectionString: url, keepAlive: true, application_name: LISTENER_NAME });
    current = client;
    client.on('notification', (message) => {
      if (message.channel === channel) handlers.message(message.payload ?? '');
    });
    client.on('error', (error) => lost(client, error));
    client.on('end', () => lost(client));
    client.connect()
      .then(() => client.query(`listen ${channel}`))
      .then(() => {
        if (current !== client) return;
        delay = 100;
        handlers.ready();
      })
      .catch((error: Error) => lost(client, error));
  };
  connect();
  return async () => {
    closed = true;
    if (retry) clearTimeout(retry);
    const client = current;
    current = null;
    await client?.end().catch(() => {});
  };
}

/** PGlite: one process holds the database, its notifications come from its own commits. */
export async function listenPglite(client: PGlite, channel: string, handlers: ListenHandlers): Promise<Unlisten> {
  if (!CHANNEL_NAME.test(channel)) throw new Error(`listen: not a plain channel name: ${channel}`);
  const unlisten = await client.listen(channel, (payload) => handlers.message(payload));
  handlers.ready();
  return async () => {
    // The database may be closed already (a test that stops it under the server).
    if (!client.closed) await unlisten().catch(() => {});
  };
}
