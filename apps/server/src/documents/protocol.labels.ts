/**
 * The wording of the meeting protocol (R-32.1) in Kazakh and Russian, and the one layout model
 * both renderers (protocol.pdf.ts, protocol.docx.ts) draw, so the PDF and the DOCX say the same
 * things in the same order: header, facts (date, time in Asia/Almaty, place, format, districts,
 * reporting inspectors, and for a meeting entered after the fact when, why and who confirmed it), participants by category (R-32.2), attendance of police leadership and
 * akimat (R-26), the report's summary (R-30), decisions, items with their answer or route
 * (R-31, R-32.4, R-32.5), awards (R-34), remarks, signatures (R-32.3) and, on the internal copy
 * only, the register of participants as an annex. The public copy never names a resident.
 */
import { cleanText, type ProtocolContent } from '@esep/contracts';
import { capitalised, DEFAULT_ITEM_TOPICS, positionLabel, rankLabel } from '@esep/domain';
import { formatDate, formatDateTime, formatIsoDate, formatTime, orderParagraph, settingTitle, shortName, staffTitle, type DocLang } from './meeting-document.ts';
import { ITEM_KIND_NAMES, REPORT_LABELS } from './report.labels.ts';

/** What the caller (the signing service, the document routes) passes besides the content. */
export interface ProtocolDocumentOptions {
  /** The public verification page (QR on every page). */
  verifyUrl: string;
  signatures: Array<{ signerName: string; signedAt: string; method: string }>;
  /** The internal copy adds the register of participants (personal data). */
  internal: boolean;
  participants?: Array<{ number: number; fullName: string; category: string; address: string | null }>;
}

type Names = Record<string, Record<DocLang, string>>;

/** R-32.2: participant categories as groups (counts) and as one person's category (annex). */
export const PARTICIPANT_GROUP_NAMES: Names = {
  resident: { kk: 'Тұрғындар', ru: 'Жители' },
  police_leadership: { kk: 'Полиция басшылығы', ru: 'Руководство полиции' },
  akimat: { kk: 'Әкімдік өкілдері', ru: 'Представители акимата' },
  maslikhat_deputy: { kk: 'Мәслихат депутаттары', ru: 'Депутаты маслихата' },
  invited_agency: { kk: 'Мемлекеттік органдардың өкілдері', ru: 'Представители государственных органов' },
  organisation: { kk: 'Ұйымдардың өкілдері', ru: 'Представители организаций' },
  media: { kk: 'БАҚ өкілдері', ru: 'Представители СМИ' },
  other: { kk: 'Басқалар', ru: 'Прочие' },
};
export const PARTICIPANT_CATEGORY_NAMES: Names = {
  resident: { kk: 'Тұрғын', ru: 'Житель' },
  police_leadership: { kk: 'Полиция басшылығы', ru: 'Руководство полиции' },
  akimat: { kk: 'Әкімдік', ru: 'Акимат' },
  maslikhat_deputy: { kk: 'Мәслихат депутаты', ru: 'Депутат маслихата' },
  invited_agency: { kk: 'Мемлекеттік орган', ru: 'Государственный орган' },
  organisation: { kk: 'Ұйым', ru: 'Организация' },
  media: { kk: 'БАҚ', ru: 'СМИ' },
  other: { kk: 'Басқа', ru: 'Прочее' },
  // Invitation categories (R-26, R-28) an official may be recorded under.
  public: { kk: 'Жұртшылық', ru: 'Общественность' },
  health_care: { kk: 'Денсаулық сақтау', ru: 'Здравоохранение' },
  labour_social: { kk: 'Еңбек және әлеуметтік қорғау', ru: 'Труд и социальная защита' },
  education_science: { kk: 'Білім және ғылым', ru: 'Образование и наука' },
  agriculture: { kk: 'Ауыл шаруашылығы', ru: 'Сельское хозяйство' },
  housing_communal: { kk: 'Тұрғын үй-коммуналдық шаруашылық', ru: 'Жилищно-коммунальное хозяйство' },
  mass_media: { kk: 'БАҚ', ru: 'СМИ' },
};
export const FORMAT_NAMES: Names = {
  indoor: { kk: 'Үй-жайда', ru: 'В помещении' },
  open_air: { kk: 'Ашық ауада', ru: 'На открытом воздухе' },
  online: { kk: 'Онлайн', ru: 'Онлайн' },
  hybrid: { kk: 'Аралас: орында және онлайн', ru: 'Смешанный: очно и онлайн' },
};
export const AWARD_RECIPIENT_NAMES: Names = {
  citizen: { kk: 'Азамат', ru: 'Гражданин' },
  public_association: { kk: 'Қоғамдық бірлестік', ru: 'Общественное объединение' },
  organisation: { kk: 'Ұйым', ru: 'Организация' },
};
export const AWARD_KIND_NAMES: Names = {
  letter_of_thanks: { kk: 'Алғыс хат', ru: 'Благодарственное письмо' },
  certificate_of_honour: { kk: 'Құрмет грамотасы', ru: 'Почётная грамота' },
  valuable_gift: { kk: 'Бағалы сыйлық', ru: 'Ценный подарок' },
  cash_bonus: { kk: 'Ақшалай сыйақы', ru: 'Денежная премия' },
  other: { kk: 'Басқа', ru: 'Иное' },
};
/** R-31 answered at the meeting / R-32.4 a check / R-32.5 forwarded with the initiator told. */
export const ROUTE_NAMES: Names = {
  answered: { kk: 'Кездесуде толық жауап берілді', ru: 'Дан полный ответ на встрече' },
  check: { kk: 'Тексеріс жүргізіледі', ru: 'Будет проведена проверка' },
  forwarding: { kk: 'Құзыретті мемлекеттік органға жолданады, өтініш берушіге хабарланады', ru: 'Направляется в компетентный государственный орган с уведомлением заявителя' },
  unclassified: { kk: 'Сыныпталмаған', ru: 'Не классифицировано' },
};
export const SIGNATURE_METHOD_NAMES: Names = {
  builtin_ed25519: { kk: 'Esep электрондық қолтаңбасы, Ed25519', ru: 'электронная подпись Esep, Ed25519' },
  ncalayer_cms: { kk: 'ҰКО ЭЦҚ, NCALayer', ru: 'ЭЦП НУЦ РК, NCALayer' },
};

