/**
 * The data every generated meeting document is built from, and the shared wording: dates in
 * Asia/Almaty local time, place, setting (R-26, R-27.3), joint meetings (R-27.4) and the order
 * reference. Kazakh is written in Kazakh Cyrillic (ә ғ қ ң ө ұ ү һ і), in the formal register of
 * police documents.
 */
import { positionLabel, rankLabel } from '@esep/domain';

export type DocLang = 'kk' | 'ru';

export interface MeetingDocumentData {
  /** e.g. "ALM-KAR-P2-D01-2026-07" */
  number: string;
  /** Shown in Asia/Almaty local time. */
  startsAt: Date;
  endsAt: Date;
  format: 'indoor' | 'open_air' | 'online' | 'hybrid';
  setting: 'gathering' | 'akim_meeting' | 'initiative_meeting';
  venueName: string | null;
  venueAddress: string | null;
  onlineLink: string | null;
  districts: Array<{ nameKk: string; nameRu: string }>;
  /** Rank and position: codes (staff.titles.ts), printed as labels in the document's language (issue 14). */
  inspectors: Array<{ fullName: string; districtNameKk: string; districtNameRu: string; rank?: string | null; position?: string | null }>;
  pointNameKk: string;
  pointNameRu: string;
  unitNameKk: string;
  unitNameRu: string;
  /** The ATU (village / rural district / city) of the first district. */
  atuNameKk: string | null;
  atuNameRu: string | null;
  /** The meeting's public page (QR target). */
  publicUrl: string;
}

export interface InvitationDocumentData {
  meeting: MeetingDocumentData;
  /** One of INVITATION_CATEGORY_VALUES (@esep/contracts). */
  category: string;
  organisation: string;
  personName: string;
  outgoingNumber?: string;
  /** YYYY-MM-DD */
  date: string;
}

export const TIME_ZONE = 'Asia/Almaty';

const MONTHS = {
  // Kazakh months are used in the nominative after "2026 жылғы 20 …".
  kk: ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'],
  // Russian months in the genitive: "20 декабря".
  ru: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
} as const;
const WEEKDAYS = {
  kk: ['жексенбі', 'дүйсенбі', 'сейсенбі', 'сәрсенбі', 'бейсенбі', 'жұма', 'сенбі'],
  ru: ['воскресенье', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота'],
} as const;

export interface LocalParts { year: number; month: number; day: number; hour: number; minute: number; weekday: number }

const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', weekday: 'short',
});
const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** Calendar fields of an instant in Asia/Almaty local time. */
export function almatyParts(d: Date): LocalParts {
  const p: Record<string, string> = {};
  for (const { type, value } of partsFormat.formatToParts(d)) p[type] = value;
  return {
    year: Number(p.year), month: Number(p.month), day: Number(p.day),
    hour: Number(p.hour) % 24, minute: Number(p.minute), weekday: WEEKDAY_INDEX[p.weekday ?? 'Sun'] ?? 0,
  };
}

const pad = (n: number): string => String(n).padStart(2, '0');
export const formatTime = (d: Date): string => { const p = almatyParts(d); return `${pad(p.hour)}:${pad(p.minute)}`; };
export const weekday = (d: Date, lang: DocLang): string => WEEKDAYS[lang][almatyParts(d).weekday] ?? '';

/** "2026 жылғы 20 желтоқсан" / "20 декабря 2026 года". */
export function formatDate(d: Date, lang: DocLang): string {
  const p = almatyParts(d);
  const month = MONTHS[lang][p.month - 1] ?? '';
  return lang === 'kk' ? `${p.year} жылғы ${p.day} ${month}` : `${p.day} ${month} ${p.year} года`;
}

/** "2026 жылғы 20 желтоқсан, сағат 18:00" / "20 декабря 2026 года в 18:00". */
export function formatDateTime(d: Date, lang: DocLang): string {
  return lang === 'kk' ? `${formatDate(d, lang)}, сағат ${formatTime(d)}` : `${formatDate(d, lang)} в ${formatTime(d)}`;
}

