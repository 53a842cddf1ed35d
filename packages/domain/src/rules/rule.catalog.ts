/**
 * The rule catalogue: every obligation of Order No. 652 (2023) that Esep enforces, by its ID.
 * The Kazakh text of the order is authoritative; `title` is a short label shown beside a
 * refusal or warning ("§27: …"). Compliance is judged by the rules in force on the meeting's
 * date (R-O.6), so each rule carries the date it took effect.
 */
export type Locale = 'kk' | 'ru' | 'en';

export interface Rule {
  id: RuleId;
  /** Paragraph of the Rules (Chapter 3 of Order No. 1095) or of the order itself. */
  paragraph: string;
  title: Record<Locale, string>;
  effectiveFrom: string; // ISO date, Asia/Almaty
}

/**
 * R-O.6: the order takes effect ten calendar days after its first official publication.
 * The order was registered on 22 August 2023; its first official publication (Adilet) is taken
 * as 24 August 2023, so the rules are in force from 4 September 2023. Kept in one constant so a
 * correction is one line.
 */
export const ORDER_652_EFFECTIVE_FROM = '2023-09-04';

export const RULE_IDS = [
  'R-2.2', 'R-22.13', 'R-25', 'R-26', 'R-27.1', 'R-27.2', 'R-27.3', 'R-27.4', 'R-28', 'R-29',
  'R-30', 'R-31', 'R-32.1', 'R-32.2', 'R-32.3', 'R-32.4', 'R-32.5', 'R-32.6', 'R-33', 'R-34',
  'R-O.4', 'R-O.6',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

const r = (id: RuleId, paragraph: string, kk: string, ru: string, en: string): Rule => ({
  id, paragraph, title: { kk, ru, en }, effectiveFrom: ORDER_652_EFFECTIVE_FROM,
});

export const RULES: Record<RuleId, Rule> = Object.fromEntries(
  [
    r('R-2.2', '2(2)', 'УПИ өзіне бекітілген әкімшілік учаскеде әрекет етеді', 'УИП действует на закреплённом за ним административном участке', 'An inspector acts in the district he is assigned to'),
    r('R-22.13', '22(13)', 'Тоқсанына кемінде бір рет халықпен есептік кездесу', 'Отчётная встреча с населением не реже раза в квартал', 'A reporting meeting at least once per calendar quarter'),
    r('R-25', '25', 'Есептік кездесулердің мақсаттары', 'Цели отчётных встреч', 'Purposes of the meetings'),
    r('R-26', '26', 'Есеп ІІО басшылығы мен әкімдік өкілдерінің қатысуымен жиында беріледі', 'Отчёт на сходе с участием руководства ОВД и представителей акимата', 'Report at a community gathering with police leadership and the akimat'),
    r('R-27.1', '27 ¶1', 'Кездесу туралы кемінде 10 күнтізбелік күн бұрын хабарлау', 'Оповещение не позднее чем за 10 календарных дней', 'Notice at least 10 calendar days before the meeting'),
    r('R-27.2', '27 ¶2', 'Тұрғындарға ыңғайлы уақыт пен орын', 'Удобное для жителей время и место', 'A time and venue convenient for residents'),
    r('R-27.3', '27 ¶3', 'Әкім шақырған немесе мүшелердің кемінде 10 %-ы бастамасымен жиналыс', 'Собрание, созванное акимом или по инициативе не менее 10 % членов', 'Meeting convened by an akim or by at least 10 % of members'),
    r('R-27.4', '27 ¶4', 'Іргелес учаскелердің бірлескен жиыны', 'Совместный сход смежных участков', 'Joint meeting of adjacent districts'),
    r('R-28', '28', 'Келісім бойынша шақырылатындар', 'Приглашаемые по согласованию', 'Invited by agreement'),
    r('R-29', '29', 'Есепті дайындау көздері', 'Источники подготовки отчёта', 'Sources for preparing the report'),
    r('R-30', '30', 'Есептің мазмұны', 'Содержание отчёта', 'What the report covers'),
    r('R-31', '31', 'Ұсыныстар мен ескертулерге жауап беру', 'Ответы на предложения и замечания', 'Proposals and remarks are answered'),
    r('R-32.1', '32 ¶1', 'Бейнежазба және хаттама', 'Видеозапись и протокол', 'Video recording and protocol'),
    r('R-32.2', '32 ¶2', 'Барлық қатысушыларды тіркеу', 'Регистрация всех участников', 'All participants are registered'),
    r('R-32.3', '32 ¶3', 'Хаттама кездесу күні толтырылып, қол қойылады', 'Протокол оформляется и подписывается в день встречи', 'Protocol completed and signed the same day'),
    r('R-32.4', '32 ¶4', 'Толық жауап берілмегендерге тексеріс', 'Проверка по не получившим полного ответа', 'A check for every item not answered in full'),
    r('R-32.5', '32 ¶5', 'Құзыретке жатпайтындарды жіберу және бастамашыны хабардар ету', 'Направление по подведомственности с уведомлением инициатора', 'Forwarding outside police competence, notifying the initiator'),
    r('R-32.6', '32 ¶6', 'Материалдар 1 жыл сақталады', 'Материалы хранятся 1 год', 'Materials kept for one year'),
    r('R-33', '33', 'Хаттаманың орындалуын УПП жұмысын ұйымдастыруға жауапты УПИ бақылайды', 'Контроль исполнения протокола — УИП, ответственный за УПП', 'The point lead controls execution of the protocol'),
    r('R-34', '34', 'Белсенді азаматтарды марапаттау', 'Поощрение активных граждан', 'Awards for active participation'),
    r('R-O.4', 'order 4', 'Қызметкерлердің бұйрықты оқып-үйренуі', 'Изучение приказа личным составом', 'Staff study the order'),
    r('R-O.6', 'order 6', 'Бұйрықтың қолданысқа енгізілуі', 'Введение приказа в действие', 'The order takes effect'),
  ].map((rule) => [rule.id, rule]),
) as Record<RuleId, Rule>;

/** Rules in force on a date (R-O.6): a meeting is judged by the rules effective on its date. */
export function rulesInForce(isoDate: string): Rule[] {
  return Object.values(RULES).filter((rule) => rule.effectiveFrom <= isoDate);
}

/** "§27 ¶1" style reference shown in the UI and in API error details. */
export function ruleReference(id: RuleId, locale: Locale): string {
  const rule = RULES[id];
  return `§${rule.paragraph} — ${rule.title[locale]}`;
}
