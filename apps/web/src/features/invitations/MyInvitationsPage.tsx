import { Anchor, Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert, PageLoader } from '../../app/status.tsx';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { meetingChanged, meetingKeys } from '../meetings/meetings.api.ts';
import { RefusalAlert, RuleLink } from '../meetings/RuleRefusal.tsx';
import { badgeStyles, MeetingStatusBadge, TONE } from '../meetings/StatusBadge.tsx';
import { formatMeetingTime } from '../meetings/time.ts';
import type { MyInvitation } from '../meetings/types.ts';
import { answerInvitation, fetchMyInvitations } from './invitations.api.ts';
import { notifyDone } from '../meetings/notify.ts';
import { meetingTitle } from '../../app/format.ts';
import { PALETTE } from '../../app/design.ts';

const ANSWERED = ['accepted', 'declined', 'attended', 'absent'];

function InvitationCard({ invitation }: { invitation: MyInvitation }) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const answer = useMutation({
    mutationFn: (value: 'accepted' | 'declined') => answerInvitation(invitation.id, value, note.trim() || null),
    onSuccess: (_, value) => {
      meetingChanged(queryClient);
      notifyDone(t(value === 'accepted' ? 'mine.acceptedDone' : 'mine.declinedDone'));
    },
  });
  const m = invitation.meeting;
  const answered = ANSWERED.includes(invitation.status);
  const titleId = `invitation-${invitation.id}`;
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="article" aria-labelledby={titleId} data-testid="my-invitation" data-status={invitation.status}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h4" id={titleId}>
            <Anchor component={Link} to={`/meetings/${m.id}`} inherit>{meetingTitle(m, language)}</Anchor>
          </Title>
          <MeetingStatusBadge status={m.status} size="sm" />
        </Group>
        <Text fw={600}>{formatMeetingTime(m.startsAt, m.endsAt, language)} ({t('common.almatyTime')})</Text>
        {(m.venueName || m.venueAddress) && <Text size="sm">{[m.venueName, m.venueAddress].filter(Boolean).join(', ')}</Text>}
        <Text size="sm">
          {t(`category.${invitation.category}`)} · {invitation.organisation} · {invitation.personName}
          {' '}(<RuleLink rule={invitation.required ? 'R-26' : 'R-28'} />)
        </Text>
        <Group gap="xs">
          <Text size="sm">{t('invite.status')}:</Text>
          <Badge styles={badgeStyles} tt="none" color={invitation.status === 'declined' ? PALETTE.danger : answered ? PALETTE.success : PALETTE.neutral}>{t(`invitationStatus.${invitation.status}`)}</Badge>
        </Group>
        {invitation.note && <Text size="sm">{t('mine.yourNote')}: {invitation.note}</Text>}
        {invitation.status === 'draft' && <Text size="sm" c="gray.8">{t('mine.notSent')}</Text>}
        {!['draft', 'attended', 'absent'].includes(invitation.status) && (
          <>
            <Textarea label={t('mine.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={1} maxLength={1000} />
            <Group gap="sm">
              <Button size="md" leftSection={<IconCheck size={18} aria-hidden />} color={TONE.green} loading={answer.isPending && answer.variables === 'accepted'}
                disabled={answer.isPending || invitation.status === 'accepted'} onClick={() => answer.mutate('accepted')} data-testid="invitation-accept">
                {t('mine.accept')}
              </Button>
              <Button size="md" variant="default" leftSection={<IconX size={18} aria-hidden />} loading={answer.isPending && answer.variables === 'declined'}
                disabled={answer.isPending || invitation.status === 'declined'} onClick={() => answer.mutate('declined')} data-testid="invitation-decline">
                {t('mine.decline')}
              </Button>
            </Group>
          </>
        )}
        {answer.isError && <RefusalAlert error={answer.error} />}
      </Stack>
    </Paper>
  );
}

/** `/invitations` — invitations addressed to the user (heads, akimats: R-26) with accept and decline. */
export function MyInvitationsPage() {
  const { t } = useTranslation('meetings');
  useDocumentTitle(`${t('mine.title')} — Esep`);
  const query = useQuery({ queryKey: meetingKeys.mine, queryFn: ({ signal }) => fetchMyInvitations(signal) });
  const items = [...(query.data ?? [])].sort((a, b) => a.meeting.startsAt.localeCompare(b.meeting.startsAt));
  return (
    <Stack gap="md" maw={900}>
      <Title order={1}>{t('mine.title')}</Title>
      <Text>{t('mine.intro')} (<RuleLink rule="R-26" />, <RuleLink rule="R-28" />)</Text>
      {query.isPending && <PageLoader />}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && items.length === 0 && <Text c="gray.8" role="status">{t('mine.none')}</Text>}
      {items.map((invitation) => <InvitationCard key={invitation.id} invitation={invitation} />)}
    </Stack>
  );
}
