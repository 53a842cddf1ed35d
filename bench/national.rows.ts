import { createHash } from 'node:crypto';
import { addDays, almatyDate, canonicalJson, CONSENT_VERSION, personKey, type StructureData } from '@esep/domain';
import type { Cell } from './national.load.ts';
import { streamOf, uid, type DistrictInfo, type Ids, type MeetingPlan } from './national.meetings.ts';

/**
 * The rows of every meeting-related table, derived from the meeting plans. Each table's rows of
 * one meeting come from their own random stream (seed, meeting, table), so a table is generated
 * in one pass without keeping the others in memory and the result does not depend on the order
 * tables are written in. Ids are deterministic (uid): items point to participants, checks to
 * items, by computing the same id.
 */

export interface RowContext {
  seed: number; now: Date; today: string; data: StructureData; infos: DistrictInfo[]; ids: Ids;
  staffName: Map<string, string>;
  points: Map<string, { code: string; nameKk: string; nameRu: string }>;
  /** Content hashes of the signed protocols, by meeting index (written with the protocols, signed after). */
  hashes: Map<number, string>;
}

/** Table numbers of uid(): stable, part of every generated id. */
export const T = { meeting: 1, participant: 2, item: 3, decision: 4, check: 5, forwarding: 6, invitation: 7, announcement: 8, signature: 9, event: 10, agreement: 11, user: 12 } as const;

const SURNAMES = ['Ахметов', 'Нұрланова', 'Оспанов', 'Жұмабекова', 'Қасымов', 'Төлеуова', 'Байжанов', 'Мұқанова', 'Ким', 'Иванов', 'Петрова', 'Сейітқали', 'Ілиясов', 'Рахымжанова', 'Дүйсенов', 'Шәкенова', 'Тұрсынов', 'Әміров', 'Хамитова', 'Жақыпов', 'Серікбаев', 'Мұратова', 'Қалиев', 'Омарова', 'Есенов'];
const NAMES = ['Айгүл', 'Серік', 'Дәурен', 'Гүлнар', 'Бауыржан', 'Ерлан', 'Әсел', 'Нұржан', 'Талғат', 'Жанар', 'Асхат', 'Мадина', 'Ержан', 'Динара', 'Арман', 'Сәуле', 'Қайрат', 'Ольга', 'Сергей', 'Айжан'];
const STREETS = ['Абай', 'Төле би', 'Райымбек', 'Достық', 'Сейфуллин', 'Әуезов', 'Желтоқсан', 'Тәуелсіздік', 'Абылай хан', 'Жамбыл', 'Бірлік', 'Ынтымақ'];
const TOPICS = ['public_order', 'public_order', 'road_safety', 'neighbours', 'fraud', 'youth', 'housing', 'domestic_violence', 'other'];
const KINDS = ['complaint', 'proposal', 'remark', 'question'] as const;
const ITEM_TEXTS = [
  'Көшеде жарық жоқ, кешке қауіпті / Нет освещения на улице, вечером опасно',
  'Жасөспірімдер түнде шулайды / Подростки шумят по ночам',
  'Мектеп жанында жылдамдықты шектеу керек / Нужно ограничение скорости у школы',
  'Телефон алаяқтары туралы ескерту / Предупредить о телефонных мошенниках',
  'Қаңғыбас иттер көбейді / Стало больше бродячих собак',
  'Аулада көлік тұрағы бұзылады / Нарушается парковка во дворе',
  'Учаскелік инспектордың қабылдау уақыты / Часы приёма участкового',
  'Бейнебақылау камераларын орнату / Установить камеры видеонаблюдения',
];
const DECISIONS = ['Көше жарығын қалпына келтіру / Восстановить уличное освещение', 'Рейд өткізу / Провести рейд', 'Түсіндіру жұмысын жүргізу / Провести разъяснительную работу'];

/** personKey of generated names and addresses, from a cache: both come from short lists. */
const keyParts = new Map<string, string>();
const keyOf = (name: string, address: string) => {
  let a = keyParts.get(name);
  if (a === undefined) keyParts.set(name, (a = personKey(name, '').slice(0, -1)));
  let b = keyParts.get(`@${address}`);
  if (b === undefined) keyParts.set(`@${address}`, (b = personKey('', address).slice(1)));
  return `${a}|${b}`;
};

export const pick = <T>(r: () => number, items: readonly T[]) => items[Math.floor(r() * items.length)]!;
const minus = (date: Date, ms: number) => new Date(date.getTime() - ms);
/** An instant no later than `now` (a record written on the seed's day is not in the future). */
const notAfter = (ctx: RowContext, date: Date) => (date > ctx.now ? minus(ctx.now, 60_000) : date);
const dayAt = (date: string, time = '10:00') => new Date(`${date}T${time}:00+05:00`);

