import { api } from '../../app/api.ts';
import type { ObligationBoard } from '../meetings/types.ts';

/** who has met the quarter's obligation, who is at risk; the current quarter by default. */
export const fetchBoard = (quarter: string | undefined, signal?: AbortSignal) =>
  api.get<ObligationBoard>('/obligations', { quarter }, signal);
