import { Alert, Anchor, Button, Group, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertTriangle, IconArrowLeft, IconCalendarTime, IconCloudOff, IconCloudUpload, IconCircleCheck, IconFileText, IconListCheck, IconLock, IconRefresh } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../app/api.ts';
import { formatLongDateTime, meetingTitle } from '../../app/format.ts';
import { ErrorAlert, MessagePage, PageLoader } from '../../app/status.tsx';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { fetchMeeting, meetingKeys } from '../meetings/meetings.api.ts';
import { MeetingStatusBadge } from '../meetings/StatusBadge.tsx';
import { HoldButton } from '../meetings/tasks/NextAction.tsx';
import { RuleLink } from '../meetings/RuleRefusal.tsx';
import { formatMeetingTime } from '../meetings/time.ts';
import type { MeetingStatus } from '../meetings/types.ts';
import { ItemsPanel } from './ItemsPanel.tsx';
import { LiveContext, type Live } from './LiveContext.tsx';
import { awardRows, closedReason, decisionRows, itemRows, participantCount, queueCounts, registerRows, type ClosedReason } from './live.model.ts';
import type { LiveOperationKind, LiveState } from './live.types.ts';
import './live.css';
import { AwardsPanel, DecisionsPanel } from './OutcomesPanels.tsx';
import { discardOperation, retryOperation, type Author, type OutboxOperation } from './outbox.ts';
import { RegisterPanel } from './RegisterPanel.tsx';
import { useAuthor, useLiveState, useLiveSync, useOnline, useOutbox, type LiveData, type SyncStatus } from './useLive.ts';

type Tab = 'register' | 'items' | 'decisions' | 'awards';
const TAB_OF: Record<LiveOperationKind, Tab> = { participant: 'register', item: 'items', decision: 'decisions', award: 'awards' };
const TABS: Tab[] = ['register', 'items', 'decisions', 'awards'];

/** "All saved" / "N waiting to sync" / "offline" / "K need attention", announced politely. */
function SyncIndicator({ pending, attention, offline, status, onSync }: {
  pending: number; attention: number; offline: boolean; status: SyncStatus; onSync: () => void;
}) {
  const { t } = useTranslation('live');
  return (
    <Group gap="xs" wrap="wrap" justify="flex-end">
      <div role="status" aria-live="polite" className="live-sync" data-testid="live-sync">
        {offline && <span className="live-pill live-pill-offline" data-testid="live-offline"><IconCloudOff size={16} aria-hidden />{t('sync.offline')}</span>}
        {pending > 0 && <span className="live-pill live-pill-pending" data-testid="live-pending"><IconCloudUpload size={16} aria-hidden />{t('sync.pending', { count: pending })}</span>}
        {pending === 0 && !offline && <span className="live-pill live-pill-saved" data-testid="live-saved"><IconCircleCheck size={16} aria-hidden />{t('sync.saved')}</span>}
        {attention > 0 && <span className="live-pill live-pill-attention" data-testid="live-attention"><IconAlertTriangle size={16} aria-hidden />{t('sync.attention', { count: attention })}</span>}
      </div>
      {pending > 0 && !offline && (
        <Button size="compact-sm" variant="default" leftSection={<IconRefresh size={14} aria-hidden />} onClick={onSync} data-testid="live-sync-now">{t('sync.syncNow')}</Button>
      )}
      {status.sessionEnded && <Text size="sm" c="red.9" role="alert">{t('sync.sessionEnded')}</Text>}
      {status.notAuthor && <Text size="sm" c="red.9" role="alert" data-testid="live-not-author">{t('sync.notAuthor')}</Text>}
    </Group>
  );
}

function summaryOf(op: OutboxOperation): string {
  const d = op.data as Record<string, string | undefined>;
  return d.fullName ?? d.text ?? d.recipientName ?? '';
}

/** Entries the server refused: correct and send again, or discard. */
function AttentionList({ ops, onEdit, onResend, onDiscard }: {
  ops: OutboxOperation[]; onEdit: (op: OutboxOperation) => void; onResend: (key: string) => void; onDiscard: (key: string) => void;
}) {
  const { t } = useTranslation('live');
  if (ops.length === 0) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title={t('attention.title')} data-testid="live-attention-list">
      <Stack gap="xs">
        <Text size="sm">{t('attention.hint')}</Text>
        <ul className="plain-list">
          {ops.map((op) => (
            <li key={op.clientKey} data-testid="live-attention-row">
              <Text size="sm" fw={600} className="live-text">{t(`attention.${op.kind}`)}: {summaryOf(op)}</Text>
              <Text size="sm" c="red.9">{op.error?.message || op.error?.code}</Text>
              <Group gap="xs" mt={4}>
                <Button size="compact-sm" variant="default" onClick={() => onEdit(op)}>{t('attention.edit')}</Button>
                <Button size="compact-sm" variant="default" onClick={() => onResend(op.clientKey)}>{t('attention.retry')}</Button>
                <Button size="compact-sm" variant="outline" color="red.9"
                  onClick={() => { if (window.confirm(t('attention.discardConfirm'))) onDiscard(op.clientKey); }}>{t('attention.discard')}</Button>
              </Group>
            </li>
          ))}
        </ul>
      </Stack>
    </Alert>
  );
}

