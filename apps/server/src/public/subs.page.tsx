import type { Locale } from '@esep/contracts';
import type { ReactNode } from 'react';
import { Layout, withLang } from './layout.tsx';
import { LANGUAGE_NAMES, publicT } from './public.i18n.ts';

/*
 * Issue 13, part 4: the subscription pages — the form on `/d/:code/subscribe`, the next step
 * (check your e-mail, enter the code, open the bot), and the answers of the confirmation and
 * unsubscribe links. Server-rendered, no script; every field labelled, errors next to the field.
 */
export interface SubscribeForm {
  channel: string;
  address: string;
  kinds: string[];
  locale: Locale;
  consent: boolean;
}

export type FieldErrors = Partial<Record<'channel' | 'address' | 'kinds' | 'consent', string>>;

const KINDS = ['announcements', 'reminder', 'outcomes'] as const;

export function SubscribePage({ locale, district, channels, values, errors = {}, status }: {
  locale: Locale; district: { code: string; name: string }; channels: readonly string[]; values?: SubscribeForm; errors?: FieldErrors; status?: string;
}) {
  const t = publicT(locale);
  const path = `/d/${district.code}/subscribe`;
  const v: SubscribeForm = values ?? { channel: channels[0] ?? '', address: '', kinds: [...KINDS], locale, consent: false };
  const invalid = (f: keyof FieldErrors) => (errors[f] ? true : undefined);
  return (
    <Layout meta={{ locale, title: t('subs.title', { district: district.name }), description: t('subs.intro'), path }}>
      <h1>{t('subs.title', { district: district.name })}</h1>
      <p>{t('subs.intro')}</p>
      {status ? <div className="box err" role="alert">{status}</div> : null}
      {channels.length === 0 ? <div className="box note">{t('subs.noChannels')}</div> : (
        <form method="post" action={withLang(path, locale)} noValidate>
          <fieldset>
            <legend><strong>{t('subs.channel')}</strong></legend>
            {errors.channel ? <p className="err" id="channel-error">{errors.channel}</p> : null}
            {channels.map((c) => (
              <label key={c} className="check">
                <input type="radio" name="channel" value={c} defaultChecked={v.channel === c} aria-invalid={invalid('channel')} />
                <span>{t(`subs.channel.${c}`)}</span>
              </label>
            ))}
          </fieldset>
          <label htmlFor="address">{t('subs.address')}</label>
          <p className="small" id="address-hint">{t('subs.addressHint')}</p>
          {errors.address ? <p className="err" id="address-error">{errors.address}</p> : null}
          <input type="text" id="address" name="address" defaultValue={v.address} autoComplete="email" inputMode="email" maxLength={254}
            aria-describedby={errors.address ? 'address-hint address-error' : 'address-hint'} aria-invalid={invalid('address')} />
          <fieldset>
            <legend><strong>{t('subs.kinds')}</strong></legend>
            {errors.kinds ? <p className="err">{errors.kinds}</p> : null}
            {KINDS.map((k) => (
              <label key={k} className="check">
                <input type="checkbox" name="kinds" value={k} defaultChecked={v.kinds.includes(k)} />
                <span>{t(`subs.kind.${k}`)}</span>
              </label>
            ))}
          </fieldset>
          <label htmlFor="locale">{t('subs.language')}</label>
          <select id="locale" name="locale" defaultValue={v.locale}>
            {(['kk', 'ru', 'en'] as const).map((l) => <option key={l} value={l}>{LANGUAGE_NAMES[l]}</option>)}
          </select>
          {errors.consent ? <p className="err" id="consent-error">{errors.consent}</p> : null}
          <label className="check">
            <input type="checkbox" name="consent" value="1" defaultChecked={v.consent} aria-invalid={invalid('consent')} required />
            <span>{t('subs.consent')}</span>
          </label>
          <button type="submit">{t('subs.submit')}</button>
        </form>
      )}
      <p><a href={withLang(`/d/${district.code}`, locale)}>{t('subs.back')}</a></p>
    </Layout>
  );
}

/** A short answer page: a heading, a sentence, and what to do next. */
export function SubsMessagePage({ locale, path, title, text, ok, children }: { locale: Locale; path: string; title: string; text?: string; ok?: boolean; children?: ReactNode }) {
  return (
    <Layout meta={{ locale, title, path }}>
      <h1>{title}</h1>
      {text ? <div className={`box ${ok === undefined ? 'note' : ok ? 'ok' : 'err'}`} role={ok === false ? 'alert' : 'status'}>{text}</div> : null}
      {children}
    </Layout>
  );
}

export function CodePage({ locale, id, error }: { locale: Locale; id: string; error?: string }) {
  const t = publicT(locale);
  const path = `/s/code/${id}`;
  return (
    <SubsMessagePage locale={locale} path={path} title={t('subs.code.title')} text={error ?? t('subs.code.text')} {...(error ? { ok: false } : {})}>
      <form method="post" action={withLang(path, locale)}>
        <label htmlFor="code">{t('subs.code.label')}</label>
        <input type="text" id="code" name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required aria-invalid={error ? true : undefined} />
        <button type="submit">{t('subs.code.submit')}</button>
      </form>
    </SubsMessagePage>
  );
}

export function TelegramPage({ locale, deepLink }: { locale: Locale; deepLink: string }) {
  const t = publicT(locale);
  return (
    <SubsMessagePage locale={locale} path="/s/telegram" title={t('subs.telegram.title')} text={t('subs.telegram.text')}>
      <p><a className="button" href={deepLink}>{t('subs.telegram.open')}</a></p>
      <p className="small">{deepLink}</p>
    </SubsMessagePage>
  );
}

/** The e-mail link's page: what is being confirmed, and the one button that confirms it. */
export function ConfirmPage({ locale, token, address }: { locale: Locale; token: string; address: string }) {
  const t = publicT(locale);
  const path = `/s/confirm/${token}`;
  return (
    <SubsMessagePage locale={locale} path={path} title={t('subs.confirm.title')} text={t('subs.confirm.text', { address })}>
      <form method="post" action={withLang(path, locale)}>
        <button type="submit">{t('subs.confirm.submit')}</button>
      </form>
    </SubsMessagePage>
  );
}

export function UnsubscribePage({ locale, token, address }: { locale: Locale; token: string; address: string }) {
  const t = publicT(locale);
  const path = `/s/unsubscribe/${token}`;
  return (
    <SubsMessagePage locale={locale} path={path} title={t('subs.unsubscribe.title')} text={t('subs.unsubscribe.text', { address })}>
      <form method="post" action={withLang(path, locale)}>
        <button type="submit">{t('subs.unsubscribe.submit')}</button>
      </form>
      <p>{t('subs.withdraw.text')}</p>
      <form method="post" action={withLang(`/s/withdraw/${token}`, locale)}>
        <button type="submit" className="button secondary">{t('subs.withdraw.submit')}</button>
      </form>
    </SubsMessagePage>
  );
}
