import { Alert, Anchor, Button, Group, Modal, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconLock, IconLockOpen, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatLongDate, formatLongDateTime, formatNumber, todayIso } from '../../app/format.ts';
import { ErrorAlert, PageLoader, Revealed } from '../../app/status.tsx';
import { DataTable } from '../../app/table.tsx';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { notifyDone } from '../meetings/notify.ts';
import { RefusalAlert, RuleLink } from '../meetings/RuleRefusal.tsx';
import { TONE } from '../meetings/StatusBadge.tsx';
import {
  adminKeys, fetchRetention, formatSize, placeLegalHold, releaseLegalHold, removeExpired, type RetentionEntry, type RetentionList,
  type RetentionRemovalResult,
} from './admin.api.ts';

interface MeetingGroup { meetingId: string; meetingNumber: string; meetingDate: string; entries: RetentionEntry[]; size: number }

function groupByMeeting(items: readonly RetentionEntry[]): MeetingGroup[] {
  const groups = new Map<string, MeetingGroup>();
  for (const e of items) {
    const g = groups.get(e.meetingId) ?? { meetingId: e.meetingId, meetingNumber: e.meetingNumber, meetingDate: e.meetingDate, entries: [], size: 0 };
    g.entries.push(e);
    g.size += e.size;
    groups.set(e.meetingId, g);
  }
  return [...groups.values()].sort((a, b) => a.meetingDate.localeCompare(b.meetingDate));
}

