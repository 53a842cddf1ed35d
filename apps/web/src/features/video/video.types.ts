import type * as c from '@esep/contracts';
import type { z } from 'zod';

/** A video recording of a meeting and the meeting's list, from the shared contract. */
export type Video = z.infer<typeof c.Video>;
export type VideoList = z.infer<typeof c.VideoList>;
