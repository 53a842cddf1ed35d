import type { Locale } from '@esep/contracts';
import { CONSENT_TEXT, CONSENT_VERSION, TIME_ZONE } from '@esep/domain';
import { escapeHtml } from '../../http/public-page.ts';
import type { PublicMeeting } from './participant.service.ts';

/*
 * R-32.2: the meeting's public page behind the poster's QR code, with the self-registration
 * form. Rendered on the server for cheap phones on slow networks: no script, inline style,
 * a few kilobytes, large touch targets, high contrast, real labels. Everything that comes from
 * a person or the database goes through `escapeHtml`.
 */


type Texts = Record<Locale, string>;
const T = {
  title: { kk: 'Учаскелік инспектордың тұрғындар алдындағы есепті кездесуі', ru: 'Отчётная встреча участкового инспектора с населением', en: 'District police inspector\'s reporting meeting with residents' },
  meeting: { kk: 'Кездесу №', ru: 'Встреча №', en: 'Meeting No.' },
  when: { kk: 'Уақыты', ru: 'Время', en: 'When' },
  where: { kk: 'Орны', ru: 'Место', en: 'Where' },
  format: { kk: 'Түрі', ru: 'Формат', en: 'Format' },
  join: { kk: 'Онлайн қосылу сілтемесі', ru: 'Ссылка для подключения онлайн', en: 'Link to join online' },
  register: { kk: 'Кездесуге тіркелу', ru: 'Регистрация на встрече', en: 'Register at the meeting' },
  online: { kk: 'Сіз кездесуге онлайн қатысасыз: тіркелу онлайн қатысу ретінде жазылады.', ru: 'Вы участвуете во встрече онлайн: регистрация будет записана как онлайн-участие.', en: 'You take part in the meeting online: you are registered as attending online.' },
  fullName: { kk: 'Тегі, аты, әкесінің аты', ru: 'Фамилия, имя, отчество', en: 'Full name' },
  address: { kk: 'Мекенжайы', ru: 'Адрес', en: 'Address' },
  phone: { kk: 'Телефон (міндетті емес)', ru: 'Телефон (необязательно)', en: 'Phone (optional)' },
  consent: { kk: 'Дербес деректерімді өңдеуге келісемін', ru: 'Я согласен(на) на обработку моих персональных данных', en: 'I consent to the processing of my personal data' },
  submit: { kk: 'Тіркелу', ru: 'Зарегистрироваться', en: 'Register' },
  done: { kk: '{name}, сіз тіркелдіңіз. Сіздің нөміріңіз — {n}.', ru: '{name}, вы зарегистрированы. Ваш номер — {n}.', en: '{name}, you are registered. Your number is {n}.' },
  another: { kk: 'Тағы бір адамды тіркеу', ru: 'Зарегистрировать ещё одного человека', en: 'Register another person' },
  notYet: { kk: 'Тіркеу кездесу басталардан бір сағат бұрын ашылады: {at}.', ru: 'Регистрация откроется за час до начала встречи: {at}.', en: 'Registration opens an hour before the meeting starts: {at}.' },
  closed: { kk: 'Тіркеу жабылды ({at}).', ru: 'Регистрация закрыта ({at}).', en: 'Registration closed ({at}).' },
  cancelled: { kk: 'Кездесу болдырылмады. Тіркеу жүргізілмейді.', ru: 'Встреча отменена. Регистрация не проводится.', en: 'The meeting is cancelled. There is no registration.' },
  postponed: { kk: 'Кездесу басқа күнге ауыстырылды. Жаңа уақыты жарияланады.', ru: 'Встреча перенесена. Новое время будет объявлено.', en: 'The meeting is postponed. The new time will be announced.' },
  fixErrors: { kk: 'Қателерді түзетіңіз:', ru: 'Исправьте ошибки:', en: 'Please correct:' },
  notFound: { kk: 'Кездесу табылмады', ru: 'Встреча не найдена', en: 'Meeting not found' },
  notFoundText: { kk: 'Сілтемені тексеріңіз немесе учаскелік инспекторға хабарласыңыз.', ru: 'Проверьте ссылку или обратитесь к участковому инспектору.', en: 'Check the link or ask the district police inspector.' },
  language: { kk: 'Тіл', ru: 'Язык', en: 'Language' },
  tooMany: { kk: 'Тіркелу тым көп', ru: 'Слишком много регистраций', en: 'Too many registrations' },
  backToForm: { kk: 'Тіркелу бетіне оралу', ru: 'Вернуться к регистрации', en: 'Back to the registration form' },
  rule: { kk: 'Қатысушыларды тіркеу — Қағидалардың 32-тармағы.', ru: 'Регистрация участников — пункт 32 Правил.', en: 'Registration of participants — paragraph 32 of the Rules.' },
} satisfies Record<string, Texts>;

