import type { Locale } from '../rules/rule.catalog.ts';

type Params = Record<string, unknown>;
type Template = Record<Locale, (p: Params) => string>;

const MONTHS: Record<Locale, string[]> = {
  kk: ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'],
  ru: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** "2026-12-17T18:00" as a person reads it: "17 желтоқсан, 18:00", «17 декабря, 18:00», "17 December, 18:00". */
export function when(local: unknown, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2})/.exec(String(local));
  if (!m) return String(local);
  return `${Number(m[3])} ${MONTHS[locale][Number(m[2]) - 1]}, ${m[4]}`;
}

/** Why a meeting plan or action is refused, in the user's language. */
const T: Record<string, Template> = {
  wrong_status: { kk: () => 'Кездесудің қазіргі күйінде бұл әрекет мүмкін емес', ru: () => 'Это действие невозможно в текущем статусе встречи', en: () => 'This action is not possible in the meeting\'s current status' },
  start_in_past: { kk: () => 'Басталу уақыты өтіп кеткен', ru: () => 'Время начала уже прошло', en: () => 'The start time is in the past' },
  notice_not_given: { kk: () => 'Кездесуге дейін кемінде 10 күнтізбелік күн бұрын хабарландыру жарияланбаған', ru: () => 'Нет оповещения, опубликованного не позднее чем за 10 календарных дней до встречи', en: () => 'No notice published at least 10 calendar days before the meeting' },
  not_started: {
    kk: (p) => `Кездесу әлі басталмады${p.from ? ` — ${when(p.from, 'kk')} бастап` : ''}`,
    ru: (p) => `Встреча ещё не началась${p.from ? ` — можно с ${when(p.from, 'ru')}` : ''}`,
    en: (p) => `The meeting has not started yet${p.from ? ` — possible from ${when(p.from, 'en')}` : ''}`,
  },
  protocol_unsigned: { kk: () => 'Хаттамаға қол қойылмаған', ru: () => 'Протокол не подписан', en: () => 'The protocol is not signed' },
  execution_incomplete: { kk: () => 'Хаттаманың орындалуы аяқталмаған', ru: () => 'Исполнение протокола не завершено', en: () => 'The protocol has not been executed' },
  reason_required: { kk: () => 'Себебін көрсетіңіз', ru: () => 'Укажите причину', en: () => 'Give the reason' },
  no_districts: { kk: () => 'Кемінде бір учаскені таңдаңыз', ru: () => 'Выберите хотя бы один участок', en: () => 'Choose at least one district' },
  not_adjacent: { kk: (p) => `«${p.districtName ?? p.districtId}» учаскесі басқалармен шектес емес`, ru: (p) => `Участок «${p.districtName ?? p.districtId}» не граничит с остальными`, en: (p) => `District "${p.districtName ?? p.districtId}" does not border the others` },
  end_before_start: { kk: () => 'Аяқталу уақыты басталудан кейін болуы керек', ru: () => 'Окончание должно быть позже начала', en: () => 'The end must be after the start' },
  convener_required: { kk: () => 'Жиналысты шақырған әкімді (ӘАБ) көрсетіңіз', ru: () => 'Укажите акима (АТЕ), созвавшего собрание', en: () => 'Name the akim (ATU) who convened the meeting' },
  convener_kind: { kk: () => 'Жиналысты аудандық маңызы бар қаланың, ауылдың, кенттің немесе ауылдық округтің әкімі шақырады', ru: () => 'Собрание созывает аким города районного значения, села, поселка или сельского округа', en: () => 'The meeting is convened by the akim of a city of district significance, village, settlement or rural district' },
  initiative_counts_required: { kk: () => 'Жиналыс мүшелерінің және бастамашылардың санын көрсетіңіз', ru: () => 'Укажите число членов собрания и инициаторов', en: () => 'Give the number of members and of initiators' },
  initiators_exceed_members: { kk: () => 'Бастамашылар саны мүшелер санынан көп', ru: () => 'Инициаторов больше, чем членов собрания', en: () => 'More initiators than members' },
  initiative_below_threshold: { kk: (p) => `Бастамашылар үлесі ${p.share}% — кемінде 10% қажет`, ru: (p) => `Доля инициаторов ${p.share}% — нужно не менее 10%`, en: (p) => `Initiators are ${p.share}% — at least 10% are needed` },
  online_link_required: { kk: () => 'Онлайн кездесуге сілтеме қажет', ru: () => 'Для онлайн-встречи нужна ссылка', en: () => 'An online meeting needs a link' },
  venue_required: { kk: () => 'Өткізу орнының мекенжайын көрсетіңіз', ru: () => 'Укажите адрес места проведения', en: () => 'Give the venue\'s address' },
  weather_not_considered: { kk: () => 'Ашық аспан астындағы кездесу үшін ауа райын ескергеніңізді белгілеңіз', ru: () => 'Для встречи на открытом воздухе отметьте, что погода учтена', en: () => 'For an open-air meeting, confirm the weather was considered' },
  inspector_required: { kk: (p) => `«${p.districtName ?? p.districtId}» учаскесінде инспектор жоқ — уақытша атқарушыны көрсетіңіз`, ru: (p) => `На участке «${p.districtName ?? p.districtId}» нет инспектора — укажите исполняющего обязанности`, en: (p) => `District "${p.districtName ?? p.districtId}" has no inspector — name an acting one` },
  district_outside_territory: { kk: () => 'Учаске сіздің аумағыңызға кірмейді', ru: () => 'Участок вне вашей территории', en: () => 'The district is outside your territory' },
  publication_after_meeting: { kk: () => 'Жариялау күні кездесуден кейін болмауы керек', ru: () => 'Дата публикации не может быть позже встречи', en: () => 'The publication date cannot be after the meeting' },
  publication_in_future: { kk: () => 'Жариялау күні әлі келген жоқ — жарияланған хабарландыруды тіркеңіз', ru: () => 'Дата публикации ещё не наступила — регистрируйте состоявшуюся публикацию', en: () => 'The publication date is in the future — record a publication that has happened' },
  duplicate_invitation: { kk: () => 'Бұл адам бұл кездесуге шақырылған', ru: () => 'Этот человек уже приглашён на эту встречу', en: () => 'This person is already invited to this meeting' },
  agreement_missing: {
    kk: (p) => `Бірлескен жиынды хабарлау үшін баяндайтын барлық инспекторлардың келісімі керек; келіспегендер: ${p.names}`,
    ru: (p) => `Совместный сход можно объявить только с согласия всех докладывающих инспекторов; не согласились: ${p.names}`,
    en: (p) => `A joint meeting is announced only once every reporting inspector agreed; not agreed: ${p.names}`,
  },
  inspector_not_assigned: { kk: () => 'Инспектор кездесу күні бұл учаскеге бекітілмеген', ru: () => 'Инспектор не закреплён за участком на дату встречи', en: () => 'The inspector is not assigned to the district on the meeting date' },
};

export function refusalMessage(reason: string, params: Params = {}): Record<Locale, string> {
  const template = T[reason];
  if (!template) return { kk: reason, ru: reason, en: reason };
  return { kk: template.kk(params), ru: template.ru(params), en: template.en(params) };
}
