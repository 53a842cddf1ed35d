import { createHash, randomBytes } from 'node:crypto';
import type { Locale, ResidentQuestion, ResidentQuestionForm } from '@esep/contracts';
import {
  announcedMeetingOfDistrict, challengeUsed, constraintViolation, districtByCode, insertResidentQuestion, itemById, meetingPaths, meetingRow, nextAnnouncedMeeting,
  questionByTokenHash, questionsForMeeting, residentQuestionById, setQuestionItem,
} from '@esep/db';
import { can } from '@esep/domain';
import { AppError } from '../../http/app-error.ts';
import { inTransaction, requireActor, type ServiceContext } from '../context.ts';

/*
 * a resident sends a question, complaint or proposal ahead of the meeting; the inspector
 * finds it in the meeting's preparation and links it to the item that answers it. The author
 * follows it through a private link: a random 32-byte token of which only the sha256 is stored,
 * so neither the database nor its backups can open her page.
 */

/** Law 94-V: the consent a resident gives when she leaves a name or a contact with a question. */
export const QUESTION_CONSENT_VERSION = 'q-2026-1';
export const QUESTION_CONSENT_TEXT: Record<Locale, string> = {
  kk: 'Мен учаскелік полиция инспекторының маған осы сұрақ бойынша жауап беруі үшін атымды және байланыс деректерімді өңдеуге келісемін. Олар жарияланбайды және үшінші тұлғаларға берілмейді.',
  ru: 'Я согласен(на) на обработку моего имени и контактных данных, чтобы участковый инспектор полиции мог ответить мне на это обращение. Они не публикуются и третьим лицам не передаются.',
  en: 'I consent to the processing of my name and contact details so that the district police inspector can answer me on this question. They are not published and not passed to third parties.',
};

export const tokenHashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** The form's district and the meeting the question goes to: the one named (if announced and of this district), else the next announced one. */
export async function questionFormTarget(ctx: ServiceContext, code: string, meetingId: string | null) {
  const district = await districtByCode(ctx.db, code);
  if (!district) return null;
  const named = meetingId ? await announcedMeetingOfDistrict(ctx.db, district.id, meetingId, ctx.now()) : null;
  const meeting = named ?? await nextAnnouncedMeeting(ctx.db, district.id, ctx.now());
  return { district, meeting };
}

/** true when a question was already stored from the form with this challenge (its proof of work is spent). */
export const formAlreadyUsed = (ctx: ServiceContext, challengeHash: string) => challengeUsed(ctx.db, challengeHash);

/**
 * Stores the question; answers the author's private token (shown once, never stored), or
 * 'challenge_used' when a question from the same form (the same challenge, `challengeHash`)
 * got in first — two sends of one solution racing past formAlreadyUsed meet the unique index.
 */
export async function submitQuestion(
  ctx: ServiceContext, target: { districtId: string; meetingId: string | null; challengeHash: string }, form: ResidentQuestionForm,
): Promise<{ token: string } | 'challenge_used'> {
  const token = randomBytes(32).toString('base64url');
  const now = ctx.now();
  const personal = form.name != null || form.contact != null;
  try {
    await inTransaction(ctx, async (tx, audit) => {
      const row = await insertResidentQuestion(tx, {
        districtId: target.districtId, meetingId: target.meetingId, kind: form.kind, text: form.text,
        authorName: form.name ?? null, contact: form.contact ?? null,
        contactKind: form.contact ? (form.contact.includes('@') ? 'email' : 'phone') : null,
        consentVersion: personal ? QUESTION_CONSENT_VERSION : null, consentAt: personal ? now : null,
        tokenHash: tokenHashOf(token), challengeHash: target.challengeHash, createdAt: now,
      });
      // No name, contact or text in the audit: ids, the kind and whether a contact was left.
      await audit({
        action: 'resident_question.create', entityType: 'district', entityId: target.districtId,
        after: { questionId: row.id, meetingId: target.meetingId, kind: form.kind, hasContact: form.contact != null },
      });
    });
  } catch (error) {
    const violation = constraintViolation(error);
    if (violation?.kind === 'unique' && (violation.constraint === 'resident_questions_challenge_uq' || violation.fields.includes('challengeHash'))) return 'challenge_used';
    throw error;
  }
  return { token };
}

export type QuestionStatus =
  | { state: 'received' }
  | { state: 'linked'; meetingNumber: string | null; itemNumber: number }
  | { state: 'answered'; meetingNumber: string | null; itemNumber: number; resolution: 'answered' | 'to_check' | 'to_forward'; answer: string | null };