export const PROTOCOL_LABELS = {
  kk: {
    title: 'ХАТТАМА', subtitle: 'Учаскелік полиция инспекторының халық алдындағы есебі',
    date: 'Өткізілген күні', time: 'Уақыты', timeRange: (from: string, to: string) => `${from}–${to} (Алматы уақыты)`,
    place: 'Өткізілген орны', format: 'Өткізу нысаны', setting: 'Жиын түрі', link: 'Онлайн сілтеме', districts: 'Әкімшілік учаскелер',
    reporters: 'Есеп берген инспекторлар', placeUnknown: 'көрсетілмеген',
    enteredLate: 'Кейін енгізу',
    enteredLateText: (on: string, by: string, reason: string, confirmed: { on: string; by: string } | null) =>
      `Кездесу өткеннен кейін ${on} енгізілді (${by}); себебі: ${reason}. ${confirmed ? `Растаған: ${confirmed.by}, ${confirmed.on}.` : 'Әлі расталмаған.'}`,
    participants: 'Қатысушылар', participantTotal: 'Тіркелген қатысушылардың жалпы саны', byCategory: 'Оның ішінде',
    attendance: 'Полиция басшылығы мен әкімдіктің қатысуы', policeLeadership: 'Аумақтық полиция органының басшылығы',
    akimat: 'Жергілікті атқарушы орган (әкімдік)', present: 'қатысты', absent: 'қатыспады',
    officialsHead: ['Санаты', 'Аты-жөні', 'Ұйым'],
    summary: 'Есептің қысқаша мазмұны', summaryEmpty: 'Толтырылмаған.',
    decisions: 'Қабылданған шешімдер', decisionsHead: ['№', 'Шешім', 'Жауапты', 'Мерзімі'], decisionsNone: 'Шешім қабылданған жоқ.',
    items: 'Түскен шағымдар, ұсыныстар мен ескертулер', itemsHead: ['Нөмірі', 'Түрі', 'Тақырыбы', 'Мәтіні', 'Жауабы немесе бағыты'],
    itemsNone: 'Шағымдар, ұсыныстар мен ескертулер түскен жоқ.', raisedBy: 'Көтерген', answer: 'Жауабы',
    awards: 'Марапаттау', awardsHead: ['Кім марапатталды', 'Санаты', 'Негізі', 'Марапат түрі'], awardsNone: 'Марапаттау болған жоқ.',
    remarks: 'Ескертпелер', remarksNone: 'Жоқ.',
    signatures: 'Қолтаңбалар', signaturesNote: 'Электрондық қолтаңбалар мен құжаттың өзгермегенін QR коды бойынша тексеруге болады.',
    signedElectronically: (when: string, method: string) => `Электрондық түрде қол қойылды: ${when} (${method})`,
    annex: 'Қосымша. Қатысушылардың тізілімі', annexHead: ['№', 'Аты-жөні', 'Санаты', 'Мекенжайы'],
    annexNote: 'Дербес деректер: тек қызметтік пайдалану үшін (Қағидалардың 32-тармағының 2-бөлігі).', annexNone: 'Тізілім бос.',
    copyPublic: 'Жария көшірме: қатысушылардың дербес деректерінсіз', copyInternal: 'Қызметтік көшірме: құрамында дербес деректер бар',
    verify: 'Түпнұсқалығын тексеру', page: REPORT_LABELS.kk.page,
  },
  ru: {
    title: 'ПРОТОКОЛ', subtitle: 'Отчёт участкового инспектора полиции перед населением',
    date: 'Дата проведения', time: 'Время', timeRange: (from: string, to: string) => `с ${from} до ${to} (время Алматы)`,
    place: 'Место проведения', format: 'Формат', setting: 'Вид собрания', link: 'Ссылка для подключения', districts: 'Административные участки',
    reporters: 'Отчитывались', placeUnknown: 'не указано',
    enteredLate: 'Внесение после проведения',
    enteredLateText: (on: string, by: string, reason: string, confirmed: { on: string; by: string } | null) =>
      `Внесена после проведения ${on} (${by}); причина: ${reason}. ${confirmed ? `Подтверждено: ${confirmed.by}, ${confirmed.on}.` : 'Ещё не подтверждено.'}`,
    participants: 'Участники', participantTotal: 'Всего зарегистрировано участников', byCategory: 'В том числе',
    attendance: 'Участие руководства полиции и акимата', policeLeadership: 'Руководство территориального органа полиции',
    akimat: 'Местный исполнительный орган (акимат)', present: 'присутствовали', absent: 'не присутствовали',
    officialsHead: ['Категория', 'Ф. И. О.', 'Организация'],
    summary: 'Краткое содержание отчёта', summaryEmpty: 'Не заполнено.',
    decisions: 'Принятые решения', decisionsHead: ['№', 'Решение', 'Ответственный', 'Срок'], decisionsNone: 'Решения не принимались.',
    items: 'Поступившие жалобы, предложения и замечания', itemsHead: ['Номер', 'Вид', 'Тема', 'Текст', 'Ответ или направление'],
    itemsNone: 'Жалоб, предложений и замечаний не поступило.', raisedBy: 'Поднял(а)', answer: 'Ответ',
    awards: 'Поощрения', awardsHead: ['Кто поощрён', 'Категория', 'Основание', 'Вид поощрения'], awardsNone: 'Поощрений не было.',
    remarks: 'Примечания', remarksNone: 'Нет.',
    signatures: 'Подписи', signaturesNote: 'Электронные подписи и неизменность документа проверяются по QR-коду и ссылке проверки.',
    signedElectronically: (when: string, method: string) => `Подписано электронно: ${when} (${method})`,
    annex: 'Приложение. Реестр участников', annexHead: ['№', 'Ф. И. О.', 'Категория', 'Адрес'],
    annexNote: 'Персональные данные: только для служебного пользования (часть 2 пункта 32 Правил).', annexNone: 'Реестр пуст.',
    copyPublic: 'Публичная копия: без персональных данных участников', copyInternal: 'Служебная копия: содержит персональные данные',
    verify: 'Проверка подлинности', page: REPORT_LABELS.ru.page,
  },
} as const;

