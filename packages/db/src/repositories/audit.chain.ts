import { createHash } from 'node:crypto';

/** The part of an audit entry its hash covers. */
export interface AuditContent {
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  clientAddress: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with keys sorted at every level, so jsonb's own key order cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Where an entry stands: its lane, its place in it, and the newest entry of another lane it saw. */
export interface ChainPosition {
  chain: number;
  seq: number;
  witness: { chain: number; seq: number; hash: string } | null;
}

/**
 * SHA-256 over the previous entry's hash and the entry's content. Entries in lanes (chain ≥ 1)
 * also cover their position and witness, so moving an entry to another place or lane, or
 * changing what it witnessed, changes its hash. Entries of chain 0 (written before lanes) are
 * hashed as they always were, without a position, so they still verify.
 */
export function entryHash(prevHash: string, content: AuditContent, position?: ChainPosition): string {
  const body = canonicalJson(position
    ? { ...content, at: content.at.toISOString(), chain: position.chain, seq: position.seq, witness: position.witness }
    : { ...content, at: content.at.toISOString() });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

const PERSONAL_KEYS = new Set([
  'password', 'passwordHash', 'newPassword', 'currentPassword', 'phone', 'email', 'fullName',
  'displayName', 'akimName', 'oidcSubject', 'token', 'csrfToken',
]);
const SECRET_KEYS = new Set(['password', 'passwordHash', 'newPassword', 'currentPassword', 'token', 'csrfToken']);

/** Initials only: "Серік Ахметов" → "С. А.". Enough to tell records apart, not to identify. */
function initials(value: string): string {
  return value.split(/\s+/).filter(Boolean).map((part) => `${[...part][0] ?? ''}.`).join(' ');
}

/**
 * Masks personal data before it enters the audit trail: secrets are dropped to "***", names and
 * contacts are reduced to initials or a marker. Values are also made plain JSON (dates → ISO).
 */
export function maskPersonal(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(maskPersonal);
  if (typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined) continue;
    if (SECRET_KEYS.has(key)) out[key] = v == null ? null : '***';
    else if (PERSONAL_KEYS.has(key)) out[key] = typeof v === 'string' ? initials(v) : v == null ? null : '***';
    else out[key] = maskPersonal(v);
  }
  return out;
}
