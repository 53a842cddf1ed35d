import { api } from '../../app/api.ts';
import type { FeedToken } from '../meetings/types.ts';

/** A new secret for the iCal feeds; earlier addresses stop working. */
export const issueFeedToken = () => api.post<FeedToken>('/calendar/feed-token');
