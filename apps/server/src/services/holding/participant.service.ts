import type { Participant, ParticipantBody, SelfRegistrationBody } from '@esep/contracts';
import {
  claimParticipant, deleteParticipantRow, drawParticipantNumber, releaseParticipantClaim, insertParticipant, invitationById, itemsRaisedBy, listParticipants, meetingDistrictNames,
  meetingRow, paperSheetById, participantByClientKey, participantById, participantByInvitation,
  participantByPersonKey, participantConflicts, participantSuggestions, markInvitation, shareLockMeeting, updateParticipantRow, type MeetingRow,
  type ParticipantFilter, type ParticipantRow, type Tx,
} from '@esep/db';
import {
  CONSENT_VERSION, liveRecordingOpen, personKey, SELF_REGISTRATION_CLOSES_AFTER_MIN, SELF_REGISTRATION_OPENS_BEFORE_MIN, selfRegistrationWindow,
  type ParticipantCategory, type SelfRegistrationWindow,
} from '@esep/domain';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError, ruleRefusal } from '../../http/app-error.ts';
import { maySeeNames } from './item.service.ts';
import { inTransaction, type ServiceContext } from '../context.ts';

/*
 * the register of everyone present. Staff type entries (also from paper sheets and for
 * invited officials), residents register themselves by the poster's QR code or the online link.
 * Numbers are drawn from the meeting's counter without locking the meeting for the transaction
 * (unique, increasing, gaps possible: `drawParticipantNumber`), the same person is registered
 * once, and a retried write with the same client key returns the first entry.
 */

export function presentParticipant(row: ParticipantRow): Participant {
  return {
    id: row.id, meetingId: row.meetingId, number: row.number, fullName: row.fullName, address: row.address,
    residentOfDistrictId: row.residentOfDistrictId, category: row.category, organisation: row.organisation,
    phone: row.phone, email: row.email, consentVersion: row.consentVersion, consentAt: row.consentAt.toISOString(),
    arrivedAt: row.arrivedAt.toISOString(), attendance: row.attendance, channel: row.channel,
    paperSheetId: row.paperSheetId, invitationId: row.invitationId, clientKey: row.clientKey,
  };
}

const RECORDING_CLOSED = {
  kk: 'Қатысушыларды тіркеу кездесу күнінен бастап хаттамаға қол қойылғанға дейін ғана жүргізіледі (жарияланған немесе өткізілген кездесу)',
  ru: 'Регистрация участников ведётся только со дня встречи до подписания протокола (встреча объявлена или проведена)',
  en: 'Participants are registered only from the day of the meeting until the protocol is signed (the meeting is announced or held)',
};
const ALREADY_REGISTERED = {
  kk: 'Бұл адам осы кездесуге тіркеліп қойған, оның нөмірі — {n}',
  ru: 'Этот человек уже зарегистрирован на встречу под номером {n}',
  en: 'This person is already registered for the meeting as number {n}',
};
const HAS_ITEMS = {
  kk: 'Бұл қатысушы кездесуде мәселе көтерген: жазбаны жою мүмкін емес, оны түзетіңіз',
  ru: 'Этот участник поднимал на встрече вопросы: запись нельзя удалить, исправьте её',
  en: 'This participant raised items at the meeting: the entry cannot be deleted; correct it instead',
};

const fill = (messages: Record<'kk' | 'ru' | 'en', string>, n: number) =>
  ({ kk: messages.kk.replace('{n}', String(n)), ru: messages.ru.replace('{n}', String(n)), en: messages.en.replace('{n}', String(n)) });

/**
 * the same person twice. Whoever may read the register learns which entry it is (its id
 * and number: the staff form and the live screen point to it). Anyone else — a resident
 * registering himself without an account — learns only that this person is already
 * registered: no id, no number, no name, nothing to probe the register with.
 */
export function alreadyRegistered(row: Pick<ParticipantRow, 'id' | 'number'>, mayReadRegister: boolean): AppError {
  if (!mayReadRegister) return new AppError('already_registered', { rule: 'R-32.2' }, 409);
  return new AppError('already_registered', { participantId: row.id, number: row.number, rule: 'R-32.2' }, 409, fill(ALREADY_REGISTERED, row.number));
}