export interface AuthorQuestion {
  kind: 'question' | 'complaint' | 'proposal';
  text: string;
  sentAt: Date;
  meeting: { number: string; startsAt: Date } | null;
  status: QuestionStatus;
}

/** The author's page data (by her token); null for an unknown or altered token. */
export async function questionForAuthor(ctx: ServiceContext, token: string): Promise<AuthorQuestion | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = await questionByTokenHash(ctx.db, tokenHashOf(token));
  if (!row) return null;
  const meeting = row.meetingNumber && row.meetingStartsAt ? { number: row.meetingNumber, startsAt: row.meetingStartsAt } : null;
  let status: QuestionStatus = { state: 'received' };
  if (row.itemId && row.itemNumber != null) {
    status = row.itemResolution
      ? { state: 'answered', meetingNumber: row.meetingNumber, itemNumber: row.itemNumber, resolution: row.itemResolution, answer: row.itemAnswer }
      : { state: 'linked', meetingNumber: row.meetingNumber, itemNumber: row.itemNumber };
  }
  return { kind: row.kind, text: row.text, sentAt: row.createdAt, meeting, status };
}

/** The preparation list of a meeting; the contact only for those who answer (may link). */
export async function meetingQuestions(ctx: ServiceContext, meetingId: string): Promise<ResidentQuestion[]> {
  const actor = requireActor(ctx);
  const answers = can(actor, 'update', { resource: 'resident_question', paths: await meetingPaths(ctx.db, meetingId) });
  const rows = await questionsForMeeting(ctx.db, meetingId);
  return rows.map((r) => ({
    id: r.id, kind: r.kind, text: r.text, sentAt: r.createdAt.toISOString(), attached: r.meetingId === meetingId,
    hasContact: r.contact != null,
    authorName: answers ? r.authorName : null, contact: answers ? r.contact : null,
    itemId: r.itemId, itemNumber: r.itemNumber ?? null,
  }));
}

const OTHER_MEETING = {
  kk: 'Бұл мәселе басқа кездесуге жатады: сұрақты тек осы кездесудің мәселесімен байланыстыруға болады',
  ru: 'Этот вопрос повестки относится к другой встрече: обращение можно связать только с вопросом этой встречи',
  en: 'That item belongs to another meeting: a question can be linked only to an item of this meeting',
};
const NOT_IN_PREPARATION = {
  kk: 'Бұл сұрақ осы кездесуге дайындықта жоқ', ru: 'Этого обращения нет в подготовке к этой встрече', en: 'This question is not in this meeting\'s preparation',
};

/** Links the question to an item of this meeting (or unlinks it with null). */
export async function linkQuestion(ctx: ServiceContext, meetingId: string, questionId: string, itemId: string | null): Promise<ResidentQuestion> {
  const actor = requireActor(ctx);
  const meeting = await meetingRow(ctx.db, meetingId);
  if (!meeting) throw new AppError('not_found');
  const inPreparation = (await questionsForMeeting(ctx.db, meetingId)).some((q) => q.id === questionId);
  if (!inPreparation) {
    // A question of this meeting's districts linked elsewhere is a conflict; any other is not disclosed.
    const question = await residentQuestionById(ctx.db, questionId);
    if (!question) throw new AppError('not_found');
    throw new AppError('conflict', { reason: 'not_in_preparation', rule: 'R-29' }, 409, NOT_IN_PREPARATION);
  }
  if (itemId) {
    const item = await itemById(ctx.db, itemId);
    if (!item || item.meetingId !== meetingId) throw new AppError('conflict', { reason: 'item_of_another_meeting', rule: 'R-29' }, 409, OTHER_MEETING);
  }
  await inTransaction(ctx, async (tx, audit) => {
    const before = await residentQuestionById(tx, questionId);
    await setQuestionItem(tx, questionId, itemId
      ? { itemId, linkedBy: actor.id, linkedAt: ctx.now(), meetingId }
      : { itemId: null, linkedBy: null, linkedAt: null });
    await audit({
      action: itemId ? 'resident_question.link' : 'resident_question.unlink', entityType: 'meeting', entityId: meetingId,
      before: { questionId, itemId: before?.itemId ?? null }, after: { questionId, itemId },
    });
  });
  const list = await meetingQuestions(ctx, meetingId);
  return list.find((q) => q.id === questionId)!;
}
