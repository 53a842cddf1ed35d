/**
 * the outgoing letter forwarding an item raised at a reporting meeting to the state body
 * competent for it (APPK art. 65), as DOCX (docx 9) and PDF (pdfmake), in Kazakh and Russian:
 * A4, 2 cm margins, the police unit's letterhead with outgoing number and date, the addressee
 * body, the item's text and registration number, the meeting, and the inspector's signature.
 */
import { capitalised } from '@esep/domain';
import { Paragraph } from 'docx';
import type { Content } from 'pdfmake/interfaces';
import {
  checkLang, docxFacts, docxParagraphs, docxSignature, letterDocx, letterPdf, pdfFacts, pdfParagraphs, pdfSignature, run, TEXT_WIDTH,
  type LetterHead, type LetterSignature,
} from './letter.layout.ts';
import { formatDate, formatIsoDate, shortName, staffTitle, type DocLang } from './meeting-document.ts';

export interface ForwardingLetterData {
  letterNumber: string;
  /** YYYY-MM-DD */
  letterDate: string;
  unitNameKk: string; unitNameRu: string; pointNameKk: string; pointNameRu: string;
  body: { nameKk: string; nameRu: string; contact: string | null };
  item: { reference: string; kind: 'complaint' | 'proposal' | 'remark' | 'question'; text: string; initiatorName: string | null; initiatorAddress: string | null };
  meeting: { number: string; startsAt: Date };
  /** Rank and position: codes (staff.titles.ts), printed as labels in the letter's language. */
  inspector: { fullName: string; rank: string | null; position: string | null; districtNameKk: string; districtNameRu: string } | null;
}

export interface ForwardingLetterContent extends LetterHead {
  addressee: string[]; subject: string;
  paragraphs: string[]; facts: Array<[label: string, value: string]>; closing: string;
  signature: LetterSignature | null;
}

const KIND = {
  kk: { complaint: 'шағым', proposal: 'ұсыныс', remark: 'ескерту', question: 'сұрақ' },
  ru: { complaint: 'жалоба', proposal: 'предложение', remark: 'замечание', question: 'вопрос' },
} as const;

/** The wording shared by the DOCX and the PDF. */
export function forwardingLetterContent(d: ForwardingLetterData, lang: DocLang): ForwardingLetterContent {
  checkLang(lang);
  const kk = lang === 'kk';
  const when = formatDate(d.meeting.startsAt, lang);
  const kind = KIND[lang][d.item.kind];
  const unit = kk ? d.unitNameKk : d.unitNameRu;
  const facts: Array<[string, string]> = [
    [kk ? 'Өтініштің мәні' : 'Суть обращения', `«${d.item.text}»`],
    [kk ? 'Өтініш беруші' : 'Заявитель', d.item.initiatorName ?? (kk ? 'көрсетілмеген (анонимді өтініш)' : 'не указан (анонимное обращение)')],
  ];
  if (d.item.initiatorName && d.item.initiatorAddress) facts.push([kk ? 'Мекенжайы' : 'Адрес заявителя', d.item.initiatorAddress]);
  facts.push([kk ? 'Кездесу' : 'Встреча', `№ ${d.meeting.number}, ${when}`]);
  return {
    unitName: unit,
    pointName: kk ? d.pointNameKk : d.pointNameRu,
    outgoing: kk ? `Шығ. № ${d.letterNumber}, ${formatIsoDate(d.letterDate)} ж.` : `Исх. № ${d.letterNumber} от ${formatIsoDate(d.letterDate)}`,
    addressee: [kk ? d.body.nameKk : d.body.nameRu, ...(d.body.contact ? [d.body.contact] : [])],
    subject: kk ? 'Өтінішті құзыреті бойынша қарау үшін жіберу туралы' : 'О направлении обращения для рассмотрения по компетенции',
    paragraphs: kk
      ? [
        `${when} өткен учаскелік полиция инспекторының халық алдындағы есептік кездесуінде (№ ${d.meeting.number}) өтініш (${kind}, тіркеу № ${d.item.reference}) түсті, оны қарау ішкі істер органдарының құзыретіне жатпайды.`,
        'Учаскелік полиция инспекторларының қызметін ұйымдастыру қағидаларының 32-тармағына және Қазақстан Республикасы Әкімшілік рәсімдік-процестік кодексінің 65-бабына сәйкес оны құзыреті бойынша қарау үшін жолдаймыз. Қарау нәтижесі туралы өтініш берушіге және полиция бөліміне хабарлауыңызды сұраймыз.',
      ]
      : [
        `На отчётной встрече участкового инспектора полиции с населением ${when} (№ ${d.meeting.number}) поступило обращение (${kind}, рег. № ${d.item.reference}), рассмотрение которого не относится к компетенции органов внутренних дел.`,
        `В соответствии с пунктом 32 Правил организации деятельности участковых инспекторов полиции и статьёй 65 Административного процедурно-процессуального кодекса Республики Казахстан направляем его для рассмотрения по компетенции. Просим о результатах рассмотрения сообщить заявителю и в ${unit}.`,
      ],
    facts,
    closing: kk ? 'Қосымша: есептік кездесу хаттамасынан үзінді.' : 'Приложение: выписка из протокола отчётной встречи.',
    signature: d.inspector
      ? {
        title: capitalised(staffTitle(d.inspector, lang)),
        district: kk ? d.inspector.districtNameKk : d.inspector.districtNameRu,
        name: shortName(d.inspector.fullName),
      }
      : null,
    reference: d.item.reference,
    meetingNumber: d.meeting.number,
  };
}

/** The letter as a Word document (A4, margins 2 cm). */
export async function forwardingLetterDocx(data: ForwardingLetterData, lang: DocLang): Promise<Buffer> {
  const c = forwardingLetterContent(data, lang);
  const body: Paragraph[] = [
    ...c.addressee.map((line, i) => new Paragraph({
      indent: { left: Math.round(TEXT_WIDTH * 0.5) }, spacing: { before: i === 0 ? 240 : 0 }, children: [run(line, { bold: i === 0, size: i === 0 ? 14 : 12 })],
    })),
    new Paragraph({ spacing: { before: 360, after: 240 }, children: [run(c.subject, { italics: true, size: 13 })] }),
    ...docxParagraphs(c.paragraphs),
    ...docxFacts(c.facts),
    new Paragraph({ spacing: { before: 240, after: 120 }, children: [run(c.closing, { size: 12 })] }),
    ...(c.signature ? docxSignature(c.signature, 360) : []),
  ];
  return letterDocx(c, `${c.subject} — ${c.reference}`, body);
}

/** The same letter as a PDF (pdfmake, Roboto: Kazakh letters intact). */
export async function forwardingLetterPdf(data: ForwardingLetterData, lang: DocLang): Promise<Buffer> {
  const c = forwardingLetterContent(data, lang);
  const body: Content[] = [
    { stack: c.addressee.map((a, i) => ({ text: a, bold: i === 0, fontSize: i === 0 ? 12 : 10.5 })), margin: [240, 14, 0, 0] },
    { text: c.subject, italics: true, fontSize: 11.5, margin: [0, 22, 0, 14] },
    ...pdfParagraphs(c.paragraphs),
    pdfFacts(c.facts, 120),
    { text: c.closing, fontSize: 10.5, margin: [0, 16, 0, 4] },
    ...(c.signature ? [pdfSignature(c.signature, 18)] : []),
  ];
  return letterPdf(c, `${c.subject} — ${c.reference}`, body);
}
