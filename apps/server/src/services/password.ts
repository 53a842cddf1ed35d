import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (19 MiB, 2 passes) — OWASP's recommended minimum.
export const hashPassword = (password: string) => hash(password);
export const verifyPassword = (stored: string, password: string) => verify(stored, password).catch(() => false);

/** A fixed hash to verify against when the user does not exist, so timing does not reveal it. */
let dummy: Promise<string> | undefined;
export async function burnVerification(password: string): Promise<void> {
  dummy ??= hash('not-a-real-password-esep');
  await verifyPassword(await dummy, password);
}
