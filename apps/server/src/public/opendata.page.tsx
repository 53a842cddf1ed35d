import { OPEN_DATA_FIELDS, OPEN_DATA_SETS, type Locale, type OpenDataSet } from '@esep/contracts';
import { Layout, withLang } from './layout.tsx';
import { publicT } from './public.i18n.ts';

/*
 * Issue 13, part 6: the open-data page — what Esep publishes (Law 401-V), the stable URLs for
 * a chosen quarter and region (a GET form, no script), the licence, and every field explained
 * in the reader's language from the one field table (contracts, OPEN_DATA_FIELDS).
 */

export interface OpenDataPageProps {
  locale: Locale;
  quarter: string;
  quarters: string[];
  regions: Array<{ code: string; nameKk: string; nameRu: string }>;
  region: { code: string } | null;
  firstQuarter: string;
  publicUrl?: string | undefined;
}

const setUrl = (set: OpenDataSet, format: 'csv' | 'json', quarter: string, region: string | null) =>
  `/open-data/${set}.${format}?${new URLSearchParams({ quarter, ...(region ? { region } : {}) }).toString()}`;

export function OpenDataPage(p: OpenDataPageProps) {
  const t = publicT(p.locale);
  const region = p.region?.code ?? null;
  const name = (r: { nameKk: string; nameRu: string }) => (p.locale === 'kk' ? r.nameKk : r.nameRu);
  const feed = `/open-data/meetings.ics${region ? `?region=${encodeURIComponent(region)}` : ''}`;
  return (
    <Layout meta={{ locale: p.locale, title: `${t('opendata.title')} — Esep`, description: t('opendata.description'), path: '/open-data', query: { quarter: p.quarter, ...(region ? { region } : {}) }, publicUrl: p.publicUrl }}>
      <h1>{t('opendata.title')}</h1>
      <p>{t('opendata.intro')}</p>
      <p className="box note">{t('opendata.noPersonal')}</p>

      <h2>{t('opendata.chooseTitle')}</h2>
      <form method="get" action="/open-data">
        <input type="hidden" name="lang" value={p.locale} />
        <label htmlFor="od-quarter">{t('opendata.quarter')}</label>
        <select id="od-quarter" name="quarter" defaultValue={p.quarter}>
          {p.quarters.map((q) => <option key={q} value={q}>{q}</option>)}
        </select>
        <label htmlFor="od-region">{t('opendata.region')}</label>
        <select id="od-region" name="region" defaultValue={region ?? ''}>
          <option value="">{t('opendata.allRegions')}</option>
          {p.regions.map((r) => <option key={r.code} value={r.code}>{name(r)} ({r.code})</option>)}
        </select>
        <button type="submit">{t('opendata.show')}</button>
      </form>

      <h2>{t('opendata.filesTitle', { quarter: p.quarter })}</h2>
      {OPEN_DATA_SETS.map((set) => (
        <section key={set} className="card" aria-labelledby={`od-${set}`}>
          <h3 id={`od-${set}`}>{t(`opendata.set.${set}`)}</h3>
          <p className="small">{t(`opendata.set.${set}Text`)}</p>
          <ul className="plain">
            <li><a href={setUrl(set, 'csv', p.quarter, region)} className="button secondary">CSV</a></li>
            <li><a href={setUrl(set, 'json', p.quarter, region)} className="button secondary">JSON</a></li>
          </ul>
        </section>
      ))}
      <section className="card" aria-labelledby="od-feed">
        <h3 id="od-feed">{t('opendata.feedTitle')}</h3>
        <p className="small">{t('opendata.feedText')}</p>
        <p><a href={feed} className="button secondary">iCal</a></p>
      </section>
      <p className="small">{t('opendata.parameters')}</p>

      <h2>{t('opendata.licenceTitle')}</h2>
      <p>{t('opendata.licence')}</p>
      <h2>{t('opendata.frequencyTitle')}</h2>
      <p>{t('opendata.frequency', { first: p.firstQuarter })}</p>

      {OPEN_DATA_SETS.map((set) => (
        <section key={set} aria-labelledby={`od-fields-${set}`}>
          <h2 id={`od-fields-${set}`}>{t('opendata.fieldsTitle', { set: t(`opendata.set.${set}`) })}</h2>
          <div className="wrap">
            <table>
              <thead><tr><th scope="col">{t('opendata.field')}</th><th scope="col">{t('opendata.type')}</th><th scope="col">{t('opendata.meaning')}</th></tr></thead>
              <tbody>
                {OPEN_DATA_FIELDS[set].map((f) => (
                  <tr key={f.name}><th scope="row"><code>{f.name}</code></th><td>{f.type}</td><td>{f.description[p.locale]}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      <p><a href={withLang('/find', p.locale)}>{t('common.home')}</a></p>
    </Layout>
  );
}
