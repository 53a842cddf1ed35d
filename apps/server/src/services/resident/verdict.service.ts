import { createHash } from 'node:crypto';
import { OUTCOME_MEETING_STATUSES, outcomeItems, questionForVerdict, verdictCounts, writeVerdict } from '@esep/db';
import { AppError } from '../../http/app-error.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { presentOutcomeItem, type OutcomeItem } from './outcomes.service.ts';

/*
 * Issue 13, part 5: the author of a question sent ahead says, through her
 * private link, whether the item that answered it was really resolved. The link's token is the
 * only credential; only its SHA-256 is stored. "Not resolved" goes on the next meeting's report
 * (R-30, see `carriedItems`); the verdict may change until that report is final (the next
 * meeting's protocol signed, which marks it carried).
 */
export const VERDICT_WORDS_MAX = 1000;
export type Verdict = 'resolved' | 'not_resolved';

/** Tokens are URL-safe random strings; anything else cannot name a question. */
const TOKEN = /^[A-Za-z0-9_-]{16,200}$/;

export function tokenHashOf(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export const VERDICT_MESSAGES = {
  not_answered_yet: {
    kk: 'Бұл мәселе бойынша хаттамаға әлі қол қойылған жоқ: нәтижесі белгілі болғанда қайта оралыңыз.',
    ru: 'Протокол по этому вопросу ещё не подписан: вернитесь, когда станет известен результат.',
    en: 'The protocol covering this item is not signed yet: come back when its outcome is known.',
  },
  carried: {
    kk: 'Сіздің жауабыңыз келесі жиналыстың есебіне енгізілді, енді оны өзгерту мүмкін емес.',
    ru: 'Ваш ответ уже включён в отчёт следующего собрания и больше не может быть изменён.',
    en: 'Your answer is already on the next meeting\'s report and can no longer be changed.',
  },
  too_long: {
    kk: 'Мәтін 1000 таңбадан аспауы керек.',
    ru: 'Текст не должен превышать 1000 символов.',
    en: 'The text must not be longer than 1,000 characters.',
  },
} as const;

export interface VerdictState {
  questionId: string;
  /** False until the question is linked to an item of a meeting whose protocol is signed. */
  answered: boolean;
  item: OutcomeItem | null;
  /** `<meeting number>/<item number>`, as the protocol and the outcomes page name it. */
  reference: string | null;
  verdict: Verdict | null;
  words: string | null;
  carried: boolean;
}

/** The question a token names; a malformed, tampered or unknown token is the same plain 404. */
async function questionOf(ctx: ServiceContext, token: string) {
  if (!TOKEN.test(token)) throw new AppError('not_found');
  const row = await questionForVerdict(ctx.db, tokenHashOf(token));
  if (!row) throw new AppError('not_found');
  return row;
}

const answeredStatus = (status: string | null) => status != null && (OUTCOME_MEETING_STATUSES as readonly string[]).includes(status);

/** What the verdict page shows: the item, what came of it, and her verdict so far. */
export async function verdictState(ctx: ServiceContext, token: string): Promise<VerdictState> {
  const q = await questionOf(ctx, token);
  const answered = q.itemId != null && answeredStatus(q.meetingStatus);
  let item: OutcomeItem | null = null;
  if (answered) {
    const [rows, counts] = await Promise.all([outcomeItems(ctx.db, [q.meetingId!]), verdictCounts(ctx.db, [q.itemId!])]);
    const row = rows.find((r) => r.id === q.itemId);
    if (row) item = presentOutcomeItem(row, counts[0] ?? null);
  }
  return { questionId: q.id, answered, item, reference: item ? `${q.meetingNumber}/${item.number}` : null, verdict: q.verdict, words: q.verdictWords, carried: q.carriedToMeetingId != null };
}

/** Normalises the resident's words: plain text, line breaks kept, at most 1,000 characters. */
export function verdictWords(words: string | null | undefined): string | null {
  // Control characters other than line breaks and tabs have no place in a sentence.
  // eslint-disable-next-line no-control-regex
  const text = (words ?? '').replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  if (text.length > VERDICT_WORDS_MAX) {
    throw new AppError('validation_failed', [{ field: 'body.words', reason: `at most ${VERDICT_WORDS_MAX} characters`, code: 'too_long' }], 400, VERDICT_MESSAGES.too_long);
  }
  return text === '' ? null : text;
}

export async function recordVerdict(ctx: ServiceContext, input: { token: string; verdict: Verdict; words?: string | null }): Promise<VerdictState> {
  const words = verdictWords(input.words);
  const q = await questionOf(ctx, input.token);
  if (q.itemId == null || !answeredStatus(q.meetingStatus)) {
    throw new AppError('conflict', { reason: 'not_answered_yet', rule: 'R-32.1' }, 409, VERDICT_MESSAGES.not_answered_yet);
  }
  if (q.carriedToMeetingId != null) throw new AppError('conflict', { reason: 'verdict_carried', rule: 'R-30' }, 409, VERDICT_MESSAGES.carried);
  await inTransaction(ctx, async (tx, audit) => {
    if (!(await writeVerdict(tx, q.id, { verdict: input.verdict, words, at: ctx.now() }))) {
      throw new AppError('conflict', { reason: 'verdict_carried', rule: 'R-30' }, 409, VERDICT_MESSAGES.carried);
    }
    // Ids and counts only: the words may name people and stay out of the audit log.
    await audit({
      action: 'resident.verdict', entityType: 'resident_question', entityId: q.id,
      before: q.verdict ? { verdict: q.verdict } : null,
      after: { itemId: q.itemId, meetingId: q.meetingId, verdict: input.verdict, characters: words?.length ?? 0 },
    });
  });
  return verdictState(ctx, input.token);
}
