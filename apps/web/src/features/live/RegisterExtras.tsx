import { Anchor, Button, FileButton, Group, Stack, Text } from '@mantine/core';
import { IconUpload, IconUserCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/status.tsx';
import { fetchPaperSheets, liveKeys, posterUrl, uploadPaperSheet } from './live.api.ts';
import { compact, type RegisterRow } from './live.model.ts';
import type { ParticipantCategory } from './live.types.ts';
import { useLive } from './LiveContext.tsx';
import { CopyLink } from './parts.tsx';
import { PALETTE } from '../../app/design.ts';

/* The register's side panels: invited officials, paper sheets, the self-registration link. */

const OFFICIAL_CATEGORY: Record<string, ParticipantCategory> = {
  police_leadership: 'police_leadership', akimat: 'akimat', maslikhat_deputy: 'maslikhat_deputy', organisation: 'organisation', mass_media: 'media',
};

/** the required officials, each marked present with one press. */
export function Officials({ rows }: { rows: RegisterRow[] }) {
  const { t } = useTranslation('live');
  const live = useLive();
  const invitations = live.state.requiredInvitations;
  if (invitations.length === 0) return <Text size="sm" c="gray.8">{t('officials.none')}</Text>;
  const present = new Set(rows.filter((r) => r.state !== 'attention' && r.invitationId).map((r) => r.invitationId));
  const markPresent = (inv: (typeof invitations)[number]) => void live.add('participant', {
    fullName: inv.personName || inv.organisation,
    organisation: inv.organisation || null,
    category: OFFICIAL_CATEGORY[inv.category] ?? 'invited_agency',
    // Officials attend in their official capacity; the consent text is the same for everyone.
    consent: true,
    consentVersion: live.state.consent.version,
    attendance: 'in_person',
    arrivedAt: new Date().toISOString(),
    invitationId: inv.id,
  });
  return (
    <ul className="plain-list live-officials">
      {invitations.map((inv) => {
        const done = inv.participantId !== null || present.has(inv.id);
        const name = [inv.personName, inv.organisation].filter(Boolean).join(', ');
        return (
          <li key={inv.id}>
            <Group justify="space-between" gap="xs" wrap="wrap">
              <Text size="sm" style={{ minWidth: 0, flex: '1 1 180px', overflowWrap: 'anywhere' }}>{name}</Text>
              {done
                ? <Text size="sm" fw={600} c={PALETTE.success}>{t('officials.registered')}</Text>
                : <Button size="compact-sm" variant="light" leftSection={<IconUserCheck size={16} aria-hidden />} aria-label={`${t('officials.present')}: ${name}`}
                    onClick={() => markPresent(inv)} disabled={!live.canRecord} data-testid="live-official-present">{t('officials.present')}</Button>}
            </Group>
          </li>
        );
      })}
    </ul>
  );
}

/** A paper sign-in sheet: upload its scan (online), then type its entries against it. */
export function PaperSheets() {
  const { t } = useTranslation('live');
  const live = useLive();
  const queryClient = useQueryClient();
  const sheets = useQuery({
    queryKey: liveKeys.sheets(live.meetingId),
    queryFn: ({ signal }) => fetchPaperSheets(live.meetingId, signal),
    enabled: live.online,
    retry: false,
  });
  const upload = useMutation({
    mutationFn: (file: File) => uploadPaperSheet(live.meetingId, file),
    onSuccess: async (sheet) => {
      const list = await queryClient.fetchQuery({ queryKey: liveKeys.sheets(live.meetingId), queryFn: () => fetchPaperSheets(live.meetingId) }).catch(() => [sheet]);
      const index = list.findIndex((s) => s.id === sheet.id);
      live.setPaperSheet({ id: sheet.id, number: index >= 0 ? index + 1 : list.length });
    },
  });
  return (
    <Stack gap="sm">
      <Text size="sm">{t('paper.hint')}</Text>
      <Group gap="sm">
        <FileButton onChange={(file) => file && upload.mutate(file)} accept="image/png,image/jpeg,application/pdf">
          {(props) => (
            <Button {...props} variant="default" leftSection={<IconUpload size={16} aria-hidden />} loading={upload.isPending}
              disabled={!live.online || !live.canRecord} aria-label={`${t('paper.upload')}: ${t('paper.file')}`} data-testid="live-paper-upload">
              {t('paper.upload')}
            </Button>
          )}
        </FileButton>
        {!live.online && <Text size="sm" c="gray.8">{t('sync.onlineOnly')}</Text>}
      </Group>
      {upload.isError && <ErrorAlert error={upload.error} />}
      {upload.isSuccess && <Text size="sm" role="status">{t('paper.uploaded')}</Text>}
      {sheets.data && sheets.data.length > 0 && (
        <ul className="plain-list">
          {sheets.data.map((sheet, index) => (
            <li key={sheet.id}>
              <Group justify="space-between" gap="xs">
                <Anchor size="sm" href={`/api/v1/sheets/${encodeURIComponent(sheet.id)}`} target="_blank" rel="noreferrer">
                  {t('paper.sheet', { number: index + 1, entries: sheet.entries })}
                </Anchor>
                {live.paperSheet?.id === sheet.id
                  ? <Button size="compact-sm" variant="default" onClick={() => live.setPaperSheet(null)}>{t('paper.stop')}</Button>
                  : <Button size="compact-sm" variant="light" onClick={() => live.setPaperSheet({ id: sheet.id, number: index + 1 })} disabled={!live.canRecord}>{t('paper.typeFrom')}</Button>}
              </Group>
            </li>
          ))}
        </ul>
      )}
    </Stack>
  );
}

/** The QR/online links residents register themselves with, and the printable poster. */
export function SelfRegistration({ publicUrl }: { publicUrl: string }) {
  const { t } = useTranslation('live');
  const live = useLive();
  return (
    <Stack gap="sm">
      <CopyLink label={t('selfRegistration.link')} value={publicUrl} testId="live-public-link" />
      <CopyLink label={t('selfRegistration.onlineLink')} value={`${publicUrl}?online=1`} testId="live-online-link" />
      <Group gap="md">
        <Anchor size="sm" href={posterUrl(live.meetingId, 'kk')} target="_blank" rel="noreferrer">{t('selfRegistration.poster')}</Anchor>
        <Anchor size="sm" href={posterUrl(live.meetingId, 'ru')} target="_blank" rel="noreferrer">{t('selfRegistration.posterRu')}</Anchor>
      </Group>
    </Stack>
  );
}
