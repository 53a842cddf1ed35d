import type { Locale, Verification } from '@esep/contracts';
import { TIME_ZONE } from '@esep/domain';
import { Layout, withLang } from './layout.tsx';
import { INTL_LOCALE, publicT, type Translate } from './public.i18n.ts';

/*
 * R-32.1: the public page behind the QR code on every page of the protocol (`/v/:id`): the
 * verdict, who signed when, and the hashes — no personal data beyond the signers' names. A PDF
 * may be uploaded to compare its SHA-256. Phone first: signatures are cards, not a wide table,
 * and the 64-character hashes wrap anywhere, so nothing overflows a 360 px screen.
 */

export type Compared = 'kk' | 'ru' | 'none';

const dateTime = (iso: string, l: Locale) =>
  new Intl.DateTimeFormat(INTL_LOCALE[l], { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

export const verifyPageUrl = (meetingId: string, lang: Locale) => withLang(`/v/${encodeURIComponent(meetingId)}`, lang);

function Signatures({ signatures, l, t }: { signatures: Verification['signatures']; l: Locale; t: Translate }) {
  if (signatures.length === 0) return <p>—</p>;
  return (
    <ul className="plain">
      {signatures.map((s, i) => (
        <li key={`${s.signerName}-${i}`} className="card" data-testid="verify-signature">
          <dl>
            <dt>{t('pages.verify.signer')}</dt><dd>{s.signerName}</dd>
            <dt>{t('pages.verify.method')}</dt><dd>{t(`pages.verify.method.${s.method}`)}</dd>
            <dt>{t('pages.verify.when')}</dt><dd>{dateTime(s.signedAt, l)}</dd>
            <dt>{t('pages.verify.check')}</dt>
            <dd data-signature-valid={s.valid === null ? 'unknown' : String(s.valid)}>
              {s.valid === null ? t('pages.verify.unknown') : s.valid ? `✓ ${t('pages.verify.ok')}` : `✗ ${t('pages.verify.bad')}`}
            </dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}

function Hashes({ rows }: { rows: Array<[label: string, value: string | null]> }) {
  return (
    <dl>
      {rows.map(([label, value]) => <div key={label}><dt>{label}</dt><dd><code>{value ?? '—'}</code></dd></div>)}
    </dl>
  );
}

const VERDICT = {
  valid: ['yes', 'valid', 'validText'], altered: ['no', 'altered', 'alteredText'],
  unsigned: ['wait', 'unsigned', 'unsignedText'], unverifiable: ['wait', 'unverifiable', 'unverifiableText'],
} as const;

export function VerificationPage({ locale: l, meetingId, verification: v, compared }: { locale: Locale; meetingId: string; verification: Verification; compared?: Compared }) {
  const t = publicT(l);
  const [cls, head, text] = VERDICT[v.status];
  const title = `${t('pages.verify.title')} — ${v.meetingNumber}`;
  return (
    <Layout meta={{ locale: l, title, description: t('pages.verify.description', { number: v.meetingNumber }), path: `/v/${encodeURIComponent(meetingId)}` }}>
      <h1>{t('pages.verify.title')}</h1>
      <p>
        {t('pages.verify.protocol')} <strong className="code">{v.meetingNumber}</strong><br />
        {t('pages.verify.date')}: {v.meetingDate}
      </p>
      <div className={`verdict ${cls}`} role="status" data-testid="verify-verdict" data-valid={String(v.valid)} data-status={v.status}>
        {t(`pages.verify.${head}`)}<span>{t(`pages.verify.${text}`)}</span>
      </div>
      {v.signedAt ? <p>{t('pages.verify.signedAt')}: {dateTime(v.signedAt, l)} — {v.late ? t('pages.verify.late') : t('pages.verify.onTime')}</p> : null}
      <h2>{t('pages.verify.signatures')}</h2>
      <Signatures signatures={v.signatures} l={l} t={t} />
      <h2>{t('pages.verify.hashes')}</h2>
      <Hashes rows={[
        [t('pages.verify.contentStored'), v.contentHashStored], [t('pages.verify.contentNow'), v.contentHashNow],
        [t('pages.verify.pdfKk'), v.pdfHashes.kk], [t('pages.verify.pdfRu'), v.pdfHashes.ru],
      ]} />
      {v.addenda.map((a) => (
        <section key={a.number}>
          <h2>{t('pages.verify.addendum')}{a.number}</h2>
          <Signatures signatures={a.signatures} l={l} t={t} />
          <Hashes rows={[[t('pages.verify.contentStored'), a.contentHashStored], [t('pages.verify.contentNow'), a.contentHashNow]]} />
        </section>
      ))}
      {compared ? (
        <div className="box" role="status" data-testid="verify-compare" data-match={compared}>
          {compared === 'kk' ? t('pages.verify.matchKk') : compared === 'ru' ? t('pages.verify.matchRu') : t('pages.verify.noMatch')}
        </div>
      ) : null}
      {v.pdfHashes.kk || v.pdfHashes.ru ? (
        <form method="post" action={verifyPageUrl(meetingId, l)} encType="multipart/form-data">
          <h2>{t('pages.verify.upload')}</h2>
          <p className="small" id="upload-help">{t('pages.verify.uploadHelp')}</p>
          <label htmlFor="file">{t('pages.verify.file')}</label>
          <input type="file" id="file" name="file" accept="application/pdf" required aria-describedby="upload-help" />
          <button type="submit">{t('pages.verify.compare')}</button>
        </form>
      ) : null}
      <p><a href={withLang(`/m/${encodeURIComponent(meetingId)}`, l)}>{t('pages.verify.meetingLink')}</a></p>
      <p className="small">{t('pages.verify.rule')}</p>
    </Layout>
  );
}

export function VerificationNotFoundPage({ locale, meetingId }: { locale: Locale; meetingId: string }) {
  const t = publicT(locale);
  return (
    <Layout meta={{ locale, title: t('pages.verify.notFound'), path: `/v/${encodeURIComponent(meetingId)}` }}>
      <h1>{t('pages.verify.notFound')}</h1>
      <p>{t('pages.verify.notFoundText')}</p>
    </Layout>
  );
}
