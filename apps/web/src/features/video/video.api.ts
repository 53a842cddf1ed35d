import type { QueryClient } from '@tanstack/react-query';
import { api, apiUrl } from '../../app/api.ts';
import type { SessionResponse } from '../../app/types.ts';
import { sessionKey } from '../auth/auth.api.ts';
import type { VideoList } from './video.types.ts';

export type { Video, VideoList } from './video.types.ts';
export { CHUNK_SIZE, formatBytes, RETRY_DELAYS, TUS_ENDPOINT, tusErrorMessage, VIDEO_ACCEPT } from './video.upload.ts';

export const videoKeys = {
  list: (meetingId: string) => ['meetings', 'detail', meetingId, 'videos'] as const,
};

export const fetchVideos = (meetingId: string, signal?: AbortSignal) =>
  api.get<VideoList>(`/meetings/${encodeURIComponent(meetingId)}/videos`, undefined, signal);

/** Playback with HTTP range requests: the browser fetches only what it plays. */
export const videoContentUrl = (id: string) => apiUrl(`/videos/${encodeURIComponent(id)}/content`);

/** The current session's CSRF token, sent with every tus request (they are writes). */
export function csrfTokenOf(queryClient: QueryClient): string | null {
  return queryClient.getQueryData<SessionResponse | null>(sessionKey)?.csrfToken || null;
}
