import type { Locale } from '@esep/contracts';
import type { Quarter } from '@esep/domain';
import type { OutcomeItem, OutcomeMeeting } from '../services/resident/outcomes.service.ts';
import { Layout, withLang } from './layout.tsx';
import { INTL_LOCALE, publicT, type Translate } from './public.i18n.ts';

/*
 * Issue 13, part 5: "you said — we did". One card per item of each signed meeting,
 * newest meeting first, with the outcome in words and a tag; no one's name or contact (see
 * outcomes.service.ts for what is shown and why).
 */

/** A meeting's start in the reader's language, Almaty time. */
export function meetingWhen(locale: Locale, at: Date): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone: 'Asia/Almaty', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(at);
}

/** A calendar date (`YYYY-MM-DD`) in the reader's language. */
export function calendarDate(locale: Locale, date: string): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${date}T00:00:00Z`));
}

const bodyName = (locale: Locale, body: { kk: string; ru: string }) => (locale === 'kk' ? body.kk : body.ru);

function Outcome({ item, locale, t }: { item: OutcomeItem; locale: Locale; t: Translate }) {
  const d = (date: string) => calendarDate(locale, date);
  if (item.resolution === 'answered') {
    return (<>
      <p><span className="tag done">{t('outcomes.answered')}</span></p>
      {item.answer ? <p>{t('outcomes.answer', { answer: item.answer })}</p> : null}
    </>);
  }
  if (item.resolution === 'to_check') {
    if (!item.check) return <p><span className="tag open">{t('outcomes.checkPending')}</span></p>;
    return (<>
      <p><span className={item.check.done ? 'tag done' : 'tag open'}>{t(item.check.done ? 'outcomes.checkDone' : 'outcomes.checkOpen', { date: d(item.check.dueDate) })}</span></p>
      {item.check.result ? <p>{t('outcomes.checkResult', { result: item.check.result })}</p> : null}
    </>);
  }
  if (item.resolution === 'to_forward') {
    const f = item.forwarding;
    return (<>
      <p><span className="tag forwarded">{t(f?.sentOn ? 'outcomes.forwarded' : 'outcomes.forwardOpen')}</span></p>
      {f ? (
        <ul>
          <li>{f.body ? t('outcomes.body', { body: bodyName(locale, f.body) }) : t('outcomes.bodyUnknown')}</li>
          <li>{f.sentOn ? t('outcomes.forwardSent', { date: d(f.sentOn) }) : t('outcomes.forwardDue', { date: d(f.dueDate) })}</li>
          <li>{f.notifiedOn ? t('outcomes.notified', { date: d(f.notifiedOn) }) : t('outcomes.notNotified')}</li>
          {f.done ? <li>{t('outcomes.forwardDone')}</li> : null}
        </ul>
      ) : null}
    </>);
  }
  return <p><span className="tag">{t('outcomes.unclassified')}</span></p>;
}

/** One item with what came of it; shared with the resident's verdict page. */
export function OutcomeItemView({ item, reference, locale, headingLevel = 3 }: { item: OutcomeItem; reference: string; locale: Locale; headingLevel?: 2 | 3 }) {
  const t = publicT(locale);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article className="card">
      <Heading>{t('outcomes.item', { reference })} · {t(`outcomes.kind.${item.kind}`)}</Heading>
      <p className="small">{t('outcomes.topic', { topic: item.topic[locale] })}</p>
      <p>{item.text}</p>
      <Outcome item={item} locale={locale} t={t} />
      {item.verdicts.resolved + item.verdicts.notResolved > 0
        ? <p className="small">{t('outcomes.verdicts', { resolved: item.verdicts.resolved, notResolved: item.verdicts.notResolved })}</p>
        : null}
    </article>
  );
}

/** The last eight quarters up to the current one, newest first (the filter's choices). */
export function recentQuarters(today: string, count = 8): Quarter[] {
  let year = Number(today.slice(0, 4));
  let quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const out: Quarter[] = [];
  for (let i = 0; i < count; i += 1) {
    out.push({ year, quarter: quarter as Quarter['quarter'] });
    quarter -= 1;
    if (quarter === 0) { quarter = 4; year -= 1; }
  }
  return out;
}

export interface OutcomesPageProps {
  locale: Locale;
  district: { code: string; nameKk: string; nameRu: string };
  meetings: OutcomeMeeting[];
  quarter: Quarter | null;
  today: string;
  publicUrl?: string;
}

export function OutcomesPage({ locale, district, meetings, quarter, today, publicUrl }: OutcomesPageProps) {
  const t = publicT(locale);
  const name = locale === 'kk' ? district.nameKk : district.nameRu;
  const path = `/d/${encodeURIComponent(district.code)}/outcomes`;
  const q = quarter ? `${quarter.year}-${quarter.quarter}` : '';
  const choices = recentQuarters(today);
  if (quarter && !choices.some((c) => c.year === quarter.year && c.quarter === quarter.quarter)) choices.push(quarter);
  return (
    <Layout meta={{ locale, title: t('outcomes.title', { district: name }), description: t('outcomes.description', { district: name }), path, query: q ? { quarter: q } : {}, publicUrl }}>
      <h1>{t('outcomes.title', { district: name })}</h1>
      <p>{t('outcomes.intro')}</p>
      <form method="get" action={path}>
        <input type="hidden" name="lang" value={locale} />
        <label htmlFor="quarter">{t('outcomes.quarter')}</label>
        <select id="quarter" name="quarter" defaultValue={q}>
          <option value="">{t('outcomes.allQuarters')}</option>
          {choices.map((c) => <option key={`${c.year}-${c.quarter}`} value={`${c.year}-${c.quarter}`}>{t('outcomes.quarterOption', { year: c.year, quarter: c.quarter })}</option>)}
        </select>
        <button type="submit" className="button secondary">{t('outcomes.show')}</button>
      </form>
      {meetings.length === 0 ? <p className="box note">{t('outcomes.none')}</p> : null}
      {meetings.map((m) => (
        <section key={m.id} aria-labelledby={`m-${m.id}`}>
          <h2 id={`m-${m.id}`}>{t('outcomes.meeting', { number: m.number, date: meetingWhen(locale, m.startsAt) })}</h2>
          <p className="small">{t('outcomes.place', { place: m.place ?? t('outcomes.online') })}</p>
          {m.items.length === 0 ? <p>{t('outcomes.noItems')}</p> : null}
          {m.items.map((i) => <OutcomeItemView key={i.id} item={i} reference={`${m.number}/${i.number}`} locale={locale} />)}
          {m.decisions.length > 0 ? (<>
            <h3>{t('outcomes.decisions')}</h3>
            <ul>
              {m.decisions.map((d) => (
                <li key={d.number}>
                  {t('outcomes.decision', { number: d.number, text: d.text })}{' '}
                  <span className="small">({t('outcomes.decisionDue', { date: calendarDate(locale, d.dueDate) })}; {d.doneOn ? t('outcomes.decisionDone', { date: calendarDate(locale, d.doneOn) }) : t('outcomes.decisionOpen')})</span>
                </li>
              ))}
            </ul>
          </>) : null}
        </section>
      ))}
      <p><a href={withLang('/find', locale)}>{t('common.home')}</a></p>
    </Layout>
  );
}
