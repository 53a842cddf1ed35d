import type { Locale } from '../rules/rule.catalog.ts';

/**
 * everyone present at the meeting is registered. The count of participants is always
 * the size of the register, never a typed number.
 */
export const PARTICIPANT_CATEGORIES = [
  'resident', 'police_leadership', 'akimat', 'maslikhat_deputy', 'invited_agency', 'organisation', 'media', 'other',
] as const;
export type ParticipantCategory = (typeof PARTICIPANT_CATEGORIES)[number];

/** How an entry came into the register (the register shows which came from paper). */
export const REGISTRATION_CHANNELS = ['staff', 'self', 'online_link', 'paper', 'invitation'] as const;
export type RegistrationChannel = (typeof REGISTRATION_CHANNELS)[number];

export const ATTENDANCE_MODES = ['in_person', 'online'] as const;
export type AttendanceMode = (typeof ATTENDANCE_MODES)[number];

/**
 * Consent to processing personal data (Law of the Republic of Kazakhstan No. 94-V "On personal
 * data and their protection", art. 8): required for every entry; the version is stored with it
 * so a later change of wording does not rewrite what a person agreed to.
 */
export const CONSENT_VERSION = 'pd-2026-1';
export const CONSENT_TEXT: Record<Locale, string> = {
  kk: 'Мен полицияның учаскелік инспекторының тұрғындар алдындағы есепті кездесуіне қатысушыларды тіркеу, хаттама жасау және кездесуде айтылған өтініштер бойынша жауап беру мақсатында менің дербес деректерімді (тегі, аты, әкесінің аты, мекенжайы, байланыс деректері) өңдеуге келісемін. Деректер кездесу материалдарымен бірге кемінде бір жыл сақталады және үшінші тұлғаларға берілмейді.',
  ru: 'Я согласен(на) на обработку моих персональных данных (фамилия, имя, отчество, адрес, контактные данные) в целях регистрации участников отчётной встречи участкового инспектора полиции с населением, составления протокола и ответа на высказанные на встрече обращения. Данные хранятся вместе с материалами встречи не менее одного года и третьим лицам не передаются.',
  en: 'I consent to the processing of my personal data (surname, name, patronymic, address, contact details) for registering participants of the district police inspector\'s reporting meeting with residents, drawing up its protocol and answering the matters raised at it. The data is kept with the meeting\'s materials for at least one year and is not passed to third parties.',
};

/**
 * The key by which two registrations are the same person: name and address compared without
 * case, extra spaces, punctuation or the difference between Kazakh/Russian look-alike forms.
 */
export function personKey(fullName: string, address: string): string {
  const norm = (s: string) => s.normalize('NFKC').toLocaleLowerCase('kk')
    .replace(/ё/g, 'е')
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return `${norm(fullName)}|${norm(address)}`;
}

/** Minutes before the start and after the end during which residents may register themselves. */
export const SELF_REGISTRATION_OPENS_BEFORE_MIN = 60;
export const SELF_REGISTRATION_CLOSES_AFTER_MIN = 30;

export type SelfRegistrationWindow = 'not_yet_open' | 'open' | 'closed';

/**
 * the QR link on the poster registers people present, so it opens an hour before the
 * start and closes half an hour after the end (late arrivals still sign in). Only an
 * announced or held meeting takes registrations.
 */
export function selfRegistrationWindow(m: { status: string; startsAt: Date; endsAt: Date }, now: Date): SelfRegistrationWindow {
  if (m.status !== 'announced' && m.status !== 'held') return m.status === 'protocol_signed' || m.status === 'closed' || m.status === 'cancelled' ? 'closed' : 'not_yet_open';
  const opens = m.startsAt.getTime() - SELF_REGISTRATION_OPENS_BEFORE_MIN * 60_000;
  const closes = m.endsAt.getTime() + SELF_REGISTRATION_CLOSES_AFTER_MIN * 60_000;
  if (now.getTime() < opens) return 'not_yet_open';
  if (now.getTime() > closes) return 'closed';
  return 'open';
}

/**
 * Staff (inspector, assistant) record what happens at the meeting from its day on, until the
 * protocol is signed; an offline queue synced hours later is still accepted while the meeting
 * is held.
 */
export function liveRecordingOpen(m: { status: string; startDate: string }, today: string): boolean {
  return (m.status === 'announced' || m.status === 'held') && today >= m.startDate;
}
