import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime, formatLongDateTime } from '../../app/format.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { formatAlmatyDateTime } from './time.ts';
import type { Conflict, MeetingEvent } from './types.ts';

const EVENTS = ['create', 'edit', 'schedule', 'announce', 'hold', 'signProtocol', 'close', 'postpone', 'reschedule', 'cancel'] as const;
const knownEvent = (action: string): action is (typeof EVENTS)[number] => (EVENTS as readonly string[]).includes(action);

/** Other meetings that clash with this one: same inspector, same venue, or the same quarter. */
export function ConflictList({ conflicts }: { conflicts: Array<Conflict & { withMeetingId?: string; withNumber?: string }> }) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  if (conflicts.length === 0) return <Text size="sm" c="gray.8">{t('conflicts.none')}</Text>;
  return (
    <ul className="plain-list" data-testid="conflicts">
      {conflicts.map((c) => (
        <li key={`${c.kind}-${c.meetingId}-${c.withMeetingId ?? ''}`}>
          <Text size="sm" fw={600}>{t(`conflicts.${c.kind}`)}</Text>
          <Text size="sm">
            <Anchor component={Link} to={`/meetings/${c.meetingId}`}>{c.number}</Anchor>
            {' · '}{formatAlmatyDateTime(c.startsAt, language)}
            {c.withMeetingId && <> · {t('conflicts.with')} <Anchor component={Link} to={`/meetings/${c.withMeetingId}`}>{c.withNumber ?? t('conflicts.other')}</Anchor></>}
          </Text>
        </li>
      ))}
    </ul>
  );
}

/** What happened to the meeting, newest first. */
export function MeetingHistory({ events }: { events: MeetingEvent[] }) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  return (
    <ol className="plain-list" data-testid="history">
      {[...events].reverse().map((e, i) => (
        <li key={`${e.at}-${i}`}>
          <Text size="sm" fw={600}>
            {knownEvent(e.action) ? t(`history.${e.action}`) : e.action}
            {e.fromStatus && e.fromStatus !== e.toStatus && <> · {t(`status.${e.fromStatus}`)} → {t(`status.${e.toStatus}`)}</>}
          </Text>
          <Text size="xs" c="gray.8">{formatDateTime(e.at, language)}</Text>
          {e.reason && <Text size="sm">{t('meeting.reason')}: {e.reason}</Text>}
          {e.previousStartsAt && <Text size="sm">{t('history.previousStart', { date: formatLongDateTime(e.previousStartsAt, language) })}</Text>}
        </li>
      ))}
    </ol>
  );
}
