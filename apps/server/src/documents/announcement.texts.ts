/**
 * The texts that inform residents of a reporting meeting. R-27.1: no later than 10 calendar days
 * before the meeting, residents are told its place and time through the mass media (`notice`),
 * social network platforms (`post`) and the administrations of enterprises, institutions and
 * organisations (`letter`).
 */
import { capitalised } from '@esep/domain';
import {
  districtNames, formatDateTime, formatWhen, inspectorLines, inspectorTitle, onlineLinkOf, ORDER_652, staffTitle,
  rulesReference, settingText, shortName, venueText, type DocLang, type MeetingDocumentData,
} from './meeting-document.ts';

export interface AnnouncementSet { post: string; notice: string; letter: string }
export interface AnnouncementTexts { kk: AnnouncementSet; ru: AnnouncementSet }

/** Social-network posts stay within this many characters. */
export const POST_MAX_LENGTH = 600;

const HASHTAGS: Record<DocLang, string> = {
  kk: '#есеп #учаскелік #полиция #халыққаесеп',
  ru: '#отчёт #участковый #полиция #есеп #учаскелік',
};

/** R-30: what the report covers. */
const REPORT_TOPICS: Record<DocLang, string[]> = {
  kk: [
    'әкімшілік учаскедегі криминогендік жағдай және оны тұрақтандыру жөніндегі шаралар',
    'құқық бұзушылықтардың профилактикасы бойынша жүргізілген жұмыс және азаматтарды қоғамдық тәртіпті сақтауға тарту',
    'полицияның профилактикалық қызметі жөніндегі заңнамадағы өзгерістер',
    'азаматтардың шағымдары мен өтініштері, оның ішінде алдыңғы есепте түскен шағымдар бойынша қабылданған шаралар',
  ],
  ru: [
    'криминогенная обстановка на административном участке и меры по её стабилизации',
    'проводимая работа по профилактике правонарушений и привлечению граждан к охране общественного порядка',
    'изменения в законодательстве о профилактической деятельности полиции',
    'меры, принятые по жалобам и обращениям граждан, в том числе поступившим на предыдущем отчёте',
  ],
};

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const clip = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`);

/** Place line with the online link when there is one. */
function placeLines(m: MeetingDocumentData, lang: DocLang, label = true): string[] {
  const link = onlineLinkOf(m);
  const lines = m.format === 'online' ? [] : [`${label ? (lang === 'kk' ? 'Орны: ' : 'Место: ') : ''}${venueText(m, lang)}`];
  if (link) lines.push(`${lang === 'kk' ? 'Онлайн қосылу: ' : 'Подключение онлайн: '}${link}`);
  return lines;
}

/** R-27.1, social networks: short, with date, time, place or link, districts, inspectors, URL. */
export function socialPost(m: MeetingDocumentData, lang: DocLang): string {
  const kk = lang === 'kk';
  const names = m.inspectors.map((i) => i.fullName);
  const districts = districtNames(m, lang);
  const head = kk
    ? `Құрметті тұрғындар! ${cap(inspectorTitle(m, 'kk'))} халық алдында есеп береді.`
    : `Уважаемые жители! ${cap(inspectorTitle(m, 'ru'))} ${m.inspectors.length > 1 ? 'отчитаются' : 'отчитается'} перед населением.`;
  const when = `${kk ? 'Уақыты' : 'Когда'}: ${formatDateTime(m.startsAt, lang)}`;
  const place = placeLines(m, lang).map((l) => clip(l, 160));
  const tail = [`${kk ? 'Толығырақ' : 'Подробнее'}: ${m.publicUrl}`, HASHTAGS[lang]];
  const ask = kk ? 'Сұрақтарыңыз бен ұсыныстарыңызды күтеміз!' : 'Ждём ваших вопросов и предложений!';
  const build = (inspectors: string, areas: string, withAsk: boolean): string =>
    [head, when, ...place, inspectors, areas, ...(withAsk ? [ask] : []), ...tail].filter(Boolean).join('\n');
  const fullInspectors = `Инспектор${names.length > 1 ? (kk ? 'лар' : 'ы') : ''}: ${names.join(', ')}`;
  const fullAreas = `${kk ? 'Учаскелер' : 'Участки'}: ${districts.join('; ')}`;
  const more = names.length > 2 ? (kk ? ` және тағы ${names.length - 2}` : ` и ещё ${names.length - 2}`) : '';
  const shortInspectors = `${fullInspectors.split(':')[0]}: ${names.slice(0, 2).map(shortName).join(', ')}${more}`;
  const shortAreas = kk ? `Әкімшілік учаскелер саны: ${districts.length}` : `Административных участков: ${districts.length}`;
  // Drop detail (never the date, place, URL) until the post fits.
  const candidates = [
    build(fullInspectors, fullAreas, true), build(fullInspectors, fullAreas, false), build(shortInspectors, fullAreas, false),
    build(shortInspectors, shortAreas, false), build('', shortAreas, false), build('', '', false),
  ];
  const fitting = candidates.find((c) => c.length <= POST_MAX_LENGTH);
  return fitting ?? clip(build('', '', false), POST_MAX_LENGTH);
}

/** R-27.1, mass media: who reports, about what (R-30), when, where; an invitation to ask (R-31). */
export function massMediaNotice(m: MeetingDocumentData, lang: DocLang): string {
  const kk = lang === 'kk';
  const who = inspectorLines(m, lang).join(', ');
  const topics = REPORT_TOPICS[lang].map((t) => `— ${t};`).join('\n').replace(/;$/, '.');
  const link = onlineLinkOf(m);
  const facts = [
    `${kk ? 'Уақыты' : 'Дата и время'}: ${formatWhen(m, lang)}.`,
    ...placeLines(m, lang),
    `${kk ? 'Әкімшілік учаскелер' : 'Административные участки'}: ${districtNames(m, lang).join('; ')}.`,
    `${kk ? 'Полиция органы' : 'Орган полиции'}: ${kk ? `${m.unitNameKk}, ${m.pointNameKk}` : `${m.unitNameRu}, ${m.pointNameRu}`}.`,
    `${kk ? 'Толық ақпарат' : 'Подробная информация'}: ${m.publicUrl}`,
  ];
  if (kk) {
    return [
      'ХАБАРЛАНДЫРУ',
      'Құрметті тұрғындар!',
      `${ORDER_652.kk}на сәйкес ${inspectorTitle(m, 'kk')} ${who} қызмет көрсетілетін аумақ тұрғындарының алдында есеп береді.`,
      `Есеп ${settingText(m, 'kk')} аумақтық полиция органы басшылығының және жергілікті атқарушы орган (әкімдік) өкілдерінің қатысуымен өтеді. Есепте мынадай мәселелер қамтылады:\n${topics}`,
      facts.join('\n'),
      `Кездесуге қатысып, учаскелік полиция инспекторына сұрақтарыңызды қоюға, ұсыныстарыңыз бен ескертулеріңізді айтуға шақырамыз.${link ? ' Кездесуге онлайн режимде де қосылуға болады.' : ''} Барлық қатысушылар тіркеледі, кездесу бейнеге жазылып, хаттамамен ресімделеді.`,
    ].join('\n\n');
  }
  const many = m.inspectors.length > 1;
  return [
    'ОБЪЯВЛЕНИЕ',
    'Уважаемые жители!',
    `В соответствии с ${ORDER_652.ru.replace('приказ', 'приказом')} ${inspectorTitle(m, 'ru')} ${who} ${many ? 'отчитаются' : 'отчитается'} перед населением обслуживаемой территории.`,
    `Отчёт состоится ${settingText(m, 'ru')} с участием руководства территориального органа полиции и представителей местного исполнительного органа (акимата). В отчёте будут освещены:\n${topics}`,
    facts.join('\n'),
    `Приглашаем вас принять участие во встрече, задать вопросы участковому инспектору полиции, высказать предложения и замечания.${link ? ' К встрече можно подключиться онлайн.' : ''} Все участники регистрируются, встреча записывается на видео и оформляется протоколом.`,
  ].join('\n\n');
}

/** Signature lines of the reporting inspector(s). */
function signatures(m: MeetingDocumentData, lang: DocLang): string {
  return m.inspectors
    .map((i) => `${capitalised(staffTitle(i, lang))} (${lang === 'kk' ? i.districtNameKk : i.districtNameRu})\n${shortName(i.fullName)}`)
    .join('\n\n');
}

/** R-27.1, administrations of enterprises, institutions and organisations: a formal letter. */
export function organisationLetter(m: MeetingDocumentData, lang: DocLang): string {
  const kk = lang === 'kk';
  const facts = [
    `${kk ? 'Уақыты' : 'Дата и время'}: ${formatWhen(m, lang)}.`,
    ...placeLines(m, lang),
    `${kk ? 'Есеп беретін' : m.inspectors.length > 1 ? 'Отчитываются' : 'Отчитывается'} ${inspectorTitle(m, lang)}: ${inspectorLines(m, lang).join('; ')}.`,
    `${kk ? 'Толық ақпарат' : 'Подробная информация'}: ${m.publicUrl}`,
  ].join('\n');
  if (kk) {
    return [
      'Меншік нысанына қарамастан кәсіпорындардың, мекемелердің және ұйымдардың басшыларына',
      'Құрметті басшы!',
      `${rulesReference('kk', 27)} ${m.unitNameKk} ${settingText(m, 'kk')} ${inspectorTitle(m, 'kk').replace(/ы$/, 'ының')} халық алдындағы есебі өтетінін хабарлайды.`,
      facts,
      'Осыған байланысты ұжымыңыздың қызметкерлерін кездесудің өтетін орны мен уақыты туралы хабардар етуге, хабарландыруды ақпараттық тақтаға орналастыруға және қызметкерлердің кездесуге қатысуына жәрдемдесуіңізді сұраймыз.',
      `Құрметпен,\n${signatures(m, 'kk')}`,
    ].join('\n\n');
  }
  return [
    'Руководителям предприятий, учреждений и организаций независимо от формы собственности',
    'Уважаемый руководитель!',
    `${m.unitNameRu} ${rulesReference('ru', 27)} сообщает, что ${formatDateTime(m.startsAt, 'ru')} ${settingText(m, 'ru')} состоится отчёт ${m.inspectors.length > 1 ? 'участковых инспекторов' : 'участкового инспектора'} полиции перед населением.`,
    facts,
    'В связи с этим просим Вас довести информацию о месте и времени встречи до сведения работников Вашего предприятия (учреждения, организации), разместить объявление на информационном стенде и оказать содействие в участии работников во встрече.',
    `С уважением,\n${signatures(m, 'ru')}`,
  ].join('\n\n');
}

/** All three texts in both languages. */
export function announcementTexts(data: MeetingDocumentData): AnnouncementTexts {
  const set = (lang: DocLang): AnnouncementSet => ({
    post: socialPost(data, lang), notice: massMediaNotice(data, lang), letter: organisationLetter(data, lang),
  });
  return { kk: set('kk'), ru: set('ru') };
}
