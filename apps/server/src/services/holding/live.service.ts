import { ERROR_MESSAGES, REQUIRED_INVITATION_CATEGORIES, type LiveOperation } from '@esep/contracts';
import { activeTopics, awardsOf, decisionsOf, invitationsOf, itemsOf, meetingParts, meetingRow, participantsOf } from '@esep/db';
import { CONSENT_TEXT, CONSENT_VERSION, liveRecordingOpen } from '@esep/domain';
import { AppError } from '../../http/app-error.ts';
import type { ServiceContext } from '../context.ts';
import { createAward, createDecision, presentAward, presentDecision } from './decision.service.ts';
import { createItem, maySeeNames, presentItem } from './item.service.ts';
import { presentParticipant, registerParticipant } from './participant.service.ts';
import { presentTopic } from './topic.service.ts';

/*
 * The live screen of a meeting being held: everything it shows in one
 * request, and the sync of what was recorded offline.
 */

export async function liveState(ctx: ServiceContext, meetingId: string) {
  const meeting = await meetingRow(ctx.db, meetingId);
  if (!meeting) throw new AppError('not_found');
  const [participants, items, decisions, awards, topics, parts, invitations, names] = await Promise.all([
    participantsOf(ctx.db, meetingId), itemsOf(ctx.db, meetingId), decisionsOf(ctx.db, meetingId), awardsOf(ctx.db, meetingId),
    activeTopics(ctx.db), meetingParts(ctx.db, [meetingId]), invitationsOf(ctx.db, [meetingId]), maySeeNames(ctx, meetingId),
  ]);
  const required = REQUIRED_INVITATION_CATEGORIES as readonly string[];
  return {
    meeting: {
      id: meeting.id, number: meeting.number, status: meeting.status, startsAt: meeting.startsAt.toISOString(), endsAt: meeting.endsAt.toISOString(),
      recordingOpen: liveRecordingOpen(meeting, ctx.today),
    },
    // the count is the size of the register, never a typed number.
    participantCount: participants.length,
    participants: participants.map(presentParticipant),
    items: items.map((r) => presentItem(r, names)),
    decisions: decisions.map(presentDecision),
    awards: awards.map(presentAward),
    topics: topics.map(presentTopic),
    districts: parts.districts.map(({ id, code, nameKk, nameRu, atuNameKk, atuNameRu }) => ({ id, code, nameKk, nameRu, atu: { nameKk: atuNameKk, nameRu: atuNameRu } })),
    // the invited police leadership and akimat, marked present from their invitation.
    requiredInvitations: invitations.filter((i) => required.includes(i.category)).map((i) => ({
      id: i.id, category: i.category, organisation: i.organisation, personName: i.personName, status: i.status,
      participantId: participants.find((p) => p.invitationId === i.id)?.id ?? null,
    })),
    consent: { version: CONSENT_VERSION, ...CONSENT_TEXT },
  };
}

const NOT_THE_AUTHOR = {
  kk: 'Бұл жазбаларды басқа пайдаланушы енгізген: оларды тек сол пайдаланушы өз атынан кіріп жібере алады',
  ru: 'Эти записи внёс другой пользователь: отправить их может только он сам, войдя под своим именем',
  en: 'These entries were recorded by another user: only that user, logged in as himself, can send them',
};

export interface SyncResult {
  clientKey: string;
  status: 'created' | 'duplicate' | 'rejected';
  id: string | null;
  error: { code: string; message: string; details?: unknown } | null;
}

async function apply(ctx: ServiceContext, meetingId: string, op: LiveOperation): Promise<{ id: string; created: boolean }> {
  switch (op.kind) {
    case 'participant': {
      const { participant, created } = await registerParticipant(ctx, meetingId, { ...op.data, clientKey: op.clientKey });
      return { id: participant.id, created };
    }
    case 'item': {
      const { item, created } = await createItem(ctx, meetingId, { ...op.data, clientKey: op.clientKey });
      return { id: item.id, created };
    }
    case 'decision': {
      const { decision, created } = await createDecision(ctx, meetingId, { ...op.data, clientKey: op.clientKey });
      return { id: decision.id, created };
    }
    case 'award': {
      const { award, created } = await createAward(ctx, meetingId, { ...op.data, clientKey: op.clientKey });
      return { id: award.id, created };
    }
  }
}

/**
 * Applies the offline queue in its order, each operation in its own transaction: a refused
 * one is reported and the others still go through. A stored client key answers `duplicate`.
 * Anything but a refusal (a crash, the database gone) propagates as a 5xx, so the client
 * keeps the whole queue and retries — the keys make the retry harmless.
 */
export async function syncLive(ctx: ServiceContext, meetingId: string, operations: readonly LiveOperation[], authorId?: string): Promise<{ results: SyncResult[] }> {
  // Entries go out only under the login of the person who typed them: the audit names him.
  if (authorId !== undefined && authorId !== ctx.actor?.id) throw new AppError('forbidden', { reason: 'not_the_author' }, 403, NOT_THE_AUTHOR);
  const locale = ctx.locale ?? 'kk';
  const results: SyncResult[] = [];
  for (const op of operations) {
    try {
      const { id, created } = await apply(ctx, meetingId, op);
      results.push({ clientKey: op.clientKey, status: created ? 'created' : 'duplicate', id, error: null });
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      results.push({
        clientKey: op.clientKey, status: 'rejected', id: null,
        error: { code: error.code, message: error.messages?.[locale] ?? ERROR_MESSAGES[error.code][locale], ...(error.details === undefined ? {} : { details: error.details }) },
      });
    }
  }
  return { results };
}
