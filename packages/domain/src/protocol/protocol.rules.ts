import { addWorkingDays, type WorkingCalendar } from '../calendar/working-days.ts';
import { almatyDate } from '../time/almaty.ts';

/**
 * R-32.3: the protocol is completed and signed on the meeting day, judged by the calendar date
 * in Asia/Almaty. Signing later is allowed, but it is late and needs a reason.
 */
export type SigningTimeliness = 'on_time' | 'late';

export function signingTimeliness(meetingDate: string, signedAt: Date): SigningTimeliness {
  return almatyDate(signedAt) <= meetingDate ? 'on_time' : 'late';
}

/** R-32.4 with APPK art. 76: an item not answered in full is checked within 15 working days. */
export const CHECK_TERM_WORKING_DAYS = 15;
/** APPK art. 76 ¶2: the term may be extended once, by up to two months, with a reason. */
export const CHECK_EXTENSION_MAX_MONTHS = 2;
/** R-32.5 with APPK art. 65: an item outside police competence is forwarded within 3 working days. */
export const FORWARDING_TERM_WORKING_DAYS = 3;

export function checkDueDate(cal: WorkingCalendar, openedOn: string): string {
  return addWorkingDays(cal, openedOn, CHECK_TERM_WORKING_DAYS);
}

export function forwardingDueDate(cal: WorkingCalendar, meetingDate: string): string {
  return addWorkingDays(cal, meetingDate, FORWARDING_TERM_WORKING_DAYS);
}

/** The latest date an extension may set: two calendar months after the original due date. */
export function latestExtension(dueDate: string): string {
  const [y, m, d] = dueDate.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + CHECK_EXTENSION_MAX_MONTHS, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

export type ExtensionRefusal = 'already_extended' | 'reason_required' | 'not_later' | 'too_long';

export function extensionProblem(c: { dueDate: string; originalDueDate: string; extended: boolean }, newDue: string, reason: string): ExtensionRefusal | null {
  if (c.extended) return 'already_extended';
  if (!reason.trim()) return 'reason_required';
  if (newDue <= c.dueDate) return 'not_later';
  if (newDue > latestExtension(c.originalDueDate)) return 'too_long';
  return null;
}

/**
 * R-32.5: a forwarding is complete only when the item was sent to the body and the person who
 * raised it was told where it went.
 */
export function forwardingComplete(f: { sentOn: string | null; initiatorNotifiedOn: string | null; anonymous: boolean }): boolean {
  return f.sentOn != null && (f.anonymous || f.initiatorNotifiedOn != null);
}

/**
 * R-31's catch-all topic. It says nothing of which body is responsible, so no body can be called
 * wrong for it (street lighting, stray dogs, a bus stop: the akimat, a department, a utility).
 */
export const UNCLASSIFIED_TOPIC = 'other';

/**
 * R-32.5: items outside police competence go to the body responsible "by departmental
 * subordination or territory". `competent`: the body's topics include the item's. `not_competent`:
 * the item has a clear topic and the body is plainly the wrong one — it does not list the topic
 * while the directory has bodies that do. `undetermined`: the topic names nobody — the catch-all
 * "other", or a topic no active body of the directory lists (a topic added after the directory
 * was filled) — so the choice is the inspector's and no body is wrong.
 *
 * `claimedTopics`: the topics listed by the active bodies of the directory; without it every topic
 * but the catch-all counts as clear.
 */
export type Competence = 'competent' | 'not_competent' | 'undetermined';

export function competence(bodyTopics: readonly string[], topic: string, claimedTopics?: Iterable<string>): Competence {
  if (bodyTopics.includes(topic)) return 'competent';
  if (topic === UNCLASSIFIED_TOPIC) return 'undetermined';
  if (claimedTopics && !new Set(claimedTopics).has(topic)) return 'undetermined';
  return 'not_competent';
}

/**
 * R-32.5: forwarding to a body plainly wrong for a clear topic is allowed with a reason (warned,
 * not refused); a competent body, or one chosen for a topic that names nobody, needs none.
 */
export function competenceReasonRequired(bodyTopics: readonly string[], topic: string, claimedTopics?: Iterable<string>): boolean {
  return competence(bodyTopics, topic, claimedTopics) === 'not_competent';
}

/** The API's `competent` flag: true, false (a reason is asked), or null when undetermined. */
export function competentFlag(value: Competence): boolean | null {
  return value === 'competent' ? true : value === 'not_competent' ? false : null;
}

/** Topics that some active body of the directory lists: those are the clear ones. */
export function claimedTopics(bodies: ReadonlyArray<{ topics: readonly string[]; active: boolean }>): Set<string> {
  return new Set(bodies.filter((b) => b.active).flatMap((b) => b.topics));
}

/**
 * The canonical form of a record for hashing and signing: JSON with object keys sorted at
 * every level, no insignificant whitespace, strings NFC-normalised. The same content always
 * gives the same bytes, whatever order the fields were assembled in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'string') return JSON.stringify(value.normalize('NFC'));
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('non-finite number in canonical content');
    return JSON.stringify(value ?? null);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
