/**
 * Names used by the report handout and the statistics template, in Kazakh and Russian: offence
 * categories, report sections, sources, item kinds and outcomes (R-31, R-32.4,
 * Kazakh is written in Kazakh Cyrillic, in the register of police documents.
 */
import type { DocLang } from './meeting-document.ts';

type Names<K extends string> = Record<K, Record<DocLang, string>>;

export const CATEGORY_NAMES: Names<'grave_crimes' | 'theft' | 'fraud' | 'robbery' | 'domestic_violence' | 'hooliganism' | 'drugs' | 'road_traffic' | 'administrative_offences' | 'other'> = {
  grave_crimes: { kk: 'Ауыр және аса ауыр қылмыстар', ru: 'Тяжкие и особо тяжкие преступления' },
  theft: { kk: 'Ұрлық', ru: 'Кражи' },
  fraud: { kk: 'Алаяқтық', ru: 'Мошенничество' },
  robbery: { kk: 'Тонау және қарақшылық', ru: 'Грабежи и разбои' },
  domestic_violence: { kk: 'Тұрмыстық зорлық-зомбылық', ru: 'Бытовое насилие' },
  hooliganism: { kk: 'Бұзақылық', ru: 'Хулиганство' },
  drugs: { kk: 'Есірткі айналымы', ru: 'Незаконный оборот наркотиков' },
  road_traffic: { kk: 'Жол-көлік құқық бұзушылықтары', ru: 'Дорожно-транспортные правонарушения' },
  administrative_offences: { kk: 'Әкімшілік құқық бұзушылықтар', ru: 'Административные правонарушения' },
  other: { kk: 'Басқа', ru: 'Прочие' },
};

/** the four sections of the report, in order. */
export const SECTION_NAMES: Names<'situation' | 'prevention' | 'legislation' | 'complaints'> = {
  situation: { kk: 'Учаскедегі криминогендік жағдай және оны тұрақтандыру шаралары', ru: 'Криминогенная обстановка на участке и меры по её стабилизации' },
  prevention: { kk: 'Құқық бұзушылықтардың профилактикасы және азаматтарды қоғамдық тәртіпті сақтауға тарту', ru: 'Профилактика правонарушений и привлечение граждан к охране общественного порядка' },
  legislation: { kk: 'Полицияның профилактикалық қызметі туралы заңнамадағы өзгерістер', ru: 'Изменения законодательства о профилактической деятельности полиции' },
  complaints: { kk: 'Шағымдар мен өтініштер бойынша қабылданған шаралар', ru: 'Меры, принятые по жалобам и обращениям граждан' },
};

export const SOURCE_NAMES: Names<'state_statistics' | 'departmental_statistics' | 'appeal_individual' | 'appeal_legal_entity' | 'appeal_public_council' | 'appeal_public_organisation' | 'programme_national' | 'programme_regional' | 'opinion_study' | 'mass_media'> = {
  state_statistics: { kk: 'Мемлекеттік статистика', ru: 'Государственная статистика' },
  departmental_statistics: { kk: 'Ведомстволық статистика', ru: 'Ведомственная статистика' },
  appeal_individual: { kk: 'Жеке тұлғалардың өтініштері', ru: 'Обращения физических лиц' },
  appeal_legal_entity: { kk: 'Заңды тұлғалардың өтініштері', ru: 'Обращения юридических лиц' },
  appeal_public_council: { kk: 'Қоғамдық кеңестердің өтініштері', ru: 'Обращения общественных советов' },
  appeal_public_organisation: { kk: 'Қоғамдық ұйымдар мен бірлестіктердің өтініштері', ru: 'Обращения общественных организаций и объединений' },
  programme_national: { kk: 'Республикалық бағдарламалар', ru: 'Республиканские программы' },
  programme_regional: { kk: 'Өңірлік бағдарламалар', ru: 'Региональные программы' },
  opinion_study: { kk: 'Қоғамдық пікірді зерттеу нәтижелері', ru: 'Результаты изучения общественного мнения' },
  mass_media: { kk: 'БАҚ жарияланымдары', ru: 'Публикации СМИ' },
};

