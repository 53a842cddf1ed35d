import type { Locale } from '@esep/contracts';
import { STREET_KIND_WORDS, type StreetKind } from '@esep/domain';
import type { AddressLookup, DistrictMatch } from '../services/address.service.ts';
import { Layout, withLang } from './layout.tsx';
import { publicT, type Translate } from './public.i18n.ts';

/*
 * Issue 13, part 1: `/find`, the search form and its answer (GET, no script): the districts
 * whose coverage holds the address, the settlements named, or the nearest streets, or a clear
 * "nothing found" with what to try next.
 */

/** A name in the reader's language: Kazakh for kk, the Russian name otherwise. */
export const nameIn = (locale: Locale, kk: string, ru: string) => (locale === 'kk' ? kk : ru);

export function streetLabel(locale: Locale, kind: string, kk: string, ru: string): string {
  const words = STREET_KIND_WORDS[kind as StreetKind];
  if (!words) return nameIn(locale, kk, ru);
  if (locale === 'kk') return `${kk} ${words.kk}`;
  if (locale === 'ru') return `${words.ru} ${ru}`;
  return `${ru} ${words.en}`;
}

export function rangeText(t: Translate, r: DistrictMatch['ranges'][number]): string {
  const houses = r.from != null && r.to != null
    ? (r.from === r.to ? t('address.house', { from: r.from }) : t('address.houses', { from: r.from, to: r.to }))
    : r.from != null ? t('address.housesFrom', { from: r.from }) : r.to != null ? t('address.housesTo', { to: r.to }) : t('address.housesAll');
  return r.parity === 'all' ? houses : `${houses} (${t(`address.parity.${r.parity}`)})`;
}

function SearchForm({ locale, q, error }: { locale: Locale; q: string; error?: string | null }) {
  const t = publicT(locale);
  return (
    <form method="get" action="/find" role="search">
      <input type="hidden" name="lang" value={locale} />
      <label htmlFor="q">{t('address.queryLabel')}</label>
      <p className="small" id="q-hint">{t('address.queryHint')}</p>
      <input
        type="search" id="q" name="q" defaultValue={q} maxLength={200} autoComplete="street-address" aria-describedby={error ? 'q-hint q-error' : 'q-hint'}
        aria-invalid={error ? 'true' : undefined}
      />
      {error ? <p className="box err" id="q-error" role="alert">{error}</p> : null}
      <button type="submit">{t('address.search')}</button>
    </form>
  );
}

export function FindPage({ locale, q, result, error }: { locale: Locale; q: string; result: AddressLookup | null; error?: string | null }) {
  const t = publicT(locale);
  const query: Record<string, string> = q ? { q } : {};
  const found = result ? result.matches.length + result.settlements.reduce((n, s) => n + s.districts.length, 0) : 0;
  return (
    <Layout meta={{ locale, title: result ? t('address.resultsTitle', { query: q }) : t('address.findTitle'), description: t('address.findIntro'), path: '/find', query }}>
      <h1>{t('address.findTitle')}</h1>
      <p>{t('address.findIntro')}</p>
      <SearchForm locale={locale} q={q} error={error ?? null} />
      {result ? (
        <section aria-labelledby="results">
          <h2 id="results">{t('address.resultsTitle', { query: q })}</h2>
          {result.query.house != null ? <p className="small">{t('address.houseNote', { house: result.query.house })}</p> : null}
          {found > 0 ? <p className="small" role="status">{t('address.resultsCount', { count: found })}</p> : null}
          {result.matches.length > 0 ? (
            <ul className="plain">
              {result.matches.map((m) => (
                <li key={`${m.districtCode}|${m.streetKind}|${m.streetNameRu}`} className="card">
                  <h3><a href={withLang(`/d/${encodeURIComponent(m.districtCode)}`, locale)}>{nameIn(locale, m.districtNameKk, m.districtNameRu)}</a></h3>
                  <p>{streetLabel(locale, m.streetKind, m.streetNameKk, m.streetNameRu)}: {m.ranges.map((r) => rangeText(t, r)).join('; ')}</p>
                  <p className="small">{nameIn(locale, m.settlementNameKk, m.settlementNameRu)}</p>
                </li>
              ))}
            </ul>
          ) : null}
          {result.settlements.length > 0 ? (
            <>
              <h2>{t('address.settlementsTitle')}</h2>
              {result.settlements.map((s) => (
                <div key={s.code} className="card">
                  <h3>{t('address.settlementDistricts', { name: nameIn(locale, s.nameKk, s.nameRu) })}</h3>
                  <ul>
                    {s.districts.map((d) => <li key={d.code}><a href={withLang(`/d/${encodeURIComponent(d.code)}`, locale)}>{nameIn(locale, d.nameKk, d.nameRu)}</a></li>)}
                  </ul>
                </div>
              ))}
            </>
          ) : null}
          {found === 0 && result.suggestions.length > 0 ? (
            <>
              <p>{t('address.suggestionsTitle')}</p>
              <ul>
                {result.suggestions.map((s) => {
                  const name = nameIn(locale, s.streetNameKk, s.streetNameRu);
                  const again = result.query.house != null ? `${name} ${result.query.house}` : name;
                  return (
                    <li key={`${s.streetKind}|${s.streetNameRu}|${s.settlementNameRu}`}>
                      <a href={withLang('/find', locale, { q: again })}>{streetLabel(locale, s.streetKind, s.streetNameKk, s.streetNameRu)}</a>
                      {' '}<span className="small">({nameIn(locale, s.settlementNameKk, s.settlementNameRu)})</span>
                    </li>
                  );
                })}
              </ul>
            </>
          ) : null}
          {found === 0 && result.suggestions.length === 0 ? (
            <div className="box note" role="status">
              <h3>{t('address.nothingTitle')}</h3>
              <p>{t('address.nothingAdvice')}</p>
            </div>
          ) : null}
        </section>
      ) : null}
    </Layout>
  );
}
