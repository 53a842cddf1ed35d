import type { Locale, Verification } from '@esep/contracts';
import { TIME_ZONE } from '@esep/domain';
import { escapeHtml } from '../../http/public-page.ts';

/*
 * R-32.1: the public page behind the QR code on every page of the protocol (`/v/:id`). Rendered
 * on the server, no script, kk/ru/en. It shows the verdict, who signed when, and the hashes —
 * no personal data beyond the signers' names. A PDF may be uploaded to compare its SHA-256.
 */

type Texts = Record<Locale, string>;
const T = {
  title: { kk: 'Хаттаманың түпнұсқалығын тексеру', ru: 'Проверка подлинности протокола', en: 'Protocol verification' },
  protocol: { kk: 'Кездесу хаттамасы №', ru: 'Протокол встречи №', en: 'Protocol of meeting No.' },
  date: { kk: 'Кездесу күні', ru: 'Дата встречи', en: 'Meeting date' },
  valid: { kk: 'Жарамды', ru: 'Действителен', en: 'Valid' },
  validText: { kk: 'Мазмұны мен барлық қолтаңбалар қол қойылған кездегідей.', ru: 'Содержание и все подписи соответствуют подписанному.', en: 'The content and every signature are as signed.' },
  altered: { kk: 'ЖАРАМСЫЗ — өзгертілген', ru: 'НЕДЕЙСТВИТЕЛЕН — изменён', en: 'NOT valid — altered' },
  alteredText: { kk: 'Хаттама қол қойылғаннан кейін өзгертілген немесе қолтаңба сәйкес келмейді.', ru: 'Протокол изменён после подписания или подпись не совпадает.', en: 'The protocol was changed after signing, or a signature does not match.' },
  unsigned: { kk: 'Әлі қол қойылмаған', ru: 'Ещё не подписан', en: 'Not signed yet' },
  unsignedText: { kk: 'Хаттама жобасына әлі барлық инспектор қол қойған жоқ.', ru: 'Черновик протокола ещё не подписан всеми инспекторами.', en: 'The draft protocol is not yet signed by every inspector.' },
  unverifiable: { kk: 'Тексеру аяқталмады', ru: 'Проверка не завершена', en: 'Could not be fully checked' },
  unverifiableText: { kk: 'Сапалы қолтаңбаны тексеру қызметі қолжетімсіз. Кейінірек қайталаңыз.', ru: 'Сервис проверки квалифицированной подписи недоступен. Повторите позже.', en: 'The qualified signature verification service is unreachable. Try again later.' },
  signatures: { kk: 'Қолтаңбалар', ru: 'Подписи', en: 'Signatures' },
  signer: { kk: 'Қол қойған', ru: 'Подписал', en: 'Signed by' },
  method: { kk: 'Тәсілі', ru: 'Способ', en: 'Method' },
  when: { kk: 'Уақыты', ru: 'Время', en: 'When' },
  check: { kk: 'Тексеру', ru: 'Проверка', en: 'Check' },
  ok: { kk: 'сәйкес', ru: 'верна', en: 'valid' },
  bad: { kk: 'сәйкес емес', ru: 'не верна', en: 'invalid' },
  unknown: { kk: 'тексерілмеді', ru: 'не проверена', en: 'not checked' },
  builtin_ed25519: { kk: 'Esep электрондық қолтаңбасы (Ed25519)', ru: 'Электронная подпись Esep (Ed25519)', en: 'Esep electronic signature (Ed25519)' },
  ncalayer_cms: { kk: 'ЭЦҚ (NCALayer, CMS)', ru: 'ЭЦП (NCALayer, CMS)', en: 'Qualified signature (NCALayer, CMS)' },
  signedAt: { kk: 'Қол қойылды', ru: 'Подписан', en: 'Signed' },
  late: { kk: 'кездесу күнінен кейін (кешіктірілген, 32-т. 3-б.)', ru: 'после дня встречи (с опозданием, п. 32 ч. 3)', en: 'after the meeting day (late, R-32.3)' },
  onTime: { kk: 'кездесу күні', ru: 'в день встречи', en: 'on the meeting day' },
  hashes: { kk: 'Құжат хэштері (SHA-256)', ru: 'Хэши документа (SHA-256)', en: 'Document hashes (SHA-256)' },
  contentStored: { kk: 'Мазмұны (қол қойылған кезде)', ru: 'Содержание (при подписании)', en: 'Content (when signed)' },
  contentNow: { kk: 'Мазмұны (қазір)', ru: 'Содержание (сейчас)', en: 'Content (now)' },
  pdfKk: { kk: 'PDF, қазақ тілінде', ru: 'PDF на казахском', en: 'PDF in Kazakh' },
  pdfRu: { kk: 'PDF, орыс тілінде', ru: 'PDF на русском', en: 'PDF in Russian' },
  addendum: { kk: 'Қосымша №', ru: 'Дополнение №', en: 'Addendum No.' },
  upload: { kk: 'PDF файлын салыстыру', ru: 'Сравнить файл PDF', en: 'Compare a PDF file' },
  uploadHelp: { kk: 'Қолыңыздағы PDF файлын таңдаңыз: оның SHA-256 хэші қол қойылған файлдармен салыстырылады.', ru: 'Выберите ваш PDF-файл: его SHA-256 будет сравнён с подписанными файлами.', en: 'Choose your PDF file: its SHA-256 is compared with the signed files.' },
  compare: { kk: 'Салыстыру', ru: 'Сравнить', en: 'Compare' },
  matchKk: { kk: 'Файл қол қойылған қазақ тіліндегі PDF-пен сәйкес келеді.', ru: 'Файл совпадает с подписанным PDF на казахском.', en: 'The file matches the signed PDF in Kazakh.' },
  matchRu: { kk: 'Файл қол қойылған орыс тіліндегі PDF-пен сәйкес келеді.', ru: 'Файл совпадает с подписанным PDF на русском.', en: 'The file matches the signed PDF in Russian.' },
  noMatch: { kk: 'Файл қол қойылған PDF файлдарының ешқайсысымен сәйкес келмейді.', ru: 'Файл не совпадает ни с одним подписанным PDF.', en: 'The file matches none of the signed PDFs.' },
  notFound: { kk: 'Хаттама табылмады', ru: 'Протокол не найден', en: 'Protocol not found' },
  notFoundText: { kk: 'Сілтемені немесе QR-кодты тексеріңіз.', ru: 'Проверьте ссылку или QR-код.', en: 'Check the link or the QR code.' },
  language: { kk: 'Тіл', ru: 'Язык', en: 'Language' },
  rule: { kk: 'Хаттама — Қағидалардың 32-тармағы.', ru: 'Протокол — пункт 32 Правил.', en: 'The protocol — paragraph 32 of the Rules.' },
} satisfies Record<string, Texts>;