/**
 * After the protocol is signed the live screen has nothing left to record: it says so plainly,
 * sums up what was recorded and leads to the protocol and the follow-up (issue 14) — no greyed form.
 */
function ClosedMeeting({ meetingId, state, ops }: { meetingId: string; state: LiveState; ops: OutboxOperation[] }) {
  const { t } = useTranslation('live');
  const counts: Array<[string, number]> = [
    [t('tabs.register'), participantCount(registerRows(state, ops))],
    [t('tabs.items'), itemRows(state, ops).filter((r) => r.state !== 'attention').length],
    [t('tabs.decisions'), decisionRows(state, ops).filter((r) => r.state !== 'attention').length],
    [t('tabs.awards'), awardRows(state, ops).filter((r) => r.state !== 'attention').length],
  ];
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="live-closed-title" data-testid="live-closed" data-reason="signed">
      <Stack gap="sm">
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <IconLock size={22} aria-hidden style={{ flex: 'none', marginTop: 2 }} />
          <Title order={2} size="h3" id="live-closed-title">{t('page.closed.title')}</Title>
        </Group>
        <Text>{t('page.closed.signed')}</Text>
        <Text fw={600} size="sm">{t('page.closed.recorded')}</Text>
        <dl className="live-counts" data-testid="live-closed-counts">
          {counts.map(([label, count]) => <div key={label}><dt>{label}</dt><dd>{count}</dd></div>)}
        </dl>
        <Group gap="sm" wrap="wrap">
          <Button component={Link} to={`/meetings/${meetingId}/protocol`} leftSection={<IconFileText size={18} aria-hidden />} data-testid="live-closed-protocol">
            {t('page.closed.protocol')}
          </Button>
          <Button component={Link} to={`/meetings/${meetingId}#meeting-followup`} variant="default" leftSection={<IconListCheck size={18} aria-hidden />}
            data-testid="live-closed-followup">
            {t('page.closed.followUp')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Recording is not open yet (or no more, for a cancelled meeting): why, in one line; the lists stay below. */
function NotOpen({ reason, waiting }: { reason: Exclude<ClosedReason, 'signed'>; waiting: boolean }) {
  const { t } = useTranslation('live');
  return (
    <Alert color="gray" variant="light" icon={<IconCalendarTime aria-hidden />} title={t('page.closed.notOpenTitle')} data-testid="live-closed" data-reason={reason}>
      {t(`page.closed.${reason}`)}{waiting && ` ${t('page.closed.waiting')}`}
    </Alert>
  );
}

function LiveView({ author, meetingId, data, ops }: { author: Author; meetingId: string; data: LiveData; ops: OutboxOperation[] }) {
  const { t } = useTranslation('live');
  const language = useLanguage();
  const online = useOnline();
  const { state } = data;
  const counts = queueCounts(ops);
  const { status, sync, add } = useLiveSync(author, meetingId, counts.pending);
  const navigate = useNavigate();
  const [tab, setTab] = useState<Tab>('register');
  const [editing, setEditingState] = useState<OutboxOperation | null>(null);
  const [paperSheet, setPaperSheet] = useState<Live['paperSheet']>(null);
  useDocumentTitle(`${t('page.title', { title: meetingTitle({ startsAt: state.meeting.startsAt, districts: state.districts }, language) })} — Esep`);

  const detail = useQuery({
    queryKey: meetingKeys.detail(meetingId),
    queryFn: ({ signal }) => fetchMeeting(meetingId, signal),
    enabled: online,
    retry: false,
    staleTime: 5 * 60_000,
  });
  const publicUrl = detail.data?.publicUrl ?? `${window.location.origin}/m/${meetingId}`;

  const resend = useCallback(async (clientKey: string, changed?: Record<string, unknown>) => {
    await retryOperation(author, clientKey, changed);
    void sync();
  }, [author, sync]);
  const setEditing = useCallback((op: OutboxOperation | null) => {
    setEditingState(op);
    if (op) setTab(TAB_OF[op.kind]);
  }, []);

  const live = useMemo<Live>(() => ({
    meetingId, state, ops, online, canRecord: state.meeting.recordingOpen, add, resend, editing, setEditing, paperSheet, setPaperSheet,
  }), [meetingId, state, ops, online, add, resend, editing, setEditing, paperSheet]);

  const count = participantCount(registerRows(state, ops));
  const offline = !online || status.networkFailed;
  const rejected = ops.filter((op) => op.state === 'rejected');
  const closed = closedReason(state.meeting);

  return (
    <LiveContext value={live}>
      <Stack gap="md" className="live-page">
        <Anchor component={Link} to={`/meetings/${meetingId}`} size="sm">
          <Group gap={4} component="span" wrap="nowrap"><IconArrowLeft size={16} aria-hidden />{t('page.back')}</Group>
        </Anchor>
        <Stack gap={4}>
          <Group gap="sm" wrap="wrap">
            <Title order={1} size="h2" data-testid="live-title">{t('page.title', { title: meetingTitle({ startsAt: state.meeting.startsAt, districts: state.districts }, language) })}</Title>
            <MeetingStatusBadge status={state.meeting.status as MeetingStatus} testId="live-status" />
          </Group>
          <Text size="sm">{formatMeetingTime(state.meeting.startsAt, state.meeting.endsAt, language)}</Text>
        </Stack>
        <div className="live-statusbar">
          <Text fw={700} size="lg" data-testid="live-count" data-count={count}>{t('page.participants', { count })}</Text>
          <SyncIndicator pending={counts.pending} attention={counts.attention} offline={offline} status={status} onSync={() => void sync()} />
        </div>
        {offline && data.snapshotAt === null && <Text size="sm" data-testid="live-offline-hint">{t('sync.offlineHint')}</Text>}
        {data.snapshotAt !== null && (
          <Alert color="gray" variant="light" icon={<IconCloudOff aria-hidden />} data-testid="live-snapshot">
            {t('page.fromSnapshot', { time: formatLongDateTime(new Date(data.snapshotAt).toISOString(), language) })}
          </Alert>
        )}
        {closed === 'signed' && <ClosedMeeting meetingId={meetingId} state={state} ops={ops} />}
        {closed && closed !== 'signed' && <NotOpen reason={closed} waiting={counts.pending > 0} />}
        <AttentionList ops={rejected} onEdit={setEditing} onResend={(key) => void resend(key)} onDiscard={(key) => void discardOperation(author, key)} />
        {closed !== 'signed' && <Tabs value={tab} onChange={(v) => v && setTab(v as Tab)} keepMounted>
          <Tabs.List aria-label={t('page.sections')} grow className="live-tabs">
            {TABS.map((name) => <Tabs.Tab key={name} value={name} data-testid={`live-tab-${name}`}>{t(`tabs.${name}`)}</Tabs.Tab>)}
          </Tabs.List>
          <Tabs.Panel value="register" pt="md"><RegisterPanel publicUrl={publicUrl} /></Tabs.Panel>
          <Tabs.Panel value="items" pt="md"><ItemsPanel /></Tabs.Panel>
          <Tabs.Panel value="decisions" pt="md"><DecisionsPanel /></Tabs.Panel>
          <Tabs.Panel value="awards" pt="md"><AwardsPanel /></Tabs.Panel>
        </Tabs>}
        {/* Issue 14: the meeting ends here — "held", then straight to the protocol, signed the same day. */}
        {closed === null && detail.data?.abilities.update && detail.data.availableActions.includes('hold') && (
          <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="live-finish-title" data-testid="live-finish">
            <Stack gap="xs">
              <Title order={2} size="h4" id="live-finish-title">{t('page.finish.title')}</Title>
              <Text size="sm">{counts.pending > 0 ? t('page.finish.waiting') : <>{t('page.finish.text')} (<RuleLink rule="R-32.3" />)</>}</Text>
              {counts.pending === 0 && online && (
                <Group><HoldButton meeting={detail.data} primary={false} onHeld={() => navigate(`/meetings/${meetingId}/protocol`)} /></Group>
              )}
            </Stack>
          </Paper>
        )}
      </Stack>
    </LiveContext>
  );
}

/** `/meetings/:id/live` — the live meeting screen, offline-first. */
export function LivePage() {
  const { t } = useTranslation('live');
  const { id = '' } = useParams();
  const author = useAuthor();
  if (author.isPending) return <PageLoader />;
  if (author.isError) {
    return (
      <Stack gap="md">
        <Title order={1}>{t('tabs.register')}</Title>
        <ErrorAlert error={author.error} title={isApiError(author.error, 0) ? t('page.noKey') : undefined} onRetry={() => void author.refetch()} />
      </Stack>
    );
  }
  return <LiveOfAuthor key={author.data.userId} author={author.data} meetingId={id} />;
}

/** The screen for the logged-in user: his entries on this device, his saved register. */
function LiveOfAuthor({ author, meetingId }: { author: Author; meetingId: string }) {
  const { t } = useTranslation('live');
  const query = useLiveState(author, meetingId);
  const ops = useOutbox(author, meetingId);
  if (query.isPending || ops === undefined) return <PageLoader />;
  if (query.isError) {
    if (isApiError(query.error, 404) || isApiError(query.error, 400)) {
      return <MessagePage title={t('page.notFoundTitle')} text={t('page.notFoundText')} />;
    }
    return (
      <Stack gap="md">
        <Title order={1}>{t('tabs.register')}</Title>
        <ErrorAlert error={query.error} title={isApiError(query.error, 0) ? t('page.noSnapshot') : undefined} onRetry={() => void query.refetch()} />
      </Stack>
    );
  }
  return <LiveView author={author} meetingId={meetingId} data={query.data} ops={ops} />;
}