export interface ItemPlan { number: number; kind: (typeof KINDS)[number]; topic: string; text: string; resolution: 'answered' | 'to_check' | 'to_forward'; participant: number | null }

export function itemsOf(ctx: RowContext, p: MeetingPlan): ItemPlan[] {
  const r = streamOf(ctx.seed, p.index, 0, 3);
  return Array.from({ length: p.items }, (_, k) => {
    const x = r();
    return {
      number: k + 1, kind: pick(r, KINDS), topic: pick(r, TOPICS), text: pick(r, ITEM_TEXTS),
      resolution: x < 0.6 ? 'answered' : x < 0.85 ? 'to_check' : 'to_forward',
      participant: r() < 0.8 ? 3 + Math.floor(r() * (p.participants - 2)) : null,
    };
  });
}

/** The point lead's account verifies follow-up. */
export const leadOf = (ctx: RowContext, p: MeetingPlan) => ctx.ids.users.get(`S-${ctx.infos[p.districts[0]!]!.pointCode}-LEAD`) ?? null;
const signedDay = (p: MeetingPlan) => almatyDate(p.signedAt!);

/** Open, done or verified: all verified once closed; while executing, past-due ones mostly done. */
function followUp(ctx: RowContext, p: MeetingPlan, r: () => number, due: string): 'open' | 'done' | 'verified' {
  if (!p.executing) return 'verified';
  const x = r();
  if (due < ctx.today) return x < 0.5 ? 'verified' : x < 0.75 ? 'done' : 'open';
  return x < 0.6 ? 'open' : x < 0.9 ? 'done' : 'verified';
}

export function* participantRows(ctx: RowContext, p: MeetingPlan): Generator<Cell[]> {
  const r = streamOf(ctx.seed, p.index, 0, 2);
  const d = ctx.infos[p.districts[0]!]!;
  const districtId = ctx.ids.districts.get(d.code)!;
  for (let n = 1; n <= p.participants; n++) {
    const arrived = minus(p.startsAt, Math.floor(r() * 40) * 60_000);
    let category = 'resident';
    let organisation: string | null = null;
    let invitation: string | null = null;
    let name = `${pick(r, SURNAMES)} ${pick(r, NAMES)}`;
    const address = `${pick(r, STREETS)} к-сі, ${n} үй`;
    if (n === 1 && p.attendedPolice) [category, organisation, invitation] = ['police_leadership', d.unitCode, uid(ctx.seed, T.invitation, p.index * 4)];
    if (n === 2 && p.attendedAkimat) [category, organisation, invitation] = ['akimat', `${d.atuCode} әкімдігі`, uid(ctx.seed, T.invitation, p.index * 4 + 1)];
    if (invitation) name = `${name} (${category})`;
    yield [
      uid(ctx.seed, T.participant, p.index * 64 + n), p.id, n, name, address, category === 'resident' ? districtId : null, category, organisation,
      r() < 0.3 ? `+7701${String(Math.floor(r() * 10_000_000)).padStart(7, '0')}` : null, CONSENT_VERSION, arrived, arrived,
      'in_person', invitation ? 'invitation' : r() < 0.7 ? 'staff' : 'self', invitation, keyOf(name, address), arrived,
    ];
  }
}
export const PARTICIPANT_COLUMNS = ['id', 'meeting_id', 'number', 'full_name', 'address', 'resident_of_district_id', 'category', 'organisation', 'phone', 'consent_version', 'consent_at', 'arrived_at', 'attendance', 'channel', 'invitation_id', 'person_key', 'created_at'];

export function* itemRows(ctx: RowContext, p: MeetingPlan): Generator<Cell[]> {
  for (const i of itemsOf(ctx, p)) {
    const at = notAfter(ctx, new Date(p.startsAt.getTime() + i.number * 5 * 60_000));
    yield [
      uid(ctx.seed, T.item, p.index * 16 + i.number), p.id, i.number, i.kind, i.participant ? uid(ctx.seed, T.participant, p.index * 64 + i.participant) : null,
      i.text, i.topic, i.resolution, i.resolution === 'answered' ? 'Жиналыста түсіндірілді / Разъяснено на встрече' : null, at, at,
    ];
  }
}
export const ITEM_COLUMNS = ['id', 'meeting_id', 'number', 'kind', 'participant_id', 'text', 'topic', 'resolution', 'answer', 'created_at', 'updated_at'];

