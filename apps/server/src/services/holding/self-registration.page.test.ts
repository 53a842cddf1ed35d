import { CONSENT_TEXT, CONSENT_VERSION } from '@esep/domain';
import { describe, expect, it } from 'vitest';
import type { PublicMeeting } from './participant.service.ts';
import { escapeHtml } from '../../http/public-page.ts';
import { renderMeetingPage, renderNotFoundPage } from './self-registration.page.ts';

const meeting: PublicMeeting = {
  id: '3f1c2a9e-1111-4222-8333-444455556666', number: 'ALM-KAR-P2-D01-2026-07', status: 'announced',
  startsAt: '2026-03-05T13:00:00.000Z', endsAt: '2026-03-05T15:00:00.000Z', venueName: 'Клуб "Шамалған" <1>', venueAddress: 'Жібек жолы к-сі, 12',
  format: 'hybrid', onlineLink: 'https://meet.example.kz/abc?x=1&y=2', window: 'open', opensAt: '2026-03-05T12:00:00.000Z', closesAt: '2026-03-05T15:30:00.000Z',
};

describe('escapeHtml', () => {
  it('escapes markup, both quotes and ampersands', () => {
    expect(escapeHtml('<script>alert("x")</script>')).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(escapeHtml('O\'Brien & Co')).toBe('O&#39;Brien &amp; Co');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(42)).toBe('42');
  });
});

describe('the self-registration page', () => {
  it('shows the meeting, the form and the consent in the page language', () => {
    const html = renderMeetingPage({ locale: 'kk', meeting, online: false });
    expect(html).toContain('<html lang="kk">');
    expect(html).toContain('name="viewport"');
    expect(html).toContain(escapeHtml(CONSENT_TEXT.kk));
    expect(html).toContain(`name="consentVersion" value="${CONSENT_VERSION}"`);
    for (const name of ['fullName', 'address', 'phone', 'consent']) {
      expect(html).toContain(`id="${name}" name="${name}"`);
      expect(html).toContain(`for="${name}"`);
    }
    expect(html).toContain('data-testid="register-submit"');
    expect(html).toContain('Клуб &quot;Шамалған&quot; &lt;1&gt;');
    expect(html).toContain('href="https://meet.example.kz/abc?x=1&amp;y=2"');
    expect(html).toContain('18:00');
    expect(html).not.toContain('<script');
    expect(Buffer.byteLength(html)).toBeLessThan(15 * 1024);
    const ru = renderMeetingPage({ locale: 'ru', meeting, online: true });
    expect(ru).toContain('<html lang="ru">');
    expect(ru).toContain(escapeHtml(CONSENT_TEXT.ru));
    expect(ru).toContain('name="online" value="1"');
    expect(ru).toContain('action="/m/3f1c2a9e-1111-4222-8333-444455556666?lang=ru&amp;online=1"');
  });

  it('keeps typed values escaped and shows errors as an alert', () => {
    const html = renderMeetingPage({
      locale: 'en', meeting, online: false, values: { fullName: '"><script>alert(1)</script>', address: 'a & b', consent: false },
      fieldErrors: { consent: 'Consent is required' }, error: null,
    });
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).toContain('value="a &amp; b"');
    expect(html).toContain('role="alert" data-testid="registration-error"');
    expect(html).not.toContain('<script>');
  });

  it('shows the number after registering, escaped name included', () => {
    const html = renderMeetingPage({ locale: 'en', meeting, online: false, done: { number: 17, fullName: '<b>Asel</b>' } });
    expect(html).toContain('data-testid="registration-done"');
    expect(html).toContain('&lt;b&gt;Asel&lt;/b&gt;, you are registered. Your number is 17.');
    expect(html).not.toContain('<form');
  });

  it('says when registration opens, or that it closed, without a form', () => {
    const early = renderMeetingPage({ locale: 'ru', meeting: { ...meeting, window: 'not_yet_open', onlineLink: null }, online: false });
    expect(early).toContain('Регистрация откроется');
    expect(early).not.toContain('<form');
    const late = renderMeetingPage({ locale: 'kk', meeting: { ...meeting, window: 'closed', onlineLink: null }, online: false });
    expect(late).toContain('Тіркеу жабылды');
    const cancelled = renderMeetingPage({ locale: 'en', meeting: { ...meeting, status: 'cancelled', window: 'closed', onlineLink: null }, online: false });
    expect(cancelled).toContain('cancelled');
    expect(cancelled).not.toContain('<form');
  });

  it('does not link a non-web online link', () => {
    const html = renderMeetingPage({ locale: 'en', meeting: { ...meeting, onlineLink: 'javascript:alert(1)' }, online: false });
    expect(html).not.toContain('javascript:');
  });

  it('has a not-found page', () => {
    const html = renderNotFoundPage('ru', '<x>');
    expect(html).toContain('Встреча не найдена');
    expect(html).toContain('/m/%3Cx%3E?lang=kk');
  });
});