/* ---------------------------------------------------------------------------------------- */

/** A table cell: its text and an optional second, quieter line (an answer, who raised it). */
export interface Cell { text: string; note?: string; bold?: boolean }
export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraphs'; texts: string[]; muted?: boolean }
  | { kind: 'facts'; rows: Array<[label: string, value: string]> }
  /** `widths` are relative weights; a renderer turns them into points or twips. */
  | { kind: 'table'; head: string[]; widths: number[]; rows: Cell[][] };

export interface ProtocolModel {
  lang: DocLang;
  internal: boolean;
  unit: string;
  point: string;
  title: string;
  subtitle: string;
  order: string;
  number: string;
  facts: Array<[label: string, value: string]>;
  blocks: Block[];
  signatures: Array<{ position: string; rank: string | null; name: string; signed: string | null }>;
  annex: { title: string; note: string; head: string[]; widths: number[]; rows: Cell[][]; empty: string } | null;
  footer: { copy: string; verify: string; verifyUrl: string; page: (n: number, of: number) => string };
  /** Fixed document date (the content's assembly time) so the same content renders the same bytes. */
  createdAt: Date;
}

/**
 * Defence in depth: text reaches the documents as typed, already cleaned by the contracts, but
 * a bidirectional override or a control character must never reorder or hide what a signed
 * document says, so every string is cleaned again here. Markup stays literal text.
 */
