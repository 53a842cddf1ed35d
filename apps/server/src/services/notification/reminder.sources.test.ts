import { NOTIFICATION_KINDS, NOTIFICATION_TEMPLATES, type Locale } from '@esep/contracts';
import { describe, expect, it } from 'vitest';
import { renderNotification } from './notification.render.ts';
import type { Reminder } from './reminder.service.ts';
import {
  checkReminder, forwardingReminder, initiatorReminder, inLocale, invitationReminder, noticeReminder, quarterReminder, type Recipient,
} from './reminder.sources.ts';

/*
 * Issue 12: what each source makes fills every placeholder of its kind's templates, in each
 * language, for a recipient of each interface language (a hole would be skipped at delivery as
 * template_variable_missing and shown in the bell by its kind alone).
 */
const LOCALES: Locale[] = ['kk', 'ru', 'en'];
const to = (locale: string): Recipient => ({ userId: '00000000-0000-4000-8000-000000000001', locale });
const meetingId = '00000000-0000-4000-8000-0000000000aa';
const item = { meetingId, meetingNumber: 'ALM-KAR-P2-D01-2027-03', itemNumber: 2, topicKk: 'Тұрғын үй', topicRu: 'Жильё', topicEn: 'Housing' };
const body = { bodyKk: 'Қарасай ауданының тұрғын үй бөлімі', bodyRu: 'Отдел жилья Карасайского района' };

/** One sample of each kind, as the sources build them, for a recipient of this language. */
function samples(locale: string): Reminder[] {
  const r = to(locale);
  const notice = { meetingId, number: 'ALM-KAR-P2-D01-2027-02', startDate: '2027-04-30' };
  const check = { ...item, checkId: '00000000-0000-4000-8000-0000000000c1', dueDate: '2027-06-22' };
  const forwarding = { ...item, forwardingId: '00000000-0000-4000-8000-0000000000f1', dueDate: '2027-06-04' };
  return [
    noticeReminder('notice_due_soon', notice, r), noticeReminder('notice_due_today', notice, r),
    checkReminder('check_due', check, r), checkReminder('check_overdue', check, r),
    // Before the body is chosen, and after.
    forwardingReminder('forwarding_due', { ...forwarding, bodyKk: null, bodyRu: null }, r), forwardingReminder('forwarding_overdue', { ...forwarding, ...body }, r),
    forwardingReminder('forwarding_due', { ...forwarding, ...body }, r), forwardingReminder('forwarding_overdue', { ...forwarding, bodyKk: null, bodyRu: null }, r),
    initiatorReminder({ ...item, forwardingId: forwarding.forwardingId, sentOn: '2027-06-05', ...body }, r),
    invitationReminder({ invitationId: '00000000-0000-4000-8000-0000000000e1', organisation: 'Қарасай АПБ', personName: 'Әбдіров Марат Нұрмаханұлы', meetingId, number: 'ALM-KAR-P2-D01-2027-04', startDate: '2027-05-10' }, r),
    quarterReminder({ districtId: '00000000-0000-4000-8000-0000000000d1', code: 'ALM-KAR-P2-D01' }, '2027-08-22', r),
  ];
}

describe('the params of every kind fill its templates', () => {
  it('every kind but the protocol\'s (reminder.service.ts) has a sample', () => {
    expect(new Set(samples('kk').map((s) => s.kind))).toEqual(new Set(NOTIFICATION_KINDS.filter((k) => k !== 'protocol_unsigned')));
  });

  for (const recipientLocale of LOCALES) {
    it(`for a recipient reading ${recipientLocale}, rendered in kk, ru and en without a hole`, () => {
      for (const reminder of samples(recipientLocale)) {
        for (const locale of LOCALES) {
          const message = renderNotification(reminder, locale);
          expect(message.title, `${reminder.kind}/${locale}`).not.toMatch(/[{}]/);
          expect(message.body, `${reminder.kind}/${locale}`).not.toMatch(/[{}]/);
          expect(message.body).toContain(NOTIFICATION_TEMPLATES[reminder.kind][locale].body.match(/\((?:§|№652 ¶)[^)]+\)/)![0]);
          // Issue 14, item 11: no ISO date, quarter key or rule ID reaches the reader.
          expect(message.body, `${reminder.kind}/${locale}`).not.toMatch(/\d{4}-\d{2}-\d{2}|\d{4}-Q\d|R-\d/);
          expect(message.link).toMatch(/^\/meetings\//);
        }
      }
    });
  }

  it('says what the recipient reads: names in his language, the item as the protocol refers to it', () => {
    const [, , check] = samples('ru');
    expect(renderNotification(check!, 'ru')).toMatchObject({ title: 'Проверка ALM-KAR-P2-D01-2027-03/2: срок завтра', body: 'Проверку по «Жильё» нужно завершить до 22 июня 2027 г. (§32 ¶4).' });
    const kk = samples('kk');
    expect(renderNotification(kk.find((s) => s.kind === 'initiator_not_notified')!, 'kk').body).toContain('Қарасай ауданының тұрғын үй бөлімі');
    expect(renderNotification(kk.find((s) => s.kind === 'quarter_at_risk')!, 'kk')).toMatchObject({
      title: 'ALM-KAR-P2-D01: тоқсандық есеп кездесуі әлі өткізілмеді',
      body: '2027 ж. 3-тоқсан: тоқсанның аяқталуына 39 күн қалды, ал ALM-KAR-P2-D01 учаскесінде есеп кездесуі әлі өткізілмеді (§22(13)).',
      link: '/meetings/new?district=00000000-0000-4000-8000-0000000000d1',
    });
    expect(renderNotification(kk.find((s) => s.kind === 'invitation_pending')!, 'en').body)
      .toBe('Әбдіров Марат Нұрмаханұлы (Қарасай АПБ) has not yet answered the invitation to the meeting on 10 May 2027 (§26).');
  });

  it('a name without English is given in Russian', () => {
    expect(inLocale('en', { kk: 'а', ru: 'б' })).toBe('б');
    expect(inLocale('en', { kk: 'а', ru: 'б', en: 'c' })).toBe('c');
    expect(inLocale('kk', { kk: 'а', ru: 'б', en: 'c' })).toBe('а');
  });
});
