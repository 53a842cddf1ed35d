import { latestExtension, type WorkingCalendar } from '@esep/domain';
import { Alert, Button, Group, NativeSelect, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconCalendarPlus, IconCircleCheck, IconUserShare } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useComboboxProps } from '../../app/combobox.ts';
import { formatDate, formatLongDate, todayIso } from '../../app/format.ts';
import { ErrorAlert, Revealed } from '../../app/status.tsx';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { CopyText } from '../meetings/CopyText.tsx';
import { notifyDone } from '../meetings/notify.ts';
import { FieldRefusal, RefusalAlert, refusalOf, RuleLink } from '../meetings/RuleRefusal.tsx';
import { TONE } from '../meetings/StatusBadge.tsx';
import { assigneeOptions, type AssigneeCandidate } from './assignees.ts';
import { DueDate } from './DueDate.tsx';
import { fetchPointInspectors, followupKeys, followUpChanged, patchCheck, type Check, type NoticeChannel, type NoticeText } from './followup.api.ts';
import { NOTICE_CHANNELS } from './options.ts';
import { Facts, OverdueBadge, RecordCard, StatusBadge } from './parts.tsx';

function useCheckSaved(meetingId: string) {
  const queryClient = useQueryClient();
  return (saved: Check) => {
    queryClient.setQueryData<Check[]>(followupKeys.checks(meetingId), (list) => list?.map((c) => (c.id === saved.id ? { ...saved } : c)));
    followUpChanged(queryClient, meetingId);
  };
}

/** Who may take the meeting's checks: its police point's inspectors and its own reporting inspectors. */
export interface CheckTeam { pointId: string; inspectors: readonly AssigneeCandidate[] }

/**
 * the point lead (and the leadership above) hands an open check to another
 * inspector; the server refuses staff outside the meeting's territory (422 assignee_outside_territory).
 */