/** "сағат 18:00–19:30" / "с 18:00 до 19:30". */
export function formatTimeRange(m: Pick<MeetingDocumentData, 'startsAt' | 'endsAt'>, lang: DocLang): string {
  const [from, to] = [formatTime(m.startsAt), formatTime(m.endsAt)];
  return lang === 'kk' ? `сағат ${from}–${to}` : `с ${from} до ${to}`;
}

/** The full "when" line: "жексенбі, 2026 жылғы 20 желтоқсан, сағат 18:00–19:30". */
export function formatWhen(m: Pick<MeetingDocumentData, 'startsAt' | 'endsAt'>, lang: DocLang): string {
  const day = weekday(m.startsAt, lang);
  return lang === 'kk'
    ? `${day}, ${formatDateTime(m.startsAt, 'kk')}–${formatTime(m.endsAt)}`
    : `${day}, ${formatDateTime(m.startsAt, 'ru')} (окончание — ${formatTime(m.endsAt)})`;
}

/** "2026-12-05" → "05.12.2026" (dates of outgoing letters). */
export function formatIsoDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

const pick = (lang: DocLang, kk: string, ru: string): string => (lang === 'kk' ? kk : ru);
const clean = (s: string | null | undefined): string => (s ?? '').trim();

/** Kazakh letters folded to Russian ones, to compare place names across the languages. */
const fold = (s: string): string => s.toLowerCase().replace(/[әғқңөұүһі]/g, (c) => ({ ә: 'а', ғ: 'г', қ: 'к', ң: 'н', ө: 'о', ұ: 'у', ү: 'у', һ: 'х', і: 'и' })[c] ?? c);
/** Whether `text` already names the ATU (by the stem of its first word). */
const mentions = (text: string, atu: string): boolean => fold(text).includes(fold(atu.split(/\s+/)[0] ?? '').slice(0, 5));

/** Where the meeting takes place, without the online link (R-27.2). */
export function venueText(m: MeetingDocumentData, lang: DocLang): string {
  if (m.format === 'online') return pick(lang, 'онлайн форматта', 'в онлайн-формате');
  const atu = clean(lang === 'kk' ? m.atuNameKk : m.atuNameRu);
  const address = clean(m.venueAddress);
  const parts = [clean(m.venueName), address && atu && !mentions(`${m.venueName ?? ''} ${address}`, atu) ? `${atu}, ${address}` : address || atu];
  const place = parts.filter(Boolean).join(', ') || pick(lang, 'орны қосымша хабарланады', 'место будет сообщено дополнительно');
  if (m.format === 'open_air') return `${place} (${pick(lang, 'ашық ауада', 'на открытом воздухе')})`;
  if (m.format === 'hybrid') return `${place} (${pick(lang, 'аралас формат: орында және онлайн', 'смешанный формат: очно и онлайн')})`;
  return place;
}

/** The online link when the meeting can be joined online (R-27.2), else null. */
export const onlineLinkOf = (m: MeetingDocumentData): string | null =>
  (m.format === 'online' || m.format === 'hybrid') && clean(m.onlineLink) ? clean(m.onlineLink) : null;

/** In which kind of community gathering the report is given (R-26, R-27.3). */
export function settingText(m: MeetingDocumentData, lang: DocLang): string {
  switch (m.setting) {
    case 'akim_meeting':
      return pick(lang, 'әкім шақыратын жергілікті қауымдастық жиналысында', 'на собрании местного сообщества, созываемом акимом');
    case 'initiative_meeting':
      return pick(lang, 'жиналыс мүшелерінің кемінде 10 пайызының бастамасы бойынша шақырылатын жергілікті қауымдастық жиналысында',
        'на собрании местного сообщества, созываемом по инициативе не менее 10 % его членов');
    default:
      return pick(lang, 'жергілікті қауымдастық жиынында', 'на сходе местного сообщества');
  }
}

