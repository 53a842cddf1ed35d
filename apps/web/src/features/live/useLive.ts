import { useQuery, useQueryClient } from '@tanstack/react-query';
import { liveQuery } from 'dexie';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { isApiError } from '../../app/api.ts';
import { sessionKey } from '../auth/auth.api.ts';
import { useCurrentUser } from '../auth/session.tsx';
import { fetchLiveState, fetchOutboxKey, liveKeys, postLiveSync } from './live.api.ts';
import type { LiveOperationKind, LiveState } from './live.types.ts';
import { authorOf, enqueue, loadSnapshot, openOperations, saveSnapshot, storedOperationsOf, type Author, type OutboxOperation } from './outbox.ts';
import { createSyncRunner, RETRY_INTERVAL_MS, type SyncOutcome } from './sync.ts';

/** `navigator.onLine`, following the browser's online/offline events. */
export function useOnline(): boolean {
  return useSyncExternalStore(
    (notify) => {
      window.addEventListener('online', notify);
      window.addEventListener('offline', notify);
      return () => {
        window.removeEventListener('online', notify);
        window.removeEventListener('offline', notify);
      };
    },
    () => navigator.onLine,
    () => true,
  );
}

/**
 * The logged-in user as the author of entries, with the key that seals them on this device:
 * the one kept here (a reload without signal), or else the server's.
 */
export function useAuthor() {
  const user = useCurrentUser();
  return useQuery({
    queryKey: ['live', 'author', user.id] as const,
    networkMode: 'always',
    staleTime: Infinity,
    retry: false,
    queryFn: (): Promise<Author> => authorOf(user.id, fetchOutboxKey),
  });
}

/** The author's queued operations of the meeting on this device, live from IndexedDB, opened (undefined while loading). */
export function useOutbox(author: Author, meetingId: string): OutboxOperation[] | undefined {
  const [ops, setOps] = useState<OutboxOperation[] | undefined>(undefined);
  useEffect(() => {
    // Opening is asynchronous (WebCrypto): an older answer never overwrites a newer one.
    let latest = 0;
    const subscription = liveQuery(() => storedOperationsOf(author.userId, meetingId)).subscribe({
      next: (rows) => {
        const turn = (latest += 1);
        void openOperations(author, rows).then((opened) => { if (turn === latest) setOps(opened); });
      },
      error: (error: unknown) => console.error(error),
    });
    return () => subscription.unsubscribe();
  }, [author, meetingId]);
  return ops;
}

export interface LiveData {
  state: LiveState;
  /** From the copy saved on this device (no connection): when it was fetched, epoch ms. */
  snapshotAt: number | null;
}

/**
 * The live state from the server, saved on the device after each fetch; without a connection
 * the saved copy is shown. Runs while the browser says it is offline too (networkMode always).
 */
export function useLiveState(author: Author, meetingId: string) {
  return useQuery({
    queryKey: liveKeys.state(meetingId),
    networkMode: 'always',
    refetchInterval: 30_000,
    retry: false,
    queryFn: async ({ signal }): Promise<LiveData> => {
      const startedAt = Date.now();
      try {
        const state = await fetchLiveState(meetingId, signal);
        await saveSnapshot(author, meetingId, state, startedAt).catch((error: unknown) => console.error(error));
        return { state, snapshotAt: null };
      } catch (error) {
        if (isApiError(error) && (error.status === 0 || error.status >= 500)) {
          const saved = await loadSnapshot(author, meetingId).catch(() => undefined);
          if (saved) return { state: saved.state, snapshotAt: saved.savedAt };
        }
        throw error;
      }
    },
  });
}

export interface SyncStatus {
  /** The last sync failed on the network (or the server failed). */
  networkFailed: boolean;
  /** The session has ended: entries wait until the user logs in again. */
  sessionEnded: boolean;
  /** Another user has logged in in this browser since: the server refuses to take these entries from him. */
  notAuthor: boolean;
}

/**
 * The sync loop: on load, on the `online` event, after each new operation and every 15 s
 * while something is pending. Stored entries refresh the live state.
 */
export function useLiveSync(author: Author, meetingId: string, pending: number) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<SyncStatus>({ networkFailed: false, sessionEnded: false, notAuthor: false });
  const runner = useMemo(() => createSyncRunner(
    meetingId,
    {
      author,
      send: postLiveSync,
      refreshSession: async () => {
        await queryClient.refetchQueries({ queryKey: sessionKey });
      },
    },
    (outcome: SyncOutcome) => {
      setStatus({
        networkFailed: outcome.kind === 'network',
        sessionEnded: outcome.kind === 'failed' && isApiError(outcome.error, 401),
        notAuthor: outcome.kind === 'failed' && isApiError(outcome.error, 403)
          && (outcome.error.details as { reason?: unknown } | undefined)?.reason === 'not_the_author',
      });
      if (outcome.kind !== 'idle' && outcome.stored > 0) {
        void queryClient.invalidateQueries({ queryKey: liveKeys.state(meetingId), exact: true });
      }
    },
  ), [author, meetingId, queryClient]);

  const sync = useCallback(() => runner.request(), [runner]);

  useEffect(() => {
    void sync();
    const onOnline = () => {
      void sync();
      void queryClient.invalidateQueries({ queryKey: liveKeys.state(meetingId), exact: true });
    };
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [sync, queryClient, meetingId]);

  const pendingRef = useRef(pending);
  pendingRef.current = pending;
  const hasPending = pending > 0;
  useEffect(() => {
    if (!hasPending) return;
    const timer = window.setInterval(() => {
      if (pendingRef.current > 0) void sync();
    }, RETRY_INTERVAL_MS);
    return () => window.clearInterval(timer);
  }, [hasPending, sync]);

  /** Queues an operation (shown at once) and starts sending it. */
  const add = useCallback(async (kind: LiveOperationKind, data: Record<string, unknown>, clientKey?: string) => {
    const op = await enqueue(author, meetingId, kind, data, clientKey);
    void sync();
    return op;
  }, [author, meetingId, sync]);

  return { status, sync, add };
}