function ReassignForm({ check, team }: { check: Check; team: CheckTeam }) {
  const { t } = useTranslation('followup');
  const language = useLanguage();
  const queryClient = useQueryClient();
  const saved = useCheckSaved(check.meetingId);
  const combobox = useComboboxProps();
  const [staffId, setStaffId] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const staff = useQuery({
    queryKey: followupKeys.inspectors(team.pointId),
    queryFn: ({ signal }) => fetchPointInspectors(team.pointId, signal),
    staleTime: 5 * 60_000,
  });
  const options = assigneeOptions(staff.data?.items ?? [], team.inspectors, check.assigneeStaffId, language);
  const reassign = useMutation({
    mutationFn: (assigneeStaffId: string) => patchCheck(check.id, { assigneeStaffId }),
    onSuccess: (result) => {
      const { extensionNotice: _notice, ...rest } = result;
      saved(rest);
      void queryClient.invalidateQueries({ queryKey: followupKeys.checks(check.meetingId) });
      setStaffId(null);
      setTried(false);
      notifyDone(t('check.reassigned', { reference: check.itemReference, name: rest.assigneeName ?? '' }));
    },
  });
  const refusal = reassign.isError ? refusalOf(reassign.error) : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (staffId && !reassign.isPending) reassign.mutate(staffId);
  };
  return (
    <form onSubmit={submit} noValidate data-testid="check-reassign-form">
      <Stack gap="xs">
        <Title order={4} size="h6">{t('check.reassignTitle')} (<RuleLink rule="R-33" />)</Title>
        {staff.isError && <ErrorAlert error={staff.error} onRetry={() => void staff.refetch()} />}
        <Select
          label={t('check.reassignTo')}
          description={t('check.reassignHint')}
          placeholder={staff.isPending ? t('common.loading') : t('check.reassignPlaceholder')}
          data={options}
          value={staffId}
          onChange={(value) => { setStaffId(value); reassign.reset(); }}
          searchable
          clearable
          nothingFoundMessage={t('check.reassignNone')}
          disabled={staff.isPending}
          required
          error={tried && !staffId ? t('common.required') : refusal?.field === 'assigneeStaffId' ? <FieldRefusal refusal={refusal} /> : undefined}
          {...combobox}
          comboboxProps={{ withinPortal: true }}
          data-testid="check-reassign-staff"
        />
        {refusal && refusal.field !== 'assigneeStaffId' && <RefusalAlert error={reassign.error} testId="check-reassign-error" />}
        <Group>
          <Button type="submit" variant="default" leftSection={<IconUserShare size={16} aria-hidden />} loading={reassign.isPending} data-testid="check-reassign-submit">
            {t('check.reassign')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** APPK art. 76 ¶2: one extension by up to two months with a reason; the initiator is told. */
function ExtensionForm({ check, onNotice }: { check: Check; onNotice: (notice: NoticeText | null) => void }) {
  const { t } = useTranslation('followup');
  const language = useLanguage();
  const saved = useCheckSaved(check.meetingId);
  const latest = latestExtension(check.originalDueDate);
  const [extendTo, setExtendTo] = useState('');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const extend = useMutation({
    mutationFn: () => patchCheck(check.id, { extendTo, reason: reason.trim(), lang: language === 'kk' ? 'kk' : 'ru' }),
    onSuccess: (result) => {
      const { extensionNotice, ...rest } = result;
      saved(rest);
      onNotice(extensionNotice);
      notifyDone(t('check.extended', { date: formatLongDate(result.dueDate, language) }));
    },
  });
  const refusal = extend.isError ? refusalOf(extend.error) : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (extendTo && reason.trim()) extend.mutate();
  };
  return (
    <form onSubmit={submit} noValidate data-testid="check-extend-form">
      <Stack gap="xs">
        <Title order={4} size="h6">{t('check.extendTitle')} (<RuleLink rule="R-32.4" />)</Title>
        <Text size="sm" c="gray.8">{t('check.extendHint', { date: formatLongDate(latest, language) })}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput type="date" label={t('check.extendTo')} value={extendTo} min={check.dueDate} max={latest} required
            onChange={(e) => setExtendTo(e.currentTarget.value)}
            error={tried && !extendTo ? t('common.required') : refusal?.field === 'extendTo' ? <FieldRefusal refusal={refusal} /> : undefined}
            data-testid="check-extend-to" />
          <Textarea label={t('check.extendReason')} value={reason} required autosize minRows={1} maxLength={2000}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={tried && !reason.trim() ? t('common.required') : undefined} data-testid="check-extend-reason" />
        </SimpleGrid>
        {refusal && refusal.field !== 'extendTo' && <RefusalAlert error={extend.error} testId="check-extend-error" />}
        <Group>
          <Button type="submit" variant="default" leftSection={<IconCalendarPlus size={16} aria-hidden />} loading={extend.isPending} data-testid="check-extend-submit">
            {t('check.extend')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** the result of the check and the answer sent to the person who raised the item. */
function ResultForm({ check }: { check: Check }) {
  const { t } = useTranslation('followup');
  const language = useLanguage();
  const saved = useCheckSaved(check.meetingId);
  const [result, setResult] = useState(check.result ?? '');
  const [answerText, setAnswerText] = useState(check.answerText ?? '');
  const [answerSentOn, setAnswerSentOn] = useState(check.answerSentOn ?? todayIso());
  const [answerChannel, setAnswerChannel] = useState<NoticeChannel | ''>((check.answerChannel as NoticeChannel | null) ?? '');
  const [tried, setTried] = useState(false);
  const needsAnswer = !check.anonymous;
  const missing = {
    result: !result.trim(),
    answerText: needsAnswer && !answerText.trim(),
    answerSentOn: needsAnswer && !answerSentOn,
    answerChannel: needsAnswer && !answerChannel,
  };
  const close = useMutation({
    mutationFn: () => patchCheck(check.id, {
      result: result.trim(),
      ...(needsAnswer ? { answerText: answerText.trim(), answerSentOn, answerChannel: answerChannel || null } : {}),
      status: 'done',
    }),
    onSuccess: (r) => {
      const { extensionNotice: _notice, ...rest } = r;
      saved(rest);
      notifyDone(t('check.closed', { reference: check.itemReference }));
    },
  });
  const refusal = close.isError ? refusalOf(close.error) : null;
  const fieldError = (field: keyof typeof missing) =>
    (tried && missing[field] ? t('common.required') : refusal?.field === field ? <FieldRefusal refusal={refusal} /> : undefined);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!Object.values(missing).some(Boolean)) close.mutate();
  };
  return (
    <form onSubmit={submit} noValidate data-testid="check-result-form">
      <Stack gap="xs">
        <Title order={4} size="h6">{t('check.resultTitle')}</Title>
        <Textarea label={t('check.result')} description={t('check.resultHint')} value={result} required autosize minRows={2} maxLength={5000}
          onChange={(e) => setResult(e.currentTarget.value)} error={fieldError('result')} data-testid="check-result" />
        {needsAnswer ? (
          <>
            <Textarea label={t('check.answerText')} description={t('check.answerHint')} value={answerText} required autosize minRows={2} maxLength={5000}
              onChange={(e) => setAnswerText(e.currentTarget.value)} error={fieldError('answerText')} data-testid="check-answer" />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput type="date" label={t('check.answerSentOn')} value={answerSentOn} max={todayIso()} required
                onChange={(e) => setAnswerSentOn(e.currentTarget.value)} error={fieldError('answerSentOn')} data-testid="check-answer-sent-on" />
              <NativeSelect label={t('check.answerChannel')} value={answerChannel} required
                onChange={(e) => setAnswerChannel(e.currentTarget.value as NoticeChannel | '')}
                data={[{ value: '', label: t('common.choose') }, ...NOTICE_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))]}
                error={fieldError('answerChannel')} data-testid="check-answer-channel" />
            </SimpleGrid>
          </>
        ) : (
          <Text size="sm" c="gray.8">{t('check.anonymous')}</Text>
        )}
        {refusal && !refusal.field && <RefusalAlert error={close.error} testId="check-result-error" />}
        {refusal && refusal.field && !(refusal.field in missing) && <RefusalAlert error={close.error} testId="check-result-error" />}
        <Group>
          <Button type="submit" leftSection={<IconCircleCheck size={16} aria-hidden />} loading={close.isPending} data-testid="check-result-submit">
            {t('check.close')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CheckCard({ check, editable, calendar, team }: { check: Check; editable: boolean; calendar: WorkingCalendar | null; team: CheckTeam | null }) {
  const { t } = useTranslation('followup');
  const language = useLanguage();
  const [notice, setNotice] = useState<NoticeText | null>(null);
  const open = check.status === 'open';
  return (
    <RecordCard
      title={check.itemReference}
      badges={<>{check.overdue && open && <OverdueBadge />}<StatusBadge status={check.status} testId="check-status" /></>}
      testId="check"
      data={{ 'data-reference': check.itemReference, 'data-status': check.status, 'data-id': check.id }}
    >
      <Stack gap="sm">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{check.itemText}</Text>
        <Facts>
          <dt>{t('check.assignee')}</dt>
          <dd>{check.assigneeName ?? t('common.none')}</dd>
          <dt>{t('check.openedOn')}</dt>
          <dd>{formatDate(check.openedOn, language)}</dd>
          <dt>{t('check.dueDate')}</dt>
          <dd><DueDate dueDate={check.dueDate} closed={!open} calendar={calendar} testId="check-due" /></dd>
          {check.extended && (
            <>
              <dt>{t('check.extension')}</dt>
              <dd data-testid="check-extension">
                {t('check.extensionLine', { from: formatLongDate(check.originalDueDate, language), to: formatLongDate(check.dueDate, language) })}
                {check.extensionReason && <Text size="sm" style={{ overflowWrap: 'anywhere' }}>{check.extensionReason}</Text>}
                {check.extensionNoticeOn && <Text size="xs" c="gray.8">{t('check.extensionNoticeOn', { date: formatLongDate(check.extensionNoticeOn, language) })}</Text>}
              </dd>
            </>
          )}
          {check.result && (
            <>
              <dt>{t('check.result')}</dt>
              <dd style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="check-result-text">{check.result}</dd>
            </>
          )}
          {check.answerText && (
            <>
              <dt>{t('check.answerText')}</dt>
              <dd style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{check.answerText}</dd>
            </>
          )}
          {check.answerSentOn && (
            <>
              <dt>{t('check.answerSentOn')}</dt>
              <dd>{formatDate(check.answerSentOn, language)}{check.answerChannel && <> · {t(`channel.${check.answerChannel as NoticeChannel}`)}</>}</dd>
            </>
          )}
        </Facts>
        {notice && (
          <Revealed>
            <Alert color={TONE.blue} variant="light" title={t('check.noticeTitle')} data-testid="check-extension-notice">
              <Stack gap="sm">
                <Text size="sm">{t('check.noticeHint')}</Text>
                <CopyText label={t('common.inKazakh')} value={notice.kk} lang="kk" testId="check-notice-kk" />
                <CopyText label={t('common.inRussian')} value={notice.ru} lang="ru" testId="check-notice-ru" />
              </Stack>
            </Alert>
          </Revealed>
        )}
        {team && open && <ReassignForm check={check} team={team} />}
        {editable && open && !check.extended && <ExtensionForm check={check} onNotice={setNotice} />}
        {editable && open && <ResultForm check={check} />}
      </Stack>
    </RecordCard>
  );
}

/**
 * every item not answered in full is checked within 15 working days. `team` is given to
 * those who may reassign the checks, null for everyone else.
 */
export function ChecksList({ checks, editable, calendar, team = null }: {
  checks: Check[]; editable: boolean; calendar: WorkingCalendar | null; team?: CheckTeam | null;
}) {
  const { t } = useTranslation('followup');
  if (checks.length === 0) return <Text size="sm" c="gray.8" data-testid="checks-none">{t('check.none')}</Text>;
  return (
    <Stack gap="sm" component="ul" className="followup-list" data-testid="checks">
      {checks.map((check) => <CheckCard key={check.id} check={check} editable={editable} calendar={calendar} team={team} />)}
    </Stack>
  );
}
