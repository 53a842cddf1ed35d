/**
 * The wording of an invitation letter to a reporting meeting, shared by the DOCX and the PDF.
 * the police leadership and the akimat take part (required invitations).
 * maslikhat deputies, the public, agencies, organisations and the mass media are invited
 * by agreement.
 */
import { REQUIRED_INVITATION_CATEGORIES } from '@esep/contracts';
import { capitalised } from '@esep/domain';
import {
  districtNames, formatIsoDate, formatWhen, inspectorLines, inspectorTitle, onlineLinkOf, orderParagraph, rulesReference, staffTitle,
  settingText, shortName, venueText, type DocLang, type InvitationDocumentData,
} from './meeting-document.ts';

export interface InvitationContent {
  lang: DocLang;
  unitName: string;
  pointName: string;
  /** "Шығ. № 12-3/456, 05.12.2026 ж." / "Исх. № 12-3/456 от 05.12.2026" */
  outgoing: string;
  addressee: string[];
  subject: string;
  salutation: string;
  paragraphs: string[];
  facts: Array<[label: string, value: string]>;
  closing: string;
  signatures: Array<{ title: string; district: string; name: string }>;
  /** The paragraph of the Rules the invitation rests on: 26 (required) or 28 (by agreement). */
  paragraph: 26 | 28;
  reference: string;
  meetingNumber: string;
}

/** who must be invited; every other category is by agreement. */
export const isRequiredCategory = (category: string): boolean =>
  (REQUIRED_INVITATION_CATEGORIES as readonly string[]).includes(category);

/** the group a by-agreement category belongs to, as the Rules name it (nominative plural). */
const GROUPS: Record<string, { kk: string; ru: string }> = {
  maslikhat_deputy: { kk: 'әкімшілік-аумақтық бірлік мәслихатының депутаттары', ru: 'депутаты маслихата административно-территориальной единицы' },
  public: { kk: 'жұртшылық өкілдері', ru: 'представители общественности' },
  health_care: { kk: 'денсаулық сақтау органдарының өкілдері', ru: 'представители органов здравоохранения' },
  labour_social: { kk: 'еңбек және халықты әлеуметтік қорғау органдарының өкілдері', ru: 'представители органов труда и социальной защиты населения' },
  education_science: { kk: 'білім және ғылым органдарының өкілдері', ru: 'представители органов образования и науки' },
  agriculture: { kk: 'ауыл шаруашылығы органдарының өкілдері', ru: 'представители органов сельского хозяйства' },
  housing_communal: { kk: 'тұрғын үй-коммуналдық шаруашылық органдарының өкілдері', ru: 'представители органов жилищно-коммунального хозяйства' },
  organisation: { kk: 'меншік нысанына қарамастан ұйымдар мен кәсіпорындардың өкілдері', ru: 'представители организаций и предприятий независимо от формы собственности' },
  mass_media: { kk: 'бұқаралық ақпарат құралдарының өкілдері', ru: 'представители средств массовой информации' },
};

/** "Уважаемый Нұрлан Қайратұлы!" — the form of address follows the patronymic or surname ending. */
function salutation(personName: string, lang: DocLang): string {
  const parts = personName.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return lang === 'kk' ? 'Құрметті басшы!' : 'Уважаемый руководитель!';
  const addressed = parts.length === 3 ? parts.slice(1).join(' ') : parts.join(' ');
  if (lang === 'kk') return `Құрметті ${addressed}!`;
  const patronymic = parts.length === 3 ? (parts[2] ?? '').toLowerCase() : '';
  const surname = (parts[0] ?? '').toLowerCase();
  const female = /(вна|қызы|кызы)$/.test(patronymic) || (!patronymic && /(ова|ева|ина|ая)$/.test(surname));
  const male = /(вич|ұлы|улы|оглы)$/.test(patronymic) || (!patronymic && /(ов|ев|ин|ий)$/.test(surname));
  return `${female ? 'Уважаемая' : male ? 'Уважаемый' : 'Уважаемый(-ая)'} ${addressed}!`;
}

