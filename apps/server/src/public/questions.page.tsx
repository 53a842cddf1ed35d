import type { Locale } from '@esep/contracts';
import { RESIDENT_QUESTION_KINDS, RESIDENT_QUESTION_MAX } from '@esep/contracts';
import type { ReactNode } from 'react';
import { POW_BITS } from '../services/question/question.pow.ts';
import type { AuthorQuestion } from '../services/question/question.service.ts';
import { ASK_POW_PATH } from './ask-pow.script.ts';
import { QUESTION_CONSENT_TEXT } from '../services/question/question.service.ts';
import { Layout, withLang } from './layout.tsx';
import { INTL_LOCALE, publicT } from './public.i18n.ts';

/*
 * the resident's pages for questions sent ahead of the meeting — the form (`/d/:code/ask`),
 * its answers, and the author's own page (`/q/:token`). Everything she typed is rendered as
 * text (React escapes it); nothing of hers appears anywhere else. The form is the one public
 * page with a script: its proof of work (ask-pow.script.ts), an enhancement it works without.
 */

export const FIELDS = ['kind', 'text', 'name', 'contact', 'consent'] as const;
export type Field = (typeof FIELDS)[number];
export interface FormValues { kind: string; text: string; name: string; contact: string; consent: boolean }
export const EMPTY_FORM: FormValues = { kind: 'question', text: '', name: '', contact: '', consent: false };

const when = (locale: Locale, at: Date, time = true) => new Intl.DateTimeFormat(INTL_LOCALE[locale], {
  timeZone: 'Asia/Almaty', dateStyle: 'long', ...(time ? { timeStyle: 'short' } : {}),
}).format(at);

export const askPath = (code: string) => `/d/${encodeURIComponent(code)}/ask`;

export interface QuestionFormProps {
  locale: Locale;
  district: { code: string; nameKk: string; nameRu: string };
  meeting: { id: string; startsAt: Date } | null;
  challenge: string;
  values?: FormValues;
  errors?: Partial<Record<Field, string>>;
}

export function QuestionFormPage({ locale, district, meeting, challenge, values = EMPTY_FORM, errors = {} }: QuestionFormProps) {
  const t = publicT(locale);
  const name = locale === 'kk' ? district.nameKk : district.nameRu;
  const path = askPath(district.code);
  const query: Record<string, string> = meeting ? { meeting: meeting.id } : {};
  const invalid = (f: Field) => (errors[f] ? { 'aria-invalid': true as const, 'aria-describedby': `${f}-error` } : {});
  const fieldError = (f: Field) => (errors[f] ? <p id={`${f}-error`} className="small" role="alert">{errors[f]}</p> : null);
  const failed = FIELDS.filter((f) => errors[f]);
  return (
    <Layout meta={{ locale, title: t('questions.title'), description: t('questions.intro', { district: name }), path, query, scripts: [ASK_POW_PATH] }}>
      <h1>{t('questions.title')}</h1>
      <p>{t('questions.intro', { district: name })}</p>
      <p className="box note">{meeting ? t('questions.forMeeting', { date: when(locale, meeting.startsAt) }) : t('questions.noMeeting')}</p>
      {failed.length ? (
        <div className="box err" role="alert">
          <h2>{t('questions.errorTitle')}</h2>
          <ul>{failed.map((f) => <li key={f}><a href={`#${f === 'kind' ? 'kind-question' : f}`}>{errors[f]}</a></li>)}</ul>
        </div>
      ) : null}
      {/* the proof of work's difficulty and the button's words while it runs, for the script. */}
      <form method="post" action={withLang(path, locale, query)} noValidate data-pow-bits={POW_BITS} data-pow-checking={t('questions.checking')}>
        <input type="hidden" name="challenge" value={challenge} />
        {/* Filled by the script; left empty without one (the stricter limit of question.limit.ts). */}
        <input type="hidden" name="pow" value="" />
        {meeting ? <input type="hidden" name="meeting" value={meeting.id} /> : null}
        <fieldset>
          <legend>{t('questions.kind')}</legend>
          {RESIDENT_QUESTION_KINDS.map((k) => (
            <label key={k} className="check" htmlFor={`kind-${k}`}>
              <input type="radio" id={`kind-${k}`} name="kind" value={k} defaultChecked={values.kind === k} />
              {t(`questions.kind.${k}`)}
            </label>
          ))}
          {fieldError('kind')}
        </fieldset>
        <label htmlFor="text">{t('questions.text')}</label>
        <p id="text-hint" className="small">{t('questions.textHint')}</p>
        <textarea id="text" name="text" required maxLength={RESIDENT_QUESTION_MAX} defaultValue={values.text}
          {...invalid('text')} aria-describedby={errors.text ? 'text-error text-hint' : 'text-hint'} />
        {fieldError('text')}
        {/* a field people never see or reach; a bot that fills it is thanked and ignored. */}
        <div className="hp" aria-hidden="true">
          <label htmlFor="website">{t('questions.honeypot')}</label>
          <input type="text" id="website" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
        <label htmlFor="name">{t('questions.name')}</label>
        <input type="text" id="name" name="name" autoComplete="name" maxLength={200} defaultValue={values.name} {...invalid('name')} />
        {fieldError('name')}
        <label htmlFor="contact">{t('questions.contact')}</label>
        <p id="contact-hint" className="small">{t('questions.contactHint')}</p>
        <input type="text" id="contact" name="contact" autoComplete="email" maxLength={200} defaultValue={values.contact}
          {...invalid('contact')} aria-describedby={errors.contact ? 'contact-error contact-hint' : 'contact-hint'} />
        {fieldError('contact')}
        <h2>{t('questions.consentTitle')}</h2>
        <p className="small" id="consent-hint">{t('questions.consentHint')}</p>
        <label className="check" htmlFor="consent">
          <input type="checkbox" id="consent" name="consent" value="1" defaultChecked={values.consent} {...invalid('consent')} />
          <span>{QUESTION_CONSENT_TEXT[locale]}</span>
        </label>
        {fieldError('consent')}
        <button type="submit">{t('questions.send')}</button>
      </form>
    </Layout>
  );
}