const LANG_NAMES: Record<Locale, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };
const INTL: Record<Locale, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

const STYLE = `*{box-sizing:border-box}body{margin:0;font:17px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#111;background:#fff}
header,main,footer{max-width:44rem;margin:0 auto;padding:0 1rem}nav ul{list-style:none;margin:0;padding:.5rem 0 0;display:flex;gap:.5rem;flex-wrap:wrap}
nav a{display:inline-block;min-height:44px;padding:.5rem .75rem;color:#0a3d75}nav a[aria-current]{font-weight:700;border:2px solid #0a3d75;border-radius:6px;text-decoration:none}
h1{font-size:1.35rem}h2{font-size:1.15rem;margin-top:1.5rem}.verdict{font-size:2rem;font-weight:800;padding:1rem;border:3px solid;border-radius:8px;margin:1rem 0}
.yes{background:#e8f5e9;border-color:#1b5e20;color:#1b5e20}.no{background:#fdecea;border-color:#b00020;color:#b00020}.wait{background:#f3f4f6;border-color:#555;color:#333}
.verdict span{display:block;font-size:1rem;font-weight:400;color:#111}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #ccc;vertical-align:top}
code{font-size:.8rem;word-break:break-all}.box{padding:1rem;border:2px solid;border-radius:6px;margin:1rem 0}
button{min-height:48px;padding:.5rem 1.25rem;font:inherit;font-weight:700;color:#fff;background:#0a3d75;border:0;border-radius:6px;margin-top:.5rem}
a{color:#0a3d75}:focus-visible{outline:3px solid #b35c00;outline-offset:2px}.small{font-size:.9rem;color:#333}`;

function dateTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(INTL[locale], { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

export const verifyPageUrl = (meetingId: string, lang: Locale) => `/v/${encodeURIComponent(meetingId)}?lang=${lang}`;

function layout(locale: Locale, meetingId: string, title: string, body: string): string {
  const langs = (['kk', 'ru', 'en'] as const).map((l) => `<li><a href="${escapeHtml(verifyPageUrl(meetingId, l))}" lang="${l}" hreflang="${l}"${l === locale ? ' aria-current="true"' : ''}>${LANG_NAMES[l]}</a></li>`).join('');
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">`
    + `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>`
    + `<header><nav aria-label="${T.language[locale]}"><ul>${langs}</ul></nav></header>`
    + `<main>${body}</main><footer><p class="small">Esep · ${T.rule[locale]}</p></footer></body></html>`;
}

function signatureRows(signatures: Verification['signatures'], l: Locale): string {
  if (signatures.length === 0) return '';
  const rows = signatures.map((s) => `<tr><td>${escapeHtml(s.signerName)}</td><td>${T[s.method][l]}</td><td>${escapeHtml(dateTime(s.signedAt, l))}</td>`
    + `<td data-signature-valid="${s.valid === null ? 'unknown' : String(s.valid)}">${s.valid === null ? T.unknown[l] : s.valid ? `✓ ${T.ok[l]}` : `✗ ${T.bad[l]}`}</td></tr>`).join('');
  return `<table><thead><tr><th>${T.signer[l]}</th><th>${T.method[l]}</th><th>${T.when[l]}</th><th>${T.check[l]}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function renderVerificationPage(l: Locale, meetingId: string, v: Verification, compared?: 'kk' | 'ru' | 'none'): string {
  const verdict = { valid: ['yes', T.valid, T.validText], altered: ['no', T.altered, T.alteredText], unsigned: ['wait', T.unsigned, T.unsignedText], unverifiable: ['wait', T.unverifiable, T.unverifiableText] } as const;
  const [cls, head, text] = verdict[v.status];
  const hash = (label: string, value: string | null) => `<tr><th>${label}</th><td><code>${escapeHtml(value ?? '—')}</code></td></tr>`;
  const comparison = compared
    ? `<div class="box" role="status" data-testid="verify-compare" data-match="${compared}">${compared === 'kk' ? T.matchKk[l] : compared === 'ru' ? T.matchRu[l] : T.noMatch[l]}</div>`
    : '';
  const addenda = v.addenda.map((a) => `<h2>${T.addendum[l]}${a.number}</h2>${signatureRows(a.signatures, l)}<table>${hash(T.contentStored[l], a.contentHashStored)}${hash(T.contentNow[l], a.contentHashNow)}</table>`).join('');
  const body = `<h1>${T.title[l]}</h1>`
    + `<p>${T.protocol[l]} <strong>${escapeHtml(v.meetingNumber)}</strong><br>${T.date[l]}: ${escapeHtml(v.meetingDate)}</p>`
    + `<div class="verdict ${cls}" role="status" data-testid="verify-verdict" data-valid="${v.valid}" data-status="${v.status}">${head[l]}<span>${text[l]}</span></div>`
    + (v.signedAt ? `<p>${T.signedAt[l]}: ${escapeHtml(dateTime(v.signedAt, l))} — ${v.late ? T.late[l] : T.onTime[l]}</p>` : '')
    + `<h2>${T.signatures[l]}</h2>${signatureRows(v.signatures, l) || '<p>—</p>'}`
    + `<h2>${T.hashes[l]}</h2><table>${hash(T.contentStored[l], v.contentHashStored)}${hash(T.contentNow[l], v.contentHashNow)}${hash(T.pdfKk[l], v.pdfHashes.kk)}${hash(T.pdfRu[l], v.pdfHashes.ru)}</table>`
    + addenda
    + comparison
    + (v.pdfHashes.kk || v.pdfHashes.ru
      ? `<h2>${T.upload[l]}</h2><form method="post" action="${escapeHtml(verifyPageUrl(meetingId, l))}" enctype="multipart/form-data">`
        + `<p class="small">${T.uploadHelp[l]}</p><input type="file" name="file" accept="application/pdf" required aria-label="${T.upload[l]}"><br><button type="submit">${T.compare[l]}</button></form>`
      : '');
  return layout(l, meetingId, `${T.title[l]} — ${v.meetingNumber}`, body);
}

export function renderVerificationNotFound(l: Locale, meetingId: string): string {
  return layout(l, meetingId, T.notFound[l], `<h1>${T.notFound[l]}</h1><p>${T.notFoundText[l]}</p>`);
}
