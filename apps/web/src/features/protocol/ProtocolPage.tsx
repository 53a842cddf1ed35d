import { signingTimeliness } from '@esep/domain';
import { Alert, Anchor, Badge, Button, CopyButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertTriangle, IconCheck, IconCircleCheck, IconClock, IconCopy, IconFileTypeDocx, IconFileTypePdf } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../app/api.ts';
import { ErrorAlert, MessagePage, PageLoader } from '../../app/status.tsx';
import { shortUrl } from '../../app/url.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { hasRole, useCurrentUser } from '../auth/session.tsx';
import { wrappingButton } from '../meetings/buttons.ts';
import { fetchMeeting, meetingKeys } from '../meetings/meetings.api.ts';
import '../meetings/meetings.css';
import { PLANNER_ROLES } from '../meetings/roles.ts';
import { RuleLink } from '../meetings/RuleRefusal.tsx';
import { badgeStyles, TONE } from '../meetings/StatusBadge.tsx';
import { formatMeetingTime } from '../meetings/time.ts';
import type { MeetingDetail } from '../meetings/types.ts';
import { VideoPanel } from '../video/VideoPanel.tsx';
import { Addenda } from './Addenda.tsx';
import { ProtocolDocument, ReassembleButton } from './ProtocolDocument.tsx';
import { fetchProtocol, protocolDocumentUrl, protocolKeys, signProtocol, type DocumentCopy, type Protocol } from './protocol.api.ts';
import { SignButton, SignerList } from './Signatures.tsx';
import { formatLongDate, formatLongDateTime, meetingTitle } from '../../app/format.ts';
import { PALETTE } from '../../app/design.ts';

function Section({ id, title, rule, children, testId }: { id: string; title: string; rule?: string; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby={id} data-testid={testId}>
      <Title order={2} size="h4" mb="sm" id={id}>
        {title}{rule && <Text span size="sm" fw={400} c="gray.8"> (<RuleLink rule={rule} />)</Text>}
      </Title>
      {children}
    </Paper>
  );
}

/** sign on the meeting day (Asia/Almaty); later is late and needs a reason. */
function Timeliness({ protocol }: { protocol: Protocol }) {
  const { t } = useTranslation('protocol');
  const language = useLanguage();
  const date = formatLongDate(protocol.meetingDate, language);
  if (protocol.status === 'signed') {
    const when = protocol.signedAt ? formatLongDateTime(protocol.signedAt, language) : '';
    if (protocol.timeliness === 'late') {
      return (
        <Alert color={TONE.orange} variant="light" icon={<IconAlertTriangle aria-hidden />} title={t('timeliness.signedLate', { when })}
          data-testid="protocol-timeliness" data-timeliness="late">
          <Text size="sm">{t('timeliness.reason')}: {protocol.lateReason ?? '—'} (<RuleLink rule="R-32.3" />)</Text>
        </Alert>
      );
    }
    return (
      <Alert color={TONE.green} variant="light" icon={<IconCircleCheck aria-hidden />} data-testid="protocol-timeliness" data-timeliness="on_time">
        {t('timeliness.signedOnTime', { when, date })} (<RuleLink rule="R-32.3" />)
      </Alert>
    );
  }
  const late = protocol.signing?.lateReasonRequired ?? signingTimeliness(protocol.meetingDate, new Date()) === 'late';
  return late ? (
    <Alert color={TONE.orange} variant="light" icon={<IconAlertTriangle aria-hidden />} title={t('timeliness.lateTitle')} data-testid="protocol-timeliness" data-timeliness="late">
      {t('timeliness.late', { date })} (<RuleLink rule="R-32.3" />)
    </Alert>
  ) : (
    <Alert color={TONE.blue} variant="light" icon={<IconClock aria-hidden />} title={t('timeliness.todayTitle')} data-testid="protocol-timeliness" data-timeliness="pending">
      {t('timeliness.today', { date })} (<RuleLink rule="R-32.3" />)
    </Alert>
  );
}

