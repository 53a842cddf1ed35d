import type { Locale } from '@esep/contracts';
import { CONSENT_TEXT, CONSENT_VERSION } from '@esep/domain';
import type { MeetingPageFacts } from '../services/pages/meeting-page.service.ts';
import { Layout, withLang } from './layout.tsx';
import {
  clockTime, dayMonth, eventText, fullDate, googleCalendarLink, outlookCalendarLink, placesLine, statusKey, venueLine,
} from './pages.meeting.calendar.ts';
import { publicT, type Translate } from './public.i18n.ts';

/*
 * Issue 13 and: the resident's page of a meeting (`/m/:id`, where the poster's QR code
 * points) — what, where, when, how to get there, "add to calendar", the districts it covers, and
 * the self-registration form while its window is open (an hour before the start until half an
 * hour after the end). No personal data: the only name it ever shows is the one the reader has
 * just typed, on the answer to his own form (a private page).
 */

export type FieldName = 'fullName' | 'address' | 'phone' | 'consent';
export const FIELD_NAMES: readonly FieldName[] = ['fullName', 'address', 'phone', 'consent'];

export interface FormValues { fullName?: string; address?: string; phone?: string; consent?: boolean }
export interface MeetingPageProps {
  locale: Locale;
  meeting: MeetingPageFacts;
  online: boolean;
  publicUrl?: string;
  values?: FormValues;
  /** A message about the whole form (registration closed, already registered…). */
  error?: string | null;
  fieldErrors?: Partial<Record<FieldName, string>>;
  done?: { number: number; fullName: string } | null;
}

/** The page's own address, `lang` first (the form posts back to it). */
export function meetingUrl(meetingId: string, lang: Locale, online: boolean): string {
  return `/m/${encodeURIComponent(meetingId)}?lang=${lang}${online ? '&online=1' : ''}`;
}

/** "Шамалған ауылдық округі, №11 әкімшілік учаске — 17 желтоқсан, 18:00" in the reader's language (Asia/Almaty). */
export function meetingTitle(meeting: MeetingPageFacts, locale: Locale): string {
  return publicT(locale)('pages.meeting.title', { places: placesLine(meeting, locale), date: dayMonth(meeting.startsAt, locale), time: clockTime(meeting.startsAt, locale) });
}

function Field({ name, label, value, error, type, autoComplete, required, maxLength, inputMode }: {
  name: Exclude<FieldName, 'consent'>; label: string; value: string | undefined; error: string | undefined;
  type: 'text' | 'tel'; autoComplete: string; required: boolean; maxLength: number; inputMode?: 'tel';
}) {
  return (
    <>
      <label htmlFor={name}>{label}</label>
      {error ? <span id={`${name}-error`} className="small">{error}</span> : null}
      <input
        type={type} id={name} name={name} autoComplete={autoComplete} inputMode={inputMode} maxLength={maxLength}
        required={required || undefined} aria-required={required || undefined}
        aria-invalid={error ? true : undefined} aria-describedby={error ? `${name}-error` : undefined}
        defaultValue={value ?? ''}
      />
    </>
  );
}

function StatusNote({ meeting, t }: { meeting: MeetingPageFacts; t: Translate }) {
  const key = statusKey(meeting.status);
  if (key === 'cancelled') return <p className="box err" role="status" data-testid="meeting-status" data-status="cancelled"><strong>{t('pages.status.cancelledText')}</strong></p>;
  if (key === 'postponed') return <p className="box note" role="status" data-testid="meeting-status" data-status="postponed">{t('pages.status.postponedText')}</p>;
  if (key === 'held') return <p className="box note" data-testid="meeting-status" data-status="held">{t('pages.status.heldText')}</p>;
  return null;
}