/** The PostgreSQL error behind a driver error (drizzle wraps it), if it is a unique violation. */
function uniqueViolation(error: unknown): { constraint: string } | null {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth += 1) {
    const e = current as { code?: unknown; constraint?: unknown; message?: unknown; cause?: unknown };
    if (e.code === '23505') {
      const constraint = typeof e.constraint === 'string' ? e.constraint : (typeof e.message === 'string' ? (/"([a-z_]+)"/.exec(e.message)?.[1] ?? '') : '');
      return { constraint };
    }
    current = e.cause;
  }
  return null;
}

export async function loadMeeting(ctx: ServiceContext, meetingId: string): Promise<MeetingRow> {
  const meeting = await meetingRow(ctx.db, meetingId);
  if (!meeting) throw new AppError('not_found');
  return meeting;
}

export function requireRecordingOpen(ctx: ServiceContext, meeting: MeetingRow) {
  if (!liveRecordingOpen(meeting, ctx.today)) throw ruleRefusal({ reason: 'recording_closed', rule: 'R-32.2' }, RECORDING_CLOSED, 409);
}

function requireConsentVersion(version: string) {
  if (version !== CONSENT_VERSION) {
    throw new AppError('validation_failed', [{ field: 'body.consentVersion', reason: `the consent shown must be version ${CONSENT_VERSION}`, code: 'invalid_value' }], 400);
  }
}

/** the participant category of an invited official, by the invitation's category. */
export function categoryOfInvitation(category: string): ParticipantCategory {
  switch (category) {
    case 'police_leadership': return 'police_leadership';
    case 'akimat': return 'akimat';
    case 'maslikhat_deputy': return 'maslikhat_deputy';
    case 'mass_media': return 'media';
    case 'organisation': return 'organisation';
    default: return 'invited_agency';
  }
}

/** A registration's claim on the person (`claimParticipant`): a digest, not the name and address again. */
const claimOf = (key: string) => createHash('sha256').update(key).digest('hex');
/** A claim whose holder has said nothing for this long is taken over (its process died). */
const CLAIM_STALE_MS = 15_000;
/** How often, and how many times, a copy looks for the entry of the registration it raced. */
const CLAIM_POLL_MS = 20;
const CLAIM_ATTEMPTS = 500;
const IN_PROGRESS = {
  kk: 'Бұл адамды тіркеу әлі аяқталған жоқ. Сәлден соң қайталаңыз.',
  ru: 'Регистрация этого человека ещё не завершена. Повторите чуть позже.',
  en: 'This person\'s registration is still in progress. Try again in a moment.',
};

type NewEntry = Omit<ParticipantRow, 'id' | 'number' | 'meetingId' | 'createdAt' | 'personKey'>;

/**
 * The one way an entry gets into the register:
 *  1. the entry stored under the same client key is returned; the same person or invitation
 *     twice is refused — read before a number is drawn, so these refusals leave no gap;
 *  2. a number is drawn (`drawParticipantNumber`: its own statement, no lock kept);
 *  3. one transaction share-locks the meeting row, checks on that row that the register is still
 *     open (`stillOpen` throws if not), stores the entry and audits it. A change of the meeting
 *     (closing the register, signing the protocol) waits for registrations holding the share
 *     lock and is seen by every registration after it: a registration racing the close is either
 *     committed before it or refused after it, whole.
 * Two registrations of the same person at the same instant both pass step 1; the unique index
 * (meeting_id, person_key) refuses the second, answered as if it had come after the first.
 */
