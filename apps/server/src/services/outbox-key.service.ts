import { hkdfSync } from 'node:crypto';
import type { Config } from '../config.ts';
import { serverSealingKey } from './protocol/signer.ts';

/**
 * The key with which the live screen seals a user's offline entries (residents' names and
 * addresses) in IndexedDB on his device (AES-256-GCM, see apps/web/src/features/live/outbox.ts).
 *
 * Derived (HKDF-SHA256) from the server key and the user's id, so it is
 * - the same in every session of the user: entries left unsent at logout open again at his next
 *   login, on that device, and go out under his name;
 * - out of reach of anyone else: the device forgets it when the session ends, and another
 *   user's session is given his own key, which opens nothing of the first user's.
 * Nothing is stored: the server key (ESEP_SIGNING_KEY) is the one secret. Replacing it leaves
 * entries still sealed under the old key unreadable, like the signing keys it seals.
 */
export function liveOutboxKey(config: Pick<Config, 'env' | 'dataDir' | 'signingKey'>, userId: string): string {
  return Buffer.from(hkdfSync('sha256', serverSealingKey(config), 'esep live outbox', `user:${userId}`, 32)).toString('base64url');
}
