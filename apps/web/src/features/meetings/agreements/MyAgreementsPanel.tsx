import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../app/status.tsx';
import { localName } from '../../../i18n/names.ts';
import { useLanguage } from '../../../i18n/useLanguage.ts';
import { hasRole, useCurrentUser } from '../../auth/session.tsx';
import { AGREEMENT_ROLES } from '../roles.ts';
import { RuleLink } from '../RuleRefusal.tsx';
import { MeetingStatusBadge } from '../StatusBadge.tsx';
import { formatMeetingTime } from '../time.ts';
import type { MyAgreement } from '../types.ts';
import { AgreementAnswer, AgreementAnswered, AgreementBadge } from './AgreementAnswer.tsx';
import { agreementKeys, fetchMyAgreements } from './agreements.api.ts';
import { meetingTitle } from '../../../app/format.ts';

function AgreementCard({ agreement }: { agreement: MyAgreement }) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  const m = agreement.meeting;
  const titleId = `my-agreement-${agreement.id}`;
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="article" aria-labelledby={titleId} data-testid="my-agreement" data-status={agreement.status} data-meeting={m.id}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Title order={3} size="h5" id={titleId}>
            <Anchor component={Link} to={`/meetings/${m.id}`} inherit>{meetingTitle({ startsAt: m.startsAt, districts: [agreement.district] }, language)}</Anchor>
          </Title>
          <MeetingStatusBadge status={m.status} size="sm" />
        </Group>
        <Text fw={600}>{formatMeetingTime(m.startsAt, m.endsAt, language)} ({t('common.almatyTime')})</Text>
        {(m.venueName || m.venueAddress) && <Text size="sm">{[m.venueName, m.venueAddress].filter(Boolean).join(', ')}</Text>}
        <Text size="sm">{localName(agreement.district, language)} — {agreement.staff.fullName}</Text>
        {agreement.plannedBy && <Text size="sm">{t('agreement.plannedBy', { name: agreement.plannedBy })}</Text>}
        <div><AgreementBadge status={agreement.status} /></div>
        <AgreementAnswered agreement={agreement} />
        <AgreementAnswer agreement={agreement} />
      </Stack>
    </Paper>
  );
}

/**
 * on the quarter page: the joint meetings being planned that wait for the user's
 * agreement (or an inspector's he leads), then those already answered — an inspector sees there
 * what his lead agreed for him. Nothing is shown when there is none.
 */
export function MyAgreementsPanel() {
  const { t } = useTranslation('meetings');
  const user = useCurrentUser();
  const allowed = hasRole(user, AGREEMENT_ROLES);
  const query = useQuery({ queryKey: agreementKeys.mine, queryFn: ({ signal }) => fetchMyAgreements(signal), enabled: allowed });
  if (!allowed) return null;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const items = query.data?.items ?? [];
  if (items.length === 0) return null;
  const pending = items.filter((a) => a.status === 'pending');
  const answered = items.filter((a) => a.status !== 'pending');
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="my-agreements" data-testid="my-agreements">
      <Stack gap="sm">
        <Title order={2} size="h4" id="my-agreements">{t('agreement.mineTitle')}</Title>
        <Text size="sm">{t('agreement.mineIntro')} (<RuleLink rule="R-27.4" />)</Text>
        {pending.map((agreement) => <AgreementCard key={agreement.id} agreement={agreement} />)}
        {answered.length > 0 && (
          <>
            <Title order={3} size="h5">{t('agreement.answered')}</Title>
            {answered.map((agreement) => <AgreementCard key={agreement.id} agreement={agreement} />)}
          </>
        )}
      </Stack>
    </Paper>
  );
}
