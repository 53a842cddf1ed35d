import { Anchor, Badge, Button, FileButton, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconSpeakerphone } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, todayIso } from '../../app/format.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { attachProof, meetingChanged, recordAnnouncement } from './meetings.api.ts';
import { CHANNELS } from './options.ts';
import { FieldRefusal, RefusalAlert, refusalOf } from './RuleRefusal.tsx';
import type { Channel, MeetingDetail } from './types.ts';
import { notifyDone } from './notify.ts';
import { badgeStyles } from './StatusBadge.tsx';
import { PALETTE } from '../../app/design.ts';

const isLink = (value: string) => /^https?:\/\//i.test(value);

/** Publications of the notice: those on or before the deadline count. */
export function AnnouncementList({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  if (meeting.announcements.length === 0) return <Text size="sm" c="gray.8">{t('announce.none')}</Text>;
  return (
    <ul className="plain-list" data-testid="announcements">
      {meeting.announcements.map((a) => (
        <li key={a.id}>
          <Group gap="xs" justify="space-between" wrap="wrap">
            <div style={{ minWidth: 0 }}>
              <Text size="sm" fw={600}>{t(`channel.${a.channel}`)}: {a.outlet}</Text>
              <Text size="sm">
                {formatDate(a.publishedOn, language)}
                {a.reference && <> · {isLink(a.reference)
                  ? <Anchor href={a.reference} target="_blank" rel="noreferrer" style={{ overflowWrap: 'anywhere' }}>{a.reference}</Anchor>
                  : a.reference}</>}
              </Text>
            </div>
            <ProofControls meeting={meeting} announcementId={a.id} hasProof={a.hasProof} voided={a.voided} />
            {a.voided
              ? <Badge styles={badgeStyles} color={PALETTE.neutral} tt="none">{t('announce.voided')}</Badge>
              : <Badge styles={badgeStyles} color={a.counts ? PALETTE.success : PALETTE.caution} tt="none">{a.counts ? t('announce.counts') : t('announce.late')}</Badge>}
          </Group>
        </li>
      ))}
    </ul>
  );
}

/** the screenshot or scan that proves a publication — view it, or attach one. */
function ProofControls({ meeting, announcementId, hasProof, voided }: { meeting: MeetingDetail; announcementId: string; hasProof: boolean; voided: boolean }) {
  const { t } = useTranslation('meetings');
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: (file: File) => attachProof(announcementId, file),
    onSuccess: () => { meetingChanged(queryClient); notifyDone(t('announce.proofAttached')); },
  });
  return (
    <Group gap="xs">
      {hasProof && <Anchor size="sm" href={`/api/v1/announcements/${announcementId}/proof`} target="_blank" rel="noreferrer" data-testid="proof-link">{t('announce.proof')}</Anchor>}
      {meeting.abilities.update && !voided && (
        <FileButton onChange={(file) => file && upload.mutate(file)} accept="image/png,image/jpeg,application/pdf">
          {(props) => <Button {...props} size="xs" variant="default" loading={upload.isPending} data-testid="proof-attach">{t('announce.attachProof')}</Button>}
        </FileButton>
      )}
      {upload.isError && <Text size="sm" c="red.8" role="alert">{upload.error.message}</Text>}
    </Group>
  );
}

/** "Record publication": where and when the notice was published. */
export function AnnouncementForm({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation('meetings');
  const queryClient = useQueryClient();
  const [channel, setChannel] = useState<Channel>('social_network');
  const [outlet, setOutlet] = useState('');
  const [publishedOn, setPublishedOn] = useState(todayIso());
  const [reference, setReference] = useState('');
  const [missing, setMissing] = useState(false);
  const save = useMutation({
    mutationFn: () => recordAnnouncement(meeting.id, { channel, outlet: outlet.trim(), publishedOn, reference: reference.trim() || null }),
    onSuccess: (detail) => {
      meetingChanged(queryClient, detail);
      notifyDone(t('announce.recorded'));
      setOutlet('');
      setReference('');
    },
  });
  const refusal = save.isError ? refusalOf(save.error) : null;
  const fieldError = (field: string) => (refusal?.field === field ? <FieldRefusal refusal={refusal} /> : undefined);

  return (
    <Paper withBorder p="sm" component="form" aria-labelledby="announce-form-title" data-testid="announce-form" noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setMissing(!outlet.trim() || !publishedOn);
        if (outlet.trim() && publishedOn) save.mutate();
      }}>
      <Stack gap="sm">
        <Title order={3} size="h5" id="announce-form-title">{t('announce.record')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect
            size="md"
            label={t('announce.channel')}
            value={channel}
            onChange={(e) => setChannel(e.currentTarget.value as Channel)}
            data={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
            error={fieldError('channel')}
            data-testid="announce-channel"
          />
          <TextInput
            size="md"
            label={t('announce.outlet')}
            placeholder={t('announce.outletPlaceholder')}
            value={outlet}
            onChange={(e) => setOutlet(e.currentTarget.value)}
            error={missing && !outlet.trim() ? t('announce.outletRequired') : fieldError('outlet')}
            withAsterisk
            maxLength={300}
            data-testid="announce-outlet"
          />
          <TextInput
            size="md"
            type="date"
            label={t('announce.date')}
            max={todayIso()}
            value={publishedOn}
            onChange={(e) => setPublishedOn(e.currentTarget.value)}
            error={missing && !publishedOn ? t('wizard.missing.date') : fieldError('publishedOn')}
            withAsterisk
            data-testid="announce-date"
          />
          <TextInput
            size="md"
            label={t('announce.reference')}
            placeholder="https://"
            value={reference}
            onChange={(e) => setReference(e.currentTarget.value)}
            error={fieldError('reference')}
            maxLength={1000}
            data-testid="announce-reference"
          />
        </SimpleGrid>
        {refusal && <RefusalAlert error={save.error} testId="announce-error" />}
        <Group>
          <Button type="submit" size="md" leftSection={<IconSpeakerphone size={18} aria-hidden />} loading={save.isPending} data-testid="announce-submit">
            {t('announce.submit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
