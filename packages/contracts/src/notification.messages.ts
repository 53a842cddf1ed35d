import { formatRule } from '@esep/domain';
import type { Locale } from './error.contract.ts';
import type { NotificationKind } from './notification.contract.ts';

/*
 * Issue 12: the texts of reminders, one template per kind and language: the bell in Esep and every
 * channel (e-mail subject and body, Telegram, SMS, WhatsApp) render the same words. Placeholders
 * are {name}; every placeholder a template names must be given (renderTemplate refuses otherwise,
 * and the delivery log shows `template_variable_missing` rather than a message with a hole).
 */
export interface MessageTemplate { title: string; body: string }

export const NOTIFICATION_TEMPLATES: Record<NotificationKind, Record<Locale, MessageTemplate>> = {
  quarter_at_risk: {
    kk: { title: '{district}: тоқсандық есеп кездесуі әлі өткізілмеді', body: `{quarter}: тоқсанның аяқталуына {daysLeft} күн қалды, ал {district} учаскесінде есеп кездесуі әлі өткізілмеді (${formatRule('R-22.13')}).` },
    ru: { title: '{district}: отчётная встреча квартала ещё не проведена', body: `{quarter}: до конца квартала осталось {daysLeft} дн., а на участке {district} отчётная встреча ещё не проведена (${formatRule('R-22.13')}).` },
    en: { title: '{district}: no reporting meeting held this quarter yet', body: `{daysLeft} days are left in {quarter} and no reporting meeting has been held in district {district} yet (${formatRule('R-22.13')}).` },
  },
  notice_due_soon: {
    kk: { title: '{meeting}: хабарландыру мерзіміне 3 күн қалды', body: `{meetingDate} кездесуі туралы тұрғындарға {deadline} дейін хабарлау керек (${formatRule('R-27.1')}).` },
    ru: { title: '{meeting}: до срока оповещения 3 дня', body: `О встрече {meetingDate} жителей нужно оповестить не позднее {deadline} (${formatRule('R-27.1')}).` },
    en: { title: '{meeting}: 3 days to the notice deadline', body: `Residents must be told of the meeting on {meetingDate} by {deadline} (${formatRule('R-27.1')}).` },
  },
  notice_due_today: {
    kk: { title: '{meeting}: хабарландыру мерзімі — бүгін', body: `{meetingDate} кездесуі туралы хабарландыруды бүгін, {deadline} жариялау керек (${formatRule('R-27.1')}).` },
    ru: { title: '{meeting}: срок оповещения — сегодня', body: `Оповещение о встрече {meetingDate} нужно опубликовать сегодня, {deadline} (${formatRule('R-27.1')}).` },
    en: { title: '{meeting}: the notice is due today', body: `The notice of the meeting on {meetingDate} must be published today, {deadline} (${formatRule('R-27.1')}).` },
  },
  protocol_unsigned: {
    kk: { title: '{meeting}: хаттамаға әлі қол қойылмады', body: `{meetingDate} кездесуінің хаттамасы сол күні толтырылып, қол қойылуы тиіс (${formatRule('R-32.3')}).` },
    ru: { title: '{meeting}: протокол ещё не подписан', body: `Протокол встречи {meetingDate} должен быть оформлен и подписан в тот же день (${formatRule('R-32.3')}).` },
    en: { title: '{meeting}: the protocol is not signed yet', body: `The protocol of the meeting on {meetingDate} must be completed and signed the same day (${formatRule('R-32.3')}).` },
  },
  check_due: {
    kk: { title: 'Тексеріс {reference}: мерзімі ертең', body: `«{topic}» бойынша тексеріс {due} аяқталуы тиіс (${formatRule('R-32.4')}).` },
    ru: { title: 'Проверка {reference}: срок завтра', body: `Проверку по «{topic}» нужно завершить до {due} (${formatRule('R-32.4')}).` },
    en: { title: 'Check {reference}: due tomorrow', body: `The check on “{topic}” is due on {due} (${formatRule('R-32.4')}).` },
  },
  check_overdue: {
    kk: { title: 'Тексеріс {reference}: мерзімі өтіп кетті', body: `«{topic}» бойынша тексерістің мерзімі {due} өтті (${formatRule('R-32.4')}).` },
    ru: { title: 'Проверка {reference}: срок истёк', body: `Срок проверки по «{topic}» истёк {due} (${formatRule('R-32.4')}).` },
    en: { title: 'Check {reference}: overdue', body: `The check on “{topic}” was due on {due} (${formatRule('R-32.4')}).` },
  },
  // A forwarding's due date is the term to send it (APPK art. 65: 3 working days after the
  // meeting), not a term for the body's answer, which Esep does not follow; the body may not be
  // chosen yet when it falls due, so these two do not name it.
  forwarding_due: {
    kk: { title: 'Жолдау {reference}: мерзімі ертең', body: `«{topic}» мәселесі құзыретті мемлекеттік органға {due} дейін жолдануы тиіс (${formatRule('R-32.5')}).` },
    ru: { title: 'Направление {reference}: срок завтра', body: `Вопрос «{topic}» нужно направить в компетентный государственный орган не позднее {due} (${formatRule('R-32.5')}).` },
    en: { title: 'Forwarding {reference}: due tomorrow', body: `“{topic}” must be forwarded to the competent state body by {due} (${formatRule('R-32.5')}).` },
  },
  forwarding_overdue: {
    kk: { title: 'Жолдау {reference}: мерзімі өтіп кетті', body: `«{topic}» мәселесін мемлекеттік органға жолдау мерзімі {due} өтті (${formatRule('R-32.5')}).` },
    ru: { title: 'Направление {reference}: срок истёк', body: `Срок направления вопроса «{topic}» в государственный орган истёк {due} (${formatRule('R-32.5')}).` },
    en: { title: 'Forwarding {reference}: overdue', body: `“{topic}” was to be forwarded to a state body by {due} (${formatRule('R-32.5')}).` },
  },
  initiator_not_notified: {
    kk: { title: 'Жолдау {reference}: өтініш берушіге хабарланбады', body: `«{topic}» мәселесі {body} жолданды, бірақ оны көтерген адамға әлі хабарланбады (${formatRule('R-32.5')}).` },
    ru: { title: 'Направление {reference}: заявитель не уведомлён', body: `Вопрос «{topic}» направлен в {body}, но поднявший его человек ещё не уведомлён (${formatRule('R-32.5')}).` },
    en: { title: 'Forwarding {reference}: the initiator has not been told', body: `“{topic}” was forwarded to {body}, but the person who raised it has not been notified yet (${formatRule('R-32.5')}).` },
  },
  invitation_pending: {
    kk: { title: '{meeting}: шақыруға жауап жоқ', body: `{invitee} {meetingDate} кездесуіне шақыруға әлі жауап бермеді (${formatRule('R-26')}).` },
    ru: { title: '{meeting}: нет ответа на приглашение', body: `{invitee} ещё не ответил(а) на приглашение на встречу {meetingDate} (${formatRule('R-26')}).` },
    en: { title: '{meeting}: an invitation has no answer', body: `{invitee} has not yet answered the invitation to the meeting on {meetingDate} (${formatRule('R-26')}).` },
  },
};

/** The daily digest's frame around its lines. */
export const DIGEST_TEMPLATE: Record<Locale, MessageTemplate> = {
  kk: { title: 'Esep: бүгінгі еске салулар ({count})', body: '{lines}' },
  ru: { title: 'Esep: напоминания за день ({count})', body: '{lines}' },
  en: { title: 'Esep: today\'s reminders ({count})', body: '{lines}' },
};

export class TemplateVariableMissing extends Error {
  constructor(readonly variable: string) {
    super(`template variable missing: ${variable}`);
    this.name = 'TemplateVariableMissing';
  }
}

/** Fills {name} placeholders; a placeholder without a value throws TemplateVariableMissing. */
export function renderTemplate(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{([a-zA-Z]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined || value === null || value === '') throw new TemplateVariableMissing(name);
    return String(value);
  });
}