function Documents({ protocol, internal }: { protocol: Protocol; internal: boolean }) {
  const { t } = useTranslation('protocol');
  const copies: DocumentCopy[] = internal ? ['public', 'internal'] : ['public'];
  return (
    <Stack gap="sm" data-testid="protocol-documents">
      {protocol.status === 'draft' && <Text size="sm" c="gray.8">{t('documents.draftNote')}</Text>}
      {copies.map((copy) => (
        <Stack gap={4} key={copy}>
          <Text size="sm" fw={600}>{t(`documents.${copy}`)}</Text>
          <Text size="xs" c="gray.8">{t(`documents.${copy}Hint`)}</Text>
          <Group gap="xs" wrap="wrap" role="group" aria-label={t(`documents.${copy}`)}>
            {(['kk', 'ru'] as const).flatMap((lang) => (['pdf', 'docx'] as const).map((format) => (
              <Button key={`${lang}-${format}`} component="a" href={protocolDocumentUrl(protocol.meetingId, format, lang, copy)} download
                variant="default" size="sm" styles={wrappingButton}
                leftSection={format === 'pdf' ? <IconFileTypePdf size={18} aria-hidden /> : <IconFileTypeDocx size={18} aria-hidden />}
                data-testid={`protocol-${format}-${lang}-${copy}`}>
                {format.toUpperCase()} · {t(`documents.lang.${lang}`)}
              </Button>
            )))}
          </Group>
        </Stack>
      ))}
    </Stack>
  );
}

