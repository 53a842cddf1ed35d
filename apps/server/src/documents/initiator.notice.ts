/**
 * The notices to the person who raised an item (kk/ru): where a forwarded item went (R-32.5:
 * "always notifying the person who raised them") and that a check's term was extended (R-32.4,
 * APPK art. 76 ¶2). Plain text, to be read out on the phone, sent by SMS or printed.
 */
import { capitalised, STAFF_POSITION_LABELS } from '@esep/domain';
import { formatIsoDate, shortName, type DocLang } from './meeting-document.ts';

export interface NoticeItem {
  /** "ALM-KAR-P2-D01-2026-07/3" */
  reference: string;
  /** YYYY-MM-DD, the meeting day. */
  meetingDate: string;
  initiatorName: string | null;
  inspectorName: string | null;
}

const greeting = (name: string | null, lang: DocLang) =>
  name ? (lang === 'kk' ? `Құрметті ${name}!` : `Уважаемый(-ая) ${name}!`) : '';

const signature = (inspector: string | null, lang: DocLang) =>
  inspector ? `${capitalised(STAFF_POSITION_LABELS.inspector[lang])} ${shortName(inspector)}` : '';

const join = (...parts: string[]) => parts.filter(Boolean).join(' ');

/** R-32.5: the item was sent to a state body, which will answer. */
export function forwardingNotice(item: NoticeItem, body: { nameKk: string; nameRu: string }, letter: { number: string | null; date: string | null }, lang: DocLang): string {
  const date = formatIsoDate(item.meetingDate);
  const out = letter.number
    ? (lang === 'kk' ? ` (шығ. № ${letter.number}${letter.date ? `, ${formatIsoDate(letter.date)} ж.` : ''})` : ` (исх. № ${letter.number}${letter.date ? ` от ${formatIsoDate(letter.date)}` : ''})`)
    : '';
  return lang === 'kk'
    ? join(greeting(item.initiatorName, 'kk'),
      `${date} өткен учаскелік полиция инспекторының халық алдындағы есептік кездесуінде берген № ${item.reference} өтінішіңіз полицияның құзыретіне жатпайды.`,
      `Қазақстан Республикасы Әкімшілік рәсімдік-процестік кодексінің 65-бабына сәйкес ол қарау үшін мына мемлекеттік органға жолданды: ${body.nameKk}${out}.`,
      'Жауапты сізге аталған орган жібереді.', signature(item.inspectorName, 'kk'))
    : join(greeting(item.initiatorName, 'ru'),
      `Ваше обращение № ${item.reference}, поступившее на отчётной встрече участкового инспектора полиции с населением ${date}, не относится к компетенции полиции.`,
      `В соответствии со статьёй 65 Административного процедурно-процессуального кодекса Республики Казахстан оно направлено для рассмотрения в государственный орган: ${body.nameRu}${out}.`,
      'Ответ вам направит указанный орган.', signature(item.inspectorName, 'ru'));
}

/** R-32.4, APPK art. 76 ¶2: the check's term was extended once, with the reason. */
export function extensionNotice(item: NoticeItem, extendTo: string, reason: string, lang: DocLang): string {
  const date = formatIsoDate(item.meetingDate);
  return lang === 'kk'
    ? join(greeting(item.initiatorName, 'kk'),
      `${date} өткен есептік кездесуде берген № ${item.reference} өтінішіңіз бойынша тексеру мерзімі ${formatIsoDate(extendTo)} дейін ұзартылды.`,
      `Себебі: ${reason}.`.replace(/\.\.$/, '.'), signature(item.inspectorName, 'kk'))
    : join(greeting(item.initiatorName, 'ru'),
      `Срок проверки по вашему обращению № ${item.reference}, поступившему на отчётной встрече ${date}, продлён до ${formatIsoDate(extendTo)}.`,
      `Причина: ${reason}.`.replace(/\.\.$/, '.'), signature(item.inspectorName, 'ru'));
}
