import { CONSENT_TEXT, CONSENT_VERSION } from '@esep/domain';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { MeetingPageFacts } from '../services/pages/meeting-page.service.ts';
import { renderHtml } from './page.render.ts';
import { eventText, googleCalendarLink, meetingIcs, outlookCalendarLink } from './pages.meeting.calendar.ts';
import { MeetingNotFoundPage, MeetingPage, meetingTitle } from './pages.meeting.page.tsx';
import { VerificationPage } from './pages.verification.page.tsx';

/** Text as React escapes it. */
const esc = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#x27;' })[c]!);

const meeting: MeetingPageFacts = {
  id: '3f1c2a9e-1111-4222-8333-444455556666', number: 'ALM-KAR-P2-D01-2026-07', status: 'announced',
  startsAt: '2026-03-05T13:00:00.000Z', endsAt: '2026-03-05T15:00:00.000Z', venueName: 'Клуб "Шамалған" <1>', venueAddress: 'Жібек жолы к-сі, 12',
  format: 'hybrid', onlineLink: 'https://meet.example.kz/abc?x=1&y=2', joinLink: 'https://meet.example.kz/abc?x=1&y=2',
  window: 'open', opensAt: '2026-03-05T12:00:00.000Z', closesAt: '2026-03-05T15:30:00.000Z',
  directions: 'Мектептің артындағы қақпа.\nАялдама: «Клуб».', sequence: 3,
  createdAt: new Date('2026-01-10T05:00:00Z'), updatedAt: new Date('2026-02-01T06:00:00Z'),
  places: [
    { code: 'ALM-KAR-P2-D01', nameKk: '№11 әкімшілік учаске', nameRu: 'Административный участок №11', atuNameKk: 'Шамалған ауылдық округі', atuNameRu: 'Шамалганский сельский округ' },
    { code: 'ALM-KAR-P2-D02', nameKk: '№12 әкімшілік учаске', nameRu: 'Административный участок №12', atuNameKk: 'Шамалған ауылдық округі', atuNameRu: 'Шамалганский сельский округ' },
  ],
};
const page = (props: Partial<Parameters<typeof MeetingPage>[0]> = {}) =>
  renderHtml(<MeetingPage locale="kk" meeting={meeting} online={false} {...props} />);

describe('the meeting page (issue 13, R-32.2)', () => {
  it('titles the meeting by settlement, districts and Almaty time, in the reader\'s language', () => {
    expect(meetingTitle(meeting, 'kk')).toBe('Шамалған ауылдық округі, №11 әкімшілік учаске, №12 әкімшілік учаске — 5 наурыз, 18:00');
    expect(meetingTitle(meeting, 'ru')).toBe('Шамалганский сельский округ, Административный участок №11, Административный участок №12 — 5 марта, 18:00');
    const html = page();
    expect(html).toContain(`<title>${esc(meetingTitle(meeting, 'kk'))}</title>`);
    expect(html).toContain('<meta property="og:title"');
    expect(html).toContain('<meta property="og:description"');
    expect(html).toContain('href="/d/ALM-KAR-P2-D01?lang=kk"');
    expect(html).toContain('href="/d/ALM-KAR-P2-D02?lang=kk"');
  });

  it('shows the meeting, the form and the consent in the page language', () => {
    const html = page();
    expect(html).toContain('<html lang="kk">');
    expect(html).toContain('name="viewport"');
    expect(html).toContain(esc(CONSENT_TEXT.kk));
    expect(html).toContain(`name="consentVersion" value="${CONSENT_VERSION}"`);
    for (const name of ['fullName', 'address', 'phone', 'consent']) {
      // React writes an input's name and value last.
      expect(html).toMatch(new RegExp(`<input [^>]*id="${name}"[^>]* name="${name}"`));
      expect(html).toContain(`for="${name}"`);
    }
    expect(html).toContain('data-testid="register-submit"');
    expect(html).toContain('Клуб &quot;Шамалған&quot; &lt;1&gt;');
    expect(html).toContain('href="https://meet.example.kz/abc?x=1&amp;y=2"');
    expect(html).toContain('18:00');
    expect(html).toContain('Мектептің артындағы қақпа.\nАялдама: «Клуб».');
    expect(html).not.toContain('<script');
    expect(Buffer.byteLength(html)).toBeLessThan(15 * 1024);
    const ru = renderHtml(<MeetingPage locale="ru" meeting={meeting} online />);
    expect(ru).toContain('<html lang="ru">');
    expect(ru).toContain(esc(CONSENT_TEXT.ru));
    expect(ru).toContain('name="online" value="1"');
    expect(ru).toContain('action="/m/3f1c2a9e-1111-4222-8333-444455556666?lang=ru&amp;online=1"');
  });

  it('keeps typed values escaped and shows errors as an alert', () => {
    const html = renderHtml(<MeetingPage locale="en" meeting={meeting} online={false} values={{ fullName: '"><script>alert(1)</script>', address: 'a & b', consent: false }} fieldErrors={{ consent: 'Consent is required' }} error={null} />);
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).toContain('value="a &amp; b"');
    expect(html).toContain('role="alert" data-testid="registration-error"');
    expect(html).not.toContain('<script>');
  });

  it('shows the number after registering, escaped name included', () => {
    const html = renderHtml(<MeetingPage locale="en" meeting={meeting} online={false} done={{ number: 17, fullName: '<b>Asel</b>' }} />);
    expect(html).toContain('data-testid="registration-done"');
    expect(html).toContain('&lt;b&gt;Asel&lt;/b&gt;, you are registered. Your number is 17.');
    expect(html).not.toContain('<form');
  });

  it('says when registration opens, or that it closed, without a form; a cancelled meeting says so', () => {
    const early = renderHtml(<MeetingPage locale="ru" meeting={{ ...meeting, window: 'not_yet_open' }} online={false} />);
    expect(early).toContain('Регистрация откроется');
    expect(early).not.toContain('<form');
    const late = page({ meeting: { ...meeting, window: 'closed' } });
    expect(late).toContain('Тіркеу жабылды');
    const cancelled = renderHtml(<MeetingPage locale="en" meeting={{ ...meeting, status: 'cancelled', window: 'closed', joinLink: null }} online={false} />);
    expect(cancelled).toContain('data-status="cancelled"');
    expect(cancelled).toContain('The meeting is cancelled.');
    expect(cancelled).not.toContain('<form');
    expect(cancelled).not.toContain('meet.example.kz');
    // Its calendar file stays (to cancel an imported copy); no new Google or Outlook event.
    expect(cancelled).toContain('data-testid="meeting-ics"');
    expect(cancelled).not.toContain('calendar.google.com');
    const postponed = renderHtml(<MeetingPage locale="kk" meeting={{ ...meeting, status: 'postponed', window: 'closed', joinLink: null }} online={false} />);
    expect(postponed).toContain('Кездесу басқа күнге ауыстырылды');
  });

  it('has a not-found page', () => {
    const html = renderHtml(<MeetingNotFoundPage locale="ru" meetingId="<x>" />);
    expect(html).toContain('Встреча не найдена');
    expect(html).toContain('/m/%3Cx%3E?lang=kk');
  });
});

