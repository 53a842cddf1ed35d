import type { Locale } from '@esep/contracts';
import { rankLabel } from '@esep/domain';
import type { PublicDistrict } from '../services/address.service.ts';
import { nameIn } from './address.page.tsx';
import { Layout, withLang } from './layout.tsx';
import { INTL_LOCALE, publicT } from './public.i18n.ts';

/*
 * Issue 13, part 2: the district page `/d/:code`, the same for everyone (shared cache, ETag).
 * The inspector appears by his public name, rank (its label in the page's language) and role; a photo only where the police
 * published one. No contact of any person: the phone is the police point's.
 */

export function almatyDateTime(locale: Locale, at: Date): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone: 'Asia/Almaty', dateStyle: 'full', timeStyle: 'short' }).format(at);
}

/** Only an https address is shown as a photo (the page's policy allows no other origin anyway). */
const publishedPhoto = (url: string | null) => (url && /^(https:\/\/|\/[^/])/.test(url) ? url : null);

export function DistrictPage({ locale, district, publicUrl }: { locale: Locale; district: PublicDistrict; publicUrl?: string | undefined }) {
  const t = publicT(locale);
  const name = nameIn(locale, district.nameKk, district.nameRu);
  const settlement = [district.atu, district.parentAtu].filter((a) => a != null).map((a) => nameIn(locale, a!.nameKk, a!.nameRu)).join(', ');
  const path = `/d/${encodeURIComponent(district.code)}`;
  const hours = nameIn(locale, district.point.receptionHoursKk ?? '', district.point.receptionHoursRu ?? '') || district.point.receptionHoursRu || district.point.receptionHoursKk;
  const meeting = district.nextMeeting;
  return (
    <Layout meta={{ locale, title: `${name} — ${settlement}`, description: t('address.districtDescription', { district: name, settlement }), path, ...(publicUrl ? { publicUrl } : {}) }}>
      <h1>{name}</h1>
      <p>{settlement}</p>

      <section aria-labelledby="inspector">
        <h2 id="inspector">{t('address.inspectorTitle')}</h2>
        {district.inspectors.length === 0 ? <p className="box note">{t('address.noInspector')}</p> : (
          <ul className="plain">
            {district.inspectors.map((s) => {
              const photo = publishedPhoto(s.photoUrl);
              return (
                <li key={`${s.role}|${s.fullName}`} className="card">
                  {photo ? <img src={photo} alt={t('address.photoAlt', { name: s.fullName })} width={96} height={128} /> : null}
                  <h3>{s.fullName}</h3>
                  <p className="small">{[t(`address.role.${s.role}`), rankLabel(s.rank, locale)].filter(Boolean).join(', ')}</p>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="point">
        <h2 id="point">{t('address.point')}</h2>
        <p>{nameIn(locale, district.point.nameKk, district.point.nameRu)}</p>
        <dl>
          {district.point.address ? <><dt>{t('address.pointAddress')}</dt><dd>{district.point.address}</dd></> : null}
          {district.point.phone ? <><dt>{t('address.phone')}</dt><dd><a href={`tel:${district.point.phone.replace(/[^\d+]/g, '')}`}>{district.point.phone}</a></dd></> : null}
          {hours ? <><dt>{t('address.hours')}</dt><dd>{hours}</dd></> : null}
        </dl>
      </section>

      <section aria-labelledby="meeting">
        <h2 id="meeting">{t('address.nextMeetingTitle')}</h2>
        {meeting ? (
          <div className="card">
            <dl>
              <dt>{t('address.when')}</dt><dd>{almatyDateTime(locale, meeting.startsAt)}</dd>
              {meeting.venueName || meeting.venueAddress ? <><dt>{t('address.where')}</dt><dd>{[meeting.venueName, meeting.venueAddress].filter(Boolean).join(', ')}</dd></> : null}
              <dt>{t('address.format')}</dt><dd>{t(`address.format.${meeting.format}`)}</dd>
            </dl>
            <p><a className="button" href={withLang(`/m/${meeting.id}`, locale)}>{t('address.meetingLink')}</a></p>
          </div>
        ) : <p className="box note">{t('address.noMeeting')}</p>}
      </section>

      <section aria-labelledby="actions">
        <h2 id="actions">{t('address.actionsTitle')}</h2>
        <p><a className="button secondary" href={withLang(`${path}/ask`, locale)}>{t('address.ask')}</a></p>
        <p><a className="button secondary" href={withLang(`${path}/subscribe`, locale)}>{t('address.subscribe')}</a></p>
        <p><a className="button secondary" href={withLang(`${path}/outcomes`, locale)}>{t('address.outcomes')}</a></p>
        <p><a href={withLang('/find', locale)}>{t('address.findAnother')}</a></p>
      </section>
    </Layout>
  );
}
