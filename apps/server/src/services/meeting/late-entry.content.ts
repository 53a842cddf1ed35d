import type { ProtocolContent } from '@esep/contracts';
import { lateEntryOf, lockProtocol, updateProtocolDraft, type Executor, type LateEntryRow } from '@esep/db';

/**
 * What the protocol of a meeting entered after the fact says about it: when, by whom and why it
 * was entered, and who confirmed it. A withdrawn entry's meeting is cancelled and has no
 * protocol to speak of; an ordinary meeting's content has no such part at all.
 */
export function lateEntryContent(entry: LateEntryRow | null): ProtocolContent['lateEntry'] {
  if (!entry || entry.status === 'withdrawn') return undefined;
  const confirmed = entry.status === 'confirmed';
  return {
    enteredAt: entry.enteredAt.toISOString(), enteredBy: entry.enteredByName, reason: entry.reason,
    confirmedAt: confirmed ? entry.decidedAt?.toISOString() ?? null : null, confirmedBy: confirmed ? entry.decidedByName : null,
  };
}

export async function lateEntryContentOf(db: Executor, meetingId: string): Promise<ProtocolContent['lateEntry']> {
  return lateEntryContent(await lateEntryOf(db, meetingId));
}

/**
 * Brings an existing draft protocol's account of the entry up to date after a decision on it,
 * so the content the inspectors sign names who confirmed it. A signed protocol is never touched
 * (it cannot be: signing waits for the confirmation).
 */
export async function refreshDraftLateEntry(tx: Executor, meetingId: string, entry: LateEntryRow, userId: string, at: Date): Promise<void> {
  const row = await lockProtocol(tx, meetingId);
  if (!row || row.status !== 'draft' || row.contentHash != null) return;
  const content = { ...(row.content as ProtocolContent), lateEntry: lateEntryContent(entry) };
  await updateProtocolDraft(tx, meetingId, row.version, content, userId, at);
}
