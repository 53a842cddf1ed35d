import type * as c from '@esep/contracts';
import type { z } from 'zod';

/** A video recording of a meeting and the meeting's list, from the shared contract. */
export type Video = z.infer<typeof c.Video>;
export type VideoList = z.infer<typeof c.VideoList>;

/**
 * What a recording's badge says. A removed file that never completed was an abandoned upload
 * that expired (R-32.1 uploads resume, but not forever); one that completed was removed after
 * the retention period.
 */
export type VideoShownStatus = Video['status'] | 'expired';
export function shownVideoStatus(video: Pick<Video, 'status' | 'completedAt'>): VideoShownStatus {
  return video.status === 'removed' && !video.completedAt ? 'expired' : video.status;
}