export const docText = (value: string | null | undefined): string => cleanText(value ?? '');

const name = (names: Names, key: string, lang: DocLang): string => names[key]?.[lang] ?? docText(key);
const topicName = (code: string, lang: DocLang): string => DEFAULT_ITEM_TOPICS.find((t) => t.code === code)?.[lang] ?? docText(code);
const paragraphs = (text: string): string[] => docText(text).split(/\n\s*\n|\n/).map((p) => p.trim()).filter(Boolean);
/** Initials only ("Серік Ахметов" → "С. А."): how the public copy shows a citizen it rewards. */
const initials = (value: string): string => docText(value).split(/\s+/).filter(Boolean).map((p) => `${[...p][0] ?? ''}.`).join(' ');
const normalName = (value: string): string => docText(value).toLowerCase().replace(/\s+/g, ' ');

function place(m: ProtocolContent['meeting'], lang: DocLang): string {
  const t = PROTOCOL_LABELS[lang];
  if (m.format === 'online') return FORMAT_NAMES.online![lang];
  return [m.venueName, m.venueAddress].map(docText).filter(Boolean).join(', ') || t.placeUnknown;
}

/** Lays out a protocol in one language, as the public or the internal copy. */
export function protocolModel(content: ProtocolContent, lang: DocLang, options: ProtocolDocumentOptions): ProtocolModel {
  if (lang !== 'kk' && lang !== 'ru') throw new RangeError(`Unknown protocol language: ${String(lang)}`);
  const t = PROTOCOL_LABELS[lang];
  const m = content.meeting;
  const startsAt = new Date(m.startsAt);
  const endsAt = new Date(m.endsAt);
  const pick = (n: { nameKk: string; nameRu: string }) => docText(lang === 'kk' ? n.nameKk : n.nameRu);

  const facts: Array<[string, string]> = [
    [t.date, formatDate(startsAt, lang)],
    [t.time, t.timeRange(formatTime(startsAt), formatTime(endsAt))],
    [t.place, place(m, lang)],
    [t.format, name(FORMAT_NAMES, m.format, lang)],
    [t.setting, settingTitle({ setting: m.setting as 'gathering' }, lang)],
  ];
  if ((m.format === 'online' || m.format === 'hybrid') && docText(m.onlineLink)) facts.push([t.link, docText(m.onlineLink)]);
  // One district, one reporter a line (a joint meeting has several; R-27.4).
  facts.push([t.districts, m.districts.map(pick).join('\n')]);
  // Rank and position in the copy's language (codes; a protocol signed earlier may hold the Kazakh label).
  facts.push([t.reporters, content.reporters.map((r) => [docText(r.fullName), staffTitle({ rank: docText(r.rank), position: docText(r.position) }, lang)].filter(Boolean).join(', ')).join('\n')]);
  // A meeting entered after the fact says so, why, and who confirmed it (R-33), in both copies.
  const late = content.lateEntry;
  if (late) {
    const confirmed = late.confirmedAt && late.confirmedBy ? { on: formatDate(new Date(late.confirmedAt), lang), by: docText(late.confirmedBy) } : null;
    facts.push([t.enteredLate, t.enteredLateText(formatDate(new Date(late.enteredAt), lang), docText(late.enteredBy), docText(late.reason), confirmed)]);
  }

  const blocks: Block[] = [];
  let section = 0;
  const heading = (text: string) => blocks.push({ kind: 'heading', text: `${++section}. ${text}` });

  // R-32.2: the size of the register, by category.
  heading(t.participants);
  const byCategory = Object.entries(content.participantsByCategory).filter(([, n]) => n > 0);
  blocks.push({ kind: 'facts', rows: [[t.participantTotal, String(content.participantCount)], ...byCategory.map(([c, n]): [string, string] => [name(PARTICIPANT_GROUP_NAMES, c, lang), String(n)])] });

  // R-26: police leadership and akimat take part; officials are named (they act in office).
  heading(t.attendance);
  blocks.push({ kind: 'facts', rows: [
    [t.policeLeadership, content.attendance.policeLeadership ? t.present : t.absent],
    [t.akimat, content.attendance.akimat ? t.present : t.absent],
  ] });
  if (content.attendance.officials.length) {
    blocks.push({ kind: 'table', head: [...t.officialsHead], widths: [2, 3, 4], rows: content.attendance.officials.map((o) => [
      { text: name(PARTICIPANT_CATEGORY_NAMES, o.category, lang) }, { text: docText(o.fullName) }, { text: docText(o.organisation) || '—' },
    ]) });
  }

  heading(t.summary);
  const summary = paragraphs(content.reportSummary);
  blocks.push(summary.length ? { kind: 'paragraphs', texts: summary } : { kind: 'paragraphs', texts: [t.summaryEmpty], muted: true });

  heading(t.decisions);
  blocks.push(content.decisions.length
    ? { kind: 'table', head: [...t.decisionsHead], widths: [0.6, 6, 3, 1.8], rows: content.decisions.map((d) => [
      { text: String(d.number) }, { text: docText(d.text) }, { text: docText(d.responsible) }, { text: formatIsoDate(d.dueDate) },
    ]) }
    : { kind: 'paragraphs', texts: [t.decisionsNone], muted: true });

  // R-31, R-32.1: every item with its answer or its route (R-32.4 check, R-32.5 forwarding).
  heading(t.items);
  blocks.push(content.items.length
    ? { kind: 'table', head: [...t.itemsHead], widths: [2.1, 1.75, 2.2, 4.3, 3.65], rows: content.items.map((i) => {
      const raisedBy = options.internal && docText(i.raisedBy) ? `${t.raisedBy}: ${docText(i.raisedBy)}` : undefined;
      const answer = docText(i.answer);
      return [
        { text: docText(i.reference) }, { text: ITEM_KIND_NAMES[i.kind][lang] }, { text: topicName(i.topic, lang) },
        { text: docText(i.text), ...(raisedBy ? { note: raisedBy } : {}) },
        { text: name(ROUTE_NAMES, i.route, lang), bold: true, ...(answer ? { note: `${t.answer}: ${answer}` } : {}) },
      ];
    }) }
    : { kind: 'paragraphs', texts: [t.itemsNone], muted: true });

  // R-34: rewarded citizens are residents: the public copy shows their initials only.
  heading(t.awards);
  blocks.push(content.awards.length
    ? { kind: 'table', head: [...t.awardsHead], widths: [3, 2, 4, 2], rows: content.awards.map((a) => [
      { text: a.recipientKind === 'citizen' && !options.internal ? initials(a.recipientName) : docText(a.recipientName) },
      { text: name(AWARD_RECIPIENT_NAMES, a.recipientKind, lang) }, { text: docText(a.reason) }, { text: name(AWARD_KIND_NAMES, a.awardKind, lang) },
    ]) }
    : { kind: 'paragraphs', texts: [t.awardsNone], muted: true });

  heading(t.remarks);
  const remarks = paragraphs(content.remarks ?? '');
  blocks.push(remarks.length ? { kind: 'paragraphs', texts: remarks } : { kind: 'paragraphs', texts: [t.remarksNone], muted: true });

  // R-32.3: each reporting inspector signs; a signature is matched to him by name.
  const signatures = content.reporters.map((r) => {
    const s = options.signatures.find((x) => normalName(x.signerName) === normalName(r.fullName));
    // Issue 14: labels in the copy's language ("Капитан полиции" in the Russian one), never codes.
    const rank = rankLabel(docText(r.rank), lang);
    return {
      position: capitalised(positionLabel(docText(r.position) || 'inspector', lang) ?? ''), rank: rank ? capitalised(rank) : null, name: shortName(docText(r.fullName)),
      signed: s ? t.signedElectronically(formatDateTime(new Date(s.signedAt), lang), name(SIGNATURE_METHOD_NAMES, s.method, lang)) : null,
    };
  });

  const annex = options.internal
    ? {
      title: t.annex, note: t.annexNote, head: [...t.annexHead], widths: [0.8, 5, 2.5, 5], empty: t.annexNone,
      rows: [...(options.participants ?? [])].sort((a, b) => a.number - b.number).map((p) => [
        { text: String(p.number) }, { text: docText(p.fullName) }, { text: name(PARTICIPANT_CATEGORY_NAMES, p.category, lang) }, { text: docText(p.address) || '—' },
      ]),
    }
    : null;

  return {
    lang, internal: options.internal,
    unit: pick(m.unit), point: pick(m.point),
    title: `${t.title} № ${docText(m.number)}`, subtitle: t.subtitle, order: orderParagraph(lang, 32), number: docText(m.number),
    facts, blocks, signatures, annex,
    footer: { copy: options.internal ? t.copyInternal : t.copyPublic, verify: t.verify, verifyUrl: options.verifyUrl, page: t.page },
    createdAt: new Date(content.assembledAt),
  };
}