async function addEntry(
  ctx: ServiceContext, meetingId: string, key: string, entry: NewEntry, stillOpen: (meeting: MeetingRow) => void,
  inside?: (tx: Tx, row: ParticipantRow) => Promise<void>,
): Promise<{ row: ParticipantRow; created: boolean }> {
  const reveal = await maySeeNames(ctx, meetingId);
  const settle = async (db: ServiceContext['db']): Promise<{ row: ParticipantRow; created: boolean } | null> => {
    const found = await participantConflicts(db, meetingId, { personKey: key, clientKey: entry.clientKey, invitationId: entry.invitationId });
    const same = entry.clientKey ? found.find((r) => r.meetingId === meetingId && r.clientKey === entry.clientKey) : undefined;
    if (same) return { row: same, created: false };
    const person = found.find((r) => r.meetingId === meetingId && r.personKey === key);
    if (person) throw alreadyRegistered(person, reveal);
    const invited = entry.invitationId ? found.find((r) => r.invitationId === entry.invitationId) : undefined;
    if (invited) throw alreadyRegistered(invited, reveal);
    return null;
  };
  const known = await settle(ctx.db);
  if (known) return known;
  // Copies of this registration racing it (the same offline batch sent twice, the same person at
  // two desks) must not each draw a number: one claims the person and draws, the others wait for
  // its entry and answer as a late copy would.
  const claim = claimOf(key);
  for (let attempt = 0; ; attempt += 1) {
    const at = ctx.now();
    if (await claimParticipant(ctx.db, meetingId, claim, at, new Date(at.getTime() - CLAIM_STALE_MS))) break;
    await sleep(CLAIM_POLL_MS);
    const settled = await settle(ctx.db);
    if (settled) return settled;
    if (attempt >= CLAIM_ATTEMPTS) throw new AppError('conflict', { reason: 'registration_in_progress', rule: 'R-32.2' }, 409, IN_PROGRESS);
  }
  const number = await drawParticipantNumber(ctx.db, meetingId);
  try {
    return await inTransaction(ctx, async (tx, audit) => {
      const meeting = await shareLockMeeting(tx, meetingId);
      if (!meeting) throw new AppError('not_found');
      stillOpen(meeting);
      const row = await insertParticipant(tx, { ...entry, meetingId, number, personKey: key });
      if (inside) await inside(tx, row);
      await audit({ action: 'participant.create', entityType: 'meeting', entityId: meetingId, after: { participantId: row.id, number, channel: row.channel, category: row.category } });
      return { row, created: true };
    });
  } catch (error) {
    const violation = uniqueViolation(error);
    if (!violation) {
      // Refused (the register closed, a failure): the next copy may try at once.
      await releaseParticipantClaim(ctx.db, meetingId, claim).catch(() => undefined);
      throw error;
    }
    // A concurrent writer of the same entry got there first: answer as if we had come after it.
    const again = await settle(ctx.db);
    if (again) return again;
    throw new AppError('conflict', { reason: violation.constraint || 'unique_violation' }, 409);
  }
}

async function districtOfMeeting(ctx: ServiceContext, meetingId: string, districtId: string | null | undefined) {
  if (!districtId) return null;
  const district = (await meetingDistrictNames(ctx.db, meetingId)).find((d) => d.id === districtId);
  if (!district) throw new AppError('validation_failed', [{ field: 'body.residentOfDistrictId', reason: 'not a district of this meeting', code: 'invalid_value' }], 400);
  return district;
}

/** The address part of the person key: the address, else "resident of district X", else nothing. */
const addressKey = (address: string | null | undefined, district: { nameKk: string } | null) => address ?? district?.nameKk ?? '';

/**
 * Staff entry (also from a paper sheet, and an invited official marked present); the offline
 * sync calls it too. A repeated client key answers the first entry with `created: false`.
 */
export async function registerParticipant(ctx: ServiceContext, meetingId: string, input: ParticipantBody): Promise<{ participant: Participant; created: boolean }> {
  const meeting = await loadMeeting(ctx, meetingId);
  // A retry of an entry already stored answers it, even if the offline queue arrives late.
  if (input.clientKey) {
    const same = await participantByClientKey(ctx.db, meetingId, input.clientKey);
    if (same) return { participant: presentParticipant(same), created: false };
  }
  requireRecordingOpen(ctx, meeting);
  requireConsentVersion(input.consentVersion);
  const district = await districtOfMeeting(ctx, meetingId, input.residentOfDistrictId);
  let category: ParticipantCategory = input.category;
  let channel: ParticipantRow['channel'] = 'staff';
  if (input.paperSheetId) {
    const sheet = await paperSheetById(ctx.db, input.paperSheetId);
    if (!sheet || sheet.meetingId !== meetingId) throw new AppError('validation_failed', [{ field: 'body.paperSheetId', reason: 'not a sheet of this meeting', code: 'invalid_value' }], 400);
    channel = 'paper';
  }
  if (input.invitationId) {
    const invitation = await invitationById(ctx.db, input.invitationId);
    if (!invitation || invitation.meetingId !== meetingId) throw new AppError('validation_failed', [{ field: 'body.invitationId', reason: 'not an invitation of this meeting', code: 'invalid_value' }], 400);
    category = categoryOfInvitation(invitation.category);
    channel = 'invitation';
  }
  const now = ctx.now();
  const { row, created } = await addEntry(ctx, meetingId, personKey(input.fullName, addressKey(input.address, district)), {
    fullName: input.fullName, address: input.address ?? null, residentOfDistrictId: input.residentOfDistrictId ?? null, category,
    organisation: input.organisation ?? null, phone: input.phone ?? null, email: input.email ?? null,
    consentVersion: input.consentVersion, consentAt: now, arrivedAt: input.arrivedAt ? new Date(input.arrivedAt) : now,
    attendance: input.attendance, channel, paperSheetId: input.paperSheetId ?? null, invitationId: input.invitationId ?? null,
    clientKey: input.clientKey ?? null, createdBy: ctx.actor?.id ?? null,
  }, (current) => requireRecordingOpen(ctx, current), input.invitationId ? async (tx) => markInvitation(tx, input.invitationId!, 'attended', now) : undefined);
  return { participant: presentParticipant(row), created };
}

