import { Button, Checkbox, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconSpeakerphone } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, todayIso } from '../../../app/format.ts';
import { useLanguage } from '../../../i18n/useLanguage.ts';
import { meetingChanged, transitionMeeting } from '../meetings.api.ts';
import { notifyDone } from '../notify.ts';
import { CHANNELS } from '../options.ts';
import { FieldRefusal, RefusalAlert, refusalOf, RuleLink } from '../RuleRefusal.tsx';
import type { Channel, MeetingDetail } from '../types.ts';

const PLANNING = ['draft', 'scheduled', 'postponed'];

/**
 * Issue 14: recording the publication and announcing are one step, and the R-26
 * invitations of the unit head and the akimat go out through Esep in the same step. The outlet is
 * the one the districts used last time.
 */
export function AnnounceStep({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  const queryClient = useQueryClient();
  const last = meeting.lastPublication;
  const [channel, setChannel] = useState<Channel>(last?.channel ?? 'social_network');
  const [outlet, setOutlet] = useState(last?.outlet ?? '');
  const [publishedOn, setPublishedOn] = useState(todayIso());
  const required = meeting.invitations.filter((i) => i.required && i.status !== 'draft' && i.status !== 'declined');
  const needsInvitations = !['police_leadership', 'akimat'].every((c) => required.some((i) => i.category === c));
  const [invite, setInvite] = useState(needsInvitations);
  const [missing, setMissing] = useState(false);
  const withPublication = !meeting.notice.given || meeting.practice;
  const announce = useMutation({
    mutationFn: () => transitionMeeting(meeting.id, {
      action: 'announce',
      ...(withPublication && outlet.trim() ? { publication: { channel, outlet: outlet.trim(), publishedOn } } : {}),
      ...(invite && needsInvitations ? { inviteRequired: true } : {}),
    }),
    onSuccess: (detail) => {
      meetingChanged(queryClient, detail);
      notifyDone(t('actionDone.announce'));
    },
  });
  if (!meeting.abilities.update || !PLANNING.includes(meeting.status)) return null;
  const refusal = announce.isError ? refusalOf(announce.error) : null;
  const fieldError = (field: string) => (refusal && refusal.field === field ? <FieldRefusal refusal={refusal} /> : undefined);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const empty = withPublication && !meeting.practice && !outlet.trim();
    setMissing(empty);
    if (!empty) announce.mutate();
  };

  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="form" onSubmit={submit} aria-labelledby="announce-step-title" data-testid="announce-step">
      <Stack gap="sm">
        <Text fw={700} id="announce-step-title">{t('tasks.announce.title')}</Text>
        <Text size="sm">{t('tasks.announce.intro', { deadline: formatDate(meeting.notice.deadline, language) })} (<RuleLink rule="R-27.1" />)</Text>
        {withPublication && (
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NativeSelect size="md" label={t('announce.channel')} value={channel} onChange={(e) => setChannel(e.currentTarget.value as Channel)}
              data={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))} data-testid="announce-step-channel" />
            <TextInput size="md" label={t('announce.outlet')} placeholder={t('announce.outletPlaceholder')} value={outlet}
              onChange={(e) => setOutlet(e.currentTarget.value)} withAsterisk={!meeting.practice} maxLength={300}
              error={missing ? t('announce.outletRequired') : fieldError('outlet')} data-testid="announce-step-outlet" />
            <TextInput size="md" type="date" label={t('announce.date')} max={todayIso()} value={publishedOn}
              onChange={(e) => setPublishedOn(e.currentTarget.value)} error={fieldError('publishedOn')} data-testid="announce-step-date" />
          </SimpleGrid>
        )}
        {needsInvitations && (
          <Checkbox size="md" checked={invite} onChange={(e) => setInvite(e.currentTarget.checked)} data-testid="announce-invite"
            label={<>{t('tasks.announce.invite')} (<RuleLink rule="R-26" />)</>} description={t('tasks.announce.inviteHint')} />
        )}
        {refusal && <RefusalAlert error={announce.error} testId="action-error" title={t('meeting.actionRefused')} />}
        <Button type="submit" size="md" leftSection={<IconSpeakerphone size={18} aria-hidden />} loading={announce.isPending}
          style={{ alignSelf: 'flex-start' }} data-testid="action-announce">
          {t('tasks.announce.submit')}
        </Button>
      </Stack>
    </Paper>
  );
}
