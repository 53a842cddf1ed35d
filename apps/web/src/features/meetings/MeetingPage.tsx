import { Anchor, Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconCalendarEvent, IconMapPin, IconUsers } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../app/api.ts';
import { ErrorAlert, MessagePage, PageLoader } from '../../app/status.tsx';
import { localName } from '../../i18n/names.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { InvitationForm } from '../invitations/InvitationForm.tsx';
import { InvitationsTable } from '../invitations/InvitationsTable.tsx';
import { AnnouncementForm, AnnouncementList } from './Announcements.tsx';
import { AnnouncementTexts } from './AnnouncementTexts.tsx';
import { Checklist } from './Checklist.tsx';
import { MeetingActions } from './MeetingActions.tsx';
import { AgreementsSection } from './agreements/AgreementsSection.tsx';
import { ConflictList, MeetingHistory } from './MeetingHistory.tsx';
import { HoldingSection } from './HoldingSection.tsx';
import { FOLLOW_UP_STATUSES, FollowUpSection } from '../followup/FollowUpSection.tsx';
import { fetchMeeting, meetingKeys } from './meetings.api.ts';
import './meetings.css';
import { NoticePanel } from './NoticePanel.tsx';
import { MeetingStatusBadge, PracticeBadge } from './StatusBadge.tsx';
import { AnnounceStep } from './tasks/AnnounceStep.tsx';
import { HoldButton, NextAction } from './tasks/NextAction.tsx';
import { TaskList, type TaskKey } from './tasks/TaskList.tsx';
import { formatMeetingTime } from './time.ts';
import type { MeetingDetail } from './types.ts';
import { LateEntryBadge } from './late/LateEntryBadge.tsx';
import { LateEntryPanel } from './late/LateEntryPanel.tsx';
import { meetingTitle } from '../../app/format.ts';

export function Section({ id, title, children, testId }: { id: string; title: string; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby={id} data-testid={testId}>
      <Title order={2} size="h4" mb="sm" id={id}>{title}</Title>
      {children}
    </Paper>
  );
}

function Place({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation('meetings');
  const venue = [meeting.venueName, meeting.venueAddress].filter(Boolean).join(', ');
  return (
    <div>
      <Text>
        {t(`format.${meeting.format}`)}
        {venue && <> · {venue}</>}
        {meeting.onlineLink && <> · <Anchor href={meeting.onlineLink} target="_blank" rel="noreferrer" style={{ overflowWrap: 'anywhere' }}>{t('meeting.onlineLink')}</Anchor></>}
      </Text>
      {/* Issue 13: the way to the venue as the public page shows it to residents. */}
      {meeting.directions && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="meeting-directions">
          <Text span size="sm" fw={600}>{t('meeting.directions')}:</Text> {meeting.directions}
        </Text>
      )}
    </div>
  );
}

function MeetingView({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  const [search] = useSearchParams();
  const title = meetingTitle(meeting, language);
  useDocumentTitle(`${title} — Esep`);
  // A link to a section (the live screen's "Follow-up" → #meeting-followup) lands on it once the page is drawn.
  useEffect(() => {
    const id = window.location.hash.slice(1);
    if (id) document.getElementById(id)?.scrollIntoView({ block: 'start' });
  }, []);
  const districts = meeting.districts.map((d) => ({ ...d, inspector: meeting.inspectors.find((i) => i.districtId === d.id) }));
  const { steps, next } = meeting.tasks;
  // Issue 14: the page shows one step — the one asked for, else the next one, else the first unfinished.
  const asked = steps.find((s) => s.key === search.get('step'))?.key;
  const step: TaskKey = asked ?? next.step ?? steps.find((s) => s.status === 'current')?.key ?? (FOLLOW_UP_STATUSES.has(meeting.status) ? 'followup' : 'plan');

  return (
    <Stack gap="md">
      <Stack gap={6}>
        <Group gap="sm" align="center" wrap="wrap">
          <Title order={1} data-testid="meeting-title">{title}</Title>
          <MeetingStatusBadge status={meeting.status} size="lg" testId="meeting-status" />
          {meeting.practice && <PracticeBadge size="lg" />}
          <LateEntryBadge status={meeting.lateEntry} size="lg" />
        </Group>
        {/* The registration number stays for those who cite it (letters, the protocol); the title is for reading. */}
        <Text size="sm" c="gray.8" data-testid="meeting-number" data-number={meeting.number}>{t('meeting.numberLine', { number: meeting.number })}</Text>
        {meeting.practice && <Text size="sm" data-testid="practice-note">{t('practice.note')}</Text>}
        <Group gap={6} wrap="nowrap" align="flex-start">
          <IconCalendarEvent size={20} aria-hidden style={{ flex: 'none', marginTop: 2 }} />
          <Text fw={600} data-testid="meeting-time">{formatMeetingTime(meeting.startsAt, meeting.endsAt, language)} <Text span c="gray.8" fw={400}>({t('common.almatyTime')})</Text></Text>
        </Group>
        <Group gap={6} wrap="nowrap" align="flex-start">
          <IconMapPin size={20} aria-hidden style={{ flex: 'none', marginTop: 2 }} />
          <Place meeting={meeting} />
        </Group>
        <Group gap={6} wrap="nowrap" align="flex-start">
          <IconUsers size={20} aria-hidden style={{ flex: 'none', marginTop: 2 }} />
          <Text>
            {t(`setting.${meeting.setting}`)}
            {meeting.convenerAtu && <> · {localName(meeting.convenerAtu, language)}</>}
            {districts.map((d) => (
              <Text span key={d.id} display="block" size="sm">
                <Anchor component={Link} to={`/districts/${d.id}`}>{localName(d, language)}</Anchor>
                {d.inspector && <> — {d.inspector.fullName}{d.inspector.acting && ` (${t('meeting.acting')})`}</>}
              </Text>
            ))}
          </Text>
        </Group>
        {meeting.reason && <Text size="sm">{t('meeting.reason')}: {meeting.reason}</Text>}
      </Stack>

      <LateEntryPanel meeting={meeting} />

      <NextAction meeting={meeting} />

      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 4 }} order={{ base: 2, md: 1 }}>
          <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="nav" aria-labelledby="meeting-tasks">
            <Title order={2} size="h4" mb="sm" id="meeting-tasks">{t('tasks.title')}</Title>
            <TaskList meetingId={meeting.id} steps={steps} selected={step} />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }} order={{ base: 1, md: 2 }}>
          <Section id="meeting-step" title={t(`tasks.step.${step}`)} testId={`step-${step}`}>
            <StepScreen meeting={meeting} step={step} />
          </Section>
        </Grid.Col>
      </Grid>

      <MeetingActions meeting={meeting} />

      <details className="meeting-details" data-testid="meeting-details">
        <summary>{t('tasks.details')}</summary>
        <Stack gap="md" mt="sm">
          <Section id="meeting-checklist" title={t('meeting.checklist')}>
            <Checklist checks={meeting.checklist} />
          </Section>
          <Section id="meeting-conflicts" title={t('conflicts.title')}>
            <ConflictList conflicts={meeting.conflicts} />
          </Section>
          <Section id="meeting-history" title={t('meeting.history')}>
            <MeetingHistory events={meeting.events} />
          </Section>
        </Stack>
      </details>
      <Text size="sm">
        {t('meeting.publicPage')}: <Anchor href={meeting.publicUrl} target="_blank" rel="noreferrer" style={{ overflowWrap: 'anywhere' }}>{meeting.publicUrl}</Anchor>
      </Text>
    </Stack>
  );
}

