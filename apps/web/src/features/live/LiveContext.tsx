import { createContext, use } from 'react';
import type { LiveOperationKind, LiveState } from './live.types.ts';
import type { OutboxOperation } from './outbox.ts';

/** What every part of the live screen works with. */
export interface Live {
  meetingId: string;
  state: LiveState;
  /** This meeting's operations on the device (pending, refused, just stored). */
  ops: OutboxOperation[];
  online: boolean;
  /** The server takes entries for this meeting now (R-32.2: from its day until the protocol). */
  canRecord: boolean;
  /** Queues a new entry (shown at once) and starts sending it. */
  add: (kind: LiveOperationKind, data: Record<string, unknown>) => Promise<OutboxOperation>;
  /** Sends a refused entry again, corrected. */
  resend: (clientKey: string, data?: Record<string, unknown>) => Promise<void>;
  /** A refused entry being corrected in its form. */
  editing: OutboxOperation | null;
  setEditing: (op: OutboxOperation | null) => void;
  /** Typing from an uploaded paper sheet: its id and number. */
  paperSheet: { id: string; number: number } | null;
  setPaperSheet: (sheet: { id: string; number: number } | null) => void;
}

export const LiveContext = createContext<Live | null>(null);

/** Queues a form's checked entry: a refused one being corrected is sent again in its place, a new one is added. */
export async function queueEntry(live: Live, kind: LiveOperationKind, editing: OutboxOperation | null, data: Record<string, unknown>): Promise<void> {
  if (editing) {
    await live.resend(editing.clientKey, data);
    live.setEditing(null);
  } else {
    await live.add(kind, data);
  }
}

export function useLive(): Live {
  const live = use(LiveContext);
  if (!live) throw new Error('useLive outside of the live screen');
  return live;
}
