import { almatyDate } from '@esep/domain';
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconListCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api.ts';
import { ErrorAlert, PageLoader } from '../../app/status.tsx';
import { hasRole, useCurrentUser } from '../auth/session.tsx';
import { notifyDone } from '../meetings/notify.ts';
import { RefusalAlert, RuleLink } from '../meetings/RuleRefusal.tsx';
import type { MeetingDetail } from '../meetings/types.ts';
import { ChecksList } from './ChecksList.tsx';
import { DecisionsExecution } from './DecisionsExecution.tsx';
import { useWorkingCalendar } from './DueDate.tsx';
import { fetchChecks, fetchForwardings, followupKeys, followUpChanged, openFollowUps } from './followup.api.ts';
import './followup.css';
import { ForwardingsList } from './ForwardingsList.tsx';
import { REASSIGN_ROLES } from './roles.ts';

/** The meeting statuses after the protocol is signed: the follow-up is shown from then on. */
export const FOLLOW_UP_STATUSES: ReadonlySet<MeetingDetail['status']> = new Set(['protocol_signed', 'closed']);

function Part({ id, title, rule, children }: { id: string; title: string; rule: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section" aria-labelledby={id}>
      <Title order={3} size="h5" id={id}>{title} <Text span size="sm" fw={400}>(<RuleLink rule={rule} />)</Text></Title>
      {children}
    </Stack>
  );
}

/**
 * What follows the signed protocol: the checks of items not answered in full (R-32.4), the
 * forwardings to state bodies with the initiator told (R-32.5), and the decisions' execution,
 * all verified by the point lead (R-33).
 */
export function FollowUpSection({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation('followup');
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const checks = useQuery({ queryKey: followupKeys.checks(meeting.id), queryFn: ({ signal }) => fetchChecks(meeting.id, signal) });
  const forwardings = useQuery({ queryKey: followupKeys.forwardings(meeting.id), queryFn: ({ signal }) => fetchForwardings(meeting.id, signal) });
  const dates = [...(checks.data ?? []).map((c) => c.dueDate), ...(forwardings.data ?? []).map((f) => f.dueDate)];
  const calendar = useWorkingCalendar(dates);
  const editable = meeting.abilities.update && meeting.status === 'protocol_signed';
  // the point lead and the leadership above reassign checks while the protocol is executed.
  const team = hasRole(user, REASSIGN_ROLES) && meeting.status === 'protocol_signed'
    ? { pointId: meeting.point.id, inspectors: meeting.inspectors }
    : null;
  const open = useMutation({
    mutationFn: () => openFollowUps(meeting.id),
    onSuccess: (opened) => {
      void queryClient.invalidateQueries({ queryKey: followupKeys.checks(meeting.id) });
      void queryClient.invalidateQueries({ queryKey: followupKeys.forwardings(meeting.id) });
      followUpChanged(queryClient, meeting.id);
      notifyDone(t('section.opened', { checks: opened.checks, forwardings: opened.forwardings }));
    },
  });
  const forbidden = [checks.error, forwardings.error].some((e) => isApiError(e, 403));
  if (forbidden) return <Text size="sm" c="gray.8">{t('section.forbidden')}</Text>;
  if (checks.isPending || forwardings.isPending) return <PageLoader />;
  if (checks.isError) return <ErrorAlert error={checks.error} onRetry={() => void checks.refetch()} />;
  if (forwardings.isError) return <ErrorAlert error={forwardings.error} onRetry={() => void forwardings.refetch()} />;
  const nothing = checks.data.length === 0 && forwardings.data.length === 0;
  const meetingDate = almatyDate(new Date(meeting.startsAt));

  return (
    <Stack gap="md" data-testid="followup">
      <Text size="sm">{meeting.status === 'closed' ? t('section.closedIntro') : t('section.intro')}</Text>
      {nothing && editable && (
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{t('section.notOpened')}</Text>
          {open.isError && <RefusalAlert error={open.error} />}
          <Button variant="default" leftSection={<IconListCheck size={16} aria-hidden />} loading={open.isPending} onClick={() => open.mutate()} data-testid="followup-open">
            {t('section.open')}
          </Button>
        </Stack>
      )}
      <Part id="followup-checks" title={t('section.checks', { count: checks.data.length })} rule="R-32.4">
        <ChecksList checks={checks.data} editable={editable} calendar={calendar} team={team} />
      </Part>
      <Part id="followup-forwardings" title={t('section.forwardings', { count: forwardings.data.length })} rule="R-32.5">
        <ForwardingsList forwardings={forwardings.data} editable={editable} calendar={calendar} districtId={meeting.districts[0]?.id} />
      </Part>
      <Part id="followup-decisions" title={t('section.decisions')} rule="R-33">
        <DecisionsExecution meetingId={meeting.id} meetingDate={meetingDate} editable={editable} calendar={calendar} />
      </Part>
      {meeting.status === 'protocol_signed' && (
        <Group gap="xs"><Text size="sm" c="gray.8">{t('section.controlNote')}</Text></Group>
      )}
    </Stack>
  );
}
