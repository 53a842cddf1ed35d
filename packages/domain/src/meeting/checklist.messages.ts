import type { Locale } from '../rules/rule.catalog.ts';
import { readableParams } from '../text/text.format.ts';

type Params = Record<string, string | number>;
type Template = Record<Locale, (p: Params) => string>;

/** Sentences of the compliance checklist, by `<check>.<status>`. */
const T: Record<string, Template> = {
  'notice.met': { kk: (p) => `Хабарландыру уақтылы жарияланды (соңғы мерзім ${p.deadline})`, ru: (p) => `Оповещение опубликовано вовремя (крайний срок ${p.deadline})`, en: (p) => `Notice published in time (deadline ${p.deadline})` },
  'notice.pending': { kk: (p) => `Хабарландыруды ${p.deadline} дейін жариялау керек — ${p.daysLeft} күн қалды`, ru: (p) => `Оповещение нужно опубликовать до ${p.deadline} — осталось ${p.daysLeft} дн.`, en: (p) => `Publish the notice by ${p.deadline} — ${p.daysLeft} days left` },
  'notice.not_met': { kk: (p) => `Хабарландыру 10 күн бұрын жарияланбады (мерзім ${p.deadline} өтті)`, ru: (p) => `Оповещение не опубликовано за 10 дней (срок ${p.deadline} прошёл)`, en: (p) => `No notice 10 days ahead (deadline ${p.deadline} passed)` },
  'invited_police_leadership.met': { kk: () => 'ІІО басшылығы шақырылды', ru: () => 'Руководство ОВД приглашено', en: () => 'Police leadership invited' },
  'invited_police_leadership.pending': { kk: () => 'ІІО басшылығын шақыру керек', ru: () => 'Нужно пригласить руководство ОВД', en: () => 'Invite the police leadership' },
  'invited_police_leadership.not_applicable': { kk: () => 'Кездесу болдырылмады', ru: () => 'Встреча отменена', en: () => 'The meeting is cancelled' },
  'invited_akimat.met': { kk: () => 'Әкімдік өкілі шақырылды', ru: () => 'Представитель акимата приглашён', en: () => 'Akimat representative invited' },
  'invited_akimat.pending': { kk: () => 'Әкімдік өкілін шақыру керек', ru: () => 'Нужно пригласить представителя акимата', en: () => 'Invite a representative of the akimat' },
  'invited_akimat.not_applicable': { kk: () => 'Кездесу болдырылмады', ru: () => 'Встреча отменена', en: () => 'The meeting is cancelled' },
  'attended_police_leadership.met': { kk: () => 'ІІО басшылығы қатысты', ru: () => 'Руководство ОВД участвовало', en: () => 'Police leadership attended' },
  'attended_police_leadership.not_met': { kk: () => 'ІІО басшылығы қатыспады', ru: () => 'Руководство ОВД не участвовало', en: () => 'Police leadership did not attend' },
  'attended_akimat.met': { kk: () => 'Әкімдік өкілі қатысты', ru: () => 'Представитель акимата участвовал', en: () => 'The akimat attended' },
  'attended_akimat.not_met': { kk: () => 'Әкімдік өкілі қатыспады', ru: () => 'Представитель акимата не участвовал', en: () => 'The akimat did not attend' },
  'adjacency.met': { kk: (p) => `${p.count} учаске бір-бірімен шектес`, ru: (p) => `${p.count} участка(ов) смежны между собой`, en: (p) => `The ${p.count} districts are adjacent` },
  'adjacency.not_met': { kk: () => 'Учаскелер шектес емес', ru: () => 'Участки не смежны', en: () => 'The districts are not adjacent' },
  'adjacency.not_applicable': { kk: () => 'Бір учаскенің кездесуі', ru: () => 'Встреча одного участка', en: () => 'A single-district meeting' },
  'agreement.met': { kk: (p) => `Бірлескен жиынға барлық баяндайтын инспекторлар келісті (${p.count})`, ru: (p) => `Все докладывающие инспекторы согласились на совместный сход (${p.count})`, en: (p) => `Every other reporting inspector agreed to the joint meeting (${p.count})` },
  'agreement.pending': { kk: (p) => `Келісім күтілуде: ${p.names}`, ru: (p) => `Ожидается согласие: ${p.names}`, en: (p) => `Awaiting the agreement of: ${p.names}` },
  'agreement.not_met': {
    kk: (p) => [p.declined ? `Бас тартты: ${p.declined}` : '', p.names ? `Келісім бермеді: ${p.names}` : ''].filter(Boolean).join('; '),
    ru: (p) => [p.declined ? `Отказались: ${p.declined}` : '', p.names ? `Не дали согласия: ${p.names}` : ''].filter(Boolean).join('; '),
    en: (p) => [p.declined ? `Declined: ${p.declined}` : '', p.names ? `Not agreed: ${p.names}` : ''].filter(Boolean).join('; '),
  },
  'agreement.not_applicable': { kk: () => 'Басқа инспектордың келісімі қажет емес', ru: () => 'Согласие других инспекторов не требуется', en: () => 'No other inspector\'s agreement is needed' },
  'initiative.met': { kk: (p) => `Бастамашылар үлесі ${p.share}% (кемінде 10%)`, ru: (p) => `Доля инициаторов ${p.share}% (не менее 10%)`, en: (p) => `Initiators ${p.share}% (at least 10%)` },
  'initiative.not_met': { kk: (p) => `Бастамашылар үлесі ${p.share}% — 10%-дан аз`, ru: (p) => `Доля инициаторов ${p.share}% — меньше 10%`, en: (p) => `Initiators ${p.share}% — below 10%` },
  'initiative.not_applicable': { kk: () => 'Мүшелердің бастамасымен шақырылмаған', ru: () => 'Не по инициативе членов собрания', en: () => 'Not convened on members\' initiative' },
  'capacity.met': { kk: (p) => `Орын сыйымдылығы жеткілікті (${p.expected} / ${p.capacity})`, ru: (p) => `Вместимость достаточна (${p.expected} / ${p.capacity})`, en: (p) => `Venue is large enough (${p.expected} / ${p.capacity})` },
  'capacity.not_met': { kk: (p) => `Күтілетін қатысушылар (${p.expected}) орын сыйымдылығынан (${p.capacity}) көп`, ru: (p) => `Ожидается участников (${p.expected}) больше вместимости (${p.capacity})`, en: (p) => `Expected participants (${p.expected}) exceed capacity (${p.capacity})` },
  'capacity.pending': { kk: () => 'Сыйымдылық пен күтілетін қатысушылар саны көрсетілмеген', ru: () => 'Не указаны вместимость и ожидаемое число участников', en: () => 'Capacity and expected participants not given' },
  'capacity.not_applicable': { kk: () => 'Онлайн кездесу', ru: () => 'Онлайн-встреча', en: () => 'Online meeting' },
  'convenient_time.met': { kk: () => 'Тұрғындарға ыңғайлы уақытта', ru: () => 'В удобное для жителей время', en: () => 'At a time convenient for residents' },
  'convenient_time.not_met': { kk: () => 'Тұрғындар қалаған уақыттан тыс', ru: () => 'Вне предпочтительного для жителей времени', en: () => 'Outside the hours residents prefer' },
  'convenient_time.not_applicable': { kk: () => 'Учаске үшін ыңғайлы уақыт белгіленбеген', ru: () => 'Для участка не задано удобное время', en: () => 'No preferred hours recorded for the district' },
  'quarter.met': { kk: (p) => `Тоқсандық міндет орындалды (${p.quarter})`, ru: (p) => `Обязательство за ${p.quarter} выполнено`, en: (p) => `Obligation for ${p.quarter} met` },
  'quarter.pending': { kk: (p) => `Тоқсандық міндет (${p.quarter}) кездесу өтіп, хаттамаға қол қойылғанда орындалады`, ru: (p) => `Обязательство за ${p.quarter} будет выполнено после встречи и подписания протокола`, en: (p) => `Counts for ${p.quarter} once held and the protocol signed` },
  'quarter.not_applicable': { kk: () => 'Кездесу болдырылмады', ru: () => 'Встреча отменена', en: () => 'The meeting is cancelled' },
  'registration.met': { kk: (p) => `Тізілімде ${p.count} қатысушы, барлығының келісімі бар`, ru: (p) => `В реестре ${p.count} участник(ов), у всех есть согласие`, en: (p) => `${p.count} participants registered, all with consent` },
  'registration.pending': { kk: () => 'Қатысушылар кездесуде тіркеледі', ru: () => 'Участники регистрируются на встрече', en: () => 'Participants are registered at the meeting' },
  'registration.not_met': { kk: (p) => `Тізілім толық емес: ${p.count} жазба, келісімсіз ${p.withoutConsent}`, ru: (p) => `Реестр неполон: ${p.count} записей, без согласия ${p.withoutConsent}`, en: (p) => `Register incomplete: ${p.count} entries, ${p.withoutConsent} without consent` },
  'registration.not_applicable': { kk: () => 'Кездесу болдырылмады', ru: () => 'Встреча отменена', en: () => 'The meeting is cancelled' },
  'items_classified.met': { kk: (p) => `Барлық ${p.count} мәселе жіктелді`, ru: (p) => `Все ${p.count} вопрос(ов) классифицированы`, en: (p) => `All ${p.count} items classified` },
  'items_classified.pending': { kk: (p) => `Жіктелмеген мәселелер: ${p.unclassified ?? 0}`, ru: (p) => `Неклассифицированных вопросов: ${p.unclassified ?? 0}`, en: (p) => `Items not yet classified: ${p.unclassified ?? 0}` },
  'items_classified.not_met': { kk: (p) => `${p.unclassified} мәселе жауапсыз немесе бағытсыз қалды`, ru: (p) => `${p.unclassified} вопрос(ов) без ответа и без решения`, en: (p) => `${p.unclassified} items left without an answer or route` },
  'items_classified.not_applicable': { kk: () => 'Кездесу болдырылмады', ru: () => 'Встреча отменена', en: () => 'The meeting is cancelled' },
  'carry_over.met': { kk: (p) => `Алдыңғы кездесулердің ${p.count} мәселесі есепте көрсетілді`, ru: (p) => `${p.count} вопрос(ов) прошлых встреч отражены в отчёте`, en: (p) => `${p.count} items of earlier meetings addressed in the report` },
  'carry_over.pending': { kk: (p) => `Есепте алдыңғы кездесулердің ${p.unaddressed} мәселесі бойынша шаралар жазылмаған`, ru: (p) => `В отчёте не описаны меры по ${p.unaddressed} вопрос(ам) прошлых встреч`, en: (p) => `The report does not yet address ${p.unaddressed} items of earlier meetings` },
  'carry_over.not_met': { kk: (p) => `Есеп алдыңғы кездесулердің ${p.unaddressed} мәселесін қамтымайды`, ru: (p) => `Отчёт не отражает ${p.unaddressed} вопрос(ов) прошлых встреч`, en: (p) => `The report leaves ${p.unaddressed} items of earlier meetings unaddressed` },
  'carry_over.not_applicable': { kk: () => 'Алдыңғы кездесулерден мәселе жоқ', ru: () => 'Вопросов с прошлых встреч нет', en: () => 'No items from earlier meetings' },
  'protocol_same_day.met': { kk: () => 'Хаттамаға кездесу күні қол қойылды', ru: () => 'Протокол подписан в день встречи', en: () => 'Protocol signed on the meeting day' },
  'protocol_same_day.pending': { kk: () => 'Хаттамаға бүгін, кездесу күні қол қою керек', ru: () => 'Протокол нужно подписать сегодня, в день встречи', en: () => 'Sign the protocol today, the meeting day' },
  'protocol_same_day.not_met': { kk: (p) => (p.reason ? `Хаттамаға кеш қол қойылды: ${p.reason}` : 'Хаттамаға кездесу күні қол қойылмады'), ru: (p) => (p.reason ? `Протокол подписан с опозданием: ${p.reason}` : 'Протокол не подписан в день встречи'), en: (p) => (p.reason ? `Protocol signed late: ${p.reason}` : 'Protocol not signed on the meeting day') },
  'video.met': { kk: (p) => `Бейнежазба жүктелді (${p.count} файл)`, ru: (p) => `Видеозапись загружена (файлов: ${p.count})`, en: (p) => `Video recorded (${p.count} files)` },
  'video.pending': { kk: () => 'Кездесудің бейнежазбасын жүктеу керек', ru: () => 'Нужно загрузить видеозапись встречи', en: () => 'Upload the meeting\'s video recording' },
  'video.not_met': { kk: () => 'Бейнежазба жоқ', ru: () => 'Видеозаписи нет', en: () => 'No video recording' },
  'checks_opened.met': { kk: (p) => `Толық жауап берілмеген ${p.count} мәселе бойынша тексеріс ашылды`, ru: (p) => `По ${p.count} вопрос(ам) без полного ответа открыты проверки`, en: (p) => `Checks opened for all ${p.count} items not answered in full` },
  'checks_opened.pending': { kk: () => 'Хаттамаға қол қойылғанда тексерістер ашылады', ru: () => 'Проверки откроются при подписании протокола', en: () => 'Checks open when the protocol is signed' },
  'checks_opened.not_met': { kk: (p) => `${p.count} мәселенің ${p.opened}-і бойынша ғана тексеріс бар`, ru: (p) => `Проверки есть только по ${p.opened} из ${p.count} вопросов`, en: (p) => `Only ${p.opened} of ${p.count} items have a check` },
  'checks_opened.not_applicable': { kk: () => 'Тексерісті қажет ететін мәселе жоқ', ru: () => 'Вопросов, требующих проверки, нет', en: () => 'No items need a check' },
  'initiators_notified.met': { kk: (p) => `Жіберілген ${p.count} мәселенің бастамашылары хабардар етілді`, ru: (p) => `Инициаторы всех ${p.count} направленных вопросов уведомлены`, en: (p) => `Initiators of all ${p.count} forwarded items notified` },
  'initiators_notified.pending': { kk: (p) => `Хабардар етілді: ${p.notified ?? 0} / ${p.count ?? 0}`, ru: (p) => `Уведомлено: ${p.notified ?? 0} из ${p.count ?? 0}`, en: (p) => `Notified: ${p.notified ?? 0} of ${p.count ?? 0}` },
  'initiators_notified.not_met': { kk: (p) => `Бастамашылар толық хабардар етілмеді: ${p.notified} / ${p.count}`, ru: (p) => `Не все инициаторы уведомлены: ${p.notified} из ${p.count}`, en: (p) => `Not all initiators notified: ${p.notified} of ${p.count}` },
  'initiators_notified.not_applicable': { kk: () => 'Құзыретке жатпайтын мәселе жоқ', ru: () => 'Вопросов вне компетенции полиции нет', en: () => 'No items outside police competence' },
  'control.met': { kk: () => 'Хаттама орындалды, бақылау аяқталды', ru: () => 'Протокол исполнен, контроль завершён', en: () => 'Protocol executed, control complete' },
  'control.pending': { kk: (p) => `УПИ бақылауында: ${p.verified ?? 0} / ${p.total ?? 0} тексерілді`, ru: (p) => `На контроле УИП: проверено ${p.verified ?? 0} из ${p.total ?? 0}`, en: (p) => `Under the point lead's control: ${p.verified ?? 0} of ${p.total ?? 0} verified` },
  not_in_force: { kk: () => 'Кездесу күні бұл ереже күшінде емес еді', ru: () => 'На дату встречи правило не действовало', en: () => 'The rule was not in force on the meeting date' },
};

export function checklistMessage(key: string, params: Params): Record<Locale, string> {
  const template = T[key];
  if (!template) return { kk: key, ru: key, en: key };
  // Issue 14, item 11: dates and quarters as people write them, never ISO or "2026-Q4".
  return { kk: template.kk(readableParams(params, 'kk')), ru: template.ru(readableParams(params, 'ru')), en: template.en(readableParams(params, 'en')) };
}

export const CHECKLIST_MESSAGE_KEYS = Object.keys(T);