describe('add to calendar (issue 13)', () => {
  it('the .ics is Almaty wall time with its VTIMEZONE; ical.js reads the same instants', () => {
    for (const when of [meeting, { ...meeting, startsAt: '2023-11-20T12:00:00.000Z', endsAt: '2023-11-20T14:00:00.000Z' }]) {
      const text = eventText(when, 'kk', 'https://esep.example');
      const ics = meetingIcs(when, text, 'kk');
      const calendar = new ICAL.Component(ICAL.parse(ics));
      for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
      const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
      expect(event.startDate.toJSDate().toISOString()).toBe(when.startsAt);
      expect(event.endDate.toJSDate().toISOString()).toBe(when.endsAt);
      expect(event.startDate.zone?.tzid).toBe('Asia/Almaty');
      expect(event.uid).toBe(`${meeting.id}@esep`);
      expect(event.sequence).toBe(3);
      expect(event.summary).toContain('Шамалған ауылдық округі');
      expect(event.location).toContain('Жібек жолы к-сі, 12');
      expect(event.location).toContain('https://meet.example.kz/abc?x=1&y=2');
      expect(event.description).toContain('https://esep.example/m/');
      expect(ics).toMatch(/DTSTAMP:\d{8}T\d{6}Z/);
    }
    expect(meetingIcs(meeting, eventText(meeting, 'ru', undefined), 'ru')).toContain('DTSTART;TZID=Asia/Almaty:20260305T180000');
  });

  it('Google and Outlook links carry the title, the times, the place and the details', () => {
    const text = eventText(meeting, 'ru', 'https://esep.example');
    const google = new URL(googleCalendarLink(meeting, text));
    expect(google.origin + google.pathname).toBe('https://calendar.google.com/calendar/render');
    expect(google.searchParams.get('action')).toBe('TEMPLATE');
    expect(google.searchParams.get('dates')).toBe('20260305T130000Z/20260305T150000Z');
    expect(google.searchParams.get('text')).toBe(text.summary);
    expect(google.searchParams.get('location')).toBe(text.location);
    expect(google.searchParams.get('details')).toContain('Как добраться');
    const outlook = new URL(outlookCalendarLink(meeting, text));
    expect(outlook.origin + outlook.pathname).toBe('https://outlook.live.com/calendar/0/deeplink/compose');
    expect(outlook.searchParams.get('startdt')).toBe('2026-03-05T18:00:00+05:00');
    expect(outlook.searchParams.get('enddt')).toBe('2026-03-05T20:00:00+05:00');
    expect(outlook.searchParams.get('subject')).toBe(text.summary);
    expect(outlook.searchParams.get('body')).toBe(text.description);
  });

  it('a cancelled meeting is STATUS:CANCELLED and says so in its title', () => {
    const cancelled = { ...meeting, status: 'cancelled' as const, joinLink: null };
    const text = eventText(cancelled, 'en', undefined);
    const ics = meetingIcs(cancelled, text, 'en');
    expect(ics).toContain('STATUS:CANCELLED');
    expect(text.summary).toMatch(/^Cancelled: /);
  });
});

describe('the verification page on a phone', () => {
  it('wraps long hashes and shows signatures as cards', () => {
    const hash = 'a'.repeat(64);
    const html = renderHtml(<VerificationPage locale="en" meetingId={meeting.id} verification={{
      meetingId: meeting.id, meetingNumber: meeting.number, meetingDate: '2026-03-05', valid: true, status: 'valid', late: false,
      signedAt: '2026-03-05T16:00:00.000Z', contentHashStored: hash, contentHashNow: hash, pdfHashes: { kk: hash, ru: hash }, pdfIntact: true,
      signatures: [{ signerName: 'Inspector', method: 'builtin_ed25519', signedAt: '2026-03-05T16:00:00.000Z', valid: true }], addenda: [],
    } as never} />);
    expect(html).toContain('data-testid="verify-verdict" data-valid="true" data-status="valid"');
    expect(html).toContain(`<code>${hash}</code>`);
    expect(html).toContain('overflow-wrap:anywhere');
    expect(html).toContain('data-signature-valid="true"');
    expect(html).not.toContain('<table');
  });
});