/** Each step's own screen. */
function StepScreen({ meeting, step }: { meeting: MeetingDetail; step: TaskKey }) {
  const { t } = useTranslation('meetings');
  switch (step) {
    case 'plan':
      return (
        <Stack gap="md">
          {meeting.agreements.length > 0 && <div data-testid="meeting-agreements"><AgreementsSection meeting={meeting} /></div>}
          <NoticePanel notice={meeting.notice} />
          {meeting.abilities.update && ['draft', 'scheduled'].includes(meeting.status) && (
            <Button component={Link} to={`/meetings/${meeting.id}/edit`} variant="default" size="md" style={{ alignSelf: 'flex-start' }} data-testid="step-edit-plan">{t('meeting.editPlan')}</Button>
          )}
        </Stack>
      );
    case 'announce':
      return (
        <Stack gap="md">
          {meeting.agreements.length > 0 && <div data-testid="meeting-agreements"><AgreementsSection meeting={meeting} /></div>}
          <AnnounceStep meeting={meeting} />
          <AnnouncementList meeting={meeting} />
          {meeting.abilities.update && (
            <details>
              <summary data-testid="announce-another">{t('tasks.announce.another')}</summary>
              <AnnouncementForm meeting={meeting} />
            </details>
          )}
          <AnnouncementTexts meetingId={meeting.id} />
        </Stack>
      );
    case 'invite':
      return (
        <Stack gap="md">
          <InvitationsTable meeting={meeting} />
          {meeting.abilities.update && <InvitationForm key={meeting.invitations.length} meeting={meeting} />}
        </Stack>
      );
    case 'prepare':
    case 'hold':
      return (
        <Stack gap="md" data-testid="meeting-holding">
          <HoldingSection meeting={meeting} />
          {step === 'hold' && meeting.abilities.update && meeting.tasks.next.action !== 'hold' && meeting.availableActions.includes('hold')
            && meeting.tasks.steps.find((s) => s.key === 'hold')?.status !== 'waiting' && <HoldButton meeting={meeting} primary={false} />}
        </Stack>
      );
    case 'protocol':
      return <div data-testid="meeting-holding"><HoldingSection meeting={meeting} /></div>;
    case 'followup':
      return FOLLOW_UP_STATUSES.has(meeting.status)
        ? <div data-testid="meeting-followup"><FollowUpSection meeting={meeting} /></div>
        : <Text size="sm">{t('tasks.followupLater')}</Text>;
  }
}

/** `/meetings/:id` — a meeting, its checklist by the Rules, notice, invitations and history. */
export function MeetingPage() {
  const { t } = useTranslation('meetings');
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: meetingKeys.detail(id), queryFn: ({ signal }) => fetchMeeting(id, signal) });
  if (query.isPending) return <PageLoader />;
  if (query.isError) {
    if (isApiError(query.error, 404) || isApiError(query.error, 400)) {
      return <MessagePage title={t('meeting.notFoundTitle')} text={t('meeting.notFoundText')} />;
    }
    return (
      <Stack gap="md">
        <Title order={1}>{t('meeting.titleGeneric')}</Title>
        <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      </Stack>
    );
  }
  return <MeetingView meeting={query.data} />;
}
