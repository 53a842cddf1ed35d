import type {
  AgreementStatus, Channel, InvitationCategory, InvitationStatus, MeetingFormat, MeetingStatus, ObligationStatus, Setting,
} from './types.ts';

/*
 * The API's enumerations, in the order the UI lists them. Written out rather than imported from
 * the contracts, whose zod schemas would come into the bundle with them; `options.test.ts`
 * checks they match.
 */
export const SETTINGS = ['gathering', 'akim_meeting', 'initiative_meeting'] as const satisfies readonly Setting[];
export const FORMATS = ['indoor', 'open_air', 'online', 'hybrid'] as const satisfies readonly MeetingFormat[];
export const CHANNELS = ['mass_media', 'social_network', 'organisation', 'esep_page'] as const satisfies readonly Channel[];
/** police leadership and the akimat take part; the others are invited by agreement. */
export const REQUIRED_CATEGORIES = ['police_leadership', 'akimat'] as const satisfies readonly InvitationCategory[];
export const CATEGORIES = [
  ...REQUIRED_CATEGORIES, 'maslikhat_deputy', 'public', 'health_care', 'labour_social', 'education_science',
  'agriculture', 'housing_communal', 'organisation', 'mass_media',
] as const satisfies readonly InvitationCategory[];
export const INVITATION_STATUSES = ['draft', 'sent', 'accepted', 'declined', 'attended', 'absent'] as const satisfies readonly InvitationStatus[];
export const MEETING_STATUSES = [
  'draft', 'scheduled', 'announced', 'held', 'protocol_signed', 'closed', 'postponed', 'cancelled',
] as const satisfies readonly MeetingStatus[];
export const OBLIGATION_STATUSES = ['met', 'held', 'scheduled', 'at_risk', 'open', 'missed'] as const satisfies readonly ObligationStatus[];
/** a colleague's agreement to a joint meeting. */
export const AGREEMENT_STATUSES = ['pending', 'accepted', 'declined'] as const satisfies readonly AgreementStatus[];

export const isRequiredCategory = (category: string) => (REQUIRED_CATEGORIES as readonly string[]).includes(category);