export const ITEM_KIND_NAMES: Names<'complaint' | 'proposal' | 'remark' | 'question'> = {
  complaint: { kk: 'Шағым', ru: 'Жалоба' },
  proposal: { kk: 'Ұсыныс', ru: 'Предложение' },
  remark: { kk: 'Ескерту', ru: 'Замечание' },
  question: { kk: 'Сұрақ', ru: 'Вопрос' },
};

export const OUTCOME_NAMES: Names<'unclassified' | 'answered' | 'check_open' | 'check_done' | 'forward_open' | 'forwarded' | 'initiator_notified'> = {
  unclassified: { kk: 'Сыныпталмаған', ru: 'Не классифицировано' },
  answered: { kk: 'Кездесуде толық жауап берілді', ru: 'Дан полный ответ на встрече' },
  check_open: { kk: 'Тексеріс жүргізілуде', ru: 'Проводится проверка' },
  check_done: { kk: 'Тексеріс аяқталды', ru: 'Проверка завершена' },
  forward_open: { kk: 'Жолдануы тиіс', ru: 'Подлежит направлению' },
  forwarded: { kk: 'Тиісті органға жолданды', ru: 'Направлено в компетентный орган' },
  initiator_notified: { kk: 'Жолданды, өтініш берушіге хабарланды', ru: 'Направлено, заявитель уведомлён' },
};

/** Headings and captions of the report handout. */
export const REPORT_LABELS = {
  kk: {
    title: 'Учаскелік полиция инспекторының тұрғындар алдындағы есебі',
    meeting: 'Кездесу', place: 'Өтетін орны', reporter: 'Есеп беруші', notWritten: 'Бөлім әлі толтырылмаған.',
    statistics: 'Тіркелген құқық бұзушылықтар', quarter: (y: number, q: number) => `${y} жылғы ${q}-тоқсан`,
    category: 'Санат', thisQuarter: 'Осы тоқсан', lastYear: 'Өткен жылдың осы тоқсаны', change: 'Өзгеріс, %', total: 'Барлығы',
    noData: 'деректер жоқ', chartThis: 'осы тоқсан', chartLast: 'өткен жыл',
    carryOver: 'Алдыңғы кездесулерде көтерілген мәселелер', reference: 'Нөмірі', kind: 'Түрі', text: 'Мәтіні', outcome: 'Нәтижесі', note: 'Не істелді',
    noCarry: 'Алдыңғы кездесулерден ауысатын мәселелер жоқ.',
    residentsNotResolved: (n: number) => `Тұрғындар «шешілмеді» дейді: ${n}`, sources: 'Есепті дайындау көздері', page: (n: number, of: number) => `${n}-бет / ${of}`,
    rule: 'Бұйрықтың 29–30-тармақтары (№ 652, 2023 ж.)',
  },
  ru: {
    title: 'Отчёт участкового инспектора полиции перед населением',
    meeting: 'Встреча', place: 'Место проведения', reporter: 'Отчитывается', notWritten: 'Раздел ещё не заполнен.',
    statistics: 'Зарегистрированные правонарушения', quarter: (y: number, q: number) => `${q} квартал ${y} года`,
    category: 'Категория', thisQuarter: 'Этот квартал', lastYear: 'Тот же квартал прошлого года', change: 'Изменение, %', total: 'Всего',
    noData: 'нет данных', chartThis: 'этот квартал', chartLast: 'прошлый год',
    carryOver: 'Вопросы, поднятые на прежних встречах', reference: 'Номер', kind: 'Вид', text: 'Текст', outcome: 'Результат', note: 'Что сделано',
    noCarry: 'Вопросов, переходящих с прежних встреч, нет.',
    residentsNotResolved: (n: number) => `Жители говорят «не решено»: ${n}`, sources: 'Источники подготовки отчёта', page: (n: number, of: number) => `Стр. ${n} из ${of}`,
    rule: 'Пункты 29–30 Правил (приказ № 652 от 2023 г.)',
  },
} as const;