export function* decisionRows(ctx: RowContext, p: MeetingPlan): Generator<Cell[]> {
  const r = streamOf(ctx.seed, p.index, 0, 4);
  for (let n = 1; n <= p.decisions; n++) {
    yield [uid(ctx.seed, T.decision, p.index * 4 + n), p.id, n, pick(r, DECISIONS), r() < 0.5 ? 'Учаскелік полиция инспекторы' : 'Әкімдік', addDays(p.startDate, 30 + Math.floor(r() * 30)), notAfter(ctx, p.endsAt)];
  }
}
export const DECISION_COLUMNS = ['id', 'meeting_id', 'number', 'text', 'responsible', 'due_date', 'created_at'];

/** the point lead's mark on a decision of a signed protocol (none while open). */
export function* decisionControlRows(ctx: RowContext, p: MeetingPlan): Generator<Cell[]> {
  if (p.protocol !== 'signed') return;
  const r = streamOf(ctx.seed, p.index, 0, 4);
  const lead = leadOf(ctx, p);
  for (let n = 1; n <= p.decisions; n++) {
    pick(r, DECISIONS);
    r();
    const due = addDays(p.startDate, 30 + Math.floor(r() * 30));
    const state = followUp(ctx, p, streamOf(ctx.seed, p.index, n, 5), due);
    if (state === 'open') continue;
    const done = addDays(due, -3) < ctx.today ? addDays(due, -3) : addDays(ctx.today, -1);
    yield [uid(ctx.seed, T.decision, p.index * 4 + n), p.id, done < signedDay(p) ? signedDay(p) : done, null, state === 'verified' ? notAfter(ctx, dayAt(addDays(done, 1))) : null, state === 'verified' ? lead : null];
  }
}
export const DECISION_CONTROL_COLUMNS = ['decision_id', 'meeting_id', 'done_on', 'note', 'verified_at', 'verified_by'];

/** a check for each item to be checked, opened when the protocol is signed. */
export function* checkRows(ctx: RowContext, p: MeetingPlan): Generator<Cell[]> {
  if (p.protocol !== 'signed') return;
  const opened = signedDay(p);
  const due = addDays(opened, 21);
  const lead = leadOf(ctx, p);
  const assignee = ctx.ids.staff.get(p.inspectors[0]!)!;
  for (const i of itemsOf(ctx, p)) {
    if (i.resolution !== 'to_check') continue;
    const state = followUp(ctx, p, streamOf(ctx.seed, p.index, i.number, 6), due);
    const closedOn = due < ctx.today ? addDays(due, -2) : addDays(ctx.today, -1) < opened ? opened : addDays(ctx.today, -1);
    const closed = state === 'open' ? null : notAfter(ctx, dayAt(closedOn, '16:00'));
    yield [
      uid(ctx.seed, T.check, p.index * 16 + i.number), uid(ctx.seed, T.item, p.index * 16 + i.number), p.id, assignee, opened, due, due,
      state === 'open' ? null : 'Фактілер расталды, шаралар қабылданды / Факты подтвердились, меры приняты',
      state === 'open' ? null : 'Жауап жіберілді / Ответ направлен', state === 'open' ? null : closedOn, state === 'open' ? null : 'letter',
      state, closed, state === 'verified' ? notAfter(ctx, dayAt(addDays(closedOn, 1), '11:00')) : null, state === 'verified' ? lead : null,
    ];
  }
}
export const CHECK_COLUMNS = ['id', 'item_id', 'meeting_id', 'assignee_staff_id', 'opened_on', 'due_date', 'original_due_date', 'result', 'answer_text', 'answer_sent_on', 'answer_channel', 'status', 'closed_at', 'verified_at', 'verified_by'];

/** items outside police competence sent to a state body, the initiator told. */
export function* forwardingRows(ctx: RowContext, p: MeetingPlan): Generator<Cell[]> {
  if (p.protocol !== 'signed') return;
  const opened = signedDay(p);
  const due = addDays(opened, 5);
  const lead = leadOf(ctx, p);
  for (const i of itemsOf(ctx, p)) {
    if (i.resolution !== 'to_forward') continue;
    const state = followUp(ctx, p, streamOf(ctx.seed, p.index, i.number, 7), due);
    const sent = state === 'open' ? null : addDays(opened, 1) < ctx.today ? addDays(opened, 1) : opened;
    yield [
      uid(ctx.seed, T.forwarding, p.index * 16 + i.number), uid(ctx.seed, T.item, p.index * 16 + i.number), p.id, 'Полиция құзыретіне жатпайды / Вне компетенции полиции', due,
      sent ? `${p.number}/${i.number}` : null, sent, sent, sent ? 'Өтінішіңіз жіберілді / Ваше обращение направлено' : null, sent ? 'sms' : null, sent,
      state, state === 'verified' ? notAfter(ctx, dayAt(addDays(sent!, 2), '12:00')) : null, state === 'verified' ? lead : null,
    ];
  }
}
export const FORWARDING_COLUMNS = ['id', 'item_id', 'meeting_id', 'competence_reason', 'due_date', 'letter_number', 'letter_date', 'sent_on', 'initiator_notice_text', 'initiator_channel', 'initiator_notified_on', 'status', 'verified_at', 'verified_by'];

