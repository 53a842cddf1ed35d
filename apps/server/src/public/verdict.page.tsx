import type { Locale } from '@esep/contracts';
import type { VerdictState } from '../services/resident/verdict.service.ts';
import { Layout } from './layout.tsx';
import { OutcomeItemView } from './outcomes.page.tsx';
import { publicT } from './public.i18n.ts';

/*
 * Issue 13, part 5: the resident's own verdict on the item that answered her question,
 * behind her private link. Two buttons and optional words; no script. Private (no-store): the
 * page is hers alone.
 */
export interface VerdictPageProps {
  locale: Locale;
  /** The page's own path (`/q/<token>/verdict`): the form posts back to it. */
  path: string;
  state: VerdictState;
  words?: string;
  saved?: boolean;
  error?: string | null;
}

export function VerdictPage({ locale, path, state, words, saved, error }: VerdictPageProps) {
  const t = publicT(locale);
  const title = t('outcomes.verdict.title');
  return (
    <Layout meta={{ locale, title, path }}>
      <h1>{title}</h1>
      {saved ? <p className="box ok" role="status">{t('outcomes.verdict.saved')}</p> : null}
      {error ? <p className="box err" role="alert">{error}</p> : null}
      {!state.answered || !state.item ? <p className="box note">{t('outcomes.verdict.notYet')}</p> : (<>
        <p>{t('outcomes.verdict.intro')}</p>
        <OutcomeItemView item={state.item} reference={state.reference ?? String(state.item.number)} locale={locale} headingLevel={2} />
        {state.verdict ? <p><strong>{t('outcomes.verdict.current', { verdict: t(`outcomes.verdict.is.${state.verdict}`) })}</strong></p> : null}
        {state.verdict && state.words ? <blockquote>{state.words}</blockquote> : null}
        {state.carried ? <p className="box note">{t('outcomes.verdict.carried')}</p> : (
          <form method="post" action={`${path}?lang=${locale}`}>
            <label htmlFor="words">{t('outcomes.verdict.words')}</label>
            <textarea id="words" name="words" maxLength={1000} defaultValue={words ?? state.words ?? ''} />
            <button type="submit" name="verdict" value="resolved">{t('outcomes.verdict.resolved')}</button>
            <button type="submit" name="verdict" value="not_resolved" className="button secondary">{t('outcomes.verdict.notResolved')}</button>
            {state.verdict ? <p className="small">{t('outcomes.verdict.changeable')}</p> : null}
          </form>
        )}
      </>)}
    </Layout>
  );
}