/** The answer to a sent form: the private link, shown once. Also what a filled honeypot gets. */
export function QuestionThanksPage({ locale, code, link }: { locale: Locale; code: string; link: string | null }) {
  const t = publicT(locale);
  return (
    <Layout meta={{ locale, title: t('questions.thanksTitle'), path: askPath(code) }}>
      <div className="box ok" role="status">
        <h1>{t('questions.thanksTitle')}</h1>
        {link ? <p>{t('questions.keepLink')}</p> : null}
        {link ? <p><a href={link}>{link}</a></p> : null}
      </div>
      <p><a className="button secondary" href={withLang(`/d/${encodeURIComponent(code)}`, locale)}>{t('questions.back')}</a></p>
    </Layout>
  );
}

/**
 * A refusal of the whole form (too fast, expired, a failed proof of work, already sent, too large,
 * too many), with the way back to it. `reason` is the refusal's stable code (data-reason).
 */
export function QuestionRefusalPage({ locale, code, message, reason }: { locale: Locale; code: string; message: string; reason?: string }) {
  const t = publicT(locale);
  return (
    <Layout meta={{ locale, title: t('common.error'), path: askPath(code) }}>
      <h1>{t('common.error')}</h1>
      <p className="box err" role="alert" data-reason={reason}>{message}</p>
      <p><a className="button secondary" href={withLang(askPath(code), locale)}>{t('questions.openAgain')}</a></p>
    </Layout>
  );
}

/**
 * The author's page. Other parts add sections below the status (the resident's verdict, R-30)
 * through `children`, with the data of `questionForAuthor` (question.service.ts).
 */
export function AuthorQuestionPage({ locale, token, question, children }: { locale: Locale; token: string; question: AuthorQuestion; children?: ReactNode }) {
  const t = publicT(locale);
  const s = question.status;
  const meeting = s.state === 'received' ? '' : s.meetingNumber ?? '';
  return (
    <Layout meta={{ locale, title: t('questions.mineTitle'), path: `/q/${token}` }}>
      <h1>{t('questions.mineTitle')}</h1>
      <p><span className="tag">{t(`questions.kind.${question.kind}`)}</span> <span className="small">{t('questions.sentOn', { date: when(locale, question.sentAt) })}</span></p>
      <p className="pre">{question.text}</p>
      {question.meeting ? <p className="small">{t('questions.meeting', { date: when(locale, question.meeting.startsAt) })}</p> : null}
      <section aria-labelledby="status">
        <h2 id="status">{t('questions.status')}</h2>
        {s.state === 'received' ? <p>{t('questions.status.received')}</p> : null}
        {s.state === 'linked' ? <p>{t('questions.status.linked', { meeting, number: s.itemNumber })}</p> : null}
        {s.state === 'answered' ? (
          <>
            <p><span className={`tag ${s.resolution === 'answered' ? 'done' : s.resolution === 'to_check' ? 'open' : 'forwarded'}`}>
              {t(`questions.status.${s.resolution}`, { meeting, number: s.itemNumber })}
            </span></p>
            {s.answer ? <><h3>{t('questions.answer')}</h3><p className="pre">{s.answer}</p></> : null}
            {/* her own verdict on the answer; "not resolved" goes to the next meeting's report. */}
            <p><a className="button secondary" href={withLang(`/q/${token}/verdict`, locale)} data-testid="question-verdict">{t('questions.verdictLink')}</a></p>
          </>
        ) : null}
      </section>
      {children}
    </Layout>
  );
}
