import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasRole, useCurrentUser } from '../../auth/session.tsx';
import { useLanguage } from '../../../i18n/useLanguage.ts';
import { fetchMeetings, meetingKeys, type MeetingListParams } from '../meetings.api.ts';
import { RuleLink } from '../RuleRefusal.tsx';
import { LATE_CONFIRM_ROLES } from '../roles.ts';
import { meetingTitle } from '../../../app/format.ts';

const PENDING: MeetingListParams = { lateEntry: 'pending', pageSize: 50, sort: 'startsAt' };

/** the meetings entered after the fact that wait for this lead's confirmation; nothing when none do. */
export function LateEntryQueue() {
  const { t } = useTranslation('late');
  const language = useLanguage();
  const user = useCurrentUser();
  const allowed = hasRole(user, LATE_CONFIRM_ROLES);
  const query = useQuery({ queryKey: meetingKeys.list(PENDING), queryFn: ({ signal }) => fetchMeetings(PENDING, signal), enabled: allowed });
  const items = query.data?.items ?? [];
  if (!allowed || items.length === 0) return null;
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="late-queue-title" data-testid="late-entry-queue">
      <Title order={2} size="h4" mb="sm" id="late-queue-title">{t('queue.title')} <Text span size="sm" fw={400}>(<RuleLink rule="R-33" />)</Text></Title>
      <Stack gap={6} component="ul" className="plain-list">
        {items.map((m) => (
          <li key={m.id}>
            <Anchor component={Link} to={`/meetings/${m.id}`} fw={600} data-testid="late-entry-queue-link">{meetingTitle(m, language)}</Anchor>
          </li>
        ))}
      </Stack>
    </Paper>
  );
}
