import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, meetingPlace } from '../../app/format.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { MeetingStatusBadge } from '../meetings/StatusBadge.tsx';
import { LateEntryBadge } from '../meetings/late/LateEntryBadge.tsx';
import { formatClock } from '../meetings/time.ts';
import type { MeetingSummary } from '../meetings/types.ts';
import { weekday } from './calendar.ts';

/** The meetings by day: a heading per date, then each meeting with time, status, place and districts. */
export function Agenda({ byDay }: { byDay: Map<string, MeetingSummary[]> }) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  const days = [...byDay.keys()].sort();
  if (days.length === 0) return <Text c="gray.8" role="status">{t('calendar.empty')}</Text>;
  return (
    <Stack gap="md" data-testid="calendar-agenda">
      {days.map((day) => (
        <section key={day} aria-labelledby={`agenda-${day}`}>
          <Title order={3} size="h5" id={`agenda-${day}`} mb={4}>
            {t(`calendar.weekdays.${weekday(day) as 1}`)}, {formatDate(day, language)}
          </Title>
          <ul className="plain-list">
            {byDay.get(day)!.map((m) => (
              <li key={m.id} data-status={m.status}>
                <Group gap="xs" wrap="wrap">
                  <Text fw={700} size="sm">{formatClock(m.startsAt, language)}–{formatClock(m.endsAt, language)}</Text>
                  <Anchor component={Link} to={`/meetings/${m.id}`} size="sm">{meetingPlace(m, language)}</Anchor>
                  <MeetingStatusBadge status={m.status} size="sm" />
                  <LateEntryBadge status={m.lateEntry} />
                </Group>
                <Text size="sm">
                  {[m.venueName, m.venueAddress].filter(Boolean).join(', ')}
                  {m.format === 'online' && <>{(m.venueName || m.venueAddress) && ' · '}{t('format.online')}</>}
                </Text>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Stack>
  );
}