function Calendar({ meeting, locale, publicUrl, t }: { meeting: MeetingPageFacts; locale: Locale; publicUrl?: string; t: Translate }) {
  const key = statusKey(meeting.status);
  if (key === 'held') return null;
  const text = eventText(meeting, locale, publicUrl);
  const ics = `/m/${encodeURIComponent(meeting.id)}/meeting.ics?lang=${locale}`;
  return (
    <section aria-labelledby="calendar-heading">
      <h2 id="calendar-heading">{t('pages.meeting.calendar')}</h2>
      <ul className="plain">
        {/* A cancelled meeting's file still updates a copy imported earlier (STATUS:CANCELLED). */}
        <li><a className="button secondary" href={ics} download="meeting.ics" type="text/calendar" data-testid="meeting-ics">{t('pages.meeting.ics')}</a></li>
        {key === 'cancelled' ? null : (
          <>
            <li><a className="button secondary" href={googleCalendarLink(meeting, text)} rel="noopener noreferrer" data-testid="meeting-google">{t('pages.meeting.google')}</a></li>
            <li><a className="button secondary" href={outlookCalendarLink(meeting, text)} rel="noopener noreferrer" data-testid="meeting-outlook">{t('pages.meeting.outlook')}</a></li>
          </>
        )}
      </ul>
    </section>
  );
}

function Registration({ props, t }: { props: MeetingPageProps; t: Translate }) {
  const { locale: l, meeting: m, online } = props;
  const key = statusKey(m.status);
  const values = props.values ?? {};
  const errors = props.fieldErrors ?? {};
  const fieldMessages = FIELD_NAMES.map((n) => errors[n]).filter((e): e is string => !!e);
  // A cancelled or postponed meeting has no registration: the status note above says why.
  if ((key === 'cancelled' || key === 'postponed') && !props.done && !props.error) return null;
  return (
    <section aria-labelledby="register-heading">
      <h2 id="register-heading">{t('pages.register.heading')}</h2>
      {props.done ? (
        <div className="box ok" role="status" data-testid="registration-done">
          <p>{t('pages.register.done', { name: props.done.fullName, n: props.done.number })}</p>
          <p><a href={meetingUrl(m.id, l, online)}>{t('pages.register.another')}</a></p>
        </div>
      ) : null}
      {props.error || fieldMessages.length ? (
        <div className="box err" role="alert" data-testid="registration-error">
          {props.error ? <p>{props.error}</p> : null}
          {fieldMessages.length ? <><p>{t('pages.register.fixErrors')}</p><ul>{fieldMessages.map((e) => <li key={e}>{e}</li>)}</ul></> : null}
        </div>
      ) : null}
      {key === 'cancelled' || key === 'postponed' ? null
        : m.window === 'not_yet_open' ? <p className="box note">{t('pages.register.notYet', { at: `${fullDate(m.opensAt, l)}, ${clockTime(m.opensAt, l)}` })}</p>
        : m.window === 'closed' ? <p className="box note">{t('pages.register.closed', { at: `${fullDate(m.closesAt, l)}, ${clockTime(m.closesAt, l)}` })}</p>
        : props.done ? null : (
          <form method="post" action={meetingUrl(m.id, l, online)} noValidate>
            {online ? <p className="box note">{t('pages.register.online')}</p> : null}
            <Field name="fullName" label={t('pages.register.fullName')} value={values.fullName} error={errors.fullName} type="text" autoComplete="name" required maxLength={200} />
            <Field name="address" label={t('pages.register.address')} value={values.address} error={errors.address} type="text" autoComplete="street-address" required maxLength={300} />
            <Field name="phone" label={t('pages.register.phone')} value={values.phone} error={errors.phone} type="tel" autoComplete="tel" inputMode="tel" required={false} maxLength={20} />
            <label className="check" htmlFor="consent">
              <input type="checkbox" id="consent" name="consent" value="yes" required aria-required="true" aria-invalid={errors.consent ? true : undefined} aria-describedby="consent-text" defaultChecked={!!values.consent} />
              <span>{t('pages.register.consent')}</span>
            </label>
            <p id="consent-text" className="small">{CONSENT_TEXT[l]}</p>
            <input type="hidden" name="consentVersion" value={CONSENT_VERSION} />
            {online ? <input type="hidden" name="online" value="1" /> : null}
            <button type="submit" data-testid="register-submit">{t('pages.register.submit')}</button>
          </form>
        )}
    </section>
  );
}