/** a legal hold keeps a meeting's materials past retention; it needs a reason. */
function HoldModal({ group, onClose }: { group: MeetingGroup; onClose: () => void }) {
  const { t } = useTranslation('followup');
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const hold = useMutation({
    mutationFn: () => placeLegalHold(group.meetingId, reason.trim()),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.allRetention });
      notifyDone(t('retention.held', { number: group.meetingNumber }));
      onClose();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (reason.trim()) hold.mutate();
  };
  return (
    <Modal opened onClose={onClose} title={t('retention.holdTitle', { number: group.meetingNumber })} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate data-testid="hold-form">
        <Stack gap="sm">
          <Text size="sm">{t('retention.holdIntro')}</Text>
          {hold.isError && <RefusalAlert error={hold.error} testId="hold-error" />}
          <Textarea label={t('retention.holdReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required autosize minRows={2}
            maxLength={1000} error={tried && !reason.trim() ? t('retention.holdReasonRequired') : undefined} data-testid="hold-reason" data-autofocus />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" leftSection={<IconLock size={16} aria-hidden />} loading={hold.isPending} data-testid="hold-submit">{t('retention.hold')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The removal is a human decision: the count and size are shown again before anything is deleted. */
function RemoveModal({ list, onClose, onRemoved }: { list: RetentionList; onClose: () => void; onRemoved: (result: RetentionRemovalResult) => void }) {
  const { t } = useTranslation('followup');
  const language = useLanguage();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => removeExpired(list.asOf),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.allRetention });
      onRemoved(result);
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('retention.confirmTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="sm" data-testid="retention-confirm">
        <Text>{t('retention.confirmText', { count: list.count, size: formatSize(list.totalSize, language), date: formatLongDate(list.cutoff, language) })}</Text>
        <Text size="sm">{t('retention.kept')}</Text>
        {remove.isError && <RefusalAlert error={remove.error} testId="retention-remove-error" />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>{t('common.cancel')}</Button>
          <Button color="red.9" leftSection={<IconTrash size={16} aria-hidden />} loading={remove.isPending} onClick={() => remove.mutate()} data-testid="retention-remove-confirm">
            {t('retention.removeConfirm', { count: list.count })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function HeldMeetings({ list }: { list: RetentionList }) {
  const { t } = useTranslation('followup');
  const queryClient = useQueryClient();
  const release = useMutation({
    mutationFn: (meetingId: string) => releaseLegalHold(meetingId),
    onSuccess: () => { void queryClient.invalidateQueries({ queryKey: adminKeys.allRetention }); notifyDone(t('retention.released')); },
  });
  if (list.heldMeetings.length === 0) return null;
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">{t('retention.heldTitle')}</Title>
      {release.isError && <ErrorAlert error={release.error} />}
      <ul className="plain-list" data-testid="retention-held">
        {list.heldMeetings.map((h) => (
          <li key={h.meetingId}>
            <Group justify="space-between" gap="xs" wrap="wrap">
              <div style={{ minWidth: 0 }}>
                <Anchor component={Link} to={`/meetings/${h.meetingId}`} fw={600}>{h.meetingNumber}</Anchor>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>{t('retention.holdReason')}: {h.reason}</Text>
              </div>
              <Button size="compact-sm" variant="default" leftSection={<IconLockOpen size={14} aria-hidden />}
                loading={release.isPending && release.variables === h.meetingId} onClick={() => release.mutate(h.meetingId)}
                aria-label={`${t('retention.release')}: ${h.meetingNumber}`} data-testid="hold-release">
                {t('retention.release')}
              </Button>
            </Group>
          </li>
        ))}
      </ul>
    </Stack>
  );
}

function RetentionView({ list }: { list: RetentionList }) {
  const { t } = useTranslation('followup');
  const language = useLanguage();
  const groups = useMemo(() => groupByMeeting(list.items), [list.items]);
  const [holding, setHolding] = useState<MeetingGroup | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [removed, setRemoved] = useState<RetentionRemovalResult | null>(null);
  return (
    <Stack gap="sm">
      <Text size="sm">{t('retention.cutoff', { days: list.retentionDays, date: formatLongDate(list.cutoff, language) })} (<RuleLink rule="R-32.6" />)</Text>
      <dl className="facts" data-testid="retention-totals" data-count={list.count} data-size={list.totalSize}>
        <dt>{t('retention.count')}</dt><dd>{formatNumber(list.count, language)}</dd>
        <dt>{t('retention.totalSize')}</dt><dd>{formatSize(list.totalSize, language)}</dd>
        <dt>{t('retention.meetings')}</dt><dd>{formatNumber(groups.length, language)}</dd>
      </dl>
      {removed && (
        <Revealed>
          <Alert color={TONE.green} role="status" title={t('retention.removedTitle')} data-testid="retention-removed">
            {t('retention.removedText', { count: removed.count, size: formatSize(removed.totalSize, language), files: removed.filesDeleted, at: formatLongDateTime(removed.removedAt, language) })}
          </Alert>
        </Revealed>
      )}
      {/* A meeting's cell spans its files; on a phone it heads the card of its first file. */}
      <DataTable
        label={t('retention.tableLabel')}
        minWidth={720}
        striped={false}
        testId="retention-table"
        rows={groups.flatMap((g) => g.entries.map((e, index) => ({ g, e, index })))}
        rowKey={({ e }) => e.reference}
        rowProps={({ e }) => ({ 'data-testid': 'retention-row', 'data-kind': e.kind })}
        empty={t('retention.none')}
        columns={[
          {
            id: 'meeting', header: t('retention.meeting'), stack: 'title',
            rowSpan: ({ g, index }) => (index === 0 ? g.entries.length : 0),
            cellProps: () => ({ style: { verticalAlign: 'top' } }),
            cell: ({ g }) => (
              <Stack gap={4} align="flex-start">
                <Anchor component={Link} to={`/meetings/${g.meetingId}`} fw={600}>{g.meetingNumber}</Anchor>
                <Text size="sm" fw={400}>{formatDate(g.meetingDate, language)} · {formatSize(g.size, language)}</Text>
                <Button size="compact-sm" variant="default" leftSection={<IconLock size={14} aria-hidden />} onClick={() => setHolding(g)}
                  aria-label={`${t('retention.hold')}: ${g.meetingNumber}`} data-testid="hold-open">
                  {t('retention.hold')}
                </Button>
              </Stack>
            ),
          },
          { id: 'kind', header: t('retention.kind'), cell: ({ e }) => t(`retention.kinds.${e.kind}`) },
          { id: 'file', header: t('retention.file'), cell: ({ e }) => <Text size="sm" style={{ overflowWrap: 'anywhere' }}>{e.fileName ?? e.reference}</Text> },
          { id: 'size', header: t('retention.size'), align: 'right', nowrap: true, cell: ({ e }) => formatSize(e.size, language) },
        ]}
      />
      <Group>
        <Button color="red.9" leftSection={<IconTrash size={16} aria-hidden />} disabled={list.count === 0} onClick={() => setConfirming(true)} data-testid="retention-remove">
          {t('retention.remove')}
        </Button>
      </Group>
      <HeldMeetings list={list} />
      {holding && <HoldModal group={holding} onClose={() => setHolding(null)} />}
      {confirming && <RemoveModal list={list} onClose={() => setConfirming(false)} onRemoved={setRemoved} />}
    </Stack>
  );
}

/**
 * video, scans and attachments are kept at least a year from the meeting date. The list
 * is a dry run; removal deletes the files and records what was removed, when and by whom.
 */
export function RetentionPanel() {
  const { t } = useTranslation('followup');
  const [asOf, setAsOf] = useState(todayIso());
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(asOf);
  const query = useQuery({ queryKey: adminKeys.retention(asOf), queryFn: ({ signal }) => fetchRetention(asOf, signal), enabled: valid });
  return (
    <Stack gap="sm" data-testid="admin-retention">
      <Text size="sm">{t('retention.intro')}</Text>
      <TextInput type="date" label={t('retention.asOf')} description={t('retention.asOfHint')} value={asOf} onChange={(e) => setAsOf(e.currentTarget.value)}
        maw={260} data-testid="retention-as-of" />
      {valid && query.isPending && <PageLoader />}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && <RetentionView key={query.data.asOf} list={query.data} />}
    </Stack>
  );
}
