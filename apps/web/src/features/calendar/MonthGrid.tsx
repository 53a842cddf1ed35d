import { Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { MEETING_COLORS } from '../meetings/StatusBadge.tsx';
import { formatClock } from '../meetings/time.ts';
import type { MeetingSummary } from '../meetings/types.ts';
import { monthWeeks } from './calendar.ts';
import { meetingPlace } from '../../app/format.ts';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** The month as a table of weeks; each day lists its meetings as links with time and status. */
export function MonthGrid({ month, byDay, today }: { month: string; byDay: Map<string, MeetingSummary[]>; today: string }) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  return (
    <div className="month-grid-scroll">
      <table className="month-grid" data-testid="calendar-month">
        <caption><VisuallyHidden>{t('calendar.monthCaption', { month: t(`calendar.months.${Number(month.slice(5)) as 1}`), year: month.slice(0, 4) })}</VisuallyHidden></caption>
        <thead>
          <tr>{WEEKDAYS.map((d) => <th key={d} scope="col"><abbr title={t(`calendar.weekdays.${d}`)}>{t(`calendar.weekdaysShort.${d}`)}</abbr></th>)}</tr>
        </thead>
        <tbody>
          {monthWeeks(month).map((week) => (
            <tr key={week[0]}>
              {week.map((day) => {
                const meetings = byDay.get(day) ?? [];
                const outside = !day.startsWith(month);
                return (
                  <td key={day} className={`${outside ? 'outside' : ''} ${day === today ? 'today' : ''}`} data-date={day}>
                    <div className="day-number">
                      {Number(day.slice(8))}
                      {day === today && <VisuallyHidden>{t('calendar.today')}</VisuallyHidden>}
                    </div>
                    {meetings.map((m) => (
                      <Link key={m.id} to={`/meetings/${m.id}`} className="calendar-chip" style={{ borderLeftColor: MEETING_COLORS[m.status] }} data-status={m.status}>
                        <Text span size="xs" fw={700}>{formatClock(m.startsAt, language)}</Text>{' '}
                        <Text span size="xs">{meetingPlace(m, language, { settlement: false })}</Text>
                        <Text span size="xs" display="block" c="gray.8">{t(`status.${m.status}`)}</Text>
                        {m.lateEntry && <Text span size="xs" display="block" c="gray.8" data-late-entry={m.lateEntry}>{t(`flag.${m.lateEntry}`, { ns: 'late' })}</Text>}
                      </Link>
                    ))}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
