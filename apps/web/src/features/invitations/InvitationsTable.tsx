import { Alert, Anchor, Badge, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../app/table.tsx';
import { meetingChanged } from '../meetings/meetings.api.ts';
import { INVITATION_STATUSES, REQUIRED_CATEGORIES } from '../meetings/options.ts';
import { RefusalAlert, RuleLink } from '../meetings/RuleRefusal.tsx';
import type { Invitation, InvitationStatus, MeetingDetail } from '../meetings/types.ts';
import { letterUrl, missingRequired, NEXT_STATUS, setInvitationStatus } from './invitations.api.ts';
import { badgeStyles, TONE } from '../meetings/StatusBadge.tsx';
import { notifyDone } from '../meetings/notify.ts';
import { PALETTE } from '../../app/design.ts';

function Letters({ invitation }: { invitation: Invitation }) {
  const { t } = useTranslation('meetings');
  return (
    <Stack gap={2}>
      {(['kk', 'ru'] as const).map((lang) => (
        <Group key={lang} gap={6} wrap="nowrap">
          <Text size="xs" fw={600} miw={40}>{t(`invite.letterLang.${lang}`)}</Text>
          {(['pdf', 'docx'] as const).map((format) => (
            <Anchor key={format} size="sm" href={letterUrl(invitation.id, lang, format)}
              aria-label={t('invite.letterLabel', { lang: t(`texts.${lang}`), format: format.toUpperCase(), name: invitation.personName })}>
              {format.toUpperCase()}
            </Anchor>
          ))}
        </Group>
      ))}
    </Stack>
  );
}

/** Who is invited, the state of each invitation, and the letters to send. */
export function InvitationsTable({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation('meetings');
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: ({ id, status }: { id: string; status: InvitationStatus }) => setInvitationStatus(id, status),
    onSuccess: () => {
      meetingChanged(queryClient);
      notifyDone(t('invite.statusSaved'));
    },
  });
  const missing = missingRequired(meeting, REQUIRED_CATEGORIES);
  const canEdit = meeting.abilities.update;

  return (
    <Stack gap="sm">
      {missing.length > 0 && (
        <Alert color={TONE.orange} icon={<IconAlertTriangle aria-hidden />} data-testid="invite-missing">
          {t('invite.missing', { categories: missing.map((c) => t(`category.${c}`)).join(', ') })} (<RuleLink rule="R-26" />)
        </Alert>
      )}
      {change.isError && <RefusalAlert error={change.error} testId="invite-status-error" />}
      {meeting.invitations.length === 0 ? <Text size="sm" c="gray.8">{t('invite.none')}</Text> : (
        // On a phone each invitation is a card: who, and its status to set, first (issue 14).
        <DataTable
          label={t('invite.title')}
          minWidth={720}
          testId="invitations"
          rows={meeting.invitations}
          rowKey={(invitation) => invitation.id}
          rowProps={(invitation) => ({ 'data-testid': `invitation-${invitation.category}` })}
          columns={[
            {
              id: 'category', header: t('invite.category'),
              cell: (invitation) => (
                <>
                  <Text size="sm">{t(`category.${invitation.category}`)}</Text>
                  <Badge styles={badgeStyles} size="sm" tt="none" color={invitation.required ? PALETTE.info : PALETTE.neutral}>
                    {invitation.required ? t('invite.requiredBadge') : t('invite.agreementBadge')}
                  </Badge>
                </>
              ),
            },
            {
              id: 'addressee', header: t('invite.addressee'), stack: 'title',
              cell: (invitation) => (
                <>
                  <Text size="sm" fw={600}>{invitation.personName}</Text>
                  <Text size="sm">{invitation.organisation}</Text>
                  {invitation.note && <Text size="xs" c="gray.8">{invitation.note}</Text>}
                </>
              ),
            },
            { id: 'contact', header: t('invite.contact'), cell: (invitation) => <Text size="sm">{invitation.contact ?? t('common.none')}</Text> },
            {
              id: 'status', header: t('invite.status'), stack: 'first',
              cell: (invitation) => canEdit ? (
                <NativeSelect
                  size="sm"
                  aria-label={t('invite.statusOf', { name: invitation.personName })}
                  value={invitation.status}
                  disabled={change.isPending}
                  onChange={(e) => change.mutate({ id: invitation.id, status: e.currentTarget.value as InvitationStatus })}
                  data={INVITATION_STATUSES.filter((s) => s === invitation.status || NEXT_STATUS[invitation.status].includes(s))
                    .map((s) => ({ value: s, label: t(`invitationStatus.${s}`) }))}
                  data-testid={`invitation-status-${invitation.id}`}
                />
              ) : <Text size="sm">{t(`invitationStatus.${invitation.status}`)}</Text>,
            },
            { id: 'letter', header: t('invite.letter'), cell: (invitation) => <Letters invitation={invitation} /> },
          ]}
        />
      )}
    </Stack>
  );
}
