import type { Locale } from '../rules/rule.catalog.ts';
import { readableParams } from '../text/text.format.ts';

type Params = Record<string, unknown>;
type Template = Record<Locale, (p: Params) => string>;

const lead = { kk: 'УПП басшысы', ru: 'руководитель УПП', en: 'the point lead' };

/**
 * Sentences about a meeting entered after the fact (late-entry.ts): why an entry is refused, and
 * its checklist lines (`check.<status>`, `quarter.<status>`), in the user's language.
 */
const T: Record<string, Template> = {
  late_reason_missing: {
    kk: () => 'Кездесу неліктен кейін енгізіліп жатқанын көрсетіңіз',
    ru: () => 'Укажите, почему встреча вносится после её проведения',
    en: () => 'Say why the meeting is entered after the fact',
  },
  late_entry_in_future: {
    kk: () => 'Кездесу әлі өтпеген: алдағы кездесу жоспарланып, кемінде 10 күн бұрын хабарланады',
    ru: () => 'Встреча ещё не состоялась: предстоящая встреча планируется и объявляется не позднее чем за 10 дней',
    en: () => 'The meeting has not taken place yet: a coming meeting is planned and announced at least 10 days ahead',
  },
  late_entry_not_over: {
    kk: () => 'Кездесу әлі аяқталмаған: оны аяқталу уақыты өткен соң енгізіңіз',
    ru: () => 'Встреча ещё не закончилась: внесите её после времени окончания',
    en: () => 'The meeting has not ended yet: enter it after its end time',
  },
  late_entry_too_old: {
    kk: (p) => `Кейін тек ағымдағы және алдыңғы тоқсанның кездесулері енгізіледі (${p.earliest} бастап)`,
    ru: (p) => `После проведения вносятся только встречи текущего и предыдущего квартала (с ${p.earliest})`,
    en: (p) => `Only meetings of the current and the previous quarter can be entered after the fact (from ${p.earliest})`,
  },
  late_entry_before_rules: {
    kk: (p) => `Қағидалар ${p.earliest} бастап қолданылады: одан бұрынғы кездесу енгізілмейді`,
    ru: (p) => `Правила действуют с ${p.earliest}: более раннюю встречу внести нельзя`,
    en: (p) => `The rules apply from ${p.earliest}: an earlier meeting cannot be entered`,
  },
  late_entry_wrong_status: {
    kk: () => 'Кейін енгізілген жазбаның қазіргі күйінде бұл әрекет мүмкін емес',
    ru: () => 'В текущем состоянии записи, внесённой после встречи, это действие невозможно',
    en: () => 'This is not possible in the late entry\'s current state',
  },
  own_late_entry: {
    kk: () => 'Өзіңіз енгізген жазбаны өзіңіз растай немесе қайтара алмайсыз: оны басшы растайды',
    ru: () => 'Собственную запись нельзя подтвердить или вернуть: её подтверждает руководитель',
    en: () => 'You cannot confirm or return your own entry: a lead confirms it',
  },
  late_entry_unconfirmed: {
    kk: () => 'Кейін енгізілген кездесудің хаттамасына УПП басшысы растағаннан кейін қол қойылады',
    ru: () => 'Протокол встречи, внесённой после проведения, подписывается после подтверждения руководителем УПП',
    en: () => 'The protocol of a meeting entered after the fact is signed once the point lead has confirmed the entry',
  },
  not_late_entry: {
    kk: () => 'Бұл кездесу кейін енгізілмеген',
    ru: () => 'Эта встреча не вносилась после проведения',
    en: () => 'This meeting was not entered after the fact',
  },
  'check.pending': {
    kk: (p) => `${p.enteredOn} кейін енгізілді (${p.enteredBy}): ${p.reason}. Растауды күтуде — ${p.confirmer ?? lead.kk}`,
    ru: (p) => `Внесена после проведения ${p.enteredOn} (${p.enteredBy}): ${p.reason}. Ожидает подтверждения — ${p.confirmer ?? lead.ru}`,
    en: (p) => `Entered after the fact on ${p.enteredOn} by ${p.enteredBy}: ${p.reason}. Awaiting confirmation by ${p.confirmer ?? lead.en}`,
  },
  'check.confirmed': {
    kk: (p) => `${p.enteredOn} кейін енгізілді (${p.enteredBy}); ${p.decidedOn} растады: ${p.decidedBy}`,
    ru: (p) => `Внесена после проведения ${p.enteredOn} (${p.enteredBy}); подтверждена ${p.decidedOn}: ${p.decidedBy}`,
    en: (p) => `Entered after the fact on ${p.enteredOn} by ${p.enteredBy}; confirmed on ${p.decidedOn} by ${p.decidedBy}`,
  },
  'check.returned': {
    kk: (p) => `Кейін енгізілген жазбаны ${p.decidedBy} ${p.decidedOn} қайтарды: ${p.returnReason}. Түзетіп, қайта жіберіңіз`,
    ru: (p) => `Запись, внесённую после проведения, вернул(а) ${p.decidedBy} ${p.decidedOn}: ${p.returnReason}. Исправьте и отправьте снова`,
    en: (p) => `The late entry was returned by ${p.decidedBy} on ${p.decidedOn}: ${p.returnReason}. Correct it and resubmit`,
  },
  'check.withdrawn': {
    kk: () => 'Кейін енгізілген жазба кері қайтарып алынды',
    ru: () => 'Запись, внесённая после проведения, отозвана',
    en: () => 'The late entry was withdrawn',
  },
  'quarter.pending': {
    kk: (p) => `УПП басшысы кейін енгізілген жазбаны растап, хаттамаға қол қойылғанда тоқсан есебіне кіреді (${p.quarter})`,
    ru: (p) => `Засчитывается за ${p.quarter} после подтверждения записи руководителем УПП и подписания протокола`,
    en: (p) => `Counts for ${p.quarter} once the point lead confirms the late entry and the protocol is signed`,
  },
  'quarter.returned': {
    kk: (p) => `Тоқсан есебіне кірмейді (${p.quarter}): кейін енгізілген жазба қайтарылды`,
    ru: (p) => `Не засчитывается за ${p.quarter}: запись, внесённая после проведения, возвращена`,
    en: (p) => `Does not count for ${p.quarter}: the late entry was returned`,
  },
  'quarter.withdrawn': {
    kk: () => 'Кездесу болдырылмады', ru: () => 'Встреча отменена', en: () => 'The meeting is cancelled',
  },
};

export function lateEntryMessage(key: string, params: Params = {}): Record<Locale, string> {
  const template = T[key];
  if (!template) return { kk: key, ru: key, en: key };
  // Issue 14, item 11: dates and quarters as people write them, never ISO or "2026-Q4".
  return { kk: template.kk(readableParams(params, 'kk')), ru: template.ru(readableParams(params, 'ru')), en: template.en(readableParams(params, 'en')) };
}

export const LATE_ENTRY_MESSAGE_KEYS = Object.keys(T);