/** the protocol's content (ProtocolContent) and its hash; rendered documents are not made. */
export function protocolContent(ctx: RowContext, p: MeetingPlan) {
  const named = (code: string, kk: string, ru: string) => ({ code, nameKk: kk, nameRu: ru });
  const d0 = ctx.infos[p.districts[0]!]!;
  const point = ctx.points.get(d0.pointCode)!;
  const items = itemsOf(ctx, p);
  const content = {
    meeting: {
      id: p.id, number: p.number, date: p.startDate, startsAt: p.startsAt.toISOString(), endsAt: p.endsAt.toISOString(), format: 'indoor', setting: p.setting,
      venueName: 'Мектеп акт залы', venueAddress: venueOf(ctx, p), onlineLink: null,
      districts: p.districts.map((i) => { const d = ctx.data.districts[i]!; return named(d.code, d.nameKk, d.nameRu); }),
      point: named(point.code, point.nameKk, point.nameRu), unit: named(d0.unitCode, d0.unitCode, d0.unitCode),
    },
    reporters: p.inspectors.map((s, k) => ({ staffId: ctx.ids.staff.get(s)!, fullName: ctx.staffName.get(s)!, rank: 'captain', position: 'inspector', districtCodes: [ctx.infos[p.districts[k]!]!.code] })),
    participantCount: p.participants,
    participantsByCategory: { resident: p.participants - Number(p.attendedPolice) - Number(p.attendedAkimat), ...(p.attendedPolice ? { police_leadership: 1 } : {}), ...(p.attendedAkimat ? { akimat: 1 } : {}) },
    attendance: { policeLeadership: p.attendedPolice, akimat: p.attendedAkimat, officials: [] },
    reportSummary: 'Учаскедегі жағдай туралы есеп / Отчёт о состоянии правопорядка на участке',
    decisions: [],
    items: items.map((i) => ({ number: i.number, reference: `${p.number}/${i.number}`, kind: i.kind, topic: i.topic, text: i.text, raisedBy: null, resolution: i.resolution, answer: null, route: i.resolution === 'answered' ? 'answered' : i.resolution === 'to_check' ? 'check' : 'forwarding' })),
    awards: [], remarks: null, assembledAt: notAfter(ctx, p.endsAt).toISOString(),
  };
  return { content, hash: createHash('sha256').update(canonicalJson(content)).digest('hex') };
}

export const venueOf = (ctx: RowContext, p: MeetingPlan) => `${ctx.data.districts[p.districts[0]!]!.nameRu}, мектеп №${1 + (p.districts[0]! % 40)}`;

export function* protocolRows(ctx: RowContext, p: MeetingPlan): Generator<Cell[]> {
  if (p.protocol === 'none') return;
  const { content, hash } = protocolContent(ctx, p);
  const signed = p.protocol === 'signed';
  if (signed) ctx.hashes.set(p.index, hash);
  const updated = notAfter(ctx, signed ? p.signedAt! : p.endsAt);
  yield [p.id, signed ? 'signed' : 'draft', content, 1, signed ? hash : null, signed ? p.signedAt : null, signed ? p.late : null,
    p.late ? 'Инспектор іссапарда болды / Инспектор был в командировке' : null, notAfter(ctx, p.endsAt), updated];
}
export const PROTOCOL_COLUMNS = ['meeting_id', 'status', 'content', 'version', 'content_hash', 'signed_at', 'late', 'late_reason', 'created_at', 'updated_at'];

/** One signature per reporting inspector; the last one made the protocol signed. */
export function* signatureRows(ctx: RowContext, p: MeetingPlan): Generator<Cell[]> {
  if (p.protocol !== 'signed') return;
  const hash = ctx.hashes.get(p.index) ?? protocolContent(ctx, p).hash;
  for (const [k, staff] of p.inspectors.entries()) {
    const fake = createHash('sha256').update(`${p.id}:${staff}`).digest('base64');
    yield [uid(ctx.seed, T.signature, p.index * 4 + k), p.id, ctx.ids.staff.get(staff)!, ctx.ids.users.get(staff)!, ctx.staffName.get(staff)!, 'builtin_ed25519',
      hash, fake + fake, `MCowBQYDK2VwAyEA${fake.slice(0, 43)}=`, minus(p.signedAt!, (p.inspectors.length - 1 - k) * 600_000)];
  }
}
export const SIGNATURE_COLUMNS = ['id', 'meeting_id', 'staff_id', 'user_id', 'signer_name', 'method', 'signed_hash', 'signature', 'public_key', 'signed_at'];
