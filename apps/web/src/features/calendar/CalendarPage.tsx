import { ActionIcon, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle, useMediaQuery } from '@mantine/hooks';
import { IconCalendarPlus, IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { todayIso } from '../../app/format.ts';
import { ErrorAlert, PageLoader } from '../../app/status.tsx';
import { hasRole, useCurrentUser } from '../auth/session.tsx';
import { fetchMeetings, meetingKeys, type MeetingListParams } from '../meetings/meetings.api.ts';
import '../meetings/meetings.css';
import { PLANNER_ROLES } from '../meetings/roles.ts';
import { MEETING_STATUSES } from '../meetings/options.ts';
import { MeetingStatusBadge } from '../meetings/StatusBadge.tsx';
import type { MeetingSummary } from '../meetings/types.ts';
import { Agenda } from './Agenda.tsx';
import './calendar.css';
import { isMonthKey, monthRange, shiftMonth } from './calendar.ts';
import { MonthGrid } from './MonthGrid.tsx';
import { LateEntryButton } from '../meetings/late/LateEntryButton.tsx';
import { SubscribeButton } from './SubscribeModal.tsx';

type View = 'month' | 'agenda';

/** `/calendar` — the meetings of a month as a grid or as an agenda (on a phone, always the agenda). */
export function CalendarPage() {
  const { t } = useTranslation('meetings');
  const user = useCurrentUser();
  const narrow = useMediaQuery('(max-width: 47.99em)') ?? false;
  const [search, setSearch] = useSearchParams();
  const today = todayIso();
  const month = isMonthKey(search.get('month')) ? search.get('month')! : today.slice(0, 7);
  const view: View = search.get('view') === 'agenda' ? 'agenda' : 'month';
  useDocumentTitle(`${t('calendar.title')} — Esep`);
  const update = (changes: Record<string, string | null>) => setSearch((current) => {
    const params = new URLSearchParams(current);
    for (const [key, value] of Object.entries(changes)) {
      if (value) params.set(key, value); else params.delete(key);
    }
    return params;
  }, { replace: true });

  const params: MeetingListParams = { ...monthRange(month), pageSize: 200, sort: 'startsAt' };
  const query = useQuery({
    queryKey: meetingKeys.list(params),
    queryFn: ({ signal }) => fetchMeetings(params, signal),
    placeholderData: keepPreviousData,
  });
  const byDay = new Map<string, MeetingSummary[]>();
  for (const m of query.data?.items ?? []) byDay.set(m.startDate, [...(byDay.get(m.startDate) ?? []), m]);
  const monthLabel = `${t(`calendar.months.${Number(month.slice(5)) as 1}`)} ${month.slice(0, 4)}`;

  return (
    <Stack gap="md">
      <Group justify="space-between" gap="sm">
        <Title order={1}>{t('calendar.title')}</Title>
        <Group gap="sm">
          <SubscribeButton />
          <LateEntryButton />
          {hasRole(user, PLANNER_ROLES) && (
            <Button size="md" component={Link} to="/meetings/new" leftSection={<IconCalendarPlus size={18} aria-hidden />} data-testid="calendar-plan">
              {t('board.plan')}
            </Button>
          )}
        </Group>
      </Group>
      <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="calendar-month-title">
        <Stack gap="md">
          <Group justify="space-between" gap="sm">
            <Group gap="xs">
              <ActionIcon size="xl" variant="default" onClick={() => update({ month: shiftMonth(month, -1) })} aria-label={t('calendar.previousMonth')} data-testid="month-prev">
                <IconChevronLeft aria-hidden />
              </ActionIcon>
              <Title order={2} size="h4" id="calendar-month-title" miw={130} ta="center" aria-live="polite">{monthLabel}</Title>
              <ActionIcon size="xl" variant="default" onClick={() => update({ month: shiftMonth(month, 1) })} aria-label={t('calendar.nextMonth')} data-testid="month-next">
                <IconChevronRight aria-hidden />
              </ActionIcon>
              <Button variant="subtle" onClick={() => update({ month: null })}>{t('calendar.today')}</Button>
            </Group>
            {!narrow && (
              <Group gap={4} role="group" aria-label={t('calendar.view')}>
                {(['month', 'agenda'] as const).map((v) => (
                  <Button key={v} variant={view === v ? 'filled' : 'default'} aria-pressed={view === v}
                    onClick={() => update({ view: v === 'month' ? null : v })} data-testid={`calendar-view-${v}`}>
                    {t(`calendar.views.${v}`)}
                  </Button>
                ))}
              </Group>
            )}
          </Group>
          {query.isPending && <PageLoader />}
          {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
          {query.data && (view === 'agenda' || narrow ? <Agenda byDay={byDay} /> : <MonthGrid month={month} byDay={byDay} today={today} />)}
          {query.data && query.data.total > query.data.items.length && <Text size="sm" c="gray.8">{t('calendar.truncated', { shown: query.data.items.length, total: query.data.total })}</Text>}
        </Stack>
      </Paper>
      <Group gap="xs" aria-label={t('calendar.legend')} role="group">
        {MEETING_STATUSES.map((s) => <MeetingStatusBadge key={s} status={s} size="sm" />)}
      </Group>
    </Stack>
  );
}