export interface ParticipantPatch {
  fullName?: string | undefined; address?: string | null | undefined; residentOfDistrictId?: string | null | undefined;
  category?: ParticipantCategory | undefined; organisation?: string | null | undefined; phone?: string | null | undefined; email?: string | null | undefined;
}

/** Corrects an entry (a typo, the wrong category); the number stays. */
export async function correctParticipant(ctx: ServiceContext, id: string, patch: ParticipantPatch): Promise<Participant> {
  const current = await participantById(ctx.db, id);
  if (!current) throw new AppError('not_found');
  const meeting = await loadMeeting(ctx, current.meetingId);
  requireRecordingOpen(ctx, meeting);
  const next = {
    fullName: patch.fullName ?? current.fullName,
    address: patch.address !== undefined ? patch.address : current.address,
    residentOfDistrictId: patch.residentOfDistrictId !== undefined ? patch.residentOfDistrictId : current.residentOfDistrictId,
    category: patch.category ?? current.category,
    organisation: patch.organisation !== undefined ? patch.organisation : current.organisation,
    phone: patch.phone !== undefined ? patch.phone : current.phone,
    email: patch.email !== undefined ? patch.email : current.email,
  };
  const district = await districtOfMeeting(ctx, meeting.id, next.residentOfDistrictId);
  const key = personKey(next.fullName, addressKey(next.address, district));
  const reveal = await maySeeNames(ctx, meeting.id);
  const changed = (Object.keys(next) as Array<keyof typeof next>).filter((k) => next[k] !== current[k]);
  try {
    const row = await inTransaction(ctx, async (tx, audit) => {
      const other = await participantByPersonKey(tx, meeting.id, key, id);
      if (other) throw alreadyRegistered(other, reveal);
      const updated = await updateParticipantRow(tx, id, { ...next, personKey: key });
      if (!updated) throw new AppError('not_found');
      if (key !== current.personKey) await releaseParticipantClaim(tx, meeting.id, claimOf(current.personKey));
      await audit({ action: 'participant.update', entityType: 'meeting', entityId: meeting.id, after: { participantId: id, number: updated.number, fields: changed, category: updated.category } });
      return updated;
    });
    return presentParticipant(row);
  } catch (error) {
    if (!uniqueViolation(error)) throw error;
    const other = await participantByPersonKey(ctx.db, meeting.id, key, id);
    if (other) throw alreadyRegistered(other, reveal);
    throw new AppError('conflict', { reason: 'unique_violation' }, 409);
  }
}

/**
 * Removes an entry made by mistake. The numbers of the others stay as they are (the paper
 * register and the protocol may already cite them). An invited official's invitation goes back
 * to what it was before he was marked present.
 */
export async function removeParticipant(ctx: ServiceContext, id: string): Promise<void> {
  const current = await participantById(ctx.db, id);
  if (!current) throw new AppError('not_found');
  const meeting = await loadMeeting(ctx, current.meetingId);
  requireRecordingOpen(ctx, meeting);
  if ((await itemsRaisedBy(ctx.db, id)) > 0) throw new AppError('conflict', { reason: 'participant_has_items', rule: 'R-31' }, 409, HAS_ITEMS);
  await inTransaction(ctx, async (tx, audit) => {
    await deleteParticipantRow(tx, id);
    // The person may be registered again at once (a claim outlives its entry otherwise).
    await releaseParticipantClaim(tx, current.meetingId, claimOf(current.personKey));
    if (current.invitationId) {
      const invitation = await invitationById(tx, current.invitationId);
      if (invitation?.status === 'attended') await markInvitation(tx, invitation.id, invitation.respondedAt ? 'accepted' : 'sent', ctx.now());
    }
    await audit({ action: 'participant.delete', entityType: 'meeting', entityId: meeting.id, before: { participantId: id, number: current.number, channel: current.channel, category: current.category } });
  });
}