const FORMATS: Record<PublicMeeting['format'], Texts> = {
  indoor: { kk: 'Үй-жайда', ru: 'В помещении', en: 'Indoors' },
  open_air: { kk: 'Ашық ауада', ru: 'На открытом воздухе', en: 'Open air' },
  online: { kk: 'Онлайн', ru: 'Онлайн', en: 'Online' },
  hybrid: { kk: 'Үй-жайда және онлайн', ru: 'В помещении и онлайн', en: 'In person and online' },
};

/** Messages next to the fields, by field. */
export const FIELD_ERRORS: Record<'fullName' | 'address' | 'phone' | 'consent', Texts> = {
  fullName: { kk: 'Тегіңізді, атыңызды жазыңыз (200 таңбаға дейін).', ru: 'Укажите фамилию и имя (до 200 символов).', en: 'Enter your full name (up to 200 characters).' },
  address: { kk: 'Мекенжайыңызды жазыңыз (300 таңбаға дейін).', ru: 'Укажите адрес (до 300 символов).', en: 'Enter your address (up to 300 characters).' },
  phone: { kk: 'Телефон нөмірі дұрыс емес (мысалы, +7 701 123 45 67).', ru: 'Неверный номер телефона (например, +7 701 123 45 67).', en: 'The phone number is not valid (e.g. +7 701 123 45 67).' },
  consent: { kk: 'Тіркелу үшін дербес деректерді өңдеуге келісім қажет.', ru: 'Для регистрации нужно согласие на обработку персональных данных.', en: 'Consent to processing personal data is required to register.' },
};

const LANG_NAMES: Record<Locale, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };
const INTL: Record<Locale, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
}

