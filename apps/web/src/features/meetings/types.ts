/** The shapes of the meetings API, inferred from the zod schemas shared with the server. */
import type * as c from '@esep/contracts';
import type { z } from 'zod';

export type MeetingSummary = z.infer<typeof c.MeetingSummary>;
export type MeetingDetail = z.infer<typeof c.MeetingDetail>;
export type MeetingPage = z.infer<typeof c.MeetingPage>;
export type MeetingPlanBody = z.input<typeof c.MeetingPlanBody>;
export type MeetingTransitionBody = z.input<typeof c.MeetingTransitionBody>;
export type MeetingStatus = MeetingSummary['status'];
export type MeetingAction = MeetingDetail['availableActions'][number];
export type Setting = MeetingSummary['setting'];
export type MeetingFormat = MeetingSummary['format'];
export type Check = z.infer<typeof c.Check>;
export type CheckStatus = Check['status'];
export type Announcement = z.infer<typeof c.Announcement>;
export type AnnouncementBody = z.input<typeof c.AnnouncementBody>;
export type Channel = Announcement['channel'];
export type Invitation = z.infer<typeof c.Invitation>;
export type InvitationBody = z.input<typeof c.InvitationBody>;
export type InvitationCategory = Invitation['category'];
export type InvitationStatus = Invitation['status'];
export type Conflict = z.infer<typeof c.Conflict>;
export type MeetingAgreement = z.infer<typeof c.MeetingAgreement>;
export type MyAgreement = z.infer<typeof c.MyAgreement>;
export type AgreementStatus = MeetingAgreement['status'];
export type AgreementAnswerBody = z.input<typeof c.AgreementAnswerBody>;
export type MeetingEvent = z.infer<typeof c.MeetingEvent>;
export type ObligationBoard = z.infer<typeof c.ObligationBoard>;
export type ObligationStatus = ObligationBoard['districts'][number]['status'];
export type RulesCatalogue = z.infer<typeof c.RulesCatalogue>;
export type CatalogueRule = RulesCatalogue['rules'][number];
export type AcknowledgementState = z.infer<typeof c.AcknowledgementState>;
export type AcknowledgementReport = z.infer<typeof c.AcknowledgementReport>;

/** `GET /invitations/mine`: an invitation with the meeting it is for. */
export type MyInvitation = Invitation & {
  meeting: Pick<MeetingSummary, 'id' | 'number' | 'startsAt' | 'endsAt' | 'status' | 'venueName' | 'venueAddress' | 'districts'>;
};

export interface AnnouncementTexts {
  kk: { post: string; notice: string; letter: string };
  ru: { post: string; notice: string; letter: string };
}

export interface FeedToken {
  token: string;
  urls: { mine: string; district?: string; point?: string; inspector?: string };
}

/** The details of a refusal by a rule (`rule_violation`, `validation_failed`). */
export interface RuleRefusal {
  reason?: string;
  rule?: string | null;
  field?: string | null;
  params?: Record<string, unknown>;
}
