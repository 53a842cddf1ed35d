import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconArrowRight, IconCalendarPlus, IconSchool } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert, PageLoader } from '../../app/status.tsx';
import { localName } from '../../i18n/names.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { fetchBoard } from '../board/board.api.ts';
import { wrappingButton } from '../meetings/buttons.ts';
import { MeetingStatusBadge, ObligationBadge } from '../meetings/StatusBadge.tsx';
import { formatAlmatyDateTime } from '../meetings/time.ts';
import type { ObligationBoard } from '../meetings/types.ts';

type Row = ObligationBoard['districts'][number];
type Meeting = Row['meetings'][number];
const OPEN: ReadonlyArray<Meeting['status']> = ['draft', 'scheduled', 'announced', 'postponed', 'held', 'protocol_signed'];

/**
 * Issue 14: the one thing to do next across the inspector's districts — a meeting to hold today
 * first, then one under way in its cycle, then planning for a district with none.
 */
export function nextThing(rows: readonly Row[], today: string): { kind: 'open'; meeting: Meeting } | { kind: 'plan'; districtId: string } | null {
  const meetings = rows.flatMap((r) => r.meetings);
  const todays = meetings.find((m) => m.status === 'announced' && m.startsAt.slice(0, 10) <= today && isToday(m.startsAt, today));
  if (todays) return { kind: 'open', meeting: todays };
  const unplanned = rows.find((r) => r.meetings.every((m) => !OPEN.includes(m.status) && m.status !== 'closed'));
  const active = meetings.filter((m) => OPEN.includes(m.status)).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  if (active[0]) return { kind: 'open', meeting: active[0] };
  if (unplanned) return { kind: 'plan', districtId: unplanned.district.id };
  return null;
}

/** Announced, today, and starting within the hour or already begun: the live screen is what he needs. */
const liveSoon = (m: Meeting, today: string) => m.status === 'announced' && isToday(m.startsAt, today) && Date.now() >= Date.parse(m.startsAt) - 3_600_000;

const isToday = (startsAt: string, today: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(new Date(startsAt)) === today;

/** `/meetings` — the inspector's quarter: each district met or at risk, days left to announce, and one button. */
export function HomePage() {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  useDocumentTitle(`${t('home.title')} — Esep`);
  const board = useQuery({ queryKey: ['obligations', 'home'], queryFn: ({ signal }) => fetchBoard({ page: 1, pageSize: 25 }, signal) });
  if (board.isPending) return <PageLoader />;
  if (board.isError) return <ErrorAlert error={board.error} onRetry={() => void board.refetch()} />;
  const { districts, today, quarter } = board.data;
  const next = nextThing(districts, today);
  return (
    <Stack gap="md" maw={900}>
      <div>
        <Title order={1}>{t('home.title')}</Title>
        <Text c="gray.8" data-testid="home-quarter">{t('home.quarter', { quarter })}</Text>
      </div>
      {next && (
        <Paper withBorder p={{ base: 'sm', sm: 'md' }}>
          {next.kind === 'open'
            // A meeting about to start or under way opens straight on its live screen (issue 14: the next step one tap away).
            ? <Button component={Link} to={`/meetings/${next.meeting.id}${liveSoon(next.meeting, today) ? '/live' : ''}`} size="lg" styles={wrappingButton} rightSection={<IconArrowRight aria-hidden />} data-testid="home-next" data-kind="open">
                {isToday(next.meeting.startsAt, today) && next.meeting.status === 'announced' ? t('home.today') : t('home.open')}: {formatAlmatyDateTime(next.meeting.startsAt, language)}
              </Button>
            : <Button component={Link} to={`/meetings/new?district=${next.districtId}`} size="lg" styles={wrappingButton} leftSection={<IconCalendarPlus aria-hidden />} data-testid="home-next" data-kind="plan">
                {t('home.plan')}
              </Button>}
        </Paper>
      )}
      {districts.length === 0 && <Text>{t('home.none')}</Text>}
      <ul className="plain-list" data-testid="home-districts">
        {districts.map((row) => (
          <li key={row.district.id} data-testid={`home-district-${row.district.code}`} data-status={row.status}>
            <Stack gap={4}>
              <Group gap="sm" wrap="wrap">
                <Anchor component={Link} to={`/districts/${row.district.id}`} fw={600}>{localName(row.district, language)}</Anchor>
                <ObligationBadge status={row.status} />
              </Group>
              {row.daysToAnnounce != null && row.daysToAnnounce >= 0 && !['met', 'held'].includes(row.status) && (
                <Text size="sm">{t('home.daysToAnnounce', { count: row.daysToAnnounce })}</Text>
              )}
              {!row.meetings.some((m) => m.startsAt.slice(0, 10) > today && m.status !== 'cancelled') && (
                <Button component={Link} to={`/meetings/new?district=${row.district.id}`} variant="default" size="sm" styles={wrappingButton}
                  leftSection={<IconCalendarPlus size={16} aria-hidden />} style={{ alignSelf: 'flex-start' }} data-testid="home-plan">
                  {t('home.plan')}
                </Button>
              )}
              {row.meetings.map((m) => (
                <Group key={m.id} gap="xs" wrap="wrap">
                  <Anchor component={Link} to={`/meetings/${m.id}`} size="sm">{formatAlmatyDateTime(m.startsAt, language)}</Anchor>
                  <MeetingStatusBadge status={m.status} size="sm" />
                  {m.status === 'announced' && isToday(m.startsAt, today) && <Text span size="sm" fw={700}>{t('home.today')}</Text>}
                </Group>
              ))}
            </Stack>
          </li>
        ))}
      </ul>
      <Anchor component={Link} to="/meetings/new?practice=1" data-testid="home-practice" style={{ alignSelf: 'flex-start' }}>
        <Group gap={6} wrap="nowrap"><IconSchool size={18} aria-hidden />{t('practice.create')}</Group>
      </Anchor>
      <Text size="xs" c="gray.8">{t('practice.hint')}</Text>
    </Stack>
  );
}