function dateTime(iso: string, locale: Locale, withDate = true): string {
  const d = new Date(iso);
  const time = new Intl.DateTimeFormat(INTL[locale], { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
  if (!withDate) return time;
  const date = new Intl.DateTimeFormat(INTL[locale], { timeZone: TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(d);
  return `${date}, ${time}`;
}

const STYLE = `*{box-sizing:border-box}body{margin:0;font:18px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#111;background:#fff}
header,main,footer{max-width:36rem;margin:0 auto;padding:0 1rem}header{padding-top:.5rem}nav ul{list-style:none;margin:0;padding:0;display:flex;gap:.5rem;flex-wrap:wrap}
nav a{display:inline-block;min-height:44px;min-width:44px;padding:.5rem .75rem;color:#0a3d75;text-decoration:underline}nav a[aria-current]{font-weight:700;text-decoration:none;border:2px solid #0a3d75;border-radius:6px}
h1{font-size:1.4rem;margin:.5rem 0}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}dl{margin:0}dt{font-weight:700;margin-top:.5rem}dd{margin:0}
label{display:block;font-weight:700;margin-top:1rem}input[type=text],input[type=tel]{display:block;width:100%;min-height:48px;margin-top:.25rem;padding:.5rem;font:inherit;color:#111;background:#fff;border:2px solid #555;border-radius:6px}
input[aria-invalid=true]{border-color:#b00020}.check{display:flex;gap:.75rem;align-items:flex-start;font-weight:400}.check input{width:28px;height:28px;margin-top:.2rem;flex:none}
.consent{font-size:.95rem;margin:.5rem 0 0}button{display:block;width:100%;min-height:52px;margin:1.5rem 0;font:inherit;font-weight:700;color:#fff;background:#0a3d75;border:0;border-radius:6px}
a{color:#0a3d75}:focus-visible{outline:3px solid #b35c00;outline-offset:2px}.box{padding:1rem;border-radius:6px;margin:1rem 0;border:2px solid}
.ok{background:#e8f5e9;border-color:#1b5e20}.err{background:#fdecea;border-color:#b00020}.note{background:#f3f4f6;border-color:#555}.small{font-size:.9rem;color:#333}`;

export interface FormValues { fullName?: string; address?: string; phone?: string; consent?: boolean }
export interface PageState {
  locale: Locale;
  meeting: PublicMeeting;
  online: boolean;
  values?: FormValues;
  /** Messages of the whole form (registration closed, already registered, too many requests…). */
  error?: string | null;
  fieldErrors?: Partial<Record<keyof typeof FIELD_ERRORS, string>>;
  done?: { number: number; fullName: string } | null;
}

function layout(locale: Locale, title: string, selfUrl: (lang: Locale) => string, body: string): string {
  const langs = (['kk', 'ru', 'en'] as const).map((l) => `<li><a href="${escapeHtml(selfUrl(l))}" lang="${l}" hreflang="${l}"${l === locale ? ' aria-current="true"' : ''}>${LANG_NAMES[l]}</a></li>`).join('');
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`
    + `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>`
    + `<header><nav aria-label="${T.language[locale]}"><ul>${langs}</ul></nav></header>`
    + `<main>${body}</main><footer><p class="small">Esep · ${T.rule[locale]}</p></footer></body></html>`;
}

export function pageUrl(meetingId: string, lang: Locale, online: boolean): string {
  return `/m/${encodeURIComponent(meetingId)}?lang=${lang}${online ? '&online=1' : ''}`;
}

function field(name: 'fullName' | 'address' | 'phone', label: string, value: string | undefined, error: string | undefined, attrs: string): string {
  const describedBy = error ? ` aria-invalid="true" aria-describedby="${name}-error"` : '';
  return `<label for="${name}">${label}</label>`
    + (error ? `<span id="${name}-error" class="small">${escapeHtml(error)}</span>` : '')
    + `<input type="${name === 'phone' ? 'tel' : 'text'}" id="${name}" name="${name}" value="${escapeHtml(value ?? '')}"${attrs}${describedBy}>`;
}

/** The meeting page with its state: the form while the window is open, else a sentence why not. */
export function renderMeetingPage(state: PageState): string {
  const { locale: l, meeting: m, online } = state;
  const values = state.values ?? {};
  const errors = state.fieldErrors ?? {};
  const parts: string[] = [];
  parts.push(`<h1>${T.title[l]}</h1>`);
  const place = [m.venueName, m.venueAddress].filter(Boolean).map(escapeHtml).join(', ');
  parts.push(`<dl><dt>${T.meeting[l]}</dt><dd>${escapeHtml(m.number)}</dd>`
    + `<dt>${T.when[l]}</dt><dd>${escapeHtml(dateTime(m.startsAt, l))}–${escapeHtml(dateTime(m.endsAt, l, false))}</dd>`
    + (place ? `<dt>${T.where[l]}</dt><dd>${place}</dd>` : '')
    + `<dt>${T.format[l]}</dt><dd>${FORMATS[m.format][l]}</dd>`
    + (m.onlineLink && /^https?:\/\//i.test(m.onlineLink) ? `<dt>${T.join[l]}</dt><dd><a href="${escapeHtml(m.onlineLink)}" rel="noopener noreferrer">${escapeHtml(m.onlineLink)}</a></dd>` : '')
    + '</dl>');
  parts.push(`<h2>${T.register[l]}</h2>`);
  if (state.done) {
    parts.push(`<div class="box ok" role="status" data-testid="registration-done"><p>${escapeHtml(fill(T.done[l], { name: state.done.fullName, n: String(state.done.number) }))}</p>`
      + `<p><a href="${escapeHtml(pageUrl(m.id, l, online))}">${T.another[l]}</a></p></div>`);
  }
  const fieldMessages = Object.values(errors).filter(Boolean) as string[];
  if (state.error || fieldMessages.length) {
    const list = fieldMessages.length ? `<p>${T.fixErrors[l]}</p><ul>${fieldMessages.map((e) => `<li>${escapeHtml(e)}</li>`).join('')}</ul>` : '';
    parts.push(`<div class="box err" role="alert" data-testid="registration-error">${state.error ? `<p>${escapeHtml(state.error)}</p>` : ''}${list}</div>`);
  }
  if (m.status === 'cancelled') parts.push(`<p class="box note">${T.cancelled[l]}</p>`);
  else if (m.status === 'postponed') parts.push(`<p class="box note">${T.postponed[l]}</p>`);
  else if (m.window === 'not_yet_open') parts.push(`<p class="box note">${escapeHtml(fill(T.notYet[l], { at: dateTime(m.opensAt, l) }))}</p>`);
  else if (m.window === 'closed') parts.push(`<p class="box note">${escapeHtml(fill(T.closed[l], { at: dateTime(m.closesAt, l) }))}</p>`);
  else if (!state.done) {
    parts.push(`<form method="post" action="${escapeHtml(pageUrl(m.id, l, online))}" novalidate>`
      + (online ? `<p class="box note">${T.online[l]}</p>` : '')
      + field('fullName', T.fullName[l], values.fullName, errors.fullName, ' autocomplete="name" required aria-required="true" maxlength="200"')
      + field('address', T.address[l], values.address, errors.address, ' autocomplete="street-address" required aria-required="true" maxlength="300"')
      + field('phone', T.phone[l], values.phone, errors.phone, ' autocomplete="tel" inputmode="tel" maxlength="20"')
      + `<label class="check" for="consent"><input type="checkbox" id="consent" name="consent" value="yes" required aria-required="true"${values.consent ? ' checked' : ''}`
      + `${errors.consent ? ' aria-invalid="true"' : ''} aria-describedby="consent-text"><span>${T.consent[l]}</span></label>`
      + `<p id="consent-text" class="consent">${escapeHtml(CONSENT_TEXT[l])}</p>`
      + `<input type="hidden" name="consentVersion" value="${escapeHtml(CONSENT_VERSION)}">`
      + (online ? '<input type="hidden" name="online" value="1">' : '')
      + `<button type="submit" data-testid="register-submit">${T.submit[l]}</button></form>`);
  }
  return layout(l, `${T.register[l]} — ${m.number}`, (lang) => pageUrl(m.id, lang, online), parts.join(''));
}

/** The page for an unknown meeting (404). */
export function renderNotFoundPage(locale: Locale, meetingId: string): string {
  return layout(locale, T.notFound[locale], (lang) => `/m/${encodeURIComponent(meetingId)}?lang=${lang}`,
    `<h1>${T.notFound[locale]}</h1><p>${T.notFoundText[locale]}</p>`);
}

/** A page for a failure before the meeting could be shown (too many requests, a broken request). */
export function renderMessagePage(locale: Locale, meetingId: string, title: string, message: string): string {
  return layout(locale, title, (lang) => `/m/${encodeURIComponent(meetingId)}?lang=${lang}`,
    `<h1>${escapeHtml(title)}</h1><div class="box err" role="alert" data-testid="registration-error"><p>${escapeHtml(message)}</p></div>`);
}

/** R-32.2: the address has sent more registrations this minute than the limit allows (429). */
export function renderTooManyPage(locale: Locale, meetingId: string, message: string, online: boolean): string {
  return layout(locale, T.tooMany[locale], (lang) => pageUrl(meetingId, lang, online),
    `<h1>${T.tooMany[locale]}</h1><div class="box err" role="alert" data-testid="registration-error"><p>${escapeHtml(message)}</p></div>`
    + `<p><a href="${escapeHtml(pageUrl(meetingId, locale, online))}">${T.backToForm[locale]}</a></p>`);
}