/** The public verification page (the QR code on every page of the PDF leads there). */
function Verification({ protocol }: { protocol: Protocol }) {
  const { t } = useTranslation('protocol');
  const url = new URL(protocol.verifyUrl, window.location.origin).toString();
  return (
    <Stack gap="xs" data-testid="protocol-verification">
      <Text size="sm">{t('verify.intro')}</Text>
      {/* The address is shown short (host and the id's first characters) so it fits a phone on one
          line; the link and the copy button carry the whole of it. */}
      <Group gap="xs" wrap="wrap" align="center">
        <Anchor href={url} target="_blank" rel="noreferrer" title={url} style={{ overflowWrap: 'anywhere', minWidth: 0 }} data-testid="protocol-verify-link">
          {shortUrl(url)}
        </Anchor>
        <CopyButton value={url} timeout={2000}>
          {({ copied, copy }) => (
            <Button size="compact-sm" variant={copied ? 'filled' : 'light'} color={copied ? TONE.green : undefined} onClick={copy} style={{ flex: 'none' }}
              leftSection={copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />} aria-label={copied ? t('verify.copied') : t('verify.copy')}>
              {copied ? t('verify.copied') : t('verify.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      {protocol.contentHash && (
        <Text size="xs" c="gray.8" ff="monospace" style={{ overflowWrap: 'anywhere' }} data-testid="protocol-content-hash">
          {t('verify.contentHash')}: {protocol.contentHash}
        </Text>
      )}
      {(['kk', 'ru'] as const).map((lang) => protocol.pdfHashes[lang] && (
        <Text key={lang} size="xs" c="gray.8" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
          PDF ({t(`documents.lang.${lang}`)}): {protocol.pdfHashes[lang]}
        </Text>
      ))}
    </Stack>
  );
}

function ProtocolScreen({ meeting, protocol }: { meeting: MeetingDetail; protocol: Protocol }) {
  const { t } = useTranslation('protocol');
  const language = useLanguage();
  const user = useCurrentUser();
  const title = meetingTitle(meeting, language);
  useDocumentTitle(`${t('page.title', { title })} — Esep`);
  const planner = hasRole(user, PLANNER_ROLES);
  const signed = protocol.status === 'signed';
  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/meetings/${meeting.id}`} size="sm">← {t('page.back', { title })}</Anchor>
      {/* One status: the protocol's (the meeting's own is on the meeting page; issue 14). */}
      <Group gap="sm" align="center" wrap="wrap" data-testid="protocol-header">
        <Title order={1} data-testid="protocol-title">{t('page.title', { title })}</Title>
        <Badge color={signed ? TONE.green : PALETTE.neutral} variant="filled" size="lg" tt="none" styles={badgeStyles}
          data-testid="protocol-status" data-status={protocol.status}>
          {t(`status.${protocol.status}`)}
        </Badge>
      </Group>
      <Text>{formatMeetingTime(meeting.startsAt, meeting.endsAt, language)}</Text>
      {/* "Check and sign" is for a draft; a signed protocol says when it was signed (Timeliness). */}
      {!signed && <Text size="sm" c="gray.8" data-testid="protocol-intro">{t('page.intro')} (<RuleLink rule="R-32.1" />)</Text>}

      <Timeliness protocol={protocol} />

      <Section id="protocol-signatures" title={t('signatures.title')} rule="R-32.3" testId="protocol-signatures">
        <Stack gap="sm">
          <SignerList signers={protocol.signers} signatures={protocol.signatures.filter((s) => s.addendumId === null)} testId="protocol-signers" />
          {!signed && protocol.pendingSigners.length > 0 && (
            <Text size="sm" data-testid="protocol-pending">{t('signatures.pending', { names: protocol.pendingSigners.map((s) => s.fullName).join(', ') })}</Text>
          )}
          <Group gap="sm" wrap="wrap">
            <SignButton meetingId={protocol.meetingId} signing={protocol.signing} title={t('sign.title', { title })}
              label={t('sign.open')} submit={(body) => signProtocol(protocol.meetingId, body)} testId="protocol-sign" />
          </Group>
          {protocol.status === 'draft' && protocol.editable && <ReassembleButton protocol={protocol} />}
        </Stack>
      </Section>

      {signed && (
        <Section id="protocol-verify" title={t('verify.title')} testId="protocol-verify">
          <Verification protocol={protocol} />
        </Section>
      )}

      <Section id="protocol-docs" title={t('documents.title')}>
        <Documents protocol={protocol} internal={planner} />
      </Section>

      <ProtocolDocument protocol={protocol} />

      {signed && (
        <Section id="protocol-addenda" title={t('addenda.title', { count: protocol.addenda.length })} rule="R-32.1">
          <Addenda protocol={protocol} canAdd={planner} />
        </Section>
      )}

      {planner && (
        // Video is read by those who hold the meeting (policy: video read = planners in territory).
        <Section id="protocol-video" title={t('video.title')} rule="R-32.1" testId="protocol-video">
          <VideoPanel meetingId={meeting.id} canUpload={meeting.abilities.update} />
        </Section>
      )}
    </Stack>
  );
}

/** `/meetings/:id/protocol` — the protocol of a held meeting: check, edit, sign, documents, video. */
export function ProtocolPage() {
  const { t } = useTranslation('protocol');
  const { id = '' } = useParams();
  const meeting = useQuery({ queryKey: meetingKeys.detail(id), queryFn: ({ signal }) => fetchMeeting(id, signal) });
  const protocol = useQuery({ queryKey: protocolKeys.protocol(id), queryFn: ({ signal }) => fetchProtocol(id, signal), staleTime: 0 });
  const error = meeting.error ?? protocol.error;
  if (error) {
    if (isApiError(error, 404) || isApiError(error, 400)) return <MessagePage title={t('page.notFoundTitle')} text={t('page.notFoundText')} />;
    if (isApiError(error, 409)) {
      return (
        <MessagePage title={t('page.notYetTitle')} text={t('page.notYetText')}>
          <Anchor component={Link} to={`/meetings/${id}`}>{t('page.backGeneric')}</Anchor>
        </MessagePage>
      );
    }
    return (
      <Stack gap="md">
        <Title order={1}>{t('page.titleGeneric')}</Title>
        <ErrorAlert error={error} onRetry={() => { void meeting.refetch(); void protocol.refetch(); }} />
      </Stack>
    );
  }
  if (meeting.isPending || protocol.isPending) return <PageLoader />;
  return <ProtocolScreen meeting={meeting.data!} protocol={protocol.data!} />;
}

