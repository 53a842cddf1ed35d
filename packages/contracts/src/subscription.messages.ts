import type { Locale } from './error.contract.ts';
import type { MessageTemplate } from './notification.messages.ts';

/*
 * Issue 13, part 4: the messages a resident subscribed to her district receives, in her language,
 * beside issue 12's staff reminders (notification.messages.ts) and rendered the same way. Every
 * message ends with the one-click unsubscribe link (added by the delivery worker).
 * {districts} the district codes, {when} date and time in Almaty, {place} the address or "online",
 * {link} the page to open.
 */
export const SUBSCRIPTION_MESSAGE_KINDS = [
  'sub_confirm', 'sub_code', 'sub_announced', 'sub_changed', 'sub_postponed', 'sub_cancelled', 'sub_reminder', 'sub_outcomes',
] as const;
export type SubscriptionMessageKind = (typeof SUBSCRIPTION_MESSAGE_KINDS)[number];

export const SUBSCRIPTION_TEMPLATES: Record<SubscriptionMessageKind, Record<Locale, MessageTemplate>> = {
  sub_confirm: {
    kk: { title: 'Esep: жазылымды растаңыз', body: '{districts} учаскесінің есеп кездесулері туралы хабарламаларға жазылу үшін сілтемені ашыңыз: {link}\nЕгер сіз жазылмаған болсаңыз, бұл хатты елемеңіз.' },
    ru: { title: 'Esep: подтвердите подписку', body: 'Чтобы получать сообщения об отчётных встречах участка {districts}, откройте ссылку: {link}\nЕсли вы не подписывались, просто не обращайте внимания на это письмо.' },
    en: { title: 'Esep: confirm your subscription', body: 'To receive messages about the reporting meetings of district {districts}, open this link: {link}\nIf you did not subscribe, ignore this message.' },
  },
  sub_code: {
    kk: { title: 'Esep', body: 'Esep растау коды: {code}. Код 15 минут жарамды.' },
    ru: { title: 'Esep', body: 'Код подтверждения Esep: {code}. Код действует 15 минут.' },
    en: { title: 'Esep', body: 'Esep confirmation code: {code}. The code is valid for 15 minutes.' },
  },
  sub_announced: {
    kk: { title: '{districts}: учаскелік инспектордың есеп кездесуі', body: 'Учаскелік полиция инспекторы тұрғындарға есеп береді: {when}, {place}. Толығырақ: {link}' },
    ru: { title: '{districts}: отчётная встреча участкового инспектора', body: 'Участковый инспектор полиции отчитается перед жителями: {when}, {place}. Подробнее: {link}' },
    en: { title: '{districts}: the district inspector\'s reporting meeting', body: 'The district police inspector reports to residents: {when}, {place}. Details: {link}' },
  },
  sub_changed: {
    kk: { title: '{districts}: есеп кездесуі өзгерді', body: 'Есеп кездесуінің уақыты, орны немесе форматы өзгерді. Енді: {when}, {place}. Толығырақ: {link}' },
    ru: { title: '{districts}: отчётная встреча изменилась', body: 'Изменились время, место или формат отчётной встречи. Теперь: {when}, {place}. Подробнее: {link}' },
    en: { title: '{districts}: the reporting meeting has changed', body: 'The time, place or format of the reporting meeting has changed. Now: {when}, {place}. Details: {link}' },
  },
  sub_postponed: {
    kk: { title: '{districts}: есеп кездесуі кейінге қалдырылды', body: '{when} күнгі есеп кездесуі кейінге қалдырылды. Жаңа күні белгілі болғанда хабарлаймыз. Толығырақ: {link}' },
    ru: { title: '{districts}: отчётная встреча перенесена', body: 'Отчётная встреча, назначенная на {when}, перенесена. Мы сообщим новую дату, когда она станет известна. Подробнее: {link}' },
    en: { title: '{districts}: the reporting meeting is postponed', body: 'The reporting meeting set for {when} is postponed. We will tell you the new date once it is known. Details: {link}' },
  },
  sub_cancelled: {
    kk: { title: '{districts}: есеп кездесуі болмайды', body: '{when} күнгі есеп кездесуі болмайды (тоқтатылды). Толығырақ: {link}' },
    ru: { title: '{districts}: отчётная встреча отменена', body: 'Отчётная встреча, назначенная на {when}, отменена. Подробнее: {link}' },
    en: { title: '{districts}: the reporting meeting is cancelled', body: 'The reporting meeting set for {when} is cancelled. Details: {link}' },
  },
  sub_reminder: {
    kk: { title: '{districts}: есеп кездесуі ертең', body: 'Еске саламыз: учаскелік инспектордың есеп кездесуі ертең, {when}, {place}. Толығырақ: {link}' },
    ru: { title: '{districts}: отчётная встреча завтра', body: 'Напоминаем: отчётная встреча участкового инспектора завтра, {when}, {place}. Подробнее: {link}' },
    en: { title: '{districts}: the reporting meeting is tomorrow', body: 'A reminder: the district inspector\'s reporting meeting is tomorrow, {when}, {place}. Details: {link}' },
  },
  sub_outcomes: {
    kk: { title: '{districts}: есеп кездесуінің қорытындысы жарияланды', body: '{when} күнгі есеп кездесуінің хаттамасына қол қойылды. Қорытындысы: {link}' },
    ru: { title: '{districts}: итоги отчётной встречи опубликованы', body: 'Протокол отчётной встречи {when} подписан. Итоги: {link}' },
    en: { title: '{districts}: the outcomes of the reporting meeting are published', body: 'The protocol of the reporting meeting of {when} is signed. Outcomes: {link}' },
  },
};

/** The line every message to a subscriber ends with. */
export const UNSUBSCRIBE_LINE: Record<Locale, string> = {
  kk: 'Жазылымнан бас тарту: {link}',
  ru: 'Отписаться: {link}',
  en: 'Unsubscribe: {link}',
};

/** The bot's answers to /start in the chat (no delivery row: an answer, not a message of the case). */
export const TELEGRAM_START_REPLIES: Record<'confirmed' | 'bad_code' | 'hello', Record<Locale, string>> = {
  confirmed: {
    kk: 'Жазылым расталды: {districts} учаскесінің есеп кездесулері туралы хабарламалар осында келеді.',
    ru: 'Подписка подтверждена: сообщения об отчётных встречах участка {districts} будут приходить сюда.',
    en: 'Subscription confirmed: messages about the reporting meetings of district {districts} will come here.',
  },
  bad_code: {
    kk: 'Бұл сілтеме жарамсыз немесе мерзімі өтіп кеткен. Учаскенің бетінде қайта жазылыңыз.',
    ru: 'Эта ссылка недействительна или устарела. Подпишитесь заново на странице участка.',
    en: 'This link is not valid or has expired. Subscribe again on the district\'s page.',
  },
  hello: {
    kk: 'Сәлеметсіз бе! Жазылу үшін учаскенің бетіндегі сілтемені ашыңыз.',
    ru: 'Здравствуйте! Чтобы подписаться, откройте ссылку со страницы участка.',
    en: 'Hello! To subscribe, open the link from the district\'s page.',
  },
};