/** The meeting page with its state: the facts, the calendar links, and the form while the window is open. */
export function MeetingPage(props: MeetingPageProps) {
  const { locale: l, meeting: m, online, publicUrl } = props;
  const t = publicT(l);
  const title = meetingTitle(m, l);
  const venue = venueLine(m);
  const when = `${fullDate(m.startsAt, l)}, ${clockTime(m.startsAt, l)}–${clockTime(m.endsAt, l)}`;
  const description = t('pages.meeting.description', { kicker: t('pages.meeting.kicker'), date: fullDate(m.startsAt, l), time: clockTime(m.startsAt, l), where: venue || t(`pages.format.${m.format}`) });
  return (
    <Layout meta={{ locale: l, title, description, path: `/m/${encodeURIComponent(m.id)}`, query: online ? { online: '1' } : {}, publicUrl }}>
      <p className="small">{t('pages.meeting.kicker')}</p>
      <h1>{title}</h1>
      <StatusNote meeting={m} t={t} />
      <dl>
        <dt>{t('pages.meeting.when')}</dt><dd>{when}</dd>
        {venue ? <><dt>{t('pages.meeting.where')}</dt><dd>{venue}</dd></> : null}
        <dt>{t('pages.meeting.format')}</dt><dd>{t(`pages.format.${m.format}`)}</dd>
        {m.joinLink ? <><dt>{t('pages.meeting.join')}</dt><dd><a href={m.joinLink} rel="noopener noreferrer" data-testid="meeting-join">{m.joinLink}</a></dd></> : null}
        {m.directions ? <><dt>{t('pages.meeting.directions')}</dt><dd className="pre">{m.directions}</dd></> : null}
        <dt>{t('pages.meeting.status')}</dt><dd data-testid="meeting-status-label">{t(`pages.status.${statusKey(m.status)}`)}</dd>
        <dt>{t('pages.meeting.number')}</dt><dd>{m.number}</dd>
      </dl>
      <Calendar meeting={m} locale={l} publicUrl={publicUrl} t={t} />
      <Registration props={props} t={t} />
      {m.places.length ? (
        <section aria-labelledby="districts-heading">
          <h2 id="districts-heading">{t('pages.meeting.districts')}</h2>
          <ul>
            {m.places.map((p) => {
              const name = l === 'ru' ? p.nameRu : p.nameKk;
              return <li key={p.code}><a href={withLang(`/d/${encodeURIComponent(p.code)}`, l)} data-testid="meeting-district">{t('pages.meeting.districtLink', { name })}</a></li>;
            })}
          </ul>
        </section>
      ) : null}
      <p className="small">{t('pages.meeting.rule')}</p>
    </Layout>
  );
}

/** An unknown or draft meeting (404). */
export function MeetingNotFoundPage({ locale, meetingId }: { locale: Locale; meetingId: string }) {
  const t = publicT(locale);
  return (
    <Layout meta={{ locale, title: t('pages.meeting.notFound'), path: `/m/${encodeURIComponent(meetingId)}` }}>
      <h1>{t('pages.meeting.notFound')}</h1>
      <p>{t('pages.meeting.notFoundText')}</p>
      <p><a className="button secondary" href={withLang('/find', locale)}>{t('common.home')}</a></p>
    </Layout>
  );
}

/**
 * A failure before the meeting could be shown (a broken request), or R-32.2's limit of
 * registrations from one address (429, `backToForm`).
 */
export function MeetingMessagePage({ locale, meetingId, title, message, online, backToForm }: {
  locale: Locale; meetingId: string; title: string; message: string; online: boolean; backToForm: boolean;
}) {
  const t = publicT(locale);
  return (
    <Layout meta={{ locale, title, path: `/m/${encodeURIComponent(meetingId)}`, query: online ? { online: '1' } : {} }}>
      <h1>{title}</h1>
      <div className="box err" role="alert" data-testid="registration-error"><p>{message}</p></div>
      {backToForm ? <p><a href={meetingUrl(meetingId, locale, online)}>{t('pages.register.backToForm')}</a></p> : null}
    </Layout>
  );
}
