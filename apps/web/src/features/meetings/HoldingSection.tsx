import { Button, CopyButton, Group, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconFileCertificate, IconFileText, IconPlayerPlay } from '@tabler/icons-react';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RuleLink } from './RuleRefusal.tsx';
import { TONE } from './StatusBadge.tsx';
import type { MeetingDetail } from './types.ts';
import { hasRole, useCurrentUser } from '../auth/session.tsx';
import { PLANNER_ROLES } from './roles.ts';

/** The video uploader (Uppy, tus) is a chunk of its own, loaded once a meeting has been held. */
const VideoPanel = lazy(() => import('../video/VideoPanel.tsx').then((m) => ({ default: m.VideoPanel })));

/** The live screen records participants and items while the meeting is announced or under way. */
const LIVE_STATUSES: ReadonlySet<MeetingDetail['status']> = new Set(['announced', 'held']);
const LINK_STATUSES: ReadonlySet<MeetingDetail['status']> = new Set(['scheduled', 'announced', 'held']);
/** the protocol exists once the meeting is held. */
const PROTOCOL_STATUSES: ReadonlySet<MeetingDetail['status']> = new Set(['held', 'protocol_signed', 'closed']);

function absolute(url: string): string {
  try {
    return new URL(url, window.location.origin).toString();
  } catch {
    return url;
  }
}

function LinkToCopy({ label, value, testId }: { label: string; value: string; testId: string }) {
  const { t } = useTranslation('report');
  return (
    <Stack gap={2}>
      <Text size="sm" fw={600}>{label}</Text>
      <Group gap="xs" wrap="nowrap" align="center">
        <Text size="sm" style={{ overflowWrap: 'anywhere', minWidth: 0 }} data-testid={testId}>{value}</Text>
        <CopyButton value={value} timeout={2000}>
          {({ copied, copy }) => (
            <Button size="compact-sm" variant={copied ? 'filled' : 'light'} color={copied ? TONE.green : undefined} onClick={copy} style={{ flex: 'none' }}
              leftSection={copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
              aria-label={`${copied ? t('holding.copied') : t('holding.copy')}: ${label}`} data-testid={`${testId}-copy`}>
              {copied ? t('holding.copied') : t('holding.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}

/**
 * Holding the meeting: the register's size (R-32.2), the items raised (R-31), decisions and
 * awards (R-34), what is carried over from earlier meetings (R-30), and the way to the live
 * screen, the report and the residents' self-registration link.
 */
export function HoldingSection({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation('report');
  const { holding } = meeting;
  const selfLink = absolute(meeting.publicUrl);
  const onlineLink = `${selfLink}${selfLink.includes('?') ? '&' : '?'}online=1`;
  const planner = hasRole(useCurrentUser(), PLANNER_ROLES);
  return (
    <Stack gap="md" data-testid="holding">
      <dl className="facts">
        <dt>{t('holding.participants')}</dt>
        <dd>
          <Text span fw={700} data-testid="holding-participant-count">{meeting.participantCount}</Text>
          <Text size="xs" c="gray.8">{t('holding.participantsNote')} (<RuleLink rule="R-32.2" />)</Text>
        </dd>
        <dt>{t('holding.items')}</dt>
        <dd data-testid="holding-items">
          {t('holding.itemsValue', { count: holding.items, unclassified: holding.unclassified })}
        </dd>
        <dt>{t('holding.decisions')}</dt>
        <dd data-testid="holding-decisions">{holding.decisions}</dd>
        <dt>{t('holding.awards')}</dt>
        <dd data-testid="holding-awards">{holding.awards}</dd>
        <dt>{t('holding.carried')}</dt>
        <dd><Text span data-testid="holding-carried">{holding.carried}</Text> <Text span size="xs" c="gray.8">(<RuleLink rule="R-30" />)</Text></dd>
      </dl>
      <Group gap="sm" wrap="wrap">
        {meeting.abilities.update && LIVE_STATUSES.has(meeting.status) && (
          <Button component={Link} to={`/meetings/${meeting.id}/live`} leftSection={<IconPlayerPlay size={16} aria-hidden />} data-testid="open-live">
            {t('holding.openLive')}
          </Button>
        )}
        <Button component={Link} to={`/meetings/${meeting.id}/report`} variant="default" leftSection={<IconFileText size={16} aria-hidden />} data-testid="open-report">
          {t('holding.openReport')}
        </Button>
        {PROTOCOL_STATUSES.has(meeting.status) && (
          <Button component={Link} to={`/meetings/${meeting.id}/protocol`} variant="default" leftSection={<IconFileCertificate size={16} aria-hidden />} data-testid="open-protocol">
            {t('link.open', { ns: 'protocol' })}
          </Button>
        )}
      </Group>
      {LINK_STATUSES.has(meeting.status) && (
        <Stack gap="sm">
          <LinkToCopy label={t('holding.selfLink')} value={selfLink} testId="holding-self-link" />
          <LinkToCopy label={t('holding.onlineLink')} value={onlineLink} testId="holding-online-link" />
          <Text size="xs" c="gray.8">{t('holding.linkHint')}</Text>
        </Stack>
      )}
      {planner && PROTOCOL_STATUSES.has(meeting.status) && (
        <Suspense fallback={null}>
          <VideoPanel meetingId={meeting.id} canUpload={meeting.abilities.update} />
        </Suspense>
      )}
    </Stack>
  );
}
