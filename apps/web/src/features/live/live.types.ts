/** The shapes of the live-meeting API, inferred from the zod schemas shared with the server. */
import type * as c from '@esep/contracts';
import type { z } from 'zod';

export type LiveState = z.infer<typeof c.LiveState>;
export type LiveParticipant = z.infer<typeof c.Participant>;
export type LiveItem = z.infer<typeof c.Item>;
export type LiveDecision = z.infer<typeof c.Decision>;
export type LiveAward = z.infer<typeof c.Award>;
export type LiveTopic = z.infer<typeof c.Topic>;
export type LiveOperation = z.infer<typeof c.LiveOperation>;
export type LiveOperationKind = LiveOperation['kind'];
export type LiveSyncResult = z.infer<typeof c.LiveSyncResult>;
export type ParticipantSuggestion = z.infer<typeof c.ParticipantSuggestion>;
export type PaperSheet = z.infer<typeof c.PaperSheet>;
export type ItemClassifyBody = z.input<typeof c.ItemClassifyBody>;

export type ParticipantData = z.infer<typeof c.ParticipantBody>;
export type ItemData = z.infer<typeof c.ItemBody>;
export type DecisionData = z.infer<typeof c.DecisionBody>;
export type AwardData = z.infer<typeof c.AwardBody>;

export type ParticipantCategory = LiveParticipant['category'];
export type RegistrationChannel = LiveParticipant['channel'];
export type ItemKind = LiveItem['kind'];
export type ItemResolution = NonNullable<LiveItem['resolution']>;
export type ItemOutcome = LiveItem['outcome'];

export interface OperationError { code: string; message: string; details?: unknown }