/** "учаскелік полиция инспекторы" / "участковые инспекторы полиции" (R-27.4: joint meeting). */
export function inspectorTitle(m: MeetingDocumentData, lang: DocLang, capital = false): string {
  const many = m.inspectors.length > 1;
  const t = lang === 'kk'
    ? (many ? 'учаскелік полиция инспекторлары' : 'учаскелік полиция инспекторы')
    : (many ? 'участковые инспекторы полиции' : 'участковый инспектор полиции');
  return capital ? t.charAt(0).toUpperCase() + t.slice(1) : t;
}

export const districtNames = (m: MeetingDocumentData, lang: DocLang): string[] =>
  m.districts.map((d) => (lang === 'kk' ? d.nameKk : d.nameRu));

/**
 * "капитан полиции, участковый инспектор полиции": a staff member's rank and position in the
 * document's language, never their codes (issue 14); the position is the inspector's when unknown.
 */
export function staffTitle(s: { rank?: string | null; position?: string | null }, lang: DocLang): string {
  return [rankLabel(s.rank, lang), positionLabel(s.position ?? 'inspector', lang)].filter(Boolean).join(', ');
}

/** "Ахметов Асхат Болатұлы (№ 1 әкімшілік учаске)" for each inspector. */
export const inspectorLines = (m: MeetingDocumentData, lang: DocLang): string[] =>
  m.inspectors.map((i) => `${i.fullName} (${lang === 'kk' ? i.districtNameKk : i.districtNameRu})`);

/** "Ахметов Асхат Болатұлы" → "А.Б. Ахметов" (surname first, as in the staff register). */
export function shortName(fullName: string): string {
  const [surname, ...rest] = fullName.trim().split(/\s+/);
  if (!surname || rest.length === 0) return fullName.trim();
  return `${rest.map((p) => `${p.charAt(0).toUpperCase()}.`).join('')} ${surname}`;
}

/** The order the documents cite. */
export const ORDER_652 = {
  kk: 'Қазақстан Республикасы Ішкі істер министрінің 2023 жылғы 21 тамыздағы № 652 бұйрығы',
  ru: 'приказ Министра внутренних дел Республики Казахстан от 21 августа 2023 года № 652',
} as const;

/** "… қағидаларының 27-тармағына (…) сәйкес" / "в соответствии с пунктом 27 Правил … (в редакции приказа … № 652)". */
export const rulesReference = (lang: DocLang, paragraph: number): string => pick(lang,
  `Учаскелік полиция инспекторларының қызметін ұйымдастыру қағидаларының ${paragraph}-тармағына (${ORDER_652.kk}ның редакциясында) сәйкес`,
  `в соответствии с пунктом ${paragraph} Правил организации деятельности участковых инспекторов полиции (в редакции ${ORDER_652.ru.replace('приказ', 'приказа')})`);

/** "№ 652 бұйрық, 27-тармақ" / "Приказ № 652, п. 27". */
export const orderParagraph = (lang: DocLang, paragraph: number): string =>
  pick(lang, `ҚР ІІМ № 652 бұйрығы, ${paragraph}-тармақ`, `Приказ МВД РК № 652, п. ${paragraph}`);

export const headline = (lang: DocLang): string =>
  pick(lang, 'Учаскелік полиция инспекторының халық алдындағы есебі', 'Отчёт участкового инспектора полиции перед населением');

/** The kind of gathering as a title (nominative), for posters (R-26, R-27.3). */
export function settingTitle(m: Pick<MeetingDocumentData, 'setting'>, lang: DocLang): string {
  switch (m.setting) {
    case 'akim_meeting':
      return pick(lang, 'Әкім шақыратын жергілікті қауымдастық жиналысы', 'Собрание местного сообщества, созываемое акимом');
    case 'initiative_meeting':
      return pick(lang, 'Мүшелерінің кемінде 10 пайызының бастамасы бойынша жергілікті қауымдастық жиналысы',
        'Собрание местного сообщества по инициативе не менее 10 % его членов');
    default:
      return pick(lang, 'Жергілікті қауымдастық жиыны', 'Сход местного сообщества');
  }
}
