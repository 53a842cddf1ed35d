/**
 * Invitation letters to a reporting meeting, as DOCX (docx 9) and PDF (pdfmake): A4, 2 cm margins,
 * the police unit's letterhead with outgoing number and date, addressee, subject, body and the
 * reporting inspectors' signatures. R-26: police leadership and akimat (required); R-28: the
 * others, by agreement. The wording is in invitation.content.ts.
 */
import { AlignmentType, Paragraph } from 'docx';
import type { Content } from 'pdfmake/interfaces';
import { invitationContent } from './invitation.content.ts';
import {
  checkLang, docxFacts, docxParagraphs, docxSignature, letterDocx, letterPdf, pdfFacts, pdfParagraphs, pdfSignature, run, TEXT_WIDTH,
} from './letter.layout.ts';
import type { DocLang, InvitationDocumentData } from './meeting-document.ts';

/** The invitation as a Word document (A4, margins 2 cm). */
export async function invitationDocx(data: InvitationDocumentData, lang: DocLang): Promise<Buffer> {
  checkLang(lang);
  const c = invitationContent(data, lang);
  const body: Paragraph[] = [
    ...c.addressee.map((line, i) => new Paragraph({
      indent: { left: Math.round(TEXT_WIDTH * 0.5) }, spacing: { before: i === 0 ? 240 : 0 }, children: [run(line, { bold: true })],
    })),
    new Paragraph({ spacing: { before: 360, after: 240 }, children: [run(c.subject, { italics: true, size: 13 })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [run(c.salutation, { bold: true })] }),
    ...docxParagraphs(c.paragraphs),
    ...docxFacts(c.facts),
    new Paragraph({ spacing: { before: 360, after: 120 }, children: [run(c.closing)] }),
    ...c.signatures.flatMap((s) => docxSignature(s, 200)),
  ];
  return letterDocx(c, `${c.subject} — ${c.meetingNumber}`, body);
}

/** The same invitation as a PDF (pdfmake, Roboto: Kazakh letters intact). */
export async function invitationPdf(data: InvitationDocumentData, lang: DocLang): Promise<Buffer> {
  checkLang(lang);
  const c = invitationContent(data, lang);
  const body: Content[] = [
    { stack: c.addressee.map((a) => ({ text: a, bold: true })), margin: [240, 14, 0, 0], fontSize: 12 },
    { text: c.subject, italics: true, fontSize: 11.5, margin: [0, 22, 0, 14] },
    { text: c.salutation, bold: true, alignment: 'center', margin: [0, 0, 0, 10] },
    ...pdfParagraphs(c.paragraphs),
    pdfFacts(c.facts, 140),
    { text: c.closing, margin: [0, 22, 0, 4] },
    ...c.signatures.map((s) => pdfSignature(s, 10)),
  ];
  return letterPdf(c, `${c.subject} — ${c.meetingNumber}`, body);
}