/** The invitation letter's content in one language. */
export function invitationContent(data: InvitationDocumentData, lang: DocLang): InvitationContent {
  const m = data.meeting;
  const kk = lang === 'kk';
  const required = isRequiredCategory(data.category);
  const many = m.inspectors.length > 1;
  const group = GROUPS[data.category] ?? GROUPS.organisation ?? { kk: '', ru: '' };
  const number = data.outgoingNumber?.trim() || '________';
  const date = formatIsoDate(data.date);
  const link = onlineLinkOf(m);

  const invite = kk
    ? `${m.unitNameKk} Сізді ${settingText(m, 'kk')} өтетін ${inspectorTitle(m, 'kk').replace(/ы$/, 'ының')} халық алдындағы есебіне қатысуға шақырады.`
    : `${m.unitNameRu} приглашает Вас принять участие в отчёте ${many ? 'участковых инспекторов' : 'участкового инспектора'} полиции перед населением, который состоится ${settingText(m, 'ru')}.`;
  // R-26 (required) or R-28 (by agreement).
  const basis = required
    ? (kk
      ? `${rulesReference('kk', 26)} есеп аумақтық полиция органы басшылығының және жергілікті атқарушы орган (әкімдік) өкілдерінің қатысуымен беріледі. Осыған байланысты Сіздің немесе Сіз уәкілеттік берген өкілдің қатысуын қамтамасыз етуіңізді сұраймыз.`
      : `${cap(rulesReference('ru', 26))} отчёт проводится с участием руководства территориального органа полиции и представителей местного исполнительного органа (акимата). В связи с этим просим обеспечить Ваше участие либо участие уполномоченного Вами представителя.`)
    : (kk
      ? `${rulesReference('kk', 28)} есептік кездесуге келісім бойынша ${group.kk} шақырылады. Кездесуге қатысуға келісіміңізді хабарлауыңызды сұраймыз.`
      : `${cap(rulesReference('ru', 28))} на отчётную встречу по согласованию приглашаются ${group.ru}. Просим сообщить о Вашем согласии принять участие во встрече.`);
  const topics = kk
    ? 'Есепте әкімшілік учаскедегі криминогендік жағдай және оны тұрақтандыру шаралары, құқық бұзушылықтардың профилактикасы, полицияның профилактикалық қызметі жөніндегі заңнамадағы өзгерістер, азаматтардың шағымдары мен өтініштері бойынша, оның ішінде алдыңғы есепте түскендері бойынша қабылданған шаралар қаралады.'
    : 'В отчёте будут освещены криминогенная обстановка на административном участке и меры по её стабилизации, профилактика правонарушений, изменения в законодательстве о профилактической деятельности полиции, меры, принятые по жалобам и обращениям граждан, в том числе поступившим на предыдущем отчёте.';
  const paragraphs = [invite, basis, topics];
  // the mass media help inform residents of place and time.
  if (data.category === 'mass_media') {
    paragraphs.push(kk
      ? 'Сондай-ақ тұрғындарды кездесудің өтетін орны мен уақыты туралы бұқаралық ақпарат құралдары арқылы хабардар етуге жәрдемдесуіңізді сұраймыз.'
      : 'Просим также оказать содействие в информировании населения о месте и времени встречи через средства массовой информации.');
  }

  const facts: Array<[string, string]> = [[kk ? 'Уақыты' : 'Дата и время', formatWhen(m, lang)]];
  if (m.format !== 'online') facts.push([kk ? 'Орны' : 'Место', venueText(m, lang)]);
  if (link) facts.push([kk ? 'Онлайн қосылу' : 'Подключение онлайн', link]);
  facts.push(
    [kk ? 'Әкімшілік учаскелер' : 'Административные участки', districtNames(m, lang).join('; ')],
    [kk ? 'Есеп береді' : (many ? 'Отчитываются' : 'Отчитывается'), `${inspectorTitle(m, lang)} ${inspectorLines(m, lang).join('; ')}`],
    [kk ? 'Кездесу беті' : 'Страница встречи', m.publicUrl],
  );

  return {
    lang,
    unitName: kk ? m.unitNameKk : m.unitNameRu,
    pointName: kk ? m.pointNameKk : m.pointNameRu,
    outgoing: kk ? `Шығ. № ${number}, ${date} ж.` : `Исх. № ${number} от ${date}`,
    addressee: [data.organisation.trim(), data.personName.trim()].filter(Boolean),
    subject: kk ? 'Халықпен есептік кездесуге шақыру туралы' : 'О приглашении на отчётную встречу с населением',
    salutation: salutation(data.personName, lang),
    paragraphs,
    facts,
    closing: kk ? 'Құрметпен,' : 'С уважением,',
    signatures: m.inspectors.map((i) => ({
      title: capitalised(staffTitle(i, lang)),
      district: kk ? i.districtNameKk : i.districtNameRu,
      name: shortName(i.fullName),
    })),
    paragraph: required ? 26 : 28,
    reference: orderParagraph(lang, required ? 26 : 28),
    meetingNumber: m.number,
  };
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