export async function participantPage(ctx: ServiceContext, meetingId: string, filter: ParticipantFilter, request: { page: number; pageSize: number; sort?: string | undefined }) {
  const page = await listParticipants(ctx.db, meetingId, filter, request);
  return { ...page, items: page.items.map(presentParticipant) };
}

export async function suggestions(ctx: ServiceContext, meetingId: string, q: string) {
  return participantSuggestions(ctx.db, meetingId, q, 10);
}

// ─── Self-registration (QR code on the poster, online link) ────────────────
export interface PublicMeeting {
  id: string; number: string; status: string; startsAt: string; endsAt: string; venueName: string | null; venueAddress: string | null;
  format: MeetingRow['format']; onlineLink: string | null; window: SelfRegistrationWindow; opensAt: string; closesAt: string;
}

/** What anyone may know about a meeting that is (or was) announced: no personal data. Drafts are not public. */
export async function publicMeeting(ctx: Pick<ServiceContext, 'db' | 'now'>, meetingId: string): Promise<PublicMeeting | null> {
  const row = await meetingRow(ctx.db, meetingId);
  if (!row || row.status === 'draft') return null;
  return publicFacts(row, ctx.now());
}

/** The public facts of a meeting row that is not a draft, as of `now`. */
export function publicFacts(row: MeetingRow, now: Date): PublicMeeting {
  const window = selfRegistrationWindow(row, now);
  return {
    id: row.id, number: row.number, status: row.status, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString(),
    venueName: row.venueName, venueAddress: row.venueAddress, format: row.format,
    onlineLink: window === 'open' ? row.onlineLink : null, window,
    opensAt: new Date(row.startsAt.getTime() - SELF_REGISTRATION_OPENS_BEFORE_MIN * 60_000).toISOString(),
    closesAt: new Date(row.endsAt.getTime() + SELF_REGISTRATION_CLOSES_AFTER_MIN * 60_000).toISOString(),
  };
}

function registrationClosed(window: SelfRegistrationWindow, opensAt: string, closesAt: string): AppError {
  return new AppError('registration_closed', { window, opensAt, closesAt, rule: 'R-32.2' }, 409);
}

/** The self-registration window, checked again on the share-locked meeting row. */
function requireWindowOpen(row: MeetingRow, now: Date) {
  const window = selfRegistrationWindow(row, now);
  if (window === 'open') return;
  throw registrationClosed(window, new Date(row.startsAt.getTime() - SELF_REGISTRATION_OPENS_BEFORE_MIN * 60_000).toISOString(),
    new Date(row.endsAt.getTime() + SELF_REGISTRATION_CLOSES_AFTER_MIN * 60_000).toISOString());
}

/**
 * a resident registers himself (no login) while the window is open: an hour before the
 * start until half an hour after the end. Returns his number in the register.
 */
export async function selfRegister(ctx: ServiceContext, meetingId: string, input: SelfRegistrationBody): Promise<{ number: number; meetingNumber: string; participant: Participant }> {
  const now = ctx.now();
  const meeting = await publicMeeting(ctx, meetingId);
  if (!meeting) throw new AppError('not_found');
  if (meeting.window !== 'open') throw registrationClosed(meeting.window, meeting.opensAt, meeting.closesAt);
  requireConsentVersion(input.consentVersion);
  const { row } = await addEntry(ctx, meetingId, personKey(input.fullName, input.address), {
    fullName: input.fullName, address: input.address, residentOfDistrictId: null, category: 'resident', organisation: null,
    phone: input.phone ?? null, email: input.email ?? null, consentVersion: input.consentVersion, consentAt: now, arrivedAt: now,
    attendance: input.online ? 'online' : 'in_person', channel: input.online ? 'online_link' : 'self',
    paperSheetId: null, invitationId: null, clientKey: null, createdBy: null,
  }, (current) => requireWindowOpen(current, now));
  return { number: row.number, meetingNumber: meeting.number, participant: presentParticipant(row) };
}
