import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { fetchNotifications, markRead, notificationKeys } from './notifications.api.ts';

/** How often the bell asks for its count: reminders are made by a scan each minute, no sooner. */
export const POLL_MS = 60_000;
export const PAGE_SIZE = 20;

/**
 * The unread count of the bell. Polled every minute while the tab is visible: TanStack Query
 * skips the interval when the page is hidden (`refetchIntervalInBackground: false`) and asks at
 * once when it is shown again. No websocket: a minute's delay is nothing for deadlines of days.
 */
export function useUnreadCount() {
  return useQuery({
    queryKey: notificationKeys.count,
    queryFn: async ({ signal }) => (await fetchNotifications({ limit: 1 }, signal)).unread,
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
    staleTime: POLL_MS / 2,
    // A bell that cannot ask (the server down for a minute) keeps its last count and asks next time.
    retry: false,
  });
}

/** The reminders, newest first, a page at a time, in the reader's language. */
export function useNotificationList(enabled: boolean) {
  const language = useLanguage();
  const queryClient = useQueryClient();
  return useInfiniteQuery({
    queryKey: notificationKeys.list(language),
    queryFn: async ({ pageParam, signal }) => {
      const page = await fetchNotifications({ cursor: pageParam, limit: PAGE_SIZE }, signal);
      // The list's own count is newer than the bell's: keep the two the same.
      queryClient.setQueryData(notificationKeys.count, page.unread);
      return page;
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
    staleTime: 0,
  });
}

/** Marks these reminders read (all of them without `ids`); the count comes back with the answer. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids?: readonly string[]) => markRead(ids),
    onSuccess: (result) => {
      queryClient.setQueryData(notificationKeys.count, result.unread);
      void queryClient.invalidateQueries({ queryKey: notificationKeys.lists });
    },
  });
}
